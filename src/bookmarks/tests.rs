//! Unit tests of the bookmark model: the file format, the change operations and their merging,
//! ids, and finding a bookmark's article. No disk; `tests/store.rs` covers the store on disk.

use super::*;
use crate::article::Format;

fn article(path: &str, text: &str) -> Article {
    Article::from_text(path, "Fallback", Format::Text, text)
}

fn bookmark(id: &str, created: i64) -> Bookmark {
    Bookmark {
        id: id.into(),
        article: ArticleRef {
            id: "6134d32c49b2".into(),
            path: "bundled/a.txt".into(),
            title: "A title".into(),
            extra: Map::new(),
        },
        passage: Passage {
            first_block: 2,
            last_block: 3,
            quote: "First.\n\nSecond.".into(),
            before: "before".into(),
            after: "after".into(),
            extra: Map::new(),
        },
        note: "a note".into(),
        created: Timestamp(created),
        updated: Timestamp(created),
        extra: Map::new(),
    }
}

#[test]
fn the_file_format_is_versioned_pretty_json() {
    let file = BookmarksFile {
        bookmarks: vec![bookmark("b1", 1_717_245_296_789)],
        ..BookmarksFile::default()
    };
    let json = serde_json::to_string_pretty(&file).unwrap();
    assert_eq!(
        json,
        r#"{
  "version": 1,
  "bookmarks": [
    {
      "id": "b1",
      "article": {
        "id": "6134d32c49b2",
        "path": "bundled/a.txt",
        "title": "A title"
      },
      "passage": {
        "first_block": 2,
        "last_block": 3,
        "quote": "First.\n\nSecond.",
        "before": "before",
        "after": "after"
      },
      "note": "a note",
      "created": "2024-06-01T12:34:56.789Z",
      "updated": "2024-06-01T12:34:56.789Z"
    }
  ]
}"#
    );
    let back: BookmarksFile = store::parse(json.as_bytes()).unwrap();
    assert_eq!(back, file);
}

#[test]
fn fields_from_a_newer_folio_survive_a_round_trip() {
    let json = r#"{"version": 1, "sync": {"peer": "x"}, "bookmarks": [{
        "id": "b1", "colour": "red",
        "article": {"id": "i", "path": "p", "title": "t"},
        "passage": {"first_block": 0, "last_block": 0, "quote": "q"},
        "created": "2024-06-01T12:34:56Z", "updated": "2024-06-01T12:34:56Z"}]}"#;
    let file: BookmarksFile = store::parse(json.as_bytes()).unwrap();
    let again = serde_json::to_value(&file).unwrap();
    assert_eq!(again["sync"]["peer"], "x");
    assert_eq!(again["bookmarks"][0]["colour"], "red");
    assert_eq!(again["bookmarks"][0]["note"], "");
}

#[test]
fn changes_merge_into_a_copy_another_process_changed() {
    // Both processes started from [a, b]. The other one removed `a` and added `c`; this one
    // adds `d` and edits `b`. Applying this one's changes to the fresh copy keeps all of it.
    let mut fresh = vec![bookmark("b", 2), bookmark("c", 3)];
    let ours = [
        Change::Insert(Box::new(bookmark("d", 4))),
        Change::UpdateNote {
            id: "b".into(),
            note: "edited".into(),
            at: Timestamp(5),
        },
    ];
    for change in &ours {
        change.apply(&mut fresh).unwrap();
    }
    let ids: Vec<&str> = fresh.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["b", "c", "d"], "a stays removed");
    assert_eq!(fresh[0].note, "edited");
    assert_eq!(fresh[0].updated, Timestamp(5));
    assert_eq!(fresh[0].created, Timestamp(2));
}

