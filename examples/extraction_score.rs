//! Scores folio's web-page extraction against pages whose article is known, such as Mozilla
//! Readability's test pages (`<name>/source.html`, `expected.html`, `expected-metadata.json`):
//!
//!     cargo run --release --example extraction_score -- DIR [--worst N]
//!
//! Per page and in total: the title right (exact, or once the site's name is cut from the expected
//! one), the byline right (of the pages that have one), and the token F1 of the article text
//! against `expected.html`'s text (`\w+` tokens, lower case, counted as a multiset), with the time
//! folio took to decode and build the article (the whole `Article::from_text`, cleaning included;
//! the fastest of `--repeat` runs).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use folio::article::{Article, Block, BlockKind, Format};
use folio::decode::{decode_with_hint, sniff_html_charset};
use regex::Regex;

#[derive(Parser)]
#[command(about = "Score web-page extraction against pages whose article is known")]
struct Args {
    /// A folder of page folders, each with source.html, expected.html, expected-metadata.json.
    dir: PathBuf,
    /// How many of the lowest-scoring pages to list again at the end.
    #[arg(long, default_value_t = 12)]
    worst: usize,
    /// Build each article this many times and keep the fastest time (less noise from a busy
    /// machine).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

struct Score {
    name: String,
    f1: f64,
    expected_tokens: usize,
    got_tokens: usize,
    /// `None` when the page has no expected title.
    title_ok: Option<bool>,
    /// `None` when the page has no expected byline.
    byline_ok: Option<bool>,
    time: Duration,
    title: String,
    expected_title: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut pages: Vec<PathBuf> = match std::fs::read_dir(&args.dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("source.html").is_file() && p.join("expected.html").is_file())
            .collect(),
        Err(error) => {
            eprintln!(
                "extraction_score: cannot read {}: {error}",
                args.dir.display()
            );
            return ExitCode::FAILURE;
        }
    };
    pages.sort();
    let words = Regex::new(r"\w+").expect("a valid pattern");
    let mut scores: Vec<Score> = pages
        .iter()
        .map(|p| score(p, &words, args.repeat.max(1)))
        .collect();
    println!(
        "{:<44} {:>6} {:>6} {:>6} {:>5} {:>6} {:>8}",
        "page", "f1", "exp", "got", "title", "byline", "ms"
    );
    for s in &scores {
        print_row(s);
    }
    summary(&mut scores, args.worst);
    ExitCode::SUCCESS
}

fn mark(right: Option<bool>) -> &'static str {
    match right {
        None => "-",
        Some(true) => "ok",
        Some(false) => "NO",
    }
}

fn print_row(s: &Score) {
    println!(
        "{:<44} {:>6.3} {:>6} {:>6} {:>5} {:>6} {:>8.2}",
        s.name,
        s.f1,
        s.expected_tokens,
        s.got_tokens,
        mark(s.title_ok),
        mark(s.byline_ok),
        s.time.as_secs_f64() * 1000.0
    );
}

fn summary(scores: &mut [Score], worst: usize) {
    let n = scores.len();
    if n == 0 {
        println!("no pages");
        return;
    }
    let mut f1s: Vec<f64> = scores.iter().map(|s| s.f1).collect();
    f1s.sort_by(f64::total_cmp);
    let mut times: Vec<Duration> = scores.iter().map(|s| s.time).collect();
    times.sort();
    let mean = f1s.iter().sum::<f64>() / n as f64;
    let empty = scores
        .iter()
        .filter(|s| s.expected_tokens > 0 && s.got_tokens == 0)
        .count();
    let with_title = scores.iter().filter(|s| s.title_ok.is_some()).count();
    let titles = scores.iter().filter(|s| s.title_ok == Some(true)).count();
    let with_byline = scores.iter().filter(|s| s.byline_ok.is_some()).count();
    let bylines = scores.iter().filter(|s| s.byline_ok == Some(true)).count();
    println!();
    println!("pages: {n}");
    println!(
        "F1: median {:.3}, 10th percentile {:.3}, mean {mean:.3}, under 0.5: {}",
        f1s[n / 2],
        f1s[n / 10],
        f1s.iter().filter(|&&f| f < 0.5).count()
    );
    println!("empty articles where text was expected: {empty}");
    println!(
        "titles right: {titles}/{with_title} ({:.0}%)",
        100.0 * titles as f64 / with_title.max(1) as f64
    );
    println!(
        "bylines right: {bylines}/{with_byline} ({:.0}%)",
        100.0 * bylines as f64 / with_byline.max(1) as f64
    );
    println!(
        "time per page (decode + article): median {:.2} ms, max {:.2} ms",
        times[n / 2].as_secs_f64() * 1000.0,
        times[n - 1].as_secs_f64() * 1000.0
    );
    scores.sort_by(|a, b| a.f1.total_cmp(&b.f1));
    println!();
    println!("lowest F1:");
    for s in scores.iter().take(worst) {
        print_row(s);
    }
    let wrong: Vec<&Score> = scores
        .iter()
        .filter(|s| s.title_ok == Some(false))
        .collect();
    if !wrong.is_empty() {
        println!();
        println!("titles not right:");
        for s in wrong {
            println!(
                "  {}: {:?} (expected {:?})",
                s.name, s.title, s.expected_title
            );
        }
    }
}

