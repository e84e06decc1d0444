//! Loading files on every core while handing the articles over in walk order, a batch at a time:
//! all at once for the command line, or from a background thread as they load, so the interface
//! can draw its first frame before the corpus is read.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::SystemTime;

use foldhash::HashMap;

use super::{
    Candidate, Corpus, Found, Skipped, TextFilter, Told, bundled, display_path, find_files,
    load_file, load_file_telling,
};
use crate::article::Article;
use crate::cache::{self, Cache, Entry, Key, Piece, Stored, layout};

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

/// How a load reads the files.
#[derive(Clone, Copy, Default)]
pub struct Reading<'a> {
    /// Plain-text files whose text this refuses are passed over unparsed (see `TextFilter`).
    /// With a cache they are parsed all the same, to be stored, then passed over.
    pub wanted: Option<TextFilter<'a>>,
    /// Articles of files that have not changed come from here, and the rest go into it.
    pub cache: Option<&'a Cache>,
    /// Asked about the stored text of a file's articles in the cache (`cache::Entry::may_hold`):
    /// false when none of them can hold what the caller wants. They are then passed over
    /// undecoded, and not reported.
    pub wanted_stored: Option<StoredFilter<'a>>,
    /// Articles from the cache come knowing where their text is (`Article::original`): only the
    /// reader's raw view and `folio show --raw` read it.
    pub raw: bool,
    /// Articles from the cache come without their blocks: `folio list` shows none.
    pub headers_only: bool,
}

/// Loads `paths` (the bundled articles when there are none) on a background thread, through
/// `cache` when given, calling `send` with each event. Stops early when `send` returns false:
/// nobody is listening.
pub fn load_in_background(
    paths: Vec<PathBuf>,
    cache: Option<Cache>,
    send: impl Fn(LoadEvent) -> bool + Send + 'static,
) {
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
        let reading = Reading {
            cache: cache.as_ref(),
            raw: true,
            ..Reading::default()
        };
        let (found, stored) = walk_and_read(&paths, reading);
        if !send(LoadEvent::Found {
            files: found.files.len(),
            skipped: found.skipped,
        }) {
            return;
        }
        let finished = load_found(&found.files, &found.roots, stored, reading, |results| {
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
    load_with(paths, Reading::default())
}

/// `load`, passing over the plain-text files whose text `wanted` refuses (see `TextFilter`)
/// without parsing them: `folio search` parses only the articles that can match.
pub fn load_where(paths: &[PathBuf], wanted: Option<TextFilter>) -> Corpus {
    load_with(
        paths,
        Reading {
            wanted,
            ..Reading::default()
        },
    )
}

/// Loads `paths` completely, as `reading` says.
pub fn load_with(paths: &[PathBuf], reading: Reading) -> Corpus {
    if paths.is_empty() {
        return bundled();
    }
    let (found, stored) = walk_and_read(paths, reading);
    let Found {
        files,
        mut skipped,
        roots,
    } = found;
    let mut articles = Vec::with_capacity(files.len());
    load_found(&files, &roots, stored, reading, |results| {
        let (loaded, passed_over) = split(results);
        articles.extend(loaded);
        skipped.extend(passed_over);
        true
    });
    Corpus { articles, skipped }
}

/// Asked about bytes that hold the text of a file's articles among other things (see
/// `Reading::wanted_stored`).
pub type StoredFilter<'a> = &'a (dyn Fn(&[u8]) -> bool + Sync);

type Loaded = Result<Vec<Article>, Skipped>;

/// Walks `paths` and, with a cache, reads the cache file of each meanwhile, on another thread:
/// the walk waits on the file system's metadata, the read on the file's pages.
fn walk_and_read(paths: &[PathBuf], reading: Reading) -> (Found, Vec<Stored>) {
    let Some(cache) = reading.cache else {
        return (find_files(paths), Vec::new());
    };
    std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut names: Vec<String> = Vec::new();
            for path in paths {
                // The walk's root: the canonical path (see `Candidate::identity`).
                if let Some(name) = fs::canonicalize(path)
                    .ok()
                    .and_then(|p| p.to_str().map(str::to_owned))
                    && !names.contains(&name)
                {
                    names.push(name);
                }
            }
            names.iter().map(|name| cache.read(name)).collect()
        });
        let found = find_files(paths);
        (found, reader.join().unwrap_or_default())
    })
}

/// Loads the files the walk found and hands them to `emit` a chunk at a time, in walk order;
/// false when `emit` asked to stop. `stored`: the cache files already read.
fn load_found(
    files: &[Candidate],
    roots: &[Option<PathBuf>],
    stored: Vec<Stored>,
    reading: Reading,
    emit: impl FnMut(Vec<Loaded>) -> bool,
) -> bool {
    match reading.cache {
        None => load_ordered(files, |file| load_file(file, reading.wanted), emit),
        Some(cache) => load_through(cache, files, roots, stored, reading, emit),
    }
}

