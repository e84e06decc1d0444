//! The command line: argument definitions (clap) and the non-interactive subcommands for scripts
//! and tests. `run` dispatches; the interface itself lives in `app`; `folio bookmarks` in
//! `cli::bookmarks`.
//!
//! Every string printed here comes from a sanitized `Article` or `Skipped`, so stdout never carries
//! a control sequence from a file.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::ops::Range;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgGroup, Parser, Subcommand};

use crate::app;
use crate::article::Article;
use crate::cache::Cache;
use crate::corpus::{self, Corpus};
use crate::library::{self, Library};
use crate::output;
use crate::sanitize::sanitize;
use crate::search::{self, Hit, Query};
use crate::state::Sort;
use crate::wrap;

pub mod add;
pub mod bookmarks;
mod docs;
pub mod import;
mod list;
mod settings;

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

/// A terminal reader for articles.
///
/// A document list beside a scrolling reader, search inside an article and across all of them,
/// and passage bookmarks with notes. It reads plain text, Markdown and saved web pages. With no
/// path it opens the library of saved pages (the bundled articles while the library is empty).
// (Not in the doc comment, which is the help text:) the usage lines are written out. clap's own
// are built from the arguments it saw, so they named `--config-dir` as if required when
// FOLIO_CONFIG_DIR was set, and `--mouse` after a mistyped option. A test checks that each
// command's line names every option it has.
#[derive(Debug, Parser)]
#[command(
    name = "folio",
    version,
    override_usage = "folio [PATH...] [--mouse] [--no-cache] [--config-dir DIR] [--library DIR]
       folio list [PATH...] [--json] [--sort ORDER] [--folder NAME] [--no-cache]
       folio show QUERY [PATH...] [--raw] [--width N] [--no-cache]
       folio search QUERY [PATH...] [--count] [--no-cache]
       folio bookmarks [PATH...] [--json | --markdown]
       folio add URL|FILE|-... [--force] [--timeout SECONDS]
       folio import FILE... [--timeout SECONDS] [--jobs N]
       folio config [--default | --edit]
       folio cache [--clear]
       folio man
       folio completions SHELL"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files and folders of articles (.txt, .md, .html, .eml, .mbox); folders are read
    /// recursively.
    pub paths: Vec<PathBuf>,

    /// Where bookmarks and reading positions are kept.
    #[arg(long, env = "FOLIO_CONFIG_DIR", global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,

    /// Where saved pages are kept; opened when no path is given (the bundled articles while it
    /// is empty).
    #[arg(long, env = "FOLIO_LIBRARY", global = true, value_name = "DIR")]
    pub library: Option<PathBuf>,

    /// Capture the mouse: wheel scrolling and clicking rows (the terminal's own text selection
    /// then needs Shift).
    #[arg(long)]
    pub mouse: bool,

    /// Read every file and parse it, neither reading the cache of parsed articles nor writing it.
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles: id, title, byline, date, words.
    #[command(
        override_usage = "folio list [PATH...] [--json] [--sort ORDER] [--folder NAME] [--no-cache] [--config-dir DIR] [--library DIR]"
    )]
    List {
        /// Files and folders of articles; the library when none are given.
        paths: Vec<PathBuf>,
        /// Print a JSON array instead of lines.
        #[arg(long)]
        json: bool,
        /// Newest first (date; no date last), by title, by folder and file (path), or most
        /// recently read first (read). Without it, the order the files are found in.
        #[arg(long, value_name = "ORDER", value_parser = ["date", "title", "path", "read"])]
        sort: Option<String>,
        /// Only the articles in this folder: its name as listed (`sci.space`, an mbox file's
        /// name) or its path.
        #[arg(long, value_name = "NAME")]
        folder: Option<String>,
        /// Parse every file, without the cache of parsed articles.
        #[arg(long)]
        no_cache: bool,
    },
    /// Print one article, cleaned and wrapped (or as the file has it, with --raw).
    #[command(
        override_usage = "folio show QUERY [PATH...] [--raw] [--width N] [--no-cache] [--config-dir DIR] [--library DIR]"
    )]
    Show {
        /// An article id (4 characters of it at least), its file's name or path (as `folio search`
        /// prints it), or a part of its title (case does not matter).
        query: String,
        /// Files and folders of articles; the library when none are given.
        paths: Vec<PathBuf>,
        /// Print the file's text as it is, before cleaning (control characters still made visible).
        #[arg(long)]
        raw: bool,
        /// Wrap at this many columns; 0 puts each paragraph on one line.
        #[arg(long, value_name = "N", default_value_t = 80)]
        width: usize,
        /// Parse every file, without the cache of parsed articles.
        #[arg(long)]
        no_cache: bool,
    },
    /// Search the articles' text: one line per matching paragraph, `path:paragraph: snippet`.
    #[command(
        override_usage = "folio search QUERY [PATH...] [--count] [--no-cache] [--config-dir DIR] [--library DIR]"
    )]
    Search {
        /// Words to find, or /a regex/. Lower case matches any case; a capital makes it exact.
        /// Spaces match any run of whitespace, line breaks included.
        query: String,
        /// Files and folders of articles; the library when none are given.
        paths: Vec<PathBuf>,
        /// Print `path: N`, the number of matches in the text, for each article that matches.
        #[arg(long)]
        count: bool,
        /// Parse every file, without the cache of parsed articles.
        #[arg(long)]
        no_cache: bool,
    },
    /// List the bookmarked passages by article, newest first (or as JSON, or as Markdown).
    #[command(
        group = ArgGroup::new("format").args(["json", "markdown"]),
        override_usage = "folio bookmarks [PATH...] [--json | --markdown] [--config-dir DIR] [--library DIR]"
    )]
    Bookmarks {
        /// Files and folders of articles, to find each passage in; the library when none are
        /// given.
        paths: Vec<PathBuf>,
        /// Print the bookmarks as stored, each with where its passage is now, as JSON.
        #[arg(long)]
        json: bool,
        /// Print a Markdown document: a section per article, each passage as a block quote with
        /// its note.
        #[arg(long)]
        markdown: bool,
    },
    /// Save web pages into the library: URLs, saved pages (FILE), or a page on stdin (-).
    #[command(
        override_usage = "folio add URL|FILE|-... [--force] [--timeout SECONDS] [--library DIR]"
    )]
    Add {
        /// http:// or https:// addresses, files of saved pages, or - for standard input.
        #[arg(required = true, value_name = "URL|FILE|-")]
        sources: Vec<String>,
        /// Save again a page whose address is already in the library (replacing that file).
        #[arg(long)]
        force: bool,
        /// Give up on a page that has not fully arrived after this many seconds.
        #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = add::parse_timeout)]
        timeout: std::time::Duration,
    },
    /// Import an export into the library: an Omnivore .zip (offline, with labels, read state
    /// and highlights), or a Pocket .csv or .html list (each page fetched).
    #[command(
        override_usage = "folio import FILE... [--timeout SECONDS] [--jobs N] [--config-dir DIR] \
                          [--library DIR]"
    )]
    Import {
        /// Export files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Give up on a page that has not fully arrived after this many seconds.
        #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = add::parse_timeout)]
        timeout: std::time::Duration,
        /// Pages fetched at once.
        #[arg(long, value_name = "N", default_value = "4", value_parser = import::parse_jobs)]
        jobs: usize,
    },
    /// Print the settings in force, as a config.toml (mistakes in the file on stderr).
    #[command(
        group = ArgGroup::new("config_action").args(["default", "edit"]),
        override_usage = "folio config [--default | --edit] [--config-dir DIR]"
    )]
    Config {
        /// Print the default config.toml, every setting commented, to start from.
        #[arg(long)]
        default: bool,
        /// Open config.toml in $VISUAL or $EDITOR (made from the defaults when there is none),
        /// then check it.
        #[arg(long)]
        edit: bool,
    },
    /// Say where the cache of parsed articles is and how large (or empty it, with --clear).
    #[command(override_usage = "folio cache [--clear]")]
    Cache {
        /// Remove every cache file; the next run of each folder parses it again.
        #[arg(long)]
        clear: bool,
    },
    /// Print folio's manual page (roff), for `man -l` or to install as man1/folio.1.
    #[command(override_usage = "folio man")]
    Man,
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell).
    #[command(override_usage = "folio completions SHELL")]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

