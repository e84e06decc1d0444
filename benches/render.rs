//! Drawing: `folio::ui::render` of the real `State` into ratatui's `TestBackend` on an 8 MB
//! article and on a 20,000-row list at 80x24 and 200x60; keystroke to frame (`State::update`
//! then the frame) for every reader key on the 8 MB article, resizes included, and for typing a
//! search in a 50 MB one (a step of its count between keys, and the keys that move through it); and time to first frame (`State::new` and the first draw) with 20,000
//! articles. Before the benches it prints the bytes a real terminal backend writes per step, since
//! ratatui sends only the cells that changed.

#[path = "support/mod.rs"]
mod support;

use std::collections::HashMap;
use std::sync::LazyLock;

use divan::Bencher;
use folio::action::Action;
use folio::article::{Article, Format};
use folio::state::{Position, State};
use ratatui::layout::Rect;
use support::workloads;

/// The size of the long article the targets speak of.
const LONG_BYTES: usize = 8 << 20;
const LIST_ROWS: usize = 20_000;
const SIZES: &[(u16, u16)] = &[(80, 24), (200, 60)];

/// The size of the article the typing target speaks of: no key over 16 ms, even here.
const HUGE_BYTES: usize = 50 << 20;

/// A short article, the 8 MB one (index 1), a short one.
static TRIO: LazyLock<Vec<Article>> = LazyLock::new(|| workloads::long_article_trio(LONG_BYTES));
/// The same with a 50 MB article in the middle.
static HUGE: LazyLock<Vec<Article>> = LazyLock::new(|| workloads::long_article_trio(HUGE_BYTES));
static LIST: LazyLock<Vec<Article>> = LazyLock::new(|| workloads::list_articles(LIST_ROWS));

fn main() {
    if !std::env::args().any(|arg| arg == "--list" || arg == "--test") {
        print_bytes_per_step();
    }
    divan::main();
}

fn size_name((w, h): (u16, u16)) -> String {
    format!("{w}x{h}")
}

#[divan::bench(args = SIZES.iter().copied().map(size_name))]
fn reader_frame(bencher: Bencher, size: &str) {
    let (w, h) = parse_size(size);
    let state = workloads::reader_state(TRIO.clone(), 1, w, h);
    let mut terminal = workloads::test_terminal(w, h);
    let theme = workloads::theme();
    bencher.bench_local(|| workloads::draw(&mut terminal, &state, &theme));
}

#[divan::bench(args = SIZES.iter().copied().map(size_name))]
fn list_frame(bencher: Bencher, size: &str) {
    let (w, h) = parse_size(size);
    let state = workloads::list_state(LIST.clone(), w, h);
    let mut terminal = workloads::test_terminal(w, h);
    let theme = workloads::theme();
    bencher.bench_local(|| workloads::draw(&mut terminal, &state, &theme));
}

#[divan::bench(args = workloads::READER_KEYS, sample_count = 30, sample_size = 1)]
fn keystroke_to_frame(bencher: Bencher, name: &str) {
    let (action, (w, h), open) = workloads::reader_key(name);
    let theme = workloads::theme();
    let base = workloads::reader_key_state(TRIO.clone(), open, w, h);
    time_key(bencher, &base, &theme, action);
}

/// Typing a search in the reader of the 50 MB article: the nth letter of "harbour", the ones
/// before it already typed and counted to the end (the person typed slowly, so the key also drops
/// their matches, millions for "h"). Timed: the key's `State::update` (which searches near the
/// screen; the rest is counted in steps between keys) and the frame after it.
#[divan::bench(args = [1, 2, 3, 7], sample_count = 10, sample_size = 1)]
fn typing_a_search_50mb(bencher: Bencher, letter: usize) {
    let theme = workloads::theme();
    let (base, typed) = before_letter(letter);
    time_key(bencher, &base, &theme, typed);
}

/// One step of the count between keys on the 50 MB article, and the frame after it, right after
/// the nth letter of "harbour" was typed: what a key pressed during the count may wait for.
#[divan::bench(args = [1, 7], sample_count = 10, sample_size = 1)]
fn counting_step_50mb(bencher: Bencher, letter: usize) {
    let theme = workloads::theme();
    let (mut base, typed) = before_letter(letter);
    base.update(typed);
    assert!(base.search_pending(), "one key does not count 50 MB");
    time_key(bencher, &base, &theme, Action::SearchStep);
}

/// The word typed into the search of the 50 MB article.
const SEARCHED: &str = "harbour";

/// The reader of the 50 MB article with the letters of "harbour" before the nth typed and
/// counted, and the key of the nth.
fn before_letter(letter: usize) -> (State, Action) {
    let mut state = workloads::reader_state(HUGE.clone(), 1, 80, 24);
    state.update(Action::StartSearch);
    type_and_count(&mut state, &SEARCHED[..letter - 1]);
    let typed = SEARCHED
        .chars()
        .nth(letter - 1)
        .expect("a letter of the word");
    (state, Action::PromptChar(typed))
}

