//! Loading: `folio::corpus::load` on the generated bench corpus, with its throughput in file
//! bytes per second. (Scaling at 1x/2x/4x is measured on the whole program by
//! `scripts/bench-program.sh`, which can afford corpora of 100 and 200 MB.) The same corpus from
//! the cache of parsed articles, for what the cache saves.

#[path = "support/mod.rs"]
mod support;

use std::path::PathBuf;
use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::BytesCount;
use folio::cache::Cache;
use folio::corpus;
use support::workloads;

static CORPUS: LazyLock<PathBuf> = LazyLock::new(workloads::bench_corpus);
/// 1,000 messages as one mbox and as 1,000 `.eml` files.
static MAIL: LazyLock<(PathBuf, PathBuf)> = LazyLock::new(workloads::mail_corpus);

fn main() {
    // Generated (the first time) before the timer starts.
    LazyLock::force(&CORPUS);
    LazyLock::force(&MAIL);
    divan::main();
}

/// Warm: the files are in the page cache after the first sample, as on a second start.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn load_corpus(bencher: Bencher) {
    let dir = &*CORPUS;
    let bytes = workloads::file_bytes(dir);
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| workloads::load(dir));
}

/// The same corpus from a warm cache of parsed articles (filled before the timer starts): the walk,
/// one read of the cache file and the decoding of every article, against `load_corpus`'s parsing.
#[divan::bench(sample_count = 10, sample_size = 1, args = [false, true])]
fn load_corpus_from_cache(bencher: Bencher, raw: bool) {
    let dir = &*CORPUS;
    let bytes = workloads::file_bytes(dir);
    let cache_dir = tempfile::TempDir::new().unwrap();
    let cache = Cache::new(cache_dir.path().to_owned(), folio::cache::DEFAULT_MAX_BYTES);
    let reading = corpus::Reading {
        cache: Some(&cache),
        raw,
        ..corpus::Reading::default()
    };
    // A corpus generated a moment ago has not settled: the cache would not store it yet.
    std::thread::sleep(folio::cache::SETTLING);
    corpus::load_with(std::slice::from_ref(dir), reading);
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| corpus::load_with(std::slice::from_ref(dir), reading));
}

/// The 1,000 messages of one mbox, warm: one file read, split, and every message parsed.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn load_mbox_1000_messages(bencher: Bencher) {
    let (mbox, _) = &*MAIL;
    let bytes = workloads::file_bytes(mbox.parent().unwrap()) / 2;
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| corpus::load(std::slice::from_ref(mbox)));
}

/// The same 1,000 messages as 1,000 `.eml` files, warm: what the mbox is measured against.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn load_1000_message_files(bencher: Bencher) {
    let (_, folder) = &*MAIL;
    let bytes = workloads::file_bytes(folder);
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| workloads::load(folder));
}