#[test]
fn remove_and_restore_round_trip_in_place() {
    let mut list = vec![bookmark("a", 1), bookmark("b", 2), bookmark("c", 3)];
    let removed = Change::Remove { id: "b".into() }
        .apply(&mut list)
        .unwrap()
        .unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        Change::Remove { id: "b".into() }.apply(&mut list).unwrap(),
        None,
        "removing twice is harmless"
    );
    Change::Insert(Box::new(removed.clone()))
        .apply(&mut list)
        .unwrap();
    Change::Insert(Box::new(removed)).apply(&mut list).unwrap();
    let ids: Vec<&str> = list.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
}

#[test]
fn editing_a_removed_bookmark_says_so() {
    let mut list = vec![bookmark("a", 1)];
    let change = Change::UpdateNote {
        id: "gone".into(),
        note: String::new(),
        at: Timestamp(9),
    };
    assert!(matches!(change.apply(&mut list), Err(StoreError::NotFound(id)) if id == "gone"));
}

#[test]
fn ids_are_unique_even_within_a_millisecond() {
    let now = Timestamp(1_717_245_296_789);
    let ids: std::collections::HashSet<String> = (0..1000).map(|_| new_id(now)).collect();
    assert_eq!(ids.len(), 1000);
    assert!(
        new_id(now).starts_with("18fd3cbc095-"),
        "time first, in hex"
    );
}

#[test]
fn a_new_bookmark_names_its_article() {
    let article = article("notes/a.txt", "A title\n\nFirst paragraph.\n\nSecond one.");
    let new = NewBookmark::from_selection(&article, Selection::blocks(1, 1), "hm").unwrap();
    assert_eq!(new.article.id, article.id);
    assert_eq!(new.article.path, "notes/a.txt");
    assert_eq!(new.article.title, article.title);
    assert_eq!(new.passage.quote, article.blocks[1].text);
    assert_eq!(
        NewBookmark::from_selection(&article, Selection::blocks(7, 7), ""),
        None
    );
}

#[test]
fn a_moved_file_is_found_by_title_when_it_holds_the_quote() {
    let text = "A title\n\nFirst paragraph.\n\nSecond one.";
    let original = article("old/a.txt", text);
    let new = NewBookmark::from_selection(&original, Selection::blocks(1, 1), "").unwrap();
    let saved = Bookmark {
        article: new.article,
        passage: new.passage,
        ..bookmark("x", 1)
    };
    let moved = [
        article("other.txt", "Other\n\nText."),
        article("new/a.txt", text),
    ];
    let (found, anchor) = find_article(&saved, &moved).unwrap();
    assert_eq!(found.path, "new/a.txt");
    assert!(matches!(anchor, Anchor::Exact { .. }));
    let rewritten = [article("new/a.txt", "A title\n\nAll new.")];
    assert!(find_article(&saved, &rewritten).is_none());
    let same_place = [article("old/a.txt", "A title\n\nAll new.")];
    let (_, anchor) = find_article(&saved, &same_place).unwrap();
    assert_eq!(anchor, Anchor::Orphaned, "found by id, passage gone");
}

#[test]
fn hand_edited_control_characters_never_reach_the_screen() {
    let mut evil = bookmark("id\x1b[2J", 1);
    evil.note = "line\x07\nnext".into();
    evil.article.title = "t\u{202e}x".into();
    let clean = sanitized(evil);
    assert_eq!(clean.note, "line^G\nnext");
    // The id is a key, never shown: kept as stored, so changes find the bookmark in the file.
    assert_eq!(clean.id, "id\x1b[2J");
    assert_eq!(clean.article.title, "t<U+202E>x");
}

#[test]
fn fields_from_a_newer_folio_are_cleaned_for_the_screen_too() {
    let mut evil = bookmark("a", 1);
    evil.extra.insert(
        "key\u{9b}".into(),
        serde_json::json!({"list": ["\u{9d}0;x\u{7}", 3, null], "bidi": "\u{202e}"}),
    );
    let clean = sanitized(evil);
    assert_eq!(
        serde_json::Value::Object(clean.extra),
        serde_json::json!({
            "key<U+009B>": {"list": ["<U+009D>0;x^G", 3, null], "bidi": "<U+202E>"}
        })
    );
}
