//! Corpus-wide search on the loaded bench corpus: `search_corpus` (what `folio search` runs) and
//! `CorpusSearch::step` in 64 KB steps (what the interface runs between keystrokes), for a literal
//! in exact case, a caseless literal, a phrase and a regex, each beside a plain `memmem` scan of
//! the same bytes for the same literal: the practical limit.

#[path = "support/mod.rs"]
mod support;

use std::sync::LazyLock;
use std::time::Instant;

use divan::Bencher;
use divan::counter::BytesCount;
use folio::article::Article;
use memchr::memmem::Finder;
use support::workloads;

static ARTICLES: LazyLock<Vec<Article>> =
    LazyLock::new(|| workloads::load(&workloads::bench_corpus()).articles);

/// What the interface scans between two keystrokes.
const STEP_BUDGET: usize = 64 * 1024;

fn main() {
    LazyLock::force(&ARTICLES);
    // Not when divan is only asked to list the benches or to run each once.
    if !std::env::args().any(|arg| arg == "--list" || arg == "--test") {
        print_interleaved_ratios();
    }
    divan::main();
}

/// The search's time over the memmem scan's, each round timing both back to back: on a shared
/// machine the load drifts between divan's benches, which run one after the other, and the
/// ratio of their medians drifts with it. The median of per-round ratios holds still.
fn print_interleaved_ratios() {
    const ROUNDS: usize = 15;
    eprintln!("search time / memmem time, median of {ROUNDS} interleaved rounds:");
    for text in workloads::SEARCH_QUERIES {
        let query = workloads::query(text);
        let finder = Finder::new(workloads::search_literal(text));
        let mut ratios: Vec<f64> = (0..ROUNDS)
            .map(|_| {
                let start = Instant::now();
                divan::black_box(workloads::memmem_scan(&finder, &ARTICLES));
                let memmem = start.elapsed();
                let start = Instant::now();
                divan::black_box(workloads::search_all(&query, &ARTICLES));
                start.elapsed().as_secs_f64() / memmem.as_secs_f64()
            })
            .collect();
        ratios.sort_by(f64::total_cmp);
        eprintln!("  {text:<24} {:.2}x", ratios[ROUNDS / 2]);
    }
}

fn counted<'a, 'b>(bencher: Bencher<'a, 'b>) -> Bencher<'a, 'b> {
    bencher.counter(BytesCount::new(workloads::searched_bytes(&ARTICLES)))
}

#[divan::bench(args = workloads::SEARCH_QUERIES, sample_count = 20, sample_size = 1)]
fn search_corpus(bencher: Bencher, text: &str) {
    let query = workloads::query(text);
    counted(bencher).bench(|| workloads::search_all(&query, &ARTICLES));
}

#[divan::bench(args = workloads::SEARCH_QUERIES, sample_count = 20, sample_size = 1)]
fn search_stepped(bencher: Bencher, text: &str) {
    let query = workloads::query(text);
    counted(bencher).bench(|| workloads::search_stepped(&query, &ARTICLES, STEP_BUDGET));
}

#[divan::bench(args = workloads::SEARCH_QUERIES, sample_count = 20, sample_size = 1)]
fn memmem_baseline(bencher: Bencher, text: &str) {
    let finder = Finder::new(workloads::search_literal(text));
    counted(bencher).bench(|| workloads::memmem_scan(&finder, &ARTICLES));
}

/// memmem over each article's whole text in one haystack rather than block by block: how much
/// of the gap to the baseline above is the cost of many short haystacks.
#[divan::bench(args = workloads::SEARCH_QUERIES, sample_count = 20, sample_size = 1)]
fn memmem_whole_articles(bencher: Bencher, text: &str) {
    let finder = Finder::new(workloads::search_literal(text));
    let texts = workloads::whole_texts(&ARTICLES);
    counted(bencher).bench(|| workloads::memmem_scan_raw(&finder, &texts));
}
