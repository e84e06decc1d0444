//! The work each benchmark measures, as plain functions: the benches time them on the full
//! corpus, and `tests/bench_suite.rs` runs each once on a tiny one so that a change to folio's API
//! breaks `cargo test` (which CI runs) rather than only `cargo bench` (which it does not).
//!
//! Everything here goes through folio's public API the way the program does: `corpus::load`,
//! `search::search_corpus` / `CorpusSearch::step`, `State::new` / `State::update`, `ui::render`.

use std::cell::Cell;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use folio::action::Action;
use folio::article::{Article, Format};
use folio::corpus::{self, Corpus};
use folio::search::{CorpusSearch, Hit, Query, search_corpus};
use folio::state::{Focus, Position, State};
use folio::ui::{self, Theme};
use memchr::memmem::Finder;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::corpus_gen::{self, Options};

/// The text `folio search` scans in an article: its title and the text of its blocks.
pub fn searched_bytes(articles: &[Article]) -> usize {
    articles
        .iter()
        .map(|a| a.title.len() + a.blocks.iter().map(|b| b.text.len()).sum::<usize>())
        .sum()
}

/// Bytes of the files under `dir`: the corpus size the memory target is stated against.
pub fn file_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => pending.push(entry.path()),
                Ok(_) => total += entry.metadata().map_or(0, |m| m.len()),
                Err(_) => {}
            }
        }
    }
    total
}

/// Loading, as `folio list DIR` and the interface do it.
pub fn load(dir: &Path) -> Corpus {
    corpus::load(&[dir.to_owned()])
}

pub fn query(text: &str) -> Query {
    match Query::parse(text) {
        Ok(Some(query)) => query,
        other => panic!("bench query {text:?} does not parse: {other:?}"),
    }
}

/// Queries as typed: a word in exact case, the same word in lower case (smart case: caseless),
/// a two-word phrase (its space matches any run of whitespace) and a regex with an alternation.
pub const SEARCH_QUERIES: &[&str] = &[
    "Harbour",
    "harbour",
    "interest rates",
    "/(deficit|surplus)es?/",
];

/// The literal a plain memmem scan looks for in place of `query`: what the query would cost if
/// it were nothing but a substring search.
pub fn search_literal(query: &str) -> &str {
    match query {
        "/(deficit|surplus)es?/" => "deficit",
        other => other,
    }
}

/// A whole corpus search in one call, as `folio search` runs it.
pub fn search_all(query: &Query, articles: &[Article]) -> Vec<Hit> {
    search_corpus(query, articles)
}

/// The same search in steps of `budget` bytes, as the interface runs it between keystrokes.
/// Returns the hits and the number of steps taken.
pub fn search_stepped(query: &Query, articles: &[Article], budget: usize) -> (Vec<Hit>, usize) {
    let mut search = CorpusSearch::new(query.clone());
    let mut steps = 1;
    while !search.step(articles, budget) {
        steps += 1;
    }
    (search.hits(), steps)
}

/// The practical limit for a literal: `memmem` over the same bytes the search reads (titles and
/// block texts, one haystack each), counting matches and nothing else.
pub fn memmem_scan(finder: &Finder<'_>, articles: &[Article]) -> usize {
    articles
        .iter()
        .map(|a| {
            finder.find_iter(a.title.as_bytes()).count()
                + a.blocks
                    .iter()
                    .map(|b| finder.find_iter(b.text.as_bytes()).count())
                    .sum::<usize>()
        })
        .sum()
}

/// Each article's whole text as its file holds it (read again: the loader does not keep it).
pub fn whole_texts(articles: &[Article]) -> Vec<String> {
    articles
        .iter()
        .map(|a| {
            folio::corpus::read_original(a)
                .expect("the bench corpus")
                .text
        })
        .collect()
}

