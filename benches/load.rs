//! Loading: `folio::corpus::load` on the generated bench corpus, with its throughput in file
//! bytes per second. (Scaling at 1x/2x/4x is measured on the whole program by
//! `scripts/bench-program.sh`, which can afford corpora of 100 and 200 MB.)

#[path = "support/mod.rs"]
mod support;

use std::path::PathBuf;
use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::BytesCount;
use support::workloads;

static CORPUS: LazyLock<PathBuf> = LazyLock::new(workloads::bench_corpus);

fn main() {
    // Generated (the first time) before the timer starts.
    LazyLock::force(&CORPUS);
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