impl Cli {
    /// Parses the process's arguments. On a mistake, or for `--help` and `--version`, prints
    /// clap's text and returns the exit code instead (2 for a mistake). The text is sanitized:
    /// it quotes the arguments, and an argument can hold an escape sequence (a file name matched
    /// by a glob, say).
    pub fn parse_or_explain() -> Result<Cli, ExitCode> {
        Cli::try_parse().map_err(|error| {
            let text = error.render().to_string();
            if error.use_stderr() {
                output::stderr(&text);
            } else {
                output::stdout(&sanitize(&text));
            }
            ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(EXIT_ERROR))
        })
    }
}

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let config_dir = cli.config_dir;
    // --library, then FOLIO_LIBRARY (both through clap), then config.toml, then the data dir.
    let library_dir = cli
        .library
        .clone()
        .or_else(|| crate::config::library_dir(config_dir.as_deref()));
    let library = Library::resolve(library_dir.as_deref());
    let or_library = |paths: Vec<PathBuf>| library::paths_or_library(paths, library.as_ref());
    let code = match cli.command {
        Some(Command::List {
            paths,
            json,
            sort,
            folder,
            no_cache,
        }) => list::run(
            &or_library(paths),
            &list::Options {
                json,
                sort: sort.as_deref().and_then(Sort::parse),
                folder,
                config_dir: config_dir.as_deref(),
                cache: cache_unless(no_cache).as_ref(),
            },
        ),
        Some(Command::Show {
            query,
            paths,
            raw,
            width,
            no_cache,
        }) => show(
            &query,
            &or_library(paths),
            raw,
            width,
            cache_unless(no_cache).as_ref(),
        ),
        Some(Command::Search {
            query,
            paths,
            count,
            no_cache,
        }) => search(
            &query,
            &or_library(paths),
            count,
            cache_unless(no_cache).as_ref(),
        ),
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
            bookmarks::run(config_dir.as_deref(), &or_library(paths), output)
        }
        Some(Command::Add {
            sources,
            force,
            timeout,
        }) => add::run(library.as_ref(), &sources, force, timeout),
        Some(Command::Import {
            files,
            timeout,
            jobs,
        }) => import::run(
            library.as_ref(),
            config_dir.as_deref(),
            &files,
            timeout,
            jobs,
        ),
        Some(Command::Config { default, edit }) => {
            settings::run(config_dir.as_deref(), default, edit)
        }
        Some(Command::Cache { clear }) => cache(clear),
        Some(Command::Man) => docs::man(),
        Some(Command::Completions { shell }) => docs::completions(shell),
        None => interface(app::Options {
            paths: or_library(cli.paths),
            mouse: cli.mouse,
            config_dir,
            library: library.clone(),
            cache: cache_unless(cli.no_cache),
        }),
    };
    ExitCode::from(code)
}

