//! Loading files on every core while handing the articles over in walk order, a batch at a time:
//! all at once for the command line, or from a background thread as they load, so the interface
//! can draw its first frame before the corpus is read.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use super::{Candidate, Corpus, Skipped, TextFilter, bundled, find_files, load_file};
use crate::article::Article;

/// Files per unit of work: small enough that the first articles arrive at once, large enough
/// that handing work out costs nothing.
const CHUNK_FILES: usize = 64;

/// What a background load reports, in this order: how many files it found, then batches of
/// articles (and files it skipped) in walk order, then that it is done.
#[derive(Debug)]
pub enum LoadEvent {
    Found {
        files: usize,
        skipped: Vec<Skipped>,
    },
    Batch {
        articles: Vec<Article>,
        skipped: Vec<Skipped>,
        /// Files this batch covers, loaded or skipped: an mbox is one file of many articles.
        files: usize,
    },
    Done,
}

/// Loads `paths` (the bundled articles when there are none) on a background thread, calling
/// `send` with each event. Stops early when `send` returns false: nobody is listening.
pub fn load_in_background(paths: Vec<PathBuf>, send: impl Fn(LoadEvent) -> bool + Send + 'static) {
    std::thread::spawn(move || {
        if paths.is_empty() {
            let corpus = bundled();
            let files = corpus.articles.len();
            let batch = LoadEvent::Batch {
                articles: corpus.articles,
                skipped: corpus.skipped,
                files,
            };
            if send(LoadEvent::Found {
                files,
                skipped: Vec::new(),
            }) && send(batch)
            {
                send(LoadEvent::Done);
            }
            return;
        }
        let (files, skipped) = find_files(&paths);
        if !send(LoadEvent::Found {
            files: files.len(),
            skipped,
        }) {
            return;
        }
        let finished = load_ordered(&files, None, |results| {
            let files = results.len();
            let (articles, skipped) = split(results);
            send(LoadEvent::Batch {
                articles,
                skipped,
                files,
            })
        });
        if finished {
            send(LoadEvent::Done);
        }
    });
}

/// Loads `paths` completely: what the command line needs.
pub fn load(paths: &[PathBuf]) -> Corpus {
    load_where(paths, None)
}

/// `load`, passing over the plain-text files whose text `wanted` refuses (see `TextFilter`)
/// without parsing them: `folio search` parses only the articles that can match.
pub fn load_where(paths: &[PathBuf], wanted: Option<TextFilter>) -> Corpus {
    if paths.is_empty() {
        return bundled();
    }
    let (files, mut skipped) = find_files(paths);
    let mut articles = Vec::with_capacity(files.len());
    load_ordered(&files, wanted, |results| {
        let (loaded, passed_over) = split(results);
        articles.extend(loaded);
        skipped.extend(passed_over);
        true
    });
    Corpus { articles, skipped }
}

fn split(results: Vec<Result<Vec<Article>, Skipped>>) -> (Vec<Article>, Vec<Skipped>) {
    let mut articles = Vec::with_capacity(results.len());
    let mut skipped = Vec::new();
    for result in results {
        match result {
            Ok(loaded) => articles.extend(loaded),
            Err(skip) => skipped.push(skip),
        }
    }
    (articles, skipped)
}

/// Loads `files` in chunks on every core and hands each chunk's results to `emit` in walk order.
/// Returns false when `emit` asked to stop (the rest is then not loaded).
fn load_ordered(
    files: &[Candidate],
    wanted: Option<TextFilter>,
    mut emit: impl FnMut(Vec<Result<Vec<Article>, Skipped>>) -> bool,
) -> bool {
    let chunks: Vec<&[Candidate]> = files.chunks(CHUNK_FILES).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(chunks.len());
    if workers <= 1 {
        return chunks
            .iter()
            .all(|chunk| emit(chunk.iter().map(|c| load_file(c, wanted)).collect()));
    }
    let next_chunk = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (done_chunks, finished) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let done_chunks = done_chunks.clone();
            let (next_chunk, stop, chunks) = (&next_chunk, &stop, &chunks);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let index = next_chunk.fetch_add(1, Ordering::Relaxed);
                    let Some(chunk) = chunks.get(index) else {
                        return;
                    };
                    let results: Vec<_> = chunk.iter().map(|c| load_file(c, wanted)).collect();
                    if done_chunks.send((index, results)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_chunks);
        // Chunks finish out of order; hold the early ones until those before them are in.
        let mut waiting = BTreeMap::new();
        let mut wanted = 0;
        for (index, results) in finished {
            waiting.insert(index, results);
            while let Some(results) = waiting.remove(&wanted) {
                wanted += 1;
                if !emit(results) {
                    stop.store(true, Ordering::Relaxed);
                    return false;
                }
            }
        }
        true
    })
}
