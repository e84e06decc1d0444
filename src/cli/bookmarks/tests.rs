//! Unit tests of grouping and the three renderings of `folio bookmarks`, on literal articles.

use super::*;
use crate::article::Format;
use crate::bookmarks::{NewBookmark, Selection};
use crate::timestamp::Timestamp;

fn article(path: &str, text: &str) -> Article {
    Article::from_text(path, "Fallback", Format::Text, text)
}

fn corpus() -> Vec<Article> {
    vec![
        article("one.txt", "First article\n\nAlpha one.\n\nAlpha two."),
        article("two.txt", "Second article\n\nBeta one.\n\nBeta two."),
    ]
}

fn bookmark(article: &Article, blocks: (usize, usize), note: &str, created: i64) -> Bookmark {
    let new =
        NewBookmark::from_selection(article, Selection::blocks(blocks.0, blocks.1), note).unwrap();
    Bookmark {
        id: format!("id{created}"),
        article: new.article,
        passage: new.passage,
        note: new.note,
        created: Timestamp(created),
        updated: Timestamp(created),
        extra: Default::default(),
    }
}

/// (The title is not a block: "Alpha one." is block 0.)
/// Bookmarks in both articles, one in an article that is not loaded and one whose passage is gone.
fn sample(articles: &[Article]) -> Vec<Bookmark> {
    let elsewhere = article("gone.txt", "Gone article\n\nGamma.");
    let mut orphan = bookmark(&articles[0], (0, 0), "", 5_000_000_000);
    orphan.passage.quote = "A sentence since deleted.".into();
    vec![
        bookmark(&articles[1], (0, 0), "", 1_000_000_000),
        bookmark(&articles[0], (0, 1), "two lines\nof note", 2_000_000_000),
        bookmark(&articles[0], (1, 1), "", 3_000_000_000),
        bookmark(&elsewhere, (0, 0), "lost", 4_000_000_000),
        orphan,
    ]
}

#[test]
fn groups_follow_the_corpus_and_list_newest_first() {
    let articles = corpus();
    let bookmarks = sample(&articles);
    let groups = group(&bookmarks, &articles);
    let shape: Vec<(&str, Vec<&str>)> = groups
        .iter()
        .map(|g| {
            let ids = g.entries.iter().map(|e| e.bookmark.id.as_str()).collect();
            (heading(g), ids)
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("First article", vec!["id3000000000", "id2000000000"]),
            ("Second article", vec!["id1000000000"]),
            (NOT_FOUND_HEADING, vec!["id5000000000", "id4000000000"]),
        ]
    );
}

#[test]
fn plain_shows_title_quote_note_and_date() {
    let articles = corpus();
    let bookmarks = sample(&articles);
    let out = plain(&group(&bookmarks, &articles));
    assert_eq!(
        out,
        "First article
  > Alpha two.
    1970-02-04
  > Alpha one.
    two lines
    of note
    1970-01-24

Second article
  > Beta one.
    1970-01-12

Not found in these articles
  > A sentence since deleted.
    1970-02-27 · from “First article”, which no longer holds this passage
  > Gamma.
    lost
    1970-02-16 · from “Gone article”, which is not loaded
"
    );
}

#[test]
fn markdown_quotes_every_line_of_a_passage() {
    let articles = corpus();
    let bookmarks = sample(&articles);
    let out = markdown(&group(&bookmarks, &articles));
    assert_eq!(
        out,
        "# Bookmarks

## First article

> Alpha two.

> Alpha one.
>
> Alpha two.

two lines
of note

## Second article

> Beta one.

## Not found in these articles

*From “First article”, which no longer holds this passage:*

> A sentence since deleted.

*From “Gone article”, which is not loaded:*

> Gamma.

lost
"
    );
}

#[test]
fn json_is_the_stored_bookmark_plus_its_anchor() {
    let mut articles = corpus();
    let bookmarks = sample(&articles);
    // Move the second article's passage down by inserting a paragraph above it.
    articles[1] = article(
        "two.txt",
        "Second article\n\nNew.\n\nBeta one.\n\nBeta two.",
    );
    let value: serde_json::Value =
        serde_json::from_str(&json(&group(&bookmarks, &articles))).unwrap();
    let by_id = |id: &str| {
        value
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["id"] == id)
            .unwrap()
            .clone()
    };
    let exact = by_id("id2000000000");
    assert_eq!(exact["note"], "two lines\nof note");
    assert_eq!(exact["passage"]["quote"], "Alpha one.\n\nAlpha two.");
    assert_eq!(exact["created"], "1970-01-24T03:33:20.000Z");
    assert_eq!(
        exact["anchor"],
        serde_json::json!({"state": "exact", "first_block": 0, "last_block": 1})
    );
    assert_eq!(exact["found_in"], articles[0].id.as_str());
    assert_eq!(
        by_id("id1000000000")["anchor"],
        serde_json::json!({"state": "moved", "first_block": 1, "last_block": 1})
    );
    assert_eq!(by_id("id5000000000")["anchor"]["state"], "orphaned");
    assert_eq!(
        by_id("id4000000000")["anchor"]["state"],
        "article_not_loaded"
    );
    assert_eq!(by_id("id4000000000")["found_in"], serde_json::Value::Null);
}