fn score(page: &Path, words: &Regex, repeat: usize) -> Score {
    let name = page
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = std::fs::read(page.join("source.html")).unwrap_or_default();
    let expected_html = std::fs::read_to_string(page.join("expected.html")).unwrap_or_default();
    let expected_meta: serde_json::Value =
        std::fs::read_to_string(page.join("expected-metadata.json"))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
    let build = || {
        decode_with_hint(&source, sniff_html_charset(&source))
            .map(|decoded| Article::from_text(&name, &name, Format::Html, &decoded.text))
    };
    let mut time = Duration::MAX;
    let mut article = build();
    for _ in 0..repeat {
        let started = Instant::now();
        article = build();
        time = time.min(started.elapsed());
    }
    let got_text = article
        .as_ref()
        .map(|a| body_text(&a.blocks))
        .unwrap_or_default();
    let expected_text = scraper::Html::parse_document(&expected_html)
        .root_element()
        .text()
        .collect::<Vec<_>>()
        .join(" ");
    let expected = tokens(&expected_text, words);
    let got = tokens(&got_text, words);
    let field = |key: &str| {
        expected_meta
            .get(key)
            .and_then(|v| v.as_str())
            .map(normalize)
            .filter(|s| !s.is_empty())
    };
    let expected_title = field("title");
    let title = article
        .as_ref()
        .map(|a| normalize(&a.title))
        .unwrap_or_default();
    let byline_ok = field("byline").map(|expected| {
        let got = article
            .as_ref()
            .ok()
            .and_then(|a| a.byline.as_deref())
            .map(normalize)
            .unwrap_or_default();
        same_byline(&got, &expected)
    });
    Score {
        name,
        f1: f1(&expected, &got),
        expected_tokens: expected.values().sum(),
        got_tokens: got.values().sum(),
        title_ok: expected_title.as_deref().map(|e| same_title(&title, e)),
        byline_ok,
        time,
        title,
        expected_title: expected_title.unwrap_or_default(),
    }
}

/// The article's text without the list of link addresses folio appends to it.
fn body_text(blocks: &[Block]) -> String {
    let is_link_entry = |b: &Block| matches!(&b.kind, BlockKind::ListItem { marker, .. } if marker.starts_with('['));
    let mut end = blocks.len();
    while end > 0 && is_link_entry(&blocks[end - 1]) {
        end -= 1;
    }
    let links_heading =
        |b: &Block| matches!(b.kind, BlockKind::Heading { level: 2 }) && b.text == "Links";
    if end < blocks.len() && end > 0 && links_heading(&blocks[end - 1]) {
        end -= 1;
    } else {
        end = blocks.len();
    }
    let body: Vec<&str> = blocks[..end].iter().map(|b| b.text.as_str()).collect();
    // Link numbers ("text[3]") are folio's own, not the page's words.
    let numbers = Regex::new(r"\[\d+\]").expect("a valid pattern");
    numbers.replace_all(&body.join("\n"), " ").into_owned()
}

fn tokens(text: &str, words: &Regex) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in words.find_iter(text) {
        *counts.entry(word.as_str().to_lowercase()).or_insert(0) += 1;
    }
    counts
}

fn f1(expected: &HashMap<String, usize>, got: &HashMap<String, usize>) -> f64 {
    let expected_total: usize = expected.values().sum();
    let got_total: usize = got.values().sum();
    if expected_total == 0 && got_total == 0 {
        return 1.0;
    }
    if expected_total == 0 || got_total == 0 {
        return 0.0;
    }
    let common: usize = got
        .iter()
        .map(|(word, n)| (*n).min(expected.get(word).copied().unwrap_or(0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let precision = common as f64 / got_total as f64;
    let recall = common as f64 / expected_total as f64;
    2.0 * precision * recall / (precision + recall)
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The same title, or the expected one with a site's name cut from either end.
fn same_title(got: &str, expected: &str) -> bool {
    if got.eq_ignore_ascii_case(expected) {
        return true;
    }
    const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " / ", "_"];
    SEPARATORS.iter().any(|sep| {
        let (first, last) = (expected.split(sep).next(), expected.rsplit(sep).next());
        let cut_end = expected.rsplit_once(sep).map(|(head, _)| head.trim());
        let cut_start = expected.split_once(sep).map(|(_, tail)| tail.trim());
        [cut_end, cut_start, first, last]
            .into_iter()
            .flatten()
            .any(|candidate| candidate != expected && got.eq_ignore_ascii_case(candidate))
    })
}

/// The same byline, ignoring case, a leading "By" and punctuation around it; a date after the
/// name in the expected byline ("By Nathan Willis March 25, 2015") is left out, since folio
/// takes it for the date, as issue 11 asks.
fn same_byline(got: &str, expected: &str) -> bool {
    let simplify = |s: &str| {
        let s = s.trim().trim_matches(|c: char| !c.is_alphanumeric());
        let lower = s.to_lowercase();
        let lower = lower.strip_prefix("by ").unwrap_or(&lower).to_owned();
        normalize(&lower)
    };
    let (got, expected) = (simplify(got), simplify(expected));
    let date_after = |rest: &str| {
        rest.split_whitespace().count() <= 4
            && rest
                .split(|c: char| !c.is_ascii_digit())
                .any(|n| n.len() == 4)
    };
    !got.is_empty() && (got == expected || expected.strip_prefix(&got).is_some_and(date_after))
}
