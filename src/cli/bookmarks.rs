//! `folio bookmarks`: every bookmark, grouped by article, as plain lines, JSON or Markdown.
//!
//! Grouping and the three renderings are pure functions of the bookmarks and the loaded articles;
//! `run` does the loading and the printing. It only reads `bookmarks.json`: an unreadable file is
//! reported and left as it is. Every string printed comes from a sanitized `Article` or a
//! sanitized in-memory `Bookmark`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{EXIT_ERROR, EXIT_NOTHING, EXIT_OK, load_reporting};
use crate::article::Article;
use crate::bookmarks::{Anchor, Bookmark, BookmarkStore, find_article};
use crate::config::Paths;
use crate::output;

/// How `folio bookmarks` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Plain,
    Json,
    Markdown,
}

/// The heading of the last group: bookmarks whose passage or article was not found.
const NOT_FOUND_HEADING: &str = "Not found in these articles";

/// Bookmarks shown under one heading.
pub struct Group<'a> {
    /// The article, or `None` for the final group of passages not found.
    pub article: Option<&'a Article>,
    pub entries: Vec<Entry<'a>>,
}

/// One bookmark and where it is now.
pub struct Entry<'a> {
    pub bookmark: &'a Bookmark,
    /// The article it was found in (by id, or by title after a move) and the passage's anchor
    /// there; `None` when no loaded article is it.
    pub found: Option<(&'a Article, Anchor)>,
}

/// Groups bookmarks by article in corpus order, newest first within a group; bookmarks whose
/// passage is gone or whose article is not loaded go to a final group.
pub fn group<'a>(bookmarks: &'a [Bookmark], articles: &'a [Article]) -> Vec<Group<'a>> {
    let mut by_article: Vec<Vec<Entry>> = articles.iter().map(|_| Vec::new()).collect();
    let mut not_found = Vec::new();
    for bookmark in bookmarks {
        let found = find_article(bookmark, articles);
        let entry = Entry { bookmark, found };
        match found {
            Some((article, anchor)) if anchor != Anchor::Orphaned => {
                // find_article returns a reference into `articles`: its index is its position.
                let index = articles
                    .iter()
                    .position(|a| std::ptr::eq(a, article))
                    .unwrap_or_default();
                by_article[index].push(entry);
            }
            _ => not_found.push(entry),
        }
    }
    let newest_first = |entries: &mut Vec<Entry>| {
        entries.sort_by(|a, b| {
            (b.bookmark.created, &b.bookmark.id).cmp(&(a.bookmark.created, &a.bookmark.id))
        });
    };
    let mut groups: Vec<Group> = articles
        .iter()
        .zip(by_article)
        .filter(|(_, entries)| !entries.is_empty())
        .map(|(article, mut entries)| {
            newest_first(&mut entries);
            Group {
                article: Some(article),
                entries,
            }
        })
        .collect();
    if !not_found.is_empty() {
        newest_first(&mut not_found);
        groups.push(Group {
            article: None,
            entries: not_found,
        });
    }
    groups
}

fn heading<'a>(group: &Group<'a>) -> &'a str {
    group
        .article
        .map_or(NOT_FOUND_HEADING, |a| a.title.as_str())
}

/// Why an entry of the final group is there, naming the article as the bookmark saved it.
fn not_found_reason(entry: &Entry) -> String {
    let title = &entry.bookmark.article.title;
    match entry.found {
        Some(_) => format!("from “{title}”, which no longer holds this passage"),
        None => format!("from “{title}”, which is not loaded"),
    }
}

/// Title, then per bookmark the quote's first line, the note and the date.
pub fn plain(groups: &[Group]) -> String {
    let mut out = String::new();
    for (i, group) in groups.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(heading(group));
        out.push('\n');
        for entry in &group.entries {
            let bookmark = entry.bookmark;
            let first_line = bookmark.passage.quote.lines().next().unwrap_or_default();
            out.push_str(&format!("  > {first_line}\n"));
            for line in bookmark.note.lines() {
                out.push_str(&format!("    {line}\n"));
            }
            let mut date = bookmark.created.date();
            if group.article.is_none() {
                date.push_str(" · ");
                date.push_str(&not_found_reason(entry));
            }
            out.push_str(&format!("    {date}\n"));
        }
    }
    out
}

/// A Markdown document to share: `# Bookmarks`, a `##` heading per article, each passage as a
/// block quote with its note under it.
pub fn markdown(groups: &[Group]) -> String {
    let mut out = String::from("# Bookmarks\n");
    for group in groups {
        out.push_str(&format!("\n## {}\n", heading(group)));
        for entry in &group.entries {
            out.push('\n');
            if group.article.is_none() {
                out.push_str(&format!("*{}:*\n\n", capitalized(&not_found_reason(entry))));
            }
            for line in entry.bookmark.passage.quote.lines() {
                let line = line.trim_end();
                out.push_str(if line.is_empty() { ">" } else { "> " });
                out.push_str(line);
                out.push('\n');
            }
            let note = entry.bookmark.note.trim();
            if !note.is_empty() {
                out.push_str(&format!("\n{note}\n"));
            }
        }
    }
    out
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    #[serde(flatten)]
    bookmark: &'a Bookmark,
    /// Where the passage is now; `article_not_loaded` when no loaded article is its article.
    anchor: serde_json::Value,
    /// The id of the loaded article the bookmark was found in (differs from `article.id` after
    /// the file moved).
    found_in: Option<&'a str>,
}

/// The bookmarks as stored, in the grouped order, each with its resolved anchor.
pub fn json(groups: &[Group]) -> String {
    let entries: Vec<JsonEntry> = groups
        .iter()
        .flat_map(|group| &group.entries)
        .map(|entry| JsonEntry {
            bookmark: entry.bookmark,
            anchor: match entry.found {
                Some((_, anchor)) => serde_json::to_value(anchor).unwrap_or_default(),
                None => serde_json::json!({ "state": "article_not_loaded" }),
            },
            found_in: entry.found.map(|(article, _)| article.id.as_str()),
        })
        .collect();
    output::json(&entries)
}

/// Runs `folio bookmarks`.
pub fn run(config_dir: Option<&Path>, paths: &[PathBuf], output: Output) -> u8 {
    let Some(config) = Paths::resolve(config_dir) else {
        output::message("no config folder to read bookmarks from; name one with --config-dir");
        return EXIT_ERROR;
    };
    let store = BookmarkStore::read(&config);
    if let Some(reason) = store.disabled_reason() {
        output::message(reason);
        return EXIT_ERROR;
    }
    let (corpus, named_failed) = load_reporting(paths, crate::corpus::Reading::default());
    let groups = group(store.bookmarks(), &corpus.articles);
    let text = match output {
        Output::Plain => plain(&groups),
        Output::Json => json(&groups),
        Output::Markdown => markdown(&groups),
    };
    if !store.bookmarks().is_empty() || output == Output::Json {
        output::stdout(&text);
    }
    if named_failed {
        EXIT_ERROR
    } else if store.bookmarks().is_empty() {
        output::message("no bookmarks yet");
        EXIT_NOTHING
    } else {
        EXIT_OK
    }
}

#[cfg(test)]
mod tests;
