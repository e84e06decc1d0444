//! The command line: argument definitions (clap) and the non-interactive subcommands for scripts
//! and tests. `run` dispatches; the interface itself lives in `app`.
//!
//! Every string printed here comes from a sanitized `Article` or `Skipped`, so stdout never carries
//! a control sequence from a file.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::article::Article;
use crate::corpus::{self, Corpus};
use crate::wrap;

/// Exit code: the command did what was asked.
pub const EXIT_OK: u8 = 0;
/// Exit code: nothing was found (no article, no match).
pub const EXIT_NOTHING: u8 = 1;
/// Exit code: bad usage, or a named path could not be loaded.
pub const EXIT_ERROR: u8 = 2;

/// A terminal reader for articles: a document list beside a scrolling reader, search and passage
/// bookmarks. With no path it opens the bundled articles.
#[derive(Debug, Parser)]
#[command(name = "folio", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files and folders of articles (.txt, .md, .html); folders are read recursively.
    pub paths: Vec<PathBuf>,

    /// Where bookmarks and reading positions are kept.
    #[arg(long, env = "FOLIO_CONFIG_DIR", global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,

    /// Capture the mouse: wheel scrolling and clicking rows (the terminal's own text selection
    /// then needs Shift).
    #[arg(long)]
    pub mouse: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles: id, title, byline, date, words.
    List {
        /// Files and folders of articles; the bundled articles when none are given.
        paths: Vec<PathBuf>,
        /// Print a JSON array instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// Print one article, cleaned and wrapped (or as the file has it, with --raw).
    Show {
        /// An article id, or a part of its title (case does not matter).
        query: String,
        /// Files and folders of articles; the bundled articles when none are given.
        paths: Vec<PathBuf>,
        /// Print the file's text as it is, before cleaning (control characters still made visible).
        #[arg(long)]
        raw: bool,
        /// Wrap at this many columns; 0 puts each paragraph on one line.
        #[arg(long, value_name = "N", default_value_t = 80)]
        width: usize,
    },
}

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let code = match cli.command {
        Some(Command::List { paths, json }) => list(&paths, json),
        Some(Command::Show {
            query,
            paths,
            raw,
            width,
        }) => show(&query, &paths, raw, width),
        None => interface(&cli.paths),
    };
    ExitCode::from(code)
}

fn interface(paths: &[PathBuf]) -> u8 {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "folio: the reader needs a terminal; use `folio list` or `folio show QUERY` in scripts"
        );
        return EXIT_ERROR;
    }
    let _ = paths;
    eprintln!("folio: the interactive reader is not built yet; use `folio list` or `folio show`");
    EXIT_ERROR
}

/// Loads `paths` and reports skipped files on stderr, once each. Returns the corpus and whether a
/// path the person named failed to load.
fn load_reporting(paths: &[PathBuf]) -> (Corpus, bool) {
    let corpus = corpus::load(paths);
    for skipped in &corpus.skipped {
        eprintln!("folio: {skipped}");
    }
    for article in &corpus.articles {
        for note in &article.notes {
            eprintln!("folio: {}: {note}", article.path);
        }
    }
    let named_failed = corpus.skipped.iter().any(|s| s.named);
    (corpus, named_failed)
}

#[derive(Serialize)]
struct ListEntry<'a> {
    #[serde(flatten)]
    article: &'a Article,
    reading_minutes: usize,
}

fn list(paths: &[PathBuf], json: bool) -> u8 {
    let (corpus, named_failed) = load_reporting(paths);
    let out = if json {
        let entries: Vec<ListEntry> = corpus
            .articles
            .iter()
            .map(|article| ListEntry {
                article,
                reading_minutes: article.reading_minutes(),
            })
            .collect();
        // Serializing plain strings and numbers cannot fail.
        serde_json::to_string_pretty(&entries).unwrap_or_default() + "\n"
    } else {
        corpus.articles.iter().map(list_line).collect()
    };
    print_stdout(&out);
    if named_failed {
        EXIT_ERROR
    } else if corpus.articles.is_empty() {
        eprintln!("folio: no articles found");
        EXIT_NOTHING
    } else {
        EXIT_OK
    }
}

/// `6134d32c49b2  Title — Byline · 2018-06-18  (1234 words)`
fn list_line(article: &Article) -> String {
    let mut line = format!("{}  {}", article.id, article.title);
    let details: Vec<&str> = [&article.byline, &article.date]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !details.is_empty() {
        line.push_str(" — ");
        line.push_str(&details.join(" · "));
    }
    line.push_str(&format!("  ({} words)\n", article.word_count));
    line
}

fn show(query: &str, paths: &[PathBuf], raw: bool, width: usize) -> u8 {
    let (corpus, named_failed) = load_reporting(paths);
    let found = find_articles(&corpus.articles, query);
    let code = match found.as_slice() {
        [] => {
            eprintln!("folio: no article matches {query:?}; `folio list` shows them all");
            EXIT_NOTHING
        }
        [article] => {
            let text = if raw {
                article.raw.clone()
            } else {
                let width = if width == 0 { usize::MAX / 4 } else { width };
                wrap::to_plain_text(article, width)
            };
            print_stdout(&text);
            EXIT_OK
        }
        several => {
            eprintln!(
                "folio: {} articles match {query:?}; name one by id:",
                several.len()
            );
            for article in several {
                eprintln!("  {}  {}", article.id, article.title);
            }
            EXIT_NOTHING
        }
    };
    if named_failed { EXIT_ERROR } else { code }
}

/// The article whose id is `query` (or starts with it), else every article whose title contains
/// it, ignoring case.
pub fn find_articles<'a>(articles: &'a [Article], query: &str) -> Vec<&'a Article> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    if let Some(exact) = articles.iter().find(|a| a.id == query) {
        return vec![exact];
    }
    let lower = query.to_lowercase();
    let by_id: Vec<_> = articles
        .iter()
        .filter(|a| query.len() >= 4 && a.id.starts_with(&lower))
        .collect();
    if !by_id.is_empty() {
        return by_id;
    }
    articles
        .iter()
        .filter(|a| a.title.to_lowercase().contains(&lower))
        .collect()
}

/// Writes to stdout; a closed pipe (`folio list | head`) is not an error worth a message.
fn print_stdout(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_argument_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn articles_are_found_by_id_prefix_or_title_part() {
        let corpus = corpus::bundled();
        let first = &corpus.articles[0];
        assert_eq!(find_articles(&corpus.articles, &first.id)[0].id, first.id);
        assert_eq!(find_articles(&corpus.articles, &first.id[..6]).len(), 1);
        assert_eq!(find_articles(&corpus.articles, "COLD").len(), 1);
        assert_eq!(find_articles(&corpus.articles, "japan").len(), 2);
        assert!(find_articles(&corpus.articles, "zebra").is_empty());
        assert!(find_articles(&corpus.articles, "  ").is_empty());
    }
}
