//! `folio list`: the articles, one a line or as JSON, with their folder and how far each has been
//! read, in an order and within a folder when asked. The order, folders and read state are the
//! interface's own (`state::library`), so the two never disagree.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{EXIT_ERROR, EXIT_NOTHING, EXIT_OK, load_reporting};
use crate::article::Article;
use crate::config::Paths;
use crate::output;
use crate::positions::{self, PositionStore};
use crate::sanitize::sanitize;
use crate::state::library::{Keys, ReadState, Sort};

pub struct Options<'a> {
    pub json: bool,
    /// `None`: the order the files are found in.
    pub sort: Option<Sort>,
    pub folder: Option<String>,
    pub config_dir: Option<&'a Path>,
    pub cache: Option<&'a crate::cache::Cache>,
}

#[derive(Serialize)]
struct Entry<'a> {
    #[serde(flatten)]
    article: &'a Article,
    reading_minutes: usize,
    /// The folder the article is in (for an mbox message, the mbox file), as a path.
    folder: &'a str,
    /// `unread`, `in progress` or `finished`.
    progress: &'static str,
    /// How far it has been read, when it has been opened.
    percent: Option<u8>,
}

pub fn run(paths: &[PathBuf], options: &Options<'_>) -> u8 {
    // A listing shows no article's text: from the cache, the blocks are not even decoded.
    let reading = crate::corpus::Reading {
        cache: options.cache,
        headers_only: true,
        ..crate::corpus::Reading::default()
    };
    let (corpus, named_failed) = load_reporting(paths, reading);
    let articles = &corpus.articles;
    let mut keys = Keys::default();
    keys.extend(articles);
    // Reading positions are read only to report them: a missing or broken file lists all unread.
    let saved: BTreeMap<String, positions::Position> = Paths::resolve(options.config_dir)
        .map(|paths| PositionStore::read(&paths).all().clone())
        .unwrap_or_default();
    let read = |index: usize| {
        let position = saved.get(&articles[index].id);
        ReadState::of(position.map(|p| p.percent), position.and_then(|p| p.mark))
    };
    let folder = match &options.folder {
        None => None,
        Some(name) => match keys.find_folder(name) {
            Some(folder) => Some(folder),
            None => {
                output::message(format!(
                    "no folder {:?} among the articles; `folio list` names each article's folder",
                    sanitize(name)
                ));
                return if named_failed {
                    EXIT_ERROR
                } else {
                    EXIT_NOTHING
                };
            }
        },
    };
    let last_read: Vec<u64> = articles
        .iter()
        .map(|a| {
            saved
                .get(&a.id)
                .map_or(0, |p| u64::try_from(p.updated.0).unwrap_or(0))
        })
        .collect();
    let order: Vec<usize> = match options.sort {
        Some(sort) => keys
            .order(sort, &last_read)
            .into_iter()
            .map(|i| i as usize)
            .collect(),
        None => (0..articles.len()).collect(),
    };
    let listed: Vec<usize> = order
        .into_iter()
        .filter(|&i| folder.is_none_or(|f| keys.folder(i) == f))
        .collect();
    if options.json {
        let entries: Vec<Entry> = listed
            .iter()
            .map(|&i| {
                let state = read(i);
                Entry {
                    article: &articles[i],
                    reading_minutes: articles[i].reading_minutes(),
                    folder: keys.folder_path(keys.folder(i)),
                    progress: state.name(),
                    percent: match state {
                        ReadState::Unread => None,
                        ReadState::InProgress(percent) => Some(percent),
                        ReadState::Finished => Some(100),
                    },
                }
            })
            .collect();
        output::json_to_stdout(&entries);
    } else {
        let several_folders = keys.folder_count() > 1;
        // Named once per folder: a name is what every folder's path does not share, and finding
        // that for each of 20,000 lines took a fifth of a listing read from the cache.
        let names: Vec<&str> = (0..keys.folder_count() as u32)
            .map(|folder| keys.folder_name(folder))
            .collect();
        output::stdout_each(listed.iter().map(|&i| {
            let folder = several_folders.then(|| names[keys.folder(i) as usize]);
            line(&articles[i], folder, read(i))
        }));
    }
    let empty = listed.is_empty();
    super::left_for_the_exit(corpus);
    if named_failed {
        EXIT_ERROR
    } else if empty {
        output::message("no articles found");
        EXIT_NOTHING
    } else {
        EXIT_OK
    }
}

/// `6134d32c49b2  Title — sci.space · Byline · 2018-06-18 · 40% read  (1234 words)`: the folder
/// when the articles come from more than one, how far it has been read when it has been opened.
fn line(article: &Article, folder: Option<&str>, read: ReadState) -> String {
    let progress = match read {
        ReadState::Unread => None,
        ReadState::InProgress(percent) => Some(format!("{percent}% read")),
        ReadState::Finished => Some("read".to_owned()),
    };
    let mut line = format!("{}  {}", article.id, article.title);
    let details: Vec<&str> = [folder, article.byline.as_deref(), article.date.as_deref()]
        .into_iter()
        .flatten()
        .chain(progress.as_deref())
        .collect();
    if !details.is_empty() {
        line.push_str(" — ");
        line.push_str(&details.join(" · "));
    }
    line.push_str(&format!("  ({} words)\n", article.word_count));
    line
}
