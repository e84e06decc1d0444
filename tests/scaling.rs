//! Super-linear time: inputs shaped like the worst cases of each stage (brackets, emphasis and
//! quote markers for the Markdown parser, one giant grapheme for the layout, a line of tabs for
//! the sanitizer...) are run at two sizes, and eight times the input must not cost anywhere near
//! 64 times the time, which is what a quadratic path would take.
//!
//! Timing on a shared machine is noisy, so each size takes the best of three runs, a shape over the
//! bound is measured again before it counts, and the bound is loose (32x for 8x the input); a
//! quadratic stage still fails it by far.

use std::time::{Duration, Instant};

use folio::article::{Article, Format};
use folio::search::Query;
use folio::wrap::{Layout, Spot};

/// Everything folio does to a file's text when it is opened and searched.
fn pipeline(text: &str, format: Format) {
    let article = Article::from_text("scale.txt", "scale", format, text);
    let layout = Layout::new(&article, 40);
    let lines = layout.view(&article).lines_from(Spot::default()).count();
    std::hint::black_box(lines);
    for query in ["word", "/w.r[a-z]/"] {
        let query = Query::parse(query).unwrap().unwrap();
        std::hint::black_box(query.find_in_article(&article).len());
    }
}

fn best_of(runs: usize, text: &str, format: Format) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            pipeline(text, format);
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// `unit` repeated to about `bytes` bytes, after `head`.
fn shape(head: &str, unit: &str, bytes: usize) -> String {
    head.to_owned() + &unit.repeat(bytes / unit.len().max(1))
}

const SHAPES: &[(&str, &str, &str)] = &[
    // (name, head, repeated unit)
    ("prose", "Title\n\n", "word and word. "),
    ("one long word", "Title\n\n", "x"),
    ("blank lines", "Title\n\n", "\n"),
    ("list lines", "Title\n\n", "- item\n"),
    ("indented list lines", "Title\n\n", "      - item\n"),
    ("tabs", "Title\n\n", "\t"),
    ("carriage returns", "Title\n\n", "\r"),
    ("escape sequences", "Title\n\n", "\x1b[2J\u{9b}\u{202e}"),
    ("CJK without spaces", "Title\n\n", "日本語"),
    ("one ZWJ grapheme", "Title\n\n👨", "\u{200d}👩"),
    ("one combining grapheme", "Title\n\ne", "\u{301}"),
    ("zero-width spaces", "Title\n\n", "a\u{200b}"),
    ("open brackets", "# T\n\n", "["),
    ("link openers", "# T\n\n", "[a]("),
    ("emphasis openers", "# T\n\n", "*a "),
    ("backticks", "# T\n\n", "`a``"),
    ("angle brackets", "# T\n\n", "<a"),
    ("nested quotes", "# T\n\n", "> "),
    ("nested lists", "# T\n\n", "- "),
    ("code fences", "# T\n\n", "```\n"),
    ("sentence ends", "Title\n\n", ". "),
    ("page-break joins", "Title\n\n", "word\n\n"),
    // The shapes of plain text and mail (src/article/plain/).
    ("quote levels", "Title\n\n", "> > >>text\n>\n"),
    ("one line of quote markers", "Title\n\n", "> "),
    (
        "signature delimiters",
        "Title\n\n",
        "-- \nname\n\n> quoted\n",
    ),
    ("patch lines", "Title\n\n--- a\n+++ b\n", "+line\n\n"),
    ("form feeds", "Title\n\n", "\x0c"),
    ("aligned columns", "Title\n\n", "a    b    c\n"),
    ("attributions", "Title\n\n", "On Monday, Ann wrote:\n> q\n"),
    ("short lines", "Title\n\n", "Thanks,\n"),
];

/// How much longer 8x the input may take.
const BOUND: f64 = 32.0;

/// The time ratio for 8x the input, measured with the best of `runs` runs per size.
fn ratio(head: &str, unit: &str, format: Format, runs: usize) -> (f64, Duration, Duration) {
    const SMALL: usize = 4 * 1024;
    let small = best_of(runs, &shape(head, unit, SMALL), format);
    let large = best_of(runs, &shape(head, unit, 8 * SMALL), format);
    // A floor keeps timer noise on tiny inputs from deciding.
    let ratio = large.as_secs_f64() / small.max(Duration::from_millis(2)).as_secs_f64();
    (ratio, small, large)
}

#[test]
fn eight_times_the_input_takes_well_under_64_times_the_time() {
    let mut slow = Vec::new();
    for &(name, head, unit) in SHAPES {
        // Markdown syntax only means something to the Markdown parser.
        let formats: &[Format] = if head.starts_with('#') {
            &[Format::Markdown]
        } else {
            &[Format::Text, Format::Markdown]
        };
        for &format in formats {
            if ratio(head, unit, format, 3).0 <= BOUND {
                continue;
            }
            let (again, small, large) = ratio(head, unit, format, 5);
            if again > BOUND {
                slow.push(format!(
                    "{name} ({format:?}): {small:?} -> {large:?}, {again:.0}x"
                ));
            }
        }
    }
    assert!(slow.is_empty(), "super-linear: {slow:#?}");
}