/// Types `text` into the open query line and lets the search count to the end, as the loop does
/// between keys.
fn type_and_count(state: &mut State, text: &str) {
    for ch in text.chars() {
        state.update(Action::PromptChar(ch));
    }
    while state.search_pending() {
        state.update(Action::SearchStep);
    }
}

/// The search keys on the 50 MB article, with "harbour" typed: `n` and `N` while the count has
/// only just begun (found on the spot past what is counted), `n` from the last match (wrapping to
/// the top, which the count has not reached) and Enter; `/` and Esc with "h" counted to the end,
/// millions of matches, kept to be restored; `[` from the next article back into the 50 MB one,
/// the search following the reader into it; `n` for a word that is nowhere, which searches as far
/// as a key may past the count and leaves the rest to the steps.
const SEARCH_KEYS: &[&str] = &[
    "n mid-count",
    "N mid-count",
    "n wraps",
    "Enter",
    "/",
    "Esc",
    "[ into 50 MB",
    "n, no match",
];

#[divan::bench(args = SEARCH_KEYS, sample_count = 10, sample_size = 1)]
fn search_keys_50mb(bencher: Bencher, name: &str) {
    let theme = workloads::theme();
    let mut base = workloads::reader_state(HUGE.clone(), 1, 80, 24);
    base.update(Action::StartSearch);
    let typed = match name {
        "/" | "Esc" => "h",
        "n, no match" => "zqxjv",
        _ => SEARCHED,
    };
    for ch in typed.chars() {
        base.update(Action::PromptChar(ch));
    }
    let action = match name {
        "Enter" => Action::PromptSubmit,
        "n mid-count" | "N mid-count" | "n wraps" | "n, no match" => {
            base.update(Action::PromptSubmit);
            if name == "n wraps" {
                base.update(Action::Bottom);
                base.update(Action::PreviousMatch);
            }
            if name.starts_with('N') {
                Action::PreviousMatch
            } else {
                Action::NextMatch
            }
        }
        "/" | "Esc" => {
            type_and_count(&mut base, "");
            base.update(Action::PromptSubmit);
            base.update(Action::StartSearch);
            if name == "/" {
                base.update(Action::PromptCancel);
                Action::StartSearch
            } else {
                Action::PromptCancel
            }
        }
        "[ into 50 MB" => {
            type_and_count(&mut base, "");
            base.update(Action::PromptSubmit);
            base.update(Action::NextArticle);
            type_and_count(&mut base, "");
            Action::PreviousArticle
        }
        other => panic!("no such key in SEARCH_KEYS: {other}"),
    };
    time_key(bencher, &base, &theme, action);
}

/// A key in the 20,000-row list: the cursor moves a row, or jumps to the end.
#[divan::bench(args = workloads::LIST_KEYS, sample_count = 30, sample_size = 1)]
fn list_keystroke_to_frame(bencher: Bencher, name: &str) {
    let action = workloads::list_key(name);
    let theme = workloads::theme();
    let base = workloads::list_state(LIST.clone(), 80, 24);
    time_key(bencher, &base, &theme, action);
}

/// `State::new` and the first frame with 20,000 articles loaded, opening on the list.
#[divan::bench(args = SIZES.iter().copied().map(size_name), sample_count = 20, sample_size = 1)]
fn first_frame_list(bencher: Bencher, size: &str) {
    let (w, h) = parse_size(size);
    let theme = workloads::theme();
    bencher
        .with_inputs(|| LIST.clone())
        .bench_local_values(|articles| {
            workloads::first_frame(articles, None, HashMap::new(), w, h, &theme)
        });
}

/// `State::new` and the first frame reopening the 8 MB article at its middle, as after a restart
/// (the app does not pass saved positions in yet; `State::new` takes them).
#[divan::bench(args = SIZES.iter().copied().map(size_name), sample_count = 20, sample_size = 1)]
fn first_frame_reopen_8mb(bencher: Bencher, size: &str) {
    let (w, h) = parse_size(size);
    let theme = workloads::theme();
    let id = TRIO[1].id.clone();
    let positions = HashMap::from([(
        id.clone(),
        Position {
            block: TRIO[1].blocks.len() / 2,
            offset: 0,
            percent: 50,
            ..Position::default()
        },
    )]);
    bencher
        .with_inputs(|| TRIO.clone())
        .bench_local_values(|articles| {
            workloads::first_frame(articles, Some(&id), positions.clone(), w, h, &theme)
        });
}

