//! The command line: argument definitions (clap) and the non-interactive subcommands for scripts
//! and tests. `run` dispatches; the interface itself lives in `app`; `folio bookmarks` in
//! `cli::bookmarks`.
//!
//! Every string printed here comes from a sanitized `Article` or `Skipped`, so stdout never carries
//! a control sequence from a file.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgGroup, Parser, Subcommand};
use serde::Serialize;

use crate::app;
use crate::article::Article;
use crate::corpus::{self, Corpus};
use crate::search::{self, Query};
use crate::wrap;

pub mod bookmarks;

/// Exit code: the command did what was asked.
pub const EXIT_OK: u8 = 0;
/// Exit code: nothing was found (no article, no match).
pub const EXIT_NOTHING: u8 = 1;
/// Exit code: bad usage, or a named path could not be loaded.
pub const EXIT_ERROR: u8 = 2;

/// Characters of context either side of a match in a `folio search` line.
const SNIPPET_CONTEXT: usize = 60;
/// SGR bold + reverse, and reset: how `folio search` marks a match on a terminal. Written by folio
/// itself around sanitized text, never taken from a file.
const HIGHLIGHT_ON: &str = "\x1b[1;7m";
const HIGHLIGHT_OFF: &str = "\x1b[0m";

/// A terminal reader for articles: a document list beside a scrolling reader, search and passage
/// bookmarks. With no path it opens the bundled articles.
#[derive(Debug, Parser)]
#[command(name = "folio", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files and folders of articles (.txt, .md, .html, .eml, .mbox); folders are read
    /// recursively.
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
    /// Search the articles' text: one line per matching paragraph, `title:paragraph: snippet`.
    Search {
        /// Words to find, or /a regex/. Lower case matches any case; a capital makes it exact.
        /// Spaces match any run of whitespace, line breaks included.
        query: String,
        /// Files and folders of articles; the bundled articles when none are given.
        paths: Vec<PathBuf>,
        /// Print `title: N`, the number of matches in the text, for each article that matches.
        #[arg(long)]
        count: bool,
    },
    /// List the bookmarked passages by article, newest first (or as JSON, or as Markdown).
    #[command(group = ArgGroup::new("format").args(["json", "markdown"]))]
    Bookmarks {
        /// Files and folders of articles, to find each passage in; the bundled articles when none
        /// are given.
        paths: Vec<PathBuf>,
        /// Print the bookmarks as stored, each with where its passage is now, as JSON.
        #[arg(long)]
        json: bool,
        /// Print a Markdown document: a section per article, each passage as a block quote with
        /// its note.
        #[arg(long)]
        markdown: bool,
    },
}

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let config_dir = cli.config_dir;
    let code = match cli.command {
        Some(Command::List { paths, json }) => list(&paths, json),
        Some(Command::Show {
            query,
            paths,
            raw,
            width,
        }) => show(&query, &paths, raw, width),
        Some(Command::Search {
            query,
            paths,
            count,
        }) => search(&query, &paths, count),
        Some(Command::Bookmarks {
            paths,
            json,
            markdown,
        }) => {
            let output = match (json, markdown) {
                (true, _) => bookmarks::Output::Json,
                (_, true) => bookmarks::Output::Markdown,
                _ => bookmarks::Output::Plain,
            };
            bookmarks::run(config_dir.as_deref(), &paths, output)
        }
        None => interface(app::Options {
            paths: cli.paths,
            mouse: cli.mouse,
            config_dir,
        }),
    };
    ExitCode::from(code)
}

fn interface(options: app::Options) -> u8 {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "folio: the reader needs a terminal; use `folio list` or `folio show QUERY` in scripts"
        );
        return EXIT_ERROR;
    }
    app::run(&options)
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

/// `folio search`: the query is checked before anything is loaded, so a typo fails fast.
fn search(input: &str, paths: &[PathBuf], count: bool) -> u8 {
    let query = match Query::parse(input) {
        Ok(Some(query)) => query,
        Ok(None) => {
            eprintln!("folio: the search query is empty");
            return EXIT_ERROR;
        }
        Err(error) => {
            eprintln!("folio: {error}");
            return EXIT_ERROR;
        }
    };
    let (corpus, named_failed) = load_reporting(paths);
    // Lines are paragraphs, so an article whose title alone matches has nothing to print; the
    // title still ranks the articles whose text matches too.
    let hits: Vec<search::Hit> = search::search_corpus(&query, &corpus.articles)
        .into_iter()
        .filter(|hit| hit.body_matches > 0)
        .collect();
    let highlight = std::io::stdout().is_terminal();
    let out: String = hits
        .iter()
        .map(|hit| {
            let article = &corpus.articles[hit.article];
            if count {
                format!("{}: {}\n", article.title, hit.body_matches)
            } else {
                match_lines(&query, article, highlight)
            }
        })
        .collect();
    print_stdout(&out);
    let code = if hits.is_empty() {
        eprintln!("folio: no paragraph matches {input:?}");
        EXIT_NOTHING
    } else {
        EXIT_OK
    };
    if named_failed { EXIT_ERROR } else { code }
}

/// One line per block that matches, around the block's first match.
fn match_lines(query: &Query, article: &Article, highlight: bool) -> String {
    let mut out = String::new();
    for (index, block) in article.blocks.iter().enumerate() {
        if let Some(range) = query.find_iter(&block.text).next() {
            let snippet = search::snippet(&block.text, range, SNIPPET_CONTEXT);
            out.push_str(&match_line(&article.title, index, &snippet, highlight));
        }
    }
    out
}

/// `Title:3: …context match context…`, paragraphs counted from 1.
fn match_line(title: &str, block: usize, snippet: &search::Snippet, highlight: bool) -> String {
    let text = &snippet.text;
    let range = snippet.highlight.clone();
    let shown = if highlight {
        format!(
            "{}{HIGHLIGHT_ON}{}{HIGHLIGHT_OFF}{}",
            &text[..range.start],
            &text[range.clone()],
            &text[range.end..]
        )
    } else {
        text.clone()
    };
    format!("{title}:{}: {shown}\n", block + 1)
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

    #[test]
    fn a_search_line_marks_the_match_only_when_asked() {
        let snippet = search::snippet("a cold day", 2..6, 60);
        assert_eq!(match_line("T", 0, &snippet, false), "T:1: a cold day\n");
        assert_eq!(
            match_line("T", 2, &snippet, true),
            "T:3: a \x1b[1;7mcold\x1b[0m day\n"
        );
    }
}