/// The same memmem over each article's whole text (`whole_texts`) in one haystack: what
/// searching costs without the per-block calls, a lower bound rather than the same work.
pub fn memmem_scan_raw(finder: &Finder<'_>, texts: &[String]) -> usize {
    texts
        .iter()
        .map(|text| finder.find_iter(text.as_bytes()).count())
        .sum()
}

/// The colour theme, fixed so results do not depend on `NO_COLOR`.
pub fn theme() -> Theme {
    Theme::color()
}

pub fn test_terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).expect("a TestBackend never fails")
}

/// Draws one frame of `state`.
pub fn draw(terminal: &mut Terminal<TestBackend>, state: &State, theme: &Theme) {
    terminal
        .draw(|frame| ui::render(frame, state, theme))
        .expect("a TestBackend never fails");
}

/// One key: `State::update` then the frame it leads to. A resize also resizes the terminal, so
/// the frame is drawn at the new size, as the app does on a resize event.
pub fn keystroke(
    terminal: &mut Terminal<TestBackend>,
    state: &mut State,
    theme: &Theme,
    action: Action,
) {
    if let Action::Resize { width, height } = action {
        terminal.backend_mut().resize(width, height);
    }
    state.update(action);
    draw(terminal, state, theme);
}

/// Keys on the long article (`articles[1]`), read from its middle at 80x24.
pub const READER_KEYS: &[&str] = &[
    "j",
    "k",
    "space",
    "b",
    "ctrl-d",
    "G",
    "g",
    "-",
    "+",
    "]",
    "[ into 8 MB",
    "?",
    "resize 80x24 to 200x60",
    "resize 200x60 to 80x24",
];

/// The action for a key of `READER_KEYS`, the size it starts from and the article open before
/// it (the long one but for "[").
pub fn reader_key(name: &str) -> (Action, (u16, u16), usize) {
    let action = match name {
        "j" => Action::ScrollDown,
        "k" => Action::ScrollUp,
        "space" => Action::PageDown,
        "b" => Action::PageUp,
        "ctrl-d" => Action::HalfPageDown,
        "G" => Action::Bottom,
        "g" => Action::Top,
        "-" => Action::NarrowColumn,
        "+" => Action::WidenColumn,
        "]" => Action::NextArticle,
        // From the short article after the long one back into it, at its saved middle.
        "[ into 8 MB" => return (Action::PreviousArticle, (80, 24), 2),
        "?" => Action::ToggleHelp,
        "resize 80x24 to 200x60" => Action::Resize {
            width: 200,
            height: 60,
        },
        "resize 200x60 to 80x24" => {
            let action = Action::Resize {
                width: 80,
                height: 24,
            };
            return (action, (200, 60), 1);
        }
        other => panic!("no such key in READER_KEYS: {other}"),
    };
    (action, (80, 24), 1)
}

/// The state a key of `READER_KEYS` starts from: the long article open at its middle, or the
/// article after it, reached the way a person would (so the long one has a saved position).
pub fn reader_key_state(articles: Vec<Article>, open: usize, width: u16, height: u16) -> State {
    let mut state = reader_state(articles, 1, width, height);
    if open != 1 {
        state.update(Action::NextArticle);
    }
    state
}

/// Keys in the list: the cursor moves a row, jumps to the end, or opens the article.
pub const LIST_KEYS: &[&str] = &["j", "G", "enter"];

pub fn list_key(name: &str) -> Action {
    match name {
        "j" => Action::SelectNext,
        "G" => Action::SelectLast,
        "enter" => Action::OpenSelected,
        other => panic!("no such key in LIST_KEYS: {other}"),
    }
}