/// `load_found` through the cache: each root's cache file is read once, the files that have not
/// changed since are taken from it, the others parsed; then each root's cache file is written
/// again if anything changed (and the load was not stopped).
fn load_through(
    cache: &Cache,
    files: &[Candidate],
    roots: &[Option<PathBuf>],
    mut stored: Vec<Stored>,
    reading: Reading,
    mut emit: impl FnMut(Vec<Loaded>) -> bool,
) -> bool {
    // A root named twice has one cache file, read and written once; one the reader did not
    // read (the folder replaced during the walk) is read now.
    let slot_of: Vec<Option<usize>> = roots
        .iter()
        .map(|root| {
            let name = root.as_deref()?.to_str()?;
            Some(
                stored
                    .iter()
                    .position(|s| s.root == name)
                    .unwrap_or_else(|| {
                        stored.push(cache.read(name));
                        stored.len() - 1
                    }),
            )
        })
        .collect();
    // With the originals asked for, a root whose originals cannot be read has nothing cached.
    let before: Vec<HashMap<&str, Entry>> = stored
        .iter()
        .map(|s| {
            if reading.raw && s.originals().is_none() {
                HashMap::default()
            } else {
                s.entries()
            }
        })
        .collect();
    let now = SystemTime::now();
    let load = |file: &Candidate| -> (Loaded, Option<(usize, Piece)>) {
        let Some((slot, key)) = cache_key(file, &slot_of) else {
            return (load_file(file, reading.wanted), None);
        };
        let shown = display_path(&file.path);
        if let Some(entry) = before[slot].get(key.identity)
            && entry.key == key
        {
            let kept = Some((slot, Piece::Kept(entry.clone())));
            let refused = reading
                .wanted_stored
                .is_some_and(|wanted| !entry.may_hold(wanted));
            // Refused, a plain-text file is passed over as `wanted` would pass it over unread;
            // anything else is loaded without its blocks (none can match), as parsing it would
            // load it, so its notes are reported the same.
            if refused && entry.filterable {
                return (Ok(Vec::new()), kept);
            }
            let originals = if reading.raw {
                stored[slot].originals().map(|o| (file.path.as_path(), o))
            } else {
                None
            };
            let articles = if reading.headers_only || refused {
                entry.headers(&shown)
            } else {
                entry.articles(&shown, originals)
            };
            if let Some(articles) = articles {
                return (Ok(articles), kept);
            }
        }
        // Parsed whatever `wanted` says, to be stored; then passed over as it would have been.
        let mut told = Told::default();
        let mut loaded = load_file_telling(file, reading.wanted, true, &mut told);
        let filterable = told.filterable;
        let piece = match &loaded {
            Ok(articles) if file.modified.is_some_and(|m| cache::settled(m, now)) => {
                layout::encode_entry(&key, &shown, articles, filterable).map(
                    |(entry, originals)| {
                        let identity = key.identity.to_owned();
                        (
                            slot,
                            Piece::New {
                                identity,
                                entry,
                                originals,
                            },
                        )
                    },
                )
            }
            _ => None,
        };
        if told.refused {
            loaded = Ok(Vec::new());
        }
        (loaded, piece)
    };
    let mut pieces: Vec<Vec<Piece>> = stored.iter().map(|_| Vec::new()).collect();
    let finished = load_ordered(files, load, |results| {
        let mut loaded = Vec::with_capacity(results.len());
        for (result, piece) in results {
            if let Some((slot, piece)) = piece {
                pieces[slot].push(piece);
            }
            loaded.push(result);
        }
        emit(loaded)
    });
    if finished {
        for (slot, stored) in stored.iter().enumerate() {
            cache::update(cache, stored, &before[slot], &pieces[slot]);
        }
    }
    finished
}

/// The root's slot and the key of a file the cache can hold: a regular file, its time known,
/// its path and its root's UTF-8 (two names that are not could read the same once made lossy).
fn cache_key<'a>(file: &'a Candidate, slot_of: &[Option<usize>]) -> Option<(usize, Key<'a>)> {
    if file.special {
        return None;
    }
    let slot = slot_of.get(file.root).copied().flatten()?;
    let key = Key {
        identity: file.identity.to_str()?,
        size: file.size,
        modified: cache::modified_of(file.modified?)?,
        stem: file.path.file_stem()?.to_str()?,
    };
    Some((slot, key))
}

fn split(results: Vec<Loaded>) -> (Vec<Article>, Vec<Skipped>) {
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
fn load_ordered<T: Send>(
    files: &[Candidate],
    load: impl Fn(&Candidate) -> T + Sync,
    mut emit: impl FnMut(Vec<T>) -> bool,
) -> bool {
    let chunks: Vec<&[Candidate]> = files.chunks(CHUNK_FILES).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(chunks.len());
    if workers <= 1 {
        return chunks
            .iter()
            .all(|chunk| emit(chunk.iter().map(&load).collect()));
    }
    let next_chunk = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (done_chunks, finished) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let done_chunks = done_chunks.clone();
            let (next_chunk, stop, chunks, load) = (&next_chunk, &stop, &chunks, &load);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let index = next_chunk.fetch_add(1, Ordering::Relaxed);
                    let Some(chunk) = chunks.get(index) else {
                        return;
                    };
                    let results: Vec<T> = chunk.iter().map(load).collect();
                    if done_chunks.send((index, results)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_chunks);
        // Chunks finish out of order; hold the early ones until those before them are in.
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (index, results) in finished {
            waiting.insert(index, results);
            while let Some(results) = waiting.remove(&next) {
                next += 1;
                if !emit(results) {
                    stop.store(true, Ordering::Relaxed);
                    return false;
                }
            }
        }
        true
    })
}
