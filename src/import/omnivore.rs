//! Omnivore's export ZIP: `metadata_<from>_to_<to>.json` (title, author, url, labels, state,
//! readingProgress, savedAt, publishedAt for each item), `content/<slug>.html` (the article as
//! Omnivore extracted it) and `highlights/<slug>.md` (each highlight a `> quote`, then its
//! labels as `#words`, then its note, highlights separated by blank lines).
//!
//! Reading the archive is bounded: no entry is read past the size limit, one article's text is in
//! memory at a time, and nothing from it is ever written under its own name, so a hostile
//! archive's paths lead nowhere.

use std::collections::HashMap;
use std::io::{Read, Seek};

use serde::Deserialize;

use crate::library::saved::escape_attribute;
use crate::timestamp::Timestamp;

/// One item of the export's metadata.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ItemMeta {
    pub slug: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// "archived" (or "Archived") for an item the person finished with.
    pub state: Option<String>,
    pub labels: Option<Vec<String>>,
    pub saved_at: Option<String>,
    pub published_at: Option<String>,
}

impl ItemMeta {
    pub fn archived(&self) -> bool {
        self.state
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("archived"))
    }

    pub fn saved(&self) -> Option<Timestamp> {
        self.saved_at.as_deref().and_then(Timestamp::parse)
    }
}

/// A highlight: the quoted text and the person's note (empty when none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub quote: String,
    pub note: String,
}

/// An item with what the archive holds for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub meta: ItemMeta,
    /// The archive entry of `content/<slug>.html`, when the archive has one small enough.
    pub content: Option<usize>,
    pub highlights: Vec<Highlight>,
}

/// An opened export: its items, with the articles' text left in the archive until asked for,
/// so an export of any size is imported one article in memory at a time.
pub struct Export<R> {
    archive: zip::ZipArchive<R>,
    max_bytes: u64,
    pub items: Vec<Item>,
}

impl<R: Read + Seek> Export<R> {
    /// Reads the metadata and highlights. Entries larger than `max_bytes` are left out (an item
    /// without its content is then fetched from its address by the importer).
    pub fn open(reader: R, max_bytes: u64) -> Result<Export<R>, String> {
        let mut archive =
            zip::ZipArchive::new(reader).map_err(|e| format!("not a ZIP archive ({e})"))?;
        let mut metadata = Vec::new();
        let mut contents = HashMap::new();
        let mut highlights = HashMap::new();
        for index in 0..archive.len() {
            let mut entry = archive.by_index(index).map_err(|e| e.to_string())?;
            let name = entry.name().map_err(|e| e.to_string())?.into_owned();
            let file = name.rsplit('/').next().unwrap_or(&name);
            if let Some(slug) = slug_of(&name, "content/", ".html") {
                if entry.size() <= max_bytes {
                    contents.insert(slug, index);
                }
            } else if file.starts_with("metadata_") && file.ends_with(".json") {
                let text = read_bounded(&mut entry, &name, max_bytes)?;
                let items: Vec<ItemMeta> =
                    serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
                metadata.extend(items);
            } else if let Some(slug) = slug_of(&name, "highlights/", ".md") {
                let text = read_bounded(&mut entry, &name, max_bytes)?;
                highlights.insert(slug, parse_highlights(&text));
            }
        }
        if metadata.is_empty() {
            return Err("has no metadata_*.json: not an Omnivore export".to_owned());
        }
        let items = metadata
            .into_iter()
            .map(|meta| Item {
                content: contents.get(&meta.slug).copied(),
                highlights: highlights.remove(&meta.slug).unwrap_or_default(),
                meta,
            })
            .collect();
        Ok(Export {
            archive,
            max_bytes,
            items,
        })
    }

    /// The text of archive entry `index` (an `Item::content`).
    pub fn content(&mut self, index: usize) -> Result<String, String> {
        let mut entry = self.archive.by_index(index).map_err(|e| e.to_string())?;
        let name = entry.name().map_err(|e| e.to_string())?.into_owned();
        read_bounded(&mut entry, &name, self.max_bytes)
    }
}

