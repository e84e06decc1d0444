//! Corpus-wide search on the loaded bench corpus: `search_corpus` (what `folio search` runs) and
//! `CorpusSearch::step` in 64 KB steps (what the interface runs between keystrokes), for a literal
//! in exact case, a caseless literal, a phrase and a regex, each beside a plain `memmem` scan of
//! the same bytes for the same literal: the practical limit.

#[path = "support/mod.rs"]
mod support;

use std::sync::LazyLock;

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
    divan::main();
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
    counted(bencher).bench(|| workloads::memmem_scan_raw(&finder, &ARTICLES));
}
