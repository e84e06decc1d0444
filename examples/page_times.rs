//! Times folio's reading of every saved web page (`*.html`, `*.htm`) in a folder: decoding and
//! the whole `Article::from_text` (extraction, cleaning, sanitizing), the fastest of `--repeat`
//! runs per page, then the median, the 90th percentile and the slowest. For pages whose article
//! nobody wrote down (`extraction_score` needs `expected.html`), such as trafilatura's evaluation
//! pages:
//!
//!     cargo run --release --example page_times -- DIR [--repeat N]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use folio::article::{Article, Format};
use folio::decode::{decode_with_hint, sniff_html_charset};

#[derive(Parser)]
#[command(about = "Time folio's reading of every saved web page in a folder")]
struct Args {
    /// A folder of saved pages.
    dir: PathBuf,
    /// Read each page this many times and keep the fastest time (less noise from a busy machine).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut pages: Vec<PathBuf> = match std::fs::read_dir(&args.dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "html" || e == "htm"))
            .collect(),
        Err(error) => {
            eprintln!("page_times: cannot read {}: {error}", args.dir.display());
            return ExitCode::FAILURE;
        }
    };
    pages.sort();
    let mut times: Vec<Duration> = pages
        .iter()
        .filter_map(|page| std::fs::read(page).ok())
        .map(|source| {
            (0..args.repeat.max(1))
                .map(|_| {
                    let started = Instant::now();
                    let article = decode_with_hint(&source, sniff_html_charset(&source))
                        .map(|decoded| Article::from_text("p", "p", Format::Html, &decoded.text));
                    let time = started.elapsed();
                    drop(article);
                    time
                })
                .min()
                .unwrap_or_default()
        })
        .collect();
    if times.is_empty() {
        eprintln!("page_times: no .html pages in {}", args.dir.display());
        return ExitCode::FAILURE;
    }
    times.sort();
    let at = |share: f64| times[((times.len() - 1) as f64 * share).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let total: Duration = times.iter().sum();
    println!(
        "{} pages: median {:.2} ms, 90th percentile {:.2} ms, slowest {:.2} ms, all {:.0} ms",
        times.len(),
        ms(at(0.5)),
        ms(at(0.9)),
        ms(at(1.0)),
        ms(total)
    );
    ExitCode::SUCCESS
}
