//! Code shared by the benchmarks (`benches/*.rs`), the corpus generator (`examples/gen_corpus.rs`)
//! and the test that keeps both working in plain `cargo test` (`tests/bench_suite.rs`); each
//! includes this folder with `#[path]`, since a bench cannot depend on another target.

// Each includer uses a different part of this.
#![allow(dead_code)]

pub mod corpus_gen;
mod page;
mod prose;
// The word lists read better as paragraphs than one word per line.
#[rustfmt::skip]
pub mod vocab;
pub mod workloads;