/// A state with `articles[open]` in the reader, focused, scrolled to its middle block (as if it
/// had been reopened where it was left).
pub fn reader_state(articles: Vec<Article>, open: usize, width: u16, height: u16) -> State {
    let article = &articles[open];
    let id = article.id.clone();
    let middle = Position {
        block: article.blocks.len() / 2,
        offset: 0,
        percent: 50,
        ..Position::default()
    };
    let positions = HashMap::from([(id.clone(), middle)]);
    let state = State::new(
        articles,
        Rect::new(0, 0, width, height),
        positions,
        Some(&id),
    );
    assert_eq!(state.focus, Focus::Reader);
    state
}

/// A state with the list focused and its cursor half way down.
pub fn list_state(articles: Vec<Article>, width: u16, height: u16) -> State {
    let middle = articles.len() / 2;
    let mut state = State::new(
        articles,
        Rect::new(0, 0, width, height),
        HashMap::new(),
        None,
    );
    // Page down to the middle the way a person would get there, so `list_offset` is what it
    // would be.
    while state.selected < middle {
        state.update(Action::SelectPageDown);
    }
    while state.selected > middle {
        state.update(Action::SelectPrevious);
    }
    state
}

/// Time to first frame once the corpus is loaded: `State::new` and the first `draw`, as
/// `app::run` does them.
pub fn first_frame(
    articles: Vec<Article>,
    last_open: Option<&str>,
    positions: HashMap<String, Position>,
    width: u16,
    height: u16,
    theme: &Theme,
) -> (State, Terminal<TestBackend>) {
    let state = State::new(
        articles,
        Rect::new(0, 0, width, height),
        positions,
        last_open,
    );
    let mut terminal = test_terminal(width, height);
    draw(&mut terminal, &state, theme);
    (state, terminal)
}

/// Bytes written to a real terminal backend for one `action` after a first frame: ratatui diffs
/// the two buffers and sends only the changed cells, so this is what a scroll costs over SSH.
/// Returns (bytes of the first frame, bytes of the frame after the action).
pub fn bytes_per_step(state: &mut State, theme: &Theme, action: Action) -> (usize, usize) {
    let area = state.size;
    // A fixed viewport: crossterm is never asked for the size of a terminal there is not.
    let options = TerminalOptions {
        viewport: Viewport::Fixed(area),
    };
    let written = Rc::new(Cell::new(0));
    let writer = CountingWriter(Rc::clone(&written));
    let mut terminal = Terminal::with_options(CrosstermBackend::new(writer), options)
        .expect("counting bytes never fails");
    terminal
        .draw(|frame| ui::render(frame, state, theme))
        .expect("counting bytes never fails");
    let first = written.get();
    state.update(action);
    terminal
        .draw(|frame| ui::render(frame, state, theme))
        .expect("counting bytes never fails");
    (first, written.get() - first)
}

/// A terminal that only counts what it is sent. (The backend's own `writer()` is behind an
/// unstable ratatui feature.)
struct CountingWriter(Rc<Cell<usize>>);

impl Write for CountingWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + bytes.len());
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Builds articles in memory from the generator (no disk), as `corpus::load` would from files.
pub fn generated_articles(options: &Options) -> Vec<Article> {
    (0..options.articles)
        .map(|index| {
            let file = corpus_gen::file(options, index);
            let path = file.path.to_string_lossy().into_owned();
            let format = match file.path.extension().and_then(|e| e.to_str()) {
                Some("md") => Format::Markdown,
                _ => Format::Text,
            };
            let stem = file
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Article::from_text(&path, &stem, format, &file.text)
        })
        .collect()
}

/// A long English article of about `bytes` (the generator's first long article), between two
/// short ones, so `]` and `[` have somewhere to go.
pub fn long_article_trio(bytes: usize) -> Vec<Article> {
    let options = Options {
        articles: 3,
        long: Some(1),
        scale: bytes as f64 / f64::from(8u32 << 20),
        ..Options::default()
    };
    let mut articles = generated_articles(&options);
    articles.swap(0, 1);
    articles
}

