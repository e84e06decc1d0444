//! Writes a deterministic corpus of articles for benchmarking folio:
//!
//!     cargo run --release --example gen_corpus -- --articles 20000 --out DIR [--seed N] [--scale F] [--html]
//!
//! About 50 MB at the default scale: prose articles as .txt and .md, three long ones (8, 4 and
//! 2 MB), about 2% in Chinese or Japanese. The same options give the same bytes.

#[path = "../benches/support/mod.rs"]
mod support;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use support::corpus_gen::{self, Options};

#[derive(Parser)]
#[command(about = "Write a deterministic benchmark corpus of articles")]
struct Args {
    /// Files to write in all, the long articles included.
    #[arg(long, default_value_t = 20_000)]
    articles: usize,
    /// An empty or new folder to write into.
    #[arg(long)]
    out: PathBuf,
    /// The same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Multiplies every article's length (1.0: about 50 MB for 20,000 articles).
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// Also write .html files (about a fifth of the articles).
    #[arg(long)]
    html: bool,
    /// How many long articles (default: 3 from 1,000 articles up, else 1).
    #[arg(long)]
    long: Option<usize>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if !(args.scale > 0.0 && args.scale.is_finite()) {
        eprintln!(
            "gen_corpus: --scale must be a positive number, not {}",
            args.scale
        );
        return ExitCode::from(2);
    }
    let options = Options {
        articles: args.articles,
        seed: args.seed,
        scale: args.scale,
        html: args.html,
        long: args.long,
    };
    match corpus_gen::generate(&options, &args.out) {
        Ok(summary) => {
            println!(
                "{} files, {:.1} MB ({} long, {} CJK) in {}",
                summary.files,
                summary.bytes as f64 / 1e6,
                summary.long,
                summary.cjk,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen_corpus: {error}");
            ExitCode::FAILURE
        }
    }
}
