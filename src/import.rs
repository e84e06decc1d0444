//! `folio import`: an export from another read-it-later service into the library, through the
//! same `Adder` as `folio add`, so an address already saved is never saved twice and running an
//! import again only does what is left.
//!
//! - `omnivore`: the export ZIP holds the articles' text: saved offline, labels kept, archived
//!   items marked read (a reading position at 100%), highlights made passage bookmarks.
//! - `pocket`: the CSV or HTML list holds only addresses: each is fetched (`fetch::fetch_all`,
//!   a few at a time) and saved, tags as labels, archived ones marked read.
//!
//! Every line reported quotes a URL or a title; the caller sanitizes it.

pub mod omnivore;
pub mod pocket;

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::bookmarks::anchor::{Passage, resolve_passage};
use crate::bookmarks::{ArticleRef, BookmarkStore, NewBookmark};
use crate::config::Paths;
use crate::corpus;
use crate::fetch::{self, Limits};
use crate::library::Library;
use crate::library::add::{Adder, Extra, Options, Outcome};
use crate::positions::{Position, PositionStore};

/// One article to import.
#[derive(Debug, Clone, Default)]
struct Entry {
    /// The address it is known by (what makes a second import skip it).
    url: String,
    /// The item of an Omnivore export whose text the archive holds; fetched from `url` otherwise.
    omnivore: Option<(omnivore::ItemMeta, usize)>,
    labels: Vec<String>,
    saved: Option<crate::timestamp::Timestamp>,
    archived: bool,
    highlights: Vec<omnivore::Highlight>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub saved: usize,
    pub already: usize,
    pub bookmarks: usize,
    pub marked_read: usize,
    /// Each address (or title) that failed, and why.
    pub failed: Vec<(String, String)>,
}

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub limits: Limits,
    pub jobs: usize,
}

/// Imports `file` into `library`; bookmarks and read marks go to `config`. `progress` gets a
/// line per article. `Err` when the file cannot be read as an export at all.
pub fn import_file(
    file: &Path,
    library: &Library,
    config: Option<&Paths>,
    options: &ImportOptions,
    progress: &mut dyn FnMut(String),
) -> Result<Report, String> {
    let (entries, mut export) = read_entries(file, options.limits.max_bytes)?;
    let adder = Adder::new(
        library,
        Options {
            limits: options.limits,
            force: false,
        },
    );
    let mut run = Run {
        adder,
        config,
        report: Report::default(),
        progress,
        total: entries.len(),
        done: 0,
    };
    let (offline, online): (Vec<Entry>, Vec<Entry>) =
        entries.into_iter().partition(|e| e.omnivore.is_some());
    for entry in offline {
        let result = match (
            run.adder.saved_file(&entry.url),
            &entry.omnivore,
            &mut export,
        ) {
            // Known already: its text is not even read from the archive.
            (Some(file), ..) => Ok(Outcome::AlreadySaved {
                file: file.to_owned(),
            }),
            (None, Some((meta, content)), Some(export)) => {
                export.content(*content).and_then(|content| {
                    let page = omnivore::page_html(meta, &content);
                    run.adder
                        .save_page(&entry.url, &entry.url, &page, &extra(&entry))
                })
            }
            _ => Err("the export lost this article's text".to_owned()),
        };
        run.finish(&entry, result);
    }
    let mut to_fetch = Vec::new();
    let mut queued = HashSet::new();
    for entry in online {
        match run.adder.saved_file(&entry.url) {
            // Listed twice (in one file or in two parts of an export): fetched once.
            None if !queued.insert(entry.url.clone()) => {
                run.report.already += 1;
                run.done += 1;
            }
            Some(file) => {
                let result = Ok(Outcome::AlreadySaved {
                    file: file.to_owned(),
                });
                run.finish(&entry, result);
            }
            None => to_fetch.push(entry),
        }
    }
    let urls: Vec<String> = to_fetch.iter().map(|e| e.url.clone()).collect();
    fetch::fetch_all(&urls, options.limits, options.jobs, |index, fetched| {
        let entry = &to_fetch[index];
        let result = fetched.map_err(|e| e.to_string()).and_then(|page| {
            run.adder
                .save_page(&entry.url, &page.final_url, &page.html, &extra(entry))
        });
        run.finish(entry, result);
    });
    Ok(run.report)
}

fn extra(entry: &Entry) -> Extra {
    Extra {
        labels: entry.labels.clone(),
        saved: entry.saved,
    }
}

/// An Omnivore export, read in place.
type OmnivoreExport = omnivore::Export<std::fs::File>;