/// 20,000 articles for the list and time-to-first-frame benches: the list draws titles and
/// bylines, so their bodies are kept short to keep setup quick.
pub fn list_articles(count: usize) -> Vec<Article> {
    generated_articles(&Options {
        articles: count,
        scale: 0.1,
        long: Some(0),
        ..Options::default()
    })
}

/// The corpus the load and search benches run on: generated once into `target/bench-corpus/`
/// and reused. 5,000 articles (about 17 MB, one of them the 8 MB article) by default, to keep
/// `cargo bench` short on a small machine; with `FOLIO_BENCH_FULL=1`, 20,000 (about 51 MB, the
/// size the targets are stated for).
pub fn bench_corpus() -> PathBuf {
    let full = std::env::var_os("FOLIO_BENCH_FULL").is_some_and(|v| v != "0");
    let options = if full {
        Options::default()
    } else {
        Options {
            articles: 5_000,
            long: Some(1),
            ..Options::default()
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus");
    let dir = root.join(format!(
        "a{}-l{}-seed{}",
        options.articles,
        options.long.map_or("auto".to_owned(), |l| l.to_string()),
        options.seed
    ));
    if !dir.exists() {
        // Written beside and renamed into place, so an interrupted run never leaves half a corpus
        // that a later run would take for a whole one.
        let partial = root.join(format!("partial-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&partial);
        let summary = corpus_gen::generate(&options, &partial).expect("generate the bench corpus");
        eprintln!(
            "bench corpus: {} files, {:.1} MB in {}",
            summary.files,
            summary.bytes as f64 / 1e6,
            dir.display()
        );
        std::fs::rename(&partial, &dir).expect("move the bench corpus into place");
    }
    dir
}

/// The generator's articles as `count` mail messages (a header block over each article's text),
/// written into `dir` twice: as one mbox, `dir/archive.mbox`, and as one `.eml` file each under
/// `dir/messages/`. The same messages both ways, so the two loads compare what an mbox costs.
pub fn write_mail_corpus(options: &Options, dir: &Path) -> io::Result<(PathBuf, PathBuf)> {
    let messages = dir.join("messages");
    std::fs::create_dir_all(&messages)?;
    let mut mbox = String::new();
    for index in 0..options.articles {
        let file = corpus_gen::file(options, index);
        let subject = file
            .text
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("# ");
        let message = format!(
            "From: Writer {index} <writer{index}@lists.example>\n\
             To: list@lists.example\n\
             Subject: {subject}\n\
             Date: Mon, 2 Mar 2026 08:00:00 +0000\n\
             Message-ID: <{index}@lists.example>\n\
             List-Id: The bench list <bench.lists.example>\n\n{}",
            file.text
        );
        std::fs::write(messages.join(format!("{index:05}.eml")), &message)?;
        mbox.push_str(&format!(
            "From writer{index}@lists.example Mon Mar  2 08:00:00 2026\n"
        ));
        for line in message.lines() {
            if line.trim_start_matches('>').starts_with("From ") {
                mbox.push('>');
            }
            mbox.push_str(line);
            mbox.push('\n');
        }
        mbox.push('\n');
    }
    let archive = dir.join("archive.mbox");
    std::fs::write(&archive, mbox)?;
    Ok((archive, messages))
}

/// The mail bench corpus: 1,000 messages (no long ones), as one mbox and as 1,000 files, cached
/// in `target/bench-corpus/mail-1000-seed1`.
pub fn mail_corpus() -> (PathBuf, PathBuf) {
    let options = Options {
        articles: 1_000,
        long: Some(0),
        ..Options::default()
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus");
    let dir = root.join(format!("mail-{}-seed{}", options.articles, options.seed));
    if !dir.exists() {
        let partial = root.join(format!("partial-mail-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&partial);
        write_mail_corpus(&options, &partial).expect("write the mail bench corpus");
        std::fs::rename(&partial, &dir).expect("move the mail bench corpus into place");
    }
    (dir.join("archive.mbox"), dir.join("messages"))
}