fn interface(options: app::Options) -> u8 {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        output::message(
            "the reader needs a terminal; use `folio list` or `folio show QUERY` in scripts",
        );
        return EXIT_ERROR;
    }
    app::run(&options)
}

/// The cache of parsed articles, unless the person said `--no-cache`.
fn cache_unless(no_cache: bool) -> Option<Cache> {
    if no_cache { None } else { Cache::resolve() }
}

/// `folio cache`: where the cache is and what it holds, or `--clear` to empty it.
fn cache(clear: bool) -> u8 {
    let Some(cache) = Cache::resolve() else {
        output::message("no home folder, so no cache folder: folio keeps no cache here");
        return EXIT_ERROR;
    };
    let dir = corpus::display_path(cache.dir());
    if clear {
        return match cache.clear() {
            Ok(freed) => {
                output::stdout(&format!(
                    "removed {:.1} MB of cache files from {dir}\n",
                    freed as f64 / 1e6
                ));
                EXIT_OK
            }
            Err(error) => {
                output::message(format!("could not empty {dir}: {error}"));
                EXIT_ERROR
            }
        };
    }
    let (bytes, files) = cache.usage();
    output::stdout(&format!(
        "{dir}: {files} cache file{} of parsed articles, {:.1} MB of at most {} MB\n",
        if files == 1 { "" } else { "s" },
        bytes as f64 / 1e6,
        crate::cache::DEFAULT_MAX_BYTES / 1024 / 1024,
    ));
    EXIT_OK
}

/// Loads `paths` as `reading` says and reports skipped files on stderr, once each. Returns the
/// corpus and whether a path the person named failed to load.
pub(crate) fn load_reporting(paths: &[PathBuf], reading: corpus::Reading) -> (Corpus, bool) {
    let corpus = corpus::load_with(paths, reading);
    for skipped in &corpus.skipped {
        output::message(skipped);
    }
    for article in &corpus.articles {
        for note in &article.notes {
            output::message(format!("{}: {note}", article.path));
        }
    }
    let named_failed = corpus.skipped.iter().any(|s| s.named);
    (corpus, named_failed)
}