/// The articles an export names, by its kind (from the extension, or a ZIP's signature), and the
/// opened archive when it is one.
fn read_entries(
    file: &Path,
    max_bytes: u64,
) -> Result<(Vec<Entry>, Option<OmnivoreExport>), String> {
    let reason = |e: std::io::Error| crate::store::without_os_error(&e);
    let mut opened = std::fs::File::open(file).map_err(reason)?;
    let mut signature = Vec::new();
    (&mut opened)
        .take(4)
        .read_to_end(&mut signature)
        .map_err(reason)?;
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if signature == b"PK\x03\x04" || extension.as_deref() == Some("zip") {
        // Read in place: an export can be far larger than memory should hold.
        let mut export = omnivore::Export::open(opened, max_bytes)?;
        let items = std::mem::take(&mut export.items);
        return Ok((
            items.into_iter().map(omnivore_entry).collect(),
            Some(export),
        ));
    }
    let mut bytes = signature;
    opened
        .take(max_bytes)
        .read_to_end(&mut bytes)
        .map_err(reason)?;
    let text = String::from_utf8_lossy(&bytes);
    let links = match extension.as_deref() {
        Some("csv") => pocket::parse_csv(&text)?,
        Some("html" | "htm") => pocket::parse_html_list(&text),
        _ => {
            return Err(
                "not an export folio knows (an Omnivore .zip, a Pocket .csv or .html list)"
                    .to_owned(),
            );
        }
    };
    let entries = links
        .into_iter()
        .map(|link| Entry {
            url: link.url,
            omnivore: None,
            labels: link.labels,
            saved: link.saved,
            archived: link.archived,
            highlights: Vec::new(),
        })
        .collect();
    Ok((entries, None))
}

fn omnivore_entry(item: omnivore::Item) -> Entry {
    let url = item
        .meta
        .url
        .clone()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| format!("omnivore:{}", item.meta.slug));
    Entry {
        labels: item.meta.labels.clone().unwrap_or_default(),
        saved: item.meta.saved(),
        archived: item.meta.archived(),
        highlights: item.highlights,
        omnivore: item.content.map(|content| (item.meta, content)),
        url,
    }
}

/// The state of one import as it goes.
struct Run<'a, 'p> {
    adder: Adder<'a>,
    config: Option<&'a Paths>,
    report: Report,
    progress: &'p mut dyn FnMut(String),
    total: usize,
    done: usize,
}

impl Run<'_, '_> {
    /// Records what became of `entry`; a newly saved one gets its read mark and bookmarks.
    fn finish(&mut self, entry: &Entry, result: Result<Outcome, String>) {
        self.done += 1;
        let counter = format!("[{}/{}]", self.done, self.total);
        let line = match result {
            Ok(Outcome::Saved { file, title }) => {
                self.report.saved += 1;
                let extras = self.after_saving(&file, entry);
                format!("{counter} saved {}: {title}{extras}", entry.url)
            }
            Ok(Outcome::AlreadySaved { .. }) => {
                self.report.already += 1;
                format!("{counter} already saved {}", entry.url)
            }
            Err(reason) => {
                self.report.failed.push((entry.url.clone(), reason.clone()));
                format!("{counter} failed {}: {reason}", entry.url)
            }
        };
        (self.progress)(line);
    }

    /// Marks the saved article read and bookmarks its highlights; says what it did.
    fn after_saving(&mut self, file: &Path, entry: &Entry) -> String {
        if !entry.archived && entry.highlights.is_empty() {
            return String::new();
        }
        let Some(config) = self.config else {
            return " (no config folder for its read mark and highlights)".to_owned();
        };
        // Loaded as the reader will load it, so the ids and blocks are the ones it will see.
        let Some(article) = corpus::load(&[PathBuf::from(file)]).articles.pop() else {
            return String::new();
        };
        let mut notes = Vec::new();
        if entry.archived {
            match mark_read(config, &article) {
                Ok(()) => {
                    self.report.marked_read += 1;
                    notes.push("read".to_owned());
                }
                Err(reason) => notes.push(format!("not marked read: {reason}")),
            }
        }
        if !entry.highlights.is_empty() {
            match bookmark_highlights(config, &article, &entry.highlights) {
                Ok(count) => {
                    self.report.bookmarks += count;
                    notes.push(format!("{count} highlights"));
                }
                Err(reason) => notes.push(format!("highlights not saved: {reason}")),
            }
        }
        format!(" ({})", notes.join(", "))
    }
}

fn mark_read(config: &Paths, article: &Article) -> Result<(), String> {
    let mut positions = PositionStore::open(config);
    if let Some(reason) = positions.disabled_reason() {
        return Err(reason.to_owned());
    }
    let last = article.blocks.len().saturating_sub(1);
    positions.set(&article.id, Position::now(last, 0, 100));
    positions.save().map_err(|e| e.to_string())
}

/// Each highlight as a passage bookmark, placed where its quote is in the article (or kept with
/// its text when folio's extraction does not have it).
fn bookmark_highlights(
    config: &Paths,
    article: &Article,
    highlights: &[omnivore::Highlight],
) -> Result<usize, String> {
    let mut store = BookmarkStore::open(config);
    if let Some(reason) = store.disabled_reason() {
        return Err(reason.to_owned());
    }
    for highlight in highlights {
        let mut passage = Passage {
            first_block: 0,
            last_block: 0,
            quote: highlight.quote.clone(),
            before: String::new(),
            after: String::new(),
            extra: Default::default(),
        };
        if let Some((first, last)) = resolve_passage(&passage, &article.blocks).blocks() {
            (passage.first_block, passage.last_block) = (first, last);
        }
        let bookmark = NewBookmark {
            article: ArticleRef {
                id: article.id.clone(),
                path: article.path.clone(),
                title: article.title.clone(),
                extra: Default::default(),
            },
            passage,
            note: highlight.note.clone(),
        };
        store.add(&bookmark).map_err(|e| e.to_string())?;
    }
    Ok(highlights.len())
}