/// An entry's text, refused past `max_bytes` whatever size the archive declared for it.
fn read_bounded(entry: &mut impl Read, name: &str, max_bytes: u64) -> Result<String, String> {
    let mut bytes = Vec::new();
    entry
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "{name}: larger than {} MB",
            max_bytes / 1024 / 1024
        ));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn slug_of(name: &str, folder: &str, extension: &str) -> Option<String> {
    let at = name.find(folder)?;
    name[at + folder.len()..]
        .strip_suffix(extension)
        .map(str::to_owned)
}

/// The highlights of one `highlights/<slug>.md`.
pub fn parse_highlights(text: &str) -> Vec<Highlight> {
    let mut found: Vec<Highlight> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let finish = |found: &mut Vec<Highlight>, notes: &mut Vec<String>| {
        if let Some(last) = found.last_mut() {
            last.note = notes.join("\n\n");
        }
        notes.clear();
    };
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        if paragraph.starts_with('>') {
            finish(&mut found, &mut notes);
            let quote: Vec<&str> = paragraph
                .lines()
                .map(|line| line.strip_prefix('>').unwrap_or(line).trim())
                .filter(|line| !line.is_empty())
                .collect();
            found.push(Highlight {
                quote: quote.join("\n"),
                note: String::new(),
            });
        } else if notes.is_empty() && paragraph.split_whitespace().all(|w| w.starts_with('#')) {
            // The highlight's own labels: folio's bookmarks have none.
        } else if !found.is_empty() {
            notes.push(paragraph.to_owned());
        }
    }
    finish(&mut found, &mut notes);
    found.retain(|h| !h.quote.is_empty());
    found
}

/// A page for an item's content, carrying its metadata where folio's HTML reader finds it.
pub fn page_html(meta: &ItemMeta, content: &str) -> String {
    let mut head = String::from("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n");
    if let Some(title) = &meta.title {
        head.push_str(&format!(
            "<title>{0}</title>\n<meta property=\"og:title\" content=\"{0}\">\n",
            escape_attribute(title)
        ));
    }
    if let Some(author) = meta.author.as_deref().filter(|a| !a.trim().is_empty()) {
        head.push_str(&format!(
            "<meta name=\"author\" content=\"{}\">\n",
            escape_attribute(author)
        ));
    }
    if let Some(date) = &meta.published_at {
        head.push_str(&format!(
            "<meta property=\"article:published_time\" content=\"{}\">\n",
            escape_attribute(date)
        ));
    }
    format!("{head}</head>\n<body><article>\n{content}\n</article></body></html>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_keep_their_quote_and_note() {
        let md = "> The sleeper leaves at ten \n\n#travel #rail\n\nWorth a trip.\n\nTruly.\n\n\
            > Nobody checks tickets\n> after midnight. \n\n> A third, with no note. ";
        let found = parse_highlights(md);
        assert_eq!(
            found,
            [
                Highlight {
                    quote: "The sleeper leaves at ten".to_owned(),
                    note: "Worth a trip.\n\nTruly.".to_owned()
                },
                Highlight {
                    quote: "Nobody checks tickets\nafter midnight.".to_owned(),
                    note: String::new()
                },
                Highlight {
                    quote: "A third, with no note.".to_owned(),
                    note: String::new()
                },
            ]
        );
        assert!(parse_highlights("").is_empty());
    }

    #[test]
    fn metadata_reads_with_missing_and_null_fields() {
        let items: Vec<ItemMeta> = serde_json::from_str(
            r#"[{"id":"1","slug":"a","title":"A","author":null,"url":"https://e.com/a",
                "state":"Archived","readingProgress":100,"labels":["x"],"savedAt":"2024-05-01T10:00:00.000Z"},
               {"slug":"b","labels":null}]"#,
        )
        .unwrap();
        assert!(items[0].archived());
        assert_eq!(items[0].saved(), Timestamp::parse("2024-05-01T10:00:00Z"));
        assert_eq!(items[1].labels, None);
        assert!(!items[1].archived());
    }

    #[test]
    fn the_page_escapes_what_it_quotes() {
        let meta = ItemMeta {
            title: Some("A \"quoted\" <title>".to_owned()),
            author: Some("Ada & Bo".to_owned()),
            ..ItemMeta::default()
        };
        let page = page_html(&meta, "<p>x</p>");
        assert!(page.contains("<title>A &quot;quoted&quot; &lt;title&gt;</title>"));
        assert!(page.contains("content=\"Ada &amp; Bo\""));
    }
}