fn show(query: &str, paths: &[PathBuf], raw: bool, width: usize, cache: Option<&Cache>) -> u8 {
    let reading = corpus::Reading {
        cache,
        raw,
        ..corpus::Reading::default()
    };
    let (corpus, named_failed) = load_reporting(paths, reading);
    let found = find_articles(&corpus.articles, query);
    let code = match found.as_slice() {
        [] => {
            if looks_like_short_id(&corpus.articles, query) {
                output::message(format!(
                    "{query:?} is too short for an id prefix: give at least {ID_PREFIX_MIN} \
                     characters; `folio list` shows the ids"
                ));
            } else {
                output::message(format!(
                    "no article matches {query:?}; `folio list` shows them all"
                ));
            }
            EXIT_NOTHING
        }
        [article] => {
            let text = if raw {
                match corpus::read_original(article) {
                    Ok(read) => {
                        if read.changed {
                            output::message(format!(
                                "{}: changed since folio read it; showing it as it is now",
                                article.path
                            ));
                        }
                        read.text
                    }
                    Err(reason) => {
                        output::message(format!("cannot read {}: {reason}", article.path));
                        return EXIT_ERROR;
                    }
                }
            } else {
                let width = if width == 0 { usize::MAX / 4 } else { width };
                wrap::to_plain_text(article, width)
            };
            output::stdout(&text);
            EXIT_OK
        }
        several => {
            output::message(format!(
                "{} articles match {query:?}; name one by id:",
                several.len()
            ));
            for article in several {
                output::stderr(&format!("  {}  {}\n", article.id, article.title));
            }
            EXIT_NOTHING
        }
    };
    if named_failed { EXIT_ERROR } else { code }
}

/// The fewest characters of an id that `show` takes as a prefix of one: fewer would match a
/// title's letters as often as an id.
const ID_PREFIX_MIN: usize = 4;

/// Whether `query`, which matched nothing, was meant as an id prefix too short to be taken as one.
fn looks_like_short_id(articles: &[Article], query: &str) -> bool {
    let query = query.trim().to_lowercase();
    !query.is_empty()
        && query.len() < ID_PREFIX_MIN
        && query.chars().all(|c| c.is_ascii_hexdigit())
        && articles.iter().any(|a| a.id.starts_with(&query))
}

/// The article whose id is `query` (or starts with it), else the articles loaded from the file
/// `query` names (a path as `folio search` prints it, or a file name), else every article whose
/// title contains it, ignoring case.
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
        .filter(|a| query.len() >= ID_PREFIX_MIN && a.id.starts_with(&lower))
        .collect();
    if !by_id.is_empty() {
        return by_id;
    }
    let wanted = std::path::Path::new(query).canonicalize().ok();
    let by_path: Vec<_> = articles
        .iter()
        .filter(|a| names_file(&a.path, query, wanted.as_deref()))
        .collect();
    if !by_path.is_empty() {
        return by_path;
    }
    articles
        .iter()
        .filter(|a| a.title.to_lowercase().contains(&lower))
        .collect()
}

/// Whether `query` names the file an article was loaded from: its path as folio prints it, its
/// file name, or (`canonical`: the query's file, when it is one) the same file by another path.
fn names_file(article_path: &str, query: &str, canonical: Option<&std::path::Path>) -> bool {
    let article = std::path::Path::new(article_path);
    if article == std::path::Path::new(query)
        || article.file_name().is_some_and(|name| name == query)
    {
        return true;
    }
    canonical.is_some_and(|wanted| article.canonicalize().is_ok_and(|a| a == wanted))
}

/// The process ends right after `list` or `search`: handing each of a corpus's hundreds of
/// thousands of strings back to the allocator first (3% of `folio list`) serves nobody.
pub(crate) fn left_for_the_exit(corpus: Corpus) {
    std::mem::forget(corpus);
}