/// The library at its largest: 100,000 short articles in 250 folders, titled with five words
/// of one to three syllables out of ten (so many titles share their first words), dated but
/// for every seventh, a fifth of them partly or wholly read.
const LIBRARY_ARTICLES: usize = 100_000;
fn library_state() -> State {
    let mut rng = support::corpus_gen::Rng::new(15, 0);
    let syllables = [
        "or", "bit", "ban", "jo", "cel", "lo", "launch", "win", "dow", "moon",
    ];
    let word = |rng: &mut support::corpus_gen::Rng| {
        (0..1 + rng.below(3))
            .map(|_| rng.pick(&syllables))
            .collect::<String>()
    };
    let articles: Vec<Article> = (0..LIBRARY_ARTICLES)
        .map(|i| {
            let title = (0..5).map(|_| word(&mut rng)).collect::<Vec<_>>().join(" ");
            let path = format!("news/group{}/{i}.txt", rng.below(250));
            let mut article = Article::from_text(&path, &title, Format::Text, "A few words.");
            article.title = title;
            if i % 7 != 0 {
                let (y, m, d) = (1990 + rng.below(35), 1 + rng.below(12), 1 + rng.below(28));
                article.date = Some(format!("{y}-{m:02}-{d:02}"));
            }
            article
        })
        .collect();
    let positions: HashMap<String, Position> = articles
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 5 == 0)
        .map(|(i, a)| {
            let position = Position {
                percent: (i % 101) as u8,
                read_at: i as u64,
                ..Position::default()
            };
            (a.id.clone(), position)
        })
        .collect();
    let mut state = State::new(articles, Rect::new(0, 0, 80, 24), positions, None);
    state.update(Action::SelectPageDown);
    state
}

/// The library's keys on 100,000 articles, each from the key to the frame drawn: the order
/// (`s`, stepping to date, title, recently read, path), only what is not finished (`U`),
/// folder headings off and on (`F`), closing a folder (`h`), marking read (`r`).
const LIBRARY_KEYS: &[&str] = &["s_date", "s_title", "s_read", "s_path", "U", "F", "h", "r"];

#[divan::bench(args = LIBRARY_KEYS, sample_count = 20, sample_size = 1)]
fn library_key_100k(bencher: Bencher, name: &str) {
    let theme = workloads::theme();
    // Each order is one `s` from the one before it.
    let (before, action) = match name {
        "s_date" => (0, Action::NextSort),
        "s_title" => (1, Action::NextSort),
        "s_read" => (2, Action::NextSort),
        "s_path" => (3, Action::NextSort),
        "U" => (0, Action::ToggleUnfinishedOnly),
        "F" => (0, Action::ToggleGrouping),
        "h" => (0, Action::CloseFolder),
        "r" => (0, Action::ToggleRead),
        other => panic!("no such key in LIBRARY_KEYS: {other}"),
    };
    let mut base = library_state();
    for _ in 0..before {
        base.update(Action::NextSort);
    }
    time_key(bencher, &base, &theme, action);
}

/// Times `action` on a copy of `base` drawn once in a terminal of its size: the key's
/// `State::update` and the frame after it, the state's clone and first draw left out.
fn time_key(bencher: Bencher, base: &State, theme: &folio::ui::Theme, action: Action) {
    bencher
        .with_inputs(|| {
            let state = base.clone();
            let mut terminal = workloads::test_terminal(state.size.width, state.size.height);
            workloads::draw(&mut terminal, &state, theme);
            (state, terminal)
        })
        .bench_local_refs(|(state, terminal)| {
            workloads::keystroke(terminal, state, theme, action);
        });
}

fn parse_size(name: &str) -> (u16, u16) {
    let (w, h) = name.split_once('x').expect("sizes are WxH");
    (w.parse().expect("a width"), h.parse().expect("a height"))
}

/// Bytes a crossterm backend writes for the frame after one key, and for a whole first frame.
fn print_bytes_per_step() {
    let theme = workloads::theme();
    eprintln!("bytes written to the terminal (CrosstermBackend, counted):");
    eprintln!(
        "  {:<10} {:<14} {:>12} {:>14}",
        "size", "key", "first frame", "after the key"
    );
    for &(w, h) in SIZES {
        let reader = || workloads::reader_state(TRIO.clone(), 1, w, h);
        let cases = [
            ("reader j", reader(), Action::ScrollDown),
            ("reader space", reader(), Action::PageDown),
            (
                "list j",
                workloads::list_state(LIST.clone(), w, h),
                Action::SelectNext,
            ),
        ];
        for (name, mut state, action) in cases {
            let (first, after) = workloads::bytes_per_step(&mut state, &theme, action);
            eprintln!(
                "  {:<10} {name:<14} {first:>12} {after:>14}",
                size_name((w, h))
            );
        }
    }
}
