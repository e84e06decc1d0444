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

/// `unit` repeated to about `bytes` bytes, after `head`. A `{n}` in the unit becomes its count,
/// so that each repetition differs (a new link address each time, say).
fn shape(head: &str, unit: &str, bytes: usize) -> String {
    if !unit.contains("{n}") {
        return head.to_owned() + &unit.repeat(bytes / unit.len().max(1));
    }
    let mut text = head.to_owned();
    for n in 0.. {
        if text.len() >= bytes {
            break;
        }
        text.push_str(&unit.replace("{n}", &n.to_string()));
    }
    text
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

/// Shapes whose cost per unit is small, so a quadratic stage shows only with many units: run at
/// a larger size and eight times that. Many short paragraphs took 15 s for 200,000 and links
/// 3.8 s for 80,000; the table falls back to plain text (nested past the depth budget) as a huge
/// one does, and took over 30 s at 9 MB.
const MANY_UNIT_SHAPES: &[(&str, &str, &str, Format, usize)] = &[
    // (name, head, repeated unit, format, smaller size in KB)
    ("short paragraphs", "Title\n\n", "p\n\n", Format::Text, 32),
    ("short paragraphs", "# T\n\n", "p\n\n", Format::Markdown, 32),
    ("links", "# T\n\n", "[l](/{n}) ", Format::Markdown, 64),
    (
        "links",
        "<title>T</title><article><p>",
        "<a href=\"/{n}\">l</a> ",
        Format::Html,
        128,
    ),
    (
        "table",
        "<title>T</title><table>",
        "<tr><td>cell {n}</td><td>value</td></tr>\n",
        Format::Html,
        64,
    ),
    (
        "table falling back to plain text",
        TOO_DEEP,
        "<tr><td>cell {n}</td><td>value</td></tr>\n",
        Format::Html,
        128,
    ),
];

/// A page nested past the HTML budget's depth, so it is shown as its plain text.
const TOO_DEEP: &str = concat!(
    "<title>T</title>",
    "<div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div>",
    "<div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div>",
    "<div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div>",
    "<div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div>",
    "<div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div>",
    "<div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div>",
    "<div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div>",
    "<div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div>",
    "<div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div>",
    "<table>",
);

/// How much longer 8x the input may take.
const BOUND: f64 = 32.0;

/// The time ratio for 8x the input, measured with the best of `runs` runs per size.
fn ratio(head: &str, unit: &str, format: Format, runs: usize) -> (f64, Duration, Duration) {
    ratio_from(4 * 1024, head, unit, format, runs)
}

fn ratio_from(
    small_bytes: usize,
    head: &str,
    unit: &str,
    format: Format,
    runs: usize,
) -> (f64, Duration, Duration) {
    let small = best_of(runs, &shape(head, unit, small_bytes), format);
    let large = best_of(runs, &shape(head, unit, 8 * small_bytes), format);
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

#[test]
fn many_small_units_take_linear_time() {
    let mut slow = Vec::new();
    for &(name, head, unit, format, kb) in MANY_UNIT_SHAPES {
        if ratio_from(kb * 1024, head, unit, format, 2).0 <= BOUND {
            continue;
        }
        let (again, small, large) = ratio_from(kb * 1024, head, unit, format, 3);
        if again > BOUND {
            slow.push(format!(
                "{name} ({format:?}): {small:?} -> {large:?}, {again:.0}x"
            ));
        }
    }
    assert!(slow.is_empty(), "super-linear: {slow:#?}");
}