/// `folio search`: the query is checked before anything is loaded, so a typo fails fast.
fn search(input: &str, paths: &[PathBuf], count: bool, cache: Option<&Cache>) -> u8 {
    let query = match Query::parse(input) {
        Ok(Some(query)) => query,
        Ok(None) => {
            output::message("the search query is empty");
            return EXIT_ERROR;
        }
        Err(error) => {
            output::message(error);
            return EXIT_ERROR;
        }
    };
    // Without the cache, only the articles whose text holds the query's longest word are parsed:
    // an article that cannot match prints nothing, and ranks nothing above the others. With it,
    // every article is, to be stored for the next run.
    // From the cache, only the articles whose stored text holds that word are counted, where
    // they are stored, and only those whose paragraphs match are decoded (none for `--count`).
    let required = query.required_word();
    let may_match = |text: &str| required.as_ref().is_none_or(|word| word.is_in(text));
    let stored_may_match =
        |bytes: &[u8]| required.as_ref().is_none_or(|word| word.is_in_bytes(bytes));
    let reading = corpus::Reading {
        wanted: Some(&may_match),
        cache,
        wanted_stored: Some(&stored_may_match),
        counting: Some(&query),
        headers_only: count,
        paths_only: count,
        ..corpus::Reading::default()
    };
    let (mut corpus, named_failed) = load_reporting(paths, reading);
    // Lines are paragraphs, so an article whose title alone matches has nothing to print; the
    // title still ranks the articles whose text matches too.
    let mut hits = std::mem::take(&mut corpus.hits);
    hits.retain(|hit| hit.body_matches > 0);
    let highlight = std::io::stdout().is_terminal();
    // The lines are written into one string in the articles' order, the order they lie in
    // memory in, and then copied out in rank order: a string per line, formatted in rank
    // order and joined, took 3.6 ms of a 65 ms search, on one core after the load.
    let mut lines = String::with_capacity(hits.len() * 64);
    let mut ranked: Vec<(Hit, Range<usize>)> = Vec::with_capacity(hits.len());
    for hit in &hits {
        let article = &corpus.articles[hit.article];
        let start = lines.len();
        if count {
            let _ = writeln!(lines, "{}: {}", article.path, hit.body_matches);
        } else {
            lines.push_str(&match_lines(&query, article, highlight));
        }
        ranked.push((*hit, start..lines.len()));
    }
    search::rank_by(&mut ranked, |(hit, _)| hit);
    let mut out = String::with_capacity(lines.len());
    for (_, span) in &ranked {
        out.push_str(&lines[span.clone()]);
    }
    output::stdout(&out);
    left_for_the_exit(corpus);
    let code = if hits.is_empty() {
        output::message(format!("no paragraph matches {input:?}"));
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
            out.push_str(&match_line(&article.path, index, &snippet, highlight));
        }
    }
    out
}

/// `path:3: …context match context…`, paragraphs counted from 1: the path names the article for
/// `folio show`, as a path from `rg` does for an editor.
fn match_line(path: &str, block: usize, snippet: &search::Snippet, highlight: bool) -> String {
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
    format!("{path}:{}: {shown}\n", block + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_argument_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    /// The usage lines are written by hand (see `Cli`): each must name every option its command
    /// has, and the program's must name every command.
    #[test]
    fn the_written_usage_lines_name_every_option_and_command() {
        let command = Cli::command();
        let top = command.get_overridden_usage().unwrap().to_string();
        for sub in command.get_subcommands() {
            let usage = sub
                .get_overridden_usage()
                .unwrap_or_else(|| panic!("{} has no usage line", sub.get_name()))
                .to_string();
            assert!(
                usage.starts_with(&format!("folio {}", sub.get_name())),
                "{usage}"
            );
            assert!(top.contains(&format!("folio {}", sub.get_name())), "{top}");
            for arg in sub.get_arguments().filter(|a| !a.is_global_set()) {
                if let Some(long) = arg.get_long() {
                    assert!(
                        usage.contains(&format!("--{long}")),
                        "{usage} lacks --{long}"
                    );
                }
            }
        }
        for arg in command.get_arguments() {
            if let Some(long) = arg.get_long() {
                assert!(top.contains(&format!("--{long}")), "{top} lacks --{long}");
            }
        }
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
        let path = &corpus.articles[1].path;
        assert_eq!(
            find_articles(&corpus.articles, path)[0].id,
            corpus.articles[1].id
        );
        let name = path.rsplit('/').next().unwrap();
        assert_eq!(
            find_articles(&corpus.articles, name)[0].id,
            corpus.articles[1].id
        );
        assert!(looks_like_short_id(&corpus.articles, &first.id[..3]));
        assert!(!looks_like_short_id(&corpus.articles, "zz"));
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
