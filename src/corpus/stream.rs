//! Loading files on every core while handing the articles over in walk order, a batch at a time:
//! all at once for the command line, or from a background thread as they load, so the interface
//! can draw its first frame before the corpus is read.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock, mpsc};
use std::time::{Duration, Instant, SystemTime};

use super::{
    Candidate, Corpus, FoundFile, Skipped, TextFilter, Told, bundled, display_path, load_file,
    load_file_telling, roots_of, walk,
};
use crate::article::{Article, Block};
use crate::cache::{
    self, Body, BodyAt, Cache, Entry, Index, Key, NewEntry, Piece, Places, Spill, Stored, layout,
};
use crate::search::{Hit, Query};

/// Files per unit of work, which the walk sizes as it goes (`next_chunk`): the first chunk one
/// file, so the first article is listed as soon as it is read (a first chunk of 32 files waited
/// on all of them, three long articles among them in the generated corpus); then twice as many
/// each time, until a chunk takes about `CHUNK_TIME` to load, at most `MOST_CHUNK_FILES`. A
/// chunk costs something to hand out, a wake-up of a worker and of the thread that hands the
/// results on, which hundreds of files from the cache make nothing (a search 3% faster than
/// with 64); but the last chunk is one worker's alone, and 512 pages to parse at 2 ms each left
/// one core idle for most of a first `folio list` of Python's documentation (3.9 s against
/// 2.2 s). A search of it through the cache takes 15 ms: chunks of 4 ms made it 15% slower
/// than chunks of 1 ms.
const FIRST_CHUNK_FILES: usize = 1;
const MOST_CHUNK_FILES: usize = 512;
const CHUNK_TIME: Duration = Duration::from_millis(1);

/// The longest body (in the cache file) whose blocks come with its article's head when the
/// interface asks for blocks later (`Reading::blocks_later`): reading and decoding 256 KB takes
/// about half a millisecond, an 8 MB article 13 ms, which held back every article after it.
const LATER_BODY: usize = 256 * 1024;

/// How many chunks the walk may have found and the workers not yet taken: the walk waits for
/// them beyond that, rather than holding every folder it has read open (a folder's file kept
/// for its `stat` keeps the folder's listing, 32 KB, in memory).
const WAITING_CHUNKS: usize = 8;

/// The size of the chunk after one of `last` files, when the files loaded last took `per_file`
/// each (none yet: zero).
fn next_chunk(last: usize, per_file: Duration) -> usize {
    let fitting = CHUNK_TIME.as_nanos() / per_file.as_nanos().max(1);
    let fitting = usize::try_from(fitting).unwrap_or(usize::MAX);
    last.saturating_mul(2)
        .min(fitting)
        .clamp(1, MOST_CHUNK_FILES)
}

/// What a background load reports: batches of articles (and files it skipped) in walk order as
/// the walk goes on; how many files it found once the walk is over (before, between or after
/// the batches); then that it is done.
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
        /// The articles of this batch (by their place in it) that came without their blocks:
        /// a `Blocks` event brings them later (`Reading::blocks_later`).
        blocks_later: Vec<usize>,
    },
    /// The blocks of articles that came without them: of the article at `first` in the whole
    /// load (counting every batch's articles), and of those after it, one list each.
    Blocks {
        first: usize,
        blocks: Vec<Vec<Block>>,
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
    /// With `counting`, asked about the stored text of a file's articles in the cache
    /// (`cache::Entry::may_hold`) when they have notes: false when none of them can hold what
    /// the caller wants. A plain-text file is then passed over, as `wanted` passes it over
    /// unparsed, and its notes not reported; the articles of any other are decoded without
    /// their blocks, for their notes.
    pub wanted_stored: Option<StoredFilter<'a>>,
    /// Articles from the cache come knowing where their text is (`Article::original`): only the
    /// reader's raw view and `folio show --raw` read it.
    pub raw: bool,
    /// Articles come without their blocks: `folio list` shows none. From the cache they are
    /// not read; a file parsed has them dropped once they are counted and stored.
    pub headers_only: bool,
    /// With `counting` and `headers_only`, the articles kept come from the cache with nothing
    /// but their path, format and notes (`Entry::paths`): `folio search --count` prints their
    /// paths and reports their notes, and the rest of their heads took as long to decode as
    /// the counting of its 8,000 articles with a match did.
    pub paths_only: bool,
    /// Articles from the cache whose body is longer than `LATER_BODY` come first without their
    /// blocks, and the blocks follow (`Emitted::Blocks`, `LoadEvent::Blocks`) once read: the
    /// interface lists a long article, and the ones after it, without waiting for its text.
    pub blocks_later: bool,
    /// `folio search`'s query: each article's matches are counted as it loads, on every core
    /// (`Corpus::hits`), and an article with neither a match nor a note (nobody would see it)
    /// is left out. An article from the cache is counted where it is stored, and decoded only
    /// when kept, with its blocks only when its body matches (and not `headers_only`).
    pub counting: Option<&'a Query>,
}

impl Reading<'_> {
    /// Whether articles from the cache need their bodies read.
    fn needs_bodies(&self) -> bool {
        !self.headers_only || self.counting.is_some()
    }

    /// Whether the blocks of `entry`'s articles come later (see `blocks_later`).
    fn later(&self, entry: &Entry) -> bool {
        self.blocks_later
            && !self.headers_only
            && self.counting.is_none()
            && entry.body.len() > LATER_BODY
    }
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
                blocks_later: Vec::new(),
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
            blocks_later: true,
            ..Reading::default()
        };
        let finished = load_paths(
            &paths,
            reading,
            |files, skipped| send(LoadEvent::Found { files, skipped }),
            |emitted| match emitted {
                Emitted::Chunk(results) => {
                    let files = results.len();
                    let blocks_later = blocks_later(&results);
                    let (articles, skipped, _) = split(results);
                    send(LoadEvent::Batch {
                        articles,
                        skipped,
                        files,
                        blocks_later,
                    })
                }
                Emitted::Blocks { first, blocks } => send(LoadEvent::Blocks { first, blocks }),
            },
        );
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
        let Corpus {
            articles, skipped, ..
        } = bundled();
        let (articles, _, matches) = split(vec![Loaded::counted(Ok(articles), &reading)]);
        return Corpus {
            articles,
            skipped,
            hits: hits_of(0, matches.into_iter()),
        };
    }
    // Both the walk's report and the chunks add to the articles (see `walked`).
    let articles = std::cell::RefCell::new(Vec::new());
    let mut skipped = Vec::new();
    let mut walk_skipped = Vec::new();
    let mut hits = Vec::new();
    load_paths(
        paths,
        reading,
        |files, passed_over| {
            // Room for the rest at once (most files are one article): growing by doubling
            // held the old and the new array together, a tenth of the peak memory.
            let mut articles = articles.borrow_mut();
            let loaded = articles.len();
            articles.reserve(files.saturating_sub(loaded));
            walk_skipped = passed_over;
            true
        },
        |emitted| {
            let mut articles = articles.borrow_mut();
            match emitted {
                Emitted::Chunk(results) => {
                    let (loaded, passed_over, matches) = split(results);
                    hits.extend(hits_of(articles.len(), matches.into_iter()));
                    articles.extend(loaded);
                    skipped.extend(passed_over);
                }
                Emitted::Blocks { first, blocks } => {
                    for (article, blocks) in articles.iter_mut().skip(first).zip(blocks) {
                        article.blocks = blocks;
                    }
                }
            }
            true
        },
    );
    // What the walk passed over first, as when it told before loading began.
    walk_skipped.extend(skipped);
    Corpus {
        articles: articles.into_inner(),
        skipped: walk_skipped,
        hits,
    }
}

/// Each article's matches of `query`: in its title, and in its blocks together.
fn count_matches(query: &Query, articles: &[Article]) -> Vec<(usize, usize)> {
    articles
        .iter()
        .map(|article| {
            let body = article.blocks.iter().map(|b| query.count_in(&b.text));
            (query.count_in(&article.title), body.sum())
        })
        .collect()
}

/// The articles with a match, from their matches (title, body) in order, the first being
/// article `first`.
fn hits_of(first: usize, matches: impl Iterator<Item = (usize, usize)>) -> Vec<Hit> {
    matches
        .enumerate()
        .filter(|(_, (title, body))| title + body > 0)
        .map(|(index, (title_matches, body_matches))| Hit {
            article: first + index,
            title_matches,
            body_matches,
        })
        .collect()
}

/// Asked about bytes that hold the text of a file's articles among other things (see
/// `Reading::wanted_stored`).
pub type StoredFilter<'a> = &'a (dyn Fn(&[u8]) -> bool + Sync);

/// A file's articles, or why it was skipped; when counting, each article's matches in its title
/// and its body (`Reading::counting`).
struct Loaded {
    articles: Result<Vec<Article>, Skipped>,
    matches: Vec<(usize, usize)>,
    /// The articles came without their blocks, which follow (`Reading::blocks_later`).
    blocks_later: bool,
}

impl Loaded {
    /// No articles (and no word of it).
    fn nothing() -> Loaded {
        Loaded {
            articles: Ok(Vec::new()),
            matches: Vec::new(),
            blocks_later: false,
        }
    }

    /// Articles as loaded, counted when `reading` asks; without their blocks when it asks for
    /// heads only (they were parsed, to be counted and stored, but nobody reads them: held to
    /// the end of the load, they were most of a first `folio list`'s memory).
    fn counted(articles: Result<Vec<Article>, Skipped>, reading: &Reading) -> Loaded {
        let mut loaded = Loaded::counted_whole(articles, reading);
        if reading.headers_only
            && let Ok(articles) = &mut loaded.articles
        {
            for article in articles {
                article.blocks = Vec::new();
            }
        }
        loaded
    }

    /// `counted`, every article whole.
    fn counted_whole(articles: Result<Vec<Article>, Skipped>, reading: &Reading) -> Loaded {
        match (articles, reading.counting) {
            (Ok(articles), Some(query)) => {
                let matches = count_matches(query, &articles);
                let kept: Vec<bool> = (matches.iter().zip(&articles))
                    .map(|(&matches, article)| seen(matches, article.notes.len()))
                    .collect();
                Loaded::kept(articles, matches, &kept)
            }
            (articles, _) => Loaded {
                articles,
                matches: Vec::new(),
                blocks_later: false,
            },
        }
    }

    /// The articles, with their matches, that `kept` says to keep.
    fn kept(articles: Vec<Article>, matches: Vec<(usize, usize)>, kept: &[bool]) -> Loaded {
        let (articles, matches) = (articles.into_iter().zip(matches).zip(kept))
            .filter_map(|(article, keep)| keep.then_some(article))
            .unzip();
        Loaded {
            articles: Ok(articles),
            matches,
            blocks_later: false,
        }
    }
}

/// Whether a search keeps an article with these matches (title, body) and notes.
fn seen(matches: (usize, usize), notes: usize) -> bool {
    matches.0 + matches.1 > 0 || notes > 0
}

/// What the walk sends the workers (chunks of files found), and the workers the thread that
/// hands the chunks on (each file's result with what the cache keeps of it, and the chunk as
/// the walk found it, see `Leftover`), in turn.
enum Progress<T> {
    /// A chunk: its number in walk order, and what it holds.
    Chunk(usize, T),
    /// The walk is over: the files it found, the paths it passed over.
    Walked(usize, Vec<Skipped>),
}

/// What a load hands on, in walk order: a chunk's files loaded; and after a chunk whose articles
/// came without their blocks (`Reading::blocks_later`), those blocks, a file at a time.
enum Emitted {
    Chunk(Vec<Loaded>),
    /// The blocks of the article at `first` of the load (counting every chunk's articles) and
    /// of those after it: one list for each of the file's articles.
    Blocks {
        first: usize,
        blocks: Vec<Vec<Block>>,
    },
}

/// A file loaded, and what the next cache file keeps of it: its slot and entry (none when the
/// cache cannot hold it).
type FileLoaded = (Loaded, Option<(usize, Piece)>);

/// What a worker did with a chunk: loaded its files (each with what the cache keeps of it, and
/// the chunk as the walk found it, see `Leftover`); then, when some came without their blocks,
/// read those.
enum Worked {
    Loaded(Vec<FileLoaded>, Leftover),
    Blocks(Vec<LaterBlocks>),
}

/// Loads `paths` (not empty) as `reading` says: walks them on a thread of its own and loads the
/// files it finds on every core as it finds them, through the cache when there is one. The
/// loaded chunks go to `emit` in walk order; what the walk found (how many files, the paths it
/// passed over) to `walked` when the walk is over, between two chunks or after the last. Then
/// the cache file of each root is written again if anything changed. Returns false when either
/// asked to stop: the rest is then not loaded, nor the cache written.
fn load_paths(
    paths: &[PathBuf],
    reading: Reading,
    mut walked: impl FnMut(usize, Vec<Skipped>) -> bool,
    mut emit: impl FnMut(Emitted) -> bool,
) -> bool {
    let roots = roots_of(paths);
    let stop = AtomicBool::new(false);
    // The walk sends its chunks, then what it found in all; a worker passes that on.
    let (found, from_walk) =
        mpsc::sync_channel::<Progress<(usize, Vec<FoundFile>)>>(WAITING_CHUNKS);
    // What a file took to load, the last chunk's average, in nanoseconds: how the walk sizes
    // chunks.
    let per_file = AtomicU64::new(0);
    std::thread::scope(|scope| {
        let (roots, stop, per_file) = (&roots, &stop, &per_file);
        let (loaded_chunk, leftovers) = mpsc::channel::<Leftover>();
        // The walk made the chunks; they are dropped on its thread, in its own arena (see
        // `Leftover`), between chunks and once it is over.
        let drop_leftovers = move |wait: bool| {
            let drop_chunk = |Leftover(files)| drop(files);
            leftovers.try_iter().for_each(drop_chunk);
            if wait {
                leftovers.iter().for_each(drop_chunk);
            }
        };
        scope.spawn(move || {
            let (mut index, mut first) = (0, 0);
            let (files, skipped) = walk(paths, roots, FIRST_CHUNK_FILES, &mut |chunk| {
                let last = chunk.len();
                if stop.load(Ordering::Relaxed)
                    || found.send(Progress::Chunk(index, (first, chunk))).is_err()
                {
                    return None;
                }
                index += 1;
                first += last;
                drop_leftovers(false);
                let per_file = Duration::from_nanos(per_file.load(Ordering::Relaxed));
                Some(next_chunk(last, per_file))
            });
            let _ = found.send(Progress::Walked(files, skipped));
            drop(found);
            drop_leftovers(true);
        });
        // The cache file of each root, read while the walk begins. A root named twice has one
        // cache file, read and written once.
        let mut stored: Vec<Stored> = Vec::new();
        let slot_of: Vec<Option<usize>> = roots
            .iter()
            .map(|root| {
                let cache = reading.cache?;
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
        let usable: Vec<bool> = (stored.iter())
            .map(|s| !reading.raw || s.originals().is_some())
            .collect();
        let glimpses: Vec<Index> = (stored.iter().zip(&usable))
            .map(|(s, &usable)| {
                if usable {
                    s.glimpse()
                } else {
                    Index::default()
                }
            })
            .collect();
        let entries: Vec<OnceLock<Places>> = stored.iter().map(|_| OnceLock::new()).collect();
        let spill = reading.cache.map(Spill::new);
        let through = Through {
            spill: spill.as_ref(),
            reading,
            stored: &stored,
            usable: &usable,
            glimpses: &glimpses,
            entries: &entries,
            slot_of: &slot_of,
            now: SystemTime::now(),
        };
        let from_walk = Mutex::new(from_walk);
        let (progress, progressed) = mpsc::channel();
        let mut pieces: Vec<Vec<Piece>> = stored.iter().map(|_| Vec::new()).collect();
        let finished = std::thread::scope(|workers| {
            // The rest of the entries are read while the first files load from the glimpse.
            if !stored.is_empty() {
                let through = &through;
                workers.spawn(move || {
                    for slot in 0..through.stored.len() {
                        through.entries(slot);
                    }
                });
            }
            let count = std::thread::available_parallelism().map_or(1, |n| n.get());
            for _ in 0..count {
                let progress = progress.clone();
                let (through, from_walk) = (&through, &from_walk);
                workers.spawn(move || {
                    let mut buffer = Vec::new();
                    while !stop.load(Ordering::Relaxed) {
                        // Waiting for the walk, one worker holds the lock and the rest wait on it.
                        let next = match from_walk.lock().map(|walk| walk.recv()) {
                            Ok(Ok(Progress::Chunk(index, (first, chunk)))) => {
                                let started = Instant::now();
                                let (loaded, later) =
                                    through.load_chunk(&chunk, first, &mut buffer);
                                let each = started.elapsed() / chunk.len().max(1) as u32;
                                let each = u64::try_from(each.as_nanos()).unwrap_or(u64::MAX);
                                per_file.store(each, Ordering::Relaxed);
                                let loaded = Worked::Loaded(loaded, Leftover(chunk));
                                if later.is_empty() {
                                    Progress::Chunk(index, loaded)
                                } else {
                                    // The chunk is handed on first: the blocks are what waits.
                                    if progress.send(Progress::Chunk(index, loaded)).is_err() {
                                        return;
                                    }
                                    let blocks = through.load_later(later, &mut buffer);
                                    Progress::Chunk(index, Worked::Blocks(blocks))
                                }
                            }
                            Ok(Ok(Progress::Walked(files, skipped))) => {
                                Progress::Walked(files, skipped)
                            }
                            _ => return,
                        };
                        if progress.send(next).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(progress);
            // Chunks finish out of order; hold the early ones until those before them are in,
            // and the blocks that come later until their chunk is handed on.
            let mut waiting = BTreeMap::new();
            let mut waiting_blocks = BTreeMap::new();
            let mut next = 0;
            // Articles handed on so far; and of each chunk handed on whose blocks are still
            // to come, where each file's articles are among them (the first, how many).
            let mut handed = 0;
            let mut articles_of = BTreeMap::new();
            for message in progressed {
                match message {
                    Progress::Walked(files, skipped) => {
                        if walked(files, skipped) {
                            continue;
                        }
                        stop.store(true, Ordering::Relaxed);
                        return false;
                    }
                    Progress::Chunk(index, Worked::Loaded(results, leftover)) => {
                        let _ = loaded_chunk.send(leftover);
                        waiting.insert(index, results);
                    }
                    Progress::Chunk(index, Worked::Blocks(blocks)) => {
                        waiting_blocks.insert(index, blocks);
                    }
                };
                loop {
                    if let Some(results) = waiting.remove(&next) {
                        let mut loaded = Vec::with_capacity(results.len());
                        let mut places = Vec::with_capacity(results.len());
                        for (result, piece) in results {
                            if let Some((slot, piece)) = piece {
                                pieces[slot].push(piece);
                            }
                            let count = result.articles.as_ref().map_or(0, Vec::len);
                            places.push((handed, count));
                            handed += count;
                            loaded.push(result);
                        }
                        if loaded.iter().any(|l| l.blocks_later) {
                            articles_of.insert(next, places);
                        }
                        next += 1;
                        if !emit(Emitted::Chunk(loaded)) {
                            stop.store(true, Ordering::Relaxed);
                            return false;
                        }
                    }
                    // The blocks of a chunk already handed on.
                    let Some(index) = waiting_blocks.keys().next().copied().filter(|&i| i < next)
                    else {
                        if waiting.contains_key(&next) {
                            continue;
                        }
                        break;
                    };
                    let blocks = waiting_blocks.remove(&index).unwrap_or_default();
                    let places = articles_of.remove(&index).unwrap_or_default();
                    if !hand_on_blocks(blocks, &places, &mut pieces, &mut emit) {
                        stop.store(true, Ordering::Relaxed);
                        return false;
                    }
                }
            }
            true
        });
        drop(loaded_chunk);
        if finished && let (Some(cache), Some(spill)) = (reading.cache, &spill) {
            for (slot, stored) in stored.iter().enumerate() {
                let before = (through.entries(slot), &glimpses[slot]);
                cache::update(cache, stored, before, &pieces[slot], spill);
            }
        }
        finished
    })
}

/// Hands on the blocks read later of a chunk's files (`Through::load_later`), given where each
/// file's articles are among all those handed on (the first, how many: `places`, by file);
/// replaces the cache's entry of a file that had to be parsed again. False when asked to stop.
fn hand_on_blocks(
    blocks: Vec<LaterBlocks>,
    places: &[(usize, usize)],
    pieces: &mut [Vec<Piece>],
    emit: &mut impl FnMut(Emitted) -> bool,
) -> bool {
    for LaterBlocks {
        position,
        mut blocks,
        repaired,
    } in blocks
    {
        let Some(&(first, count)) = places.get(position) else {
            continue;
        };
        // One list for each article listed, whatever a file parsed again gave.
        blocks.resize_with(count, Vec::new);
        if let Some((slot, kept, new)) = repaired
            && let Some(pieces) = pieces.get_mut(slot)
            && let Some(at) = (pieces.iter())
                .rposition(|piece| matches!(piece, Piece::Kept(position) if *position == kept))
        {
            match new {
                Some(piece) => pieces[at] = piece,
                None => drop(pieces.remove(at)),
            }
        }
        if !emit(Emitted::Blocks { first, blocks }) {
            return false;
        }
    }
    true
}

/// A file of a chunk whose articles came without their blocks (`Reading::blocks_later`): what
/// reading them takes.
struct Later {
    /// Its place in the chunk.
    position: usize,
    /// Its cache file's slot, its entry's position there, and where its body is.
    slot: usize,
    kept: usize,
    body: BodyAt,
    /// To parse it, should its body not be read after all.
    file: Candidate,
}

/// The blocks of a file's articles, read after its chunk (`Through::load_later`).
struct LaterBlocks {
    /// The file's place in its chunk.
    position: usize,
    /// One list for each article.
    blocks: Vec<Vec<Block>>,
    /// When its body could not be read and the file was parsed: its cache file's slot, its
    /// entry's position there, and what the next cache file holds in place of that entry
    /// (nothing when the file cannot be stored).
    repaired: Option<(usize, usize, Option<Piece>)>,
}

/// The places, in a chunk's articles, of those that came without their blocks.
fn blocks_later(results: &[Loaded]) -> Vec<usize> {
    let mut places = Vec::new();
    let mut at = 0;
    for loaded in results {
        let count = loaded.articles.as_ref().map_or(0, Vec::len);
        if loaded.blocks_later {
            places.extend(at..at + count);
        }
        at += count;
    }
    places
}

/// A chunk of files as the walk found them, once loaded: handed back to the walk's thread to be
/// dropped there, not by the worker. The walk made them on its thread, and
/// memory freed by another thread goes back to the walk's arena, under its lock: workers
/// freeing while the walk allocated spent more time waiting on that lock than working.
struct Leftover(Vec<FoundFile>);

/// How the workers load a chunk of files: from the cache where it has them unchanged, else
/// parsed (and kept for the cache).
struct Through<'a, 'b> {
    reading: Reading<'a>,
    /// The cache files read, and which one each root has (`Candidate::root`); whether each
    /// may be used (see `load_paths`), the entries read with its head, and where all of them
    /// are once their section is read (`entries`).
    stored: &'b [Stored],
    usable: &'b [bool],
    glimpses: &'b [Index<'b>],
    entries: &'b [OnceLock<Places>],
    slot_of: &'b [Option<usize>],
    /// Where the entries made for the next cache files go until they are written.
    spill: Option<&'b Spill>,
    now: SystemTime,
}

impl<'b> Through<'_, 'b> {
    /// Each file of a chunk the walk found, stated and loaded, in order; `first`: how many files
    /// the walk found before it. The files the cache holds are loaded in the order of their
    /// bodies in the cache file, so those are read front to back a run at a time (`Bodies`)
    /// into `buffer`, the worker's own. Also the files whose articles came without their
    /// blocks (`Reading::blocks_later`), for `load_later`.
    fn load_chunk(
        &self,
        chunk: &[FoundFile],
        first: usize,
        buffer: &mut Vec<u8>,
    ) -> (Vec<FileLoaded>, Vec<Later>) {
        let files: Vec<Result<Candidate, Skipped>> = chunk.iter().map(FoundFile::stat).collect();
        let keys: Vec<Option<(usize, Key)>> = (files.iter())
            .map(|file| cache_key(file.as_ref().ok()?, self.slot_of))
            .collect();
        // A folder that has not changed is walked in the order its cache file holds it: a file's
        // entry is most often where the walk found it, after the last file's.
        let mut guess = first;
        let found: Vec<Option<Found>> = (keys.iter())
            .map(|keyed| {
                let (slot, key) = keyed.as_ref()?;
                let found = self.locate(*slot, key.identity, guess);
                guess = found.as_ref().map_or(guess + 1, |found| found.position + 1);
                found
            })
            .collect();
        let entries = ChunkEntries::read(self, &found);
        let cached: Vec<Option<(usize, Entry)>> = (keys.iter().zip(&found))
            .map(|(keyed, found)| {
                let ((_, key), found) = (keyed.as_ref()?, found.as_ref()?);
                let entry = match found.glimpsed {
                    Some(entry) => entry.clone(),
                    None => entries.get(self, found)?,
                };
                (entry.key == *key).then_some((found.position, entry))
            })
            .collect();
        let mut bodies = Bodies::new(self.stored, std::mem::take(buffer));
        let mut order: Vec<(usize, usize, usize)> = Vec::with_capacity(files.len());
        for (position, (keyed, cached)) in keys.iter().zip(&cached).enumerate() {
            let (slot, start) = match (keyed, cached) {
                (Some((slot, _)), Some((_, entry)))
                    if self.reading.needs_bodies() && !self.reading.later(entry) =>
                {
                    bodies.want(*slot, entry.body.clone());
                    (*slot, entry.body.start)
                }
                _ => (usize::MAX, position),
            };
            order.push((slot, start, position));
        }
        order.sort_unstable();
        bodies.plan();
        let mut loaded: Vec<Option<_>> = files.iter().map(|_| None).collect();
        let mut later = Vec::new();
        for (_, _, position) in order {
            let result = match &files[position] {
                Ok(file) => self.load(file, keys[position], cached[position].as_ref(), &mut bodies),
                Err(skipped) => (Loaded::counted(Err(skipped.clone()), &self.reading), None),
            };
            if result.0.blocks_later
                && let (Ok(file), Some((slot, _)), Some((kept, entry))) =
                    (&files[position], keys[position], &cached[position])
            {
                later.push(Later {
                    position,
                    slot,
                    kept: *kept,
                    body: entry.body_at(),
                    file: file.clone(),
                });
            }
            loaded[position] = Some(result);
        }
        *buffer = bodies.into_buffer();
        let mut loaded: Vec<FileLoaded> = loaded.into_iter().flatten().collect();
        self.spill(
            (loaded.iter_mut()).filter_map(|(_, piece)| piece.as_mut().map(|(_, piece)| piece)),
        );
        (loaded, later)
    }

    /// The blocks of the files of a chunk whose articles came without them, read and decoded
    /// (into `buffer`, as `load_chunk` reads); a file whose body cannot be read after all is
    /// parsed, and its entry in the cache replaced.
    fn load_later(&self, later: Vec<Later>, buffer: &mut Vec<u8>) -> Vec<LaterBlocks> {
        let mut bodies = Bodies::new(self.stored, std::mem::take(buffer));
        for file in &later {
            bodies.want(file.slot, file.body.range.clone());
        }
        bodies.plan();
        let mut read = (later.into_iter())
            .map(
                |Later {
                     position,
                     slot,
                     kept,
                     body,
                     file,
                 }| {
                    let read = bodies.of(slot, &body.range);
                    let read = read.and_then(|(bytes, offset)| body.body(bytes, offset));
                    if let Some(blocks) = read.and_then(|read| body.blocks(read)) {
                        return LaterBlocks {
                            position,
                            blocks,
                            repaired: None,
                        };
                    }
                    let (loaded, piece) =
                        self.load(&file, cache_key(&file, self.slot_of), None, &mut bodies);
                    let blocks = (loaded.articles.unwrap_or_default().into_iter())
                        .map(|article| article.blocks)
                        .collect();
                    LaterBlocks {
                        position,
                        blocks,
                        repaired: Some((slot, kept, piece.map(|(_, piece)| piece))),
                    }
                },
            )
            .collect::<Vec<_>>();
        *buffer = bodies.into_buffer();
        self.spill((read.iter_mut()).filter_map(|blocks| blocks.repaired.as_mut()?.2.as_mut()));
        read
    }

    /// Moves the entries made for the next cache files among `pieces` to the spill file.
    fn spill<'p>(&self, pieces: impl Iterator<Item = &'p mut Piece>) {
        let Some(spill) = self.spill else { return };
        let made = pieces.filter_map(|piece| match piece {
            Piece::New(new) => Some(&mut **new),
            Piece::Kept(_) => None,
        });
        cache::spill(spill, made);
    }

    /// Where the entry of `identity` may be in the cache file in `slot`, looked for first at
    /// position `guess`: among all the entries once their places are known, and before that
    /// (or when they are not right) first among those read with the head (each checked on its
    /// own: whether the rest is right is no matter to them), which come with the entry.
    fn locate(&self, slot: usize, identity: &str, guess: usize) -> Option<Found<'b>> {
        let places = match self.entries[slot].get() {
            Some(all) if !all.is_empty() => all,
            _ => {
                if let Some((position, entry)) = self.glimpses[slot].get(identity, Some(guess)) {
                    return Some(Found {
                        slot,
                        position,
                        glimpsed: Some(entry),
                    });
                }
                self.entries(slot)
            }
        };
        Some(Found {
            slot,
            position: places.position_of(identity, guess)?,
            glimpsed: None,
        })
    }

    /// Where the entries of the cache file in `slot` are: found by the first to ask (reading
    /// them all once), waited for by the others.
    fn entries(&self, slot: usize) -> &'b Places {
        self.entries[slot].get_or_init(|| {
            if self.usable[slot] {
                self.stored[slot].places()
            } else {
                Places::default()
            }
        })
    }

    /// One file: from its entry in the cache (`cached`: its position and the entry, when it is
    /// the file as it is now) when it can be read, else parsed; `keyed`: the cache file it
    /// belongs in and its key there, when the cache can hold it (`cache_key`).
    fn load(
        &self,
        file: &Candidate,
        keyed: Option<(usize, Key)>,
        cached: Option<&(usize, Entry)>,
        bodies: &mut Bodies,
    ) -> FileLoaded {
        let reading = &self.reading;
        let Some((slot, key)) = keyed else {
            return (
                Loaded::counted(load_file(file, reading.wanted), reading),
                None,
            );
        };
        if let Some((position, entry)) = cached {
            let originals = if reading.raw {
                self.stored[slot]
                    .originals()
                    .map(|o| (file.path.as_path(), o))
            } else {
                None
            };
            let body = if reading.needs_bodies() && !reading.later(entry) {
                let read = bodies.of(slot, &entry.body);
                read.and_then(|(bytes, offset)| entry.body(bytes, offset))
            } else {
                None
            };
            if let Some(loaded) = from_entry(entry, body, &file.path, originals, reading) {
                return (loaded, Some((slot, Piece::Kept(*position))));
            }
        }
        // Parsed whatever `wanted` says, to be stored; then passed over as it would have been.
        let mut told = Told::default();
        let mut loaded = load_file_telling(file, reading.wanted, true, &mut told);
        let filterable = told.filterable;
        let piece = match &loaded {
            Ok(articles) if file.modified.is_some_and(|m| cache::settled(m, self.now)) => {
                let shown = display_path(&file.path);
                layout::encode_entry(&key, &shown, articles, filterable).map(|encoded| {
                    let new = NewEntry::new(key.identity, encoded);
                    (slot, Piece::New(Box::new(new)))
                })
            }
            _ => None,
        };
        if told.refused {
            loaded = Ok(Vec::new());
        }
        (Loaded::counted(loaded, reading), piece)
    }
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

/// A file's articles from its entry in the cache, as `reading` asks; `None` when the entry
/// (or its body, when one is needed) cannot be read, and the file is parsed instead.
fn from_entry(
    entry: &Entry,
    body: Option<Body>,
    path: &Path,
    originals: Option<(&Path, &[u8])>,
    reading: &Reading,
) -> Option<Loaded> {
    let later = reading.later(entry);
    if body.is_none() && reading.needs_bodies() && !later {
        return None;
    }
    if let (Some(query), Some(body)) = (reading.counting, body) {
        return counted_from_entry(entry, body, path, originals, query, reading);
    }
    let shown = display_path(path);
    let articles = match body {
        Some(body) if !reading.headers_only => entry.articles(&shown, Some(body), originals)?,
        None if later => entry.articles(&shown, None, originals)?,
        _ => entry.headers(&shown)?,
    };
    Some(Loaded {
        articles: Ok(articles),
        matches: Vec::new(),
        blocks_later: later,
    })
}

/// `from_entry` for a search (`Reading::counting`): the matches counted where the text is
/// stored, and only the articles kept decoded, with their blocks only when their body matches
/// and lines are printed.
fn counted_from_entry(
    entry: &Entry,
    body: Body,
    path: &Path,
    originals: Option<(&Path, &[u8])>,
    query: &Query,
    reading: &Reading,
) -> Option<Loaded> {
    let heads = entry.peek()?;
    // An entry with notes is asked first whether its text holds the query's word, as a search
    // without the cache asks a plain-text file, whose notes are then not reported. One without
    // is counted straight away: an article with neither a match nor a note is left out anyway,
    // so asking first only read the text twice (the most of a caseless search's own time).
    let has_notes = heads.iter().any(|&(_, notes)| notes > 0);
    let may_hold = !has_notes
        || reading
            .wanted_stored
            .is_none_or(|wanted| entry.may_hold(body, wanted));
    if !may_hold && entry.filterable {
        return Some(Loaded::nothing());
    }
    let body_matches = if may_hold {
        entry.count_in_body(body, |text, parts| query.count_in_parts(text, parts))?
    } else {
        vec![0; heads.len()]
    };
    let matches: Vec<(usize, usize)> = (heads.iter().zip(&body_matches))
        .map(|(&(title, _), &body)| (query.count_in(title), body))
        .collect();
    let kept: Vec<bool> = (matches.iter().zip(&heads))
        .map(|(&matches, &(_, notes))| seen(matches, notes))
        .collect();
    if !kept.contains(&true) {
        return Some(Loaded::nothing());
    }
    let shown = display_path(path);
    let articles = if !reading.headers_only && body_matches.iter().any(|&n| n > 0) {
        entry.articles(&shown, Some(body), originals)?
    } else if reading.headers_only && reading.paths_only {
        entry.paths(&shown)?
    } else {
        entry.headers(&shown)?
    };
    Some(Loaded::kept(articles, matches, &kept))
}

/// The most bytes of a cache file read at once, unless one body is longer.
const RUN: usize = 1024 * 1024;

/// How far apart two parts of a cache file may lie and still be read together: the bytes
/// between belong to files not in the chunk (or gone), and are read for nothing.
const GAP: usize = 16 * 1024;

/// Parts of cache files' sections wanted together (each with its file's slot) as the runs that
/// read them: in order, neighbours at most `GAP` apart together, a run at most `RUN` long
/// unless one part is longer.
fn runs_of(mut wanted: Vec<(usize, Range<usize>)>) -> Vec<(usize, Range<usize>)> {
    wanted.sort_unstable_by_key(|(slot, part)| (*slot, part.start));
    let mut runs: Vec<(usize, Range<usize>)> = Vec::new();
    for (slot, part) in wanted {
        match runs.last_mut() {
            Some((last_slot, run))
                if *last_slot == slot
                    && part.start <= run.end + GAP
                    && part.end.max(run.end) - run.start <= RUN =>
            {
                run.end = run.end.max(part.end);
            }
            _ => runs.push((slot, part)),
        }
    }
    runs
}

/// Where a file's entry may be in its cache file (`Through::locate`): the file's slot and the
/// entry's position, and the entry itself when it was read with the head.
struct Found<'b> {
    slot: usize,
    position: usize,
    glimpsed: Option<&'b Entry<'b>>,
}

/// The entries a chunk of files needs that were not read with the head: read again from their
/// cache files (their places known, `Places`), neighbours together, into one buffer the chunk
/// keeps while it loads.
struct ChunkEntries {
    /// Each run read: the cache file's slot, a range of its section of entries, and where it
    /// starts in `bytes`; in order.
    runs: Vec<(usize, Range<usize>, usize)>,
    bytes: Vec<u8>,
}

impl ChunkEntries {
    fn read(through: &Through, found: &[Option<Found>]) -> ChunkEntries {
        let wanted = (found.iter().flatten())
            .filter(|found| found.glimpsed.is_none())
            .filter_map(|found| {
                let entry = through.entries(found.slot).entry(found.position)?;
                Some((found.slot, entry))
            })
            .collect();
        let mut read = ChunkEntries {
            runs: Vec::new(),
            bytes: Vec::new(),
        };
        for (slot, run) in runs_of(wanted) {
            let at = read.bytes.len();
            if through.stored[slot].read_entries(run.clone(), &mut read.bytes) {
                read.runs.push((slot, run, at));
            }
        }
        read
    }

    /// The entry found (not with the head), when its run was read and it is right.
    fn get(&self, through: &Through, found: &Found) -> Option<Entry<'_>> {
        let places = through.entries(found.slot);
        let entry = places.entry(found.position)?;
        let index = (self.runs)
            .partition_point(|(slot, run, _)| (*slot, run.start) <= (found.slot, entry.start))
            .checked_sub(1)?;
        let (slot, run, at) = &self.runs[index];
        if *slot != found.slot || entry.end > run.end {
            return None;
        }
        places.read(&self.bytes[*at..*at + run.len()], run.start, found.position)
    }
}

/// The bodies a chunk of files needs from the cache, read front to back in runs of at most
/// `RUN` bytes into one buffer: bodies that lie close together in the cache file (they do
/// unless the folder changed a lot: a cache file keeps the order of the walk that wrote it) are
/// read with one read, and the buffer, used again chunk after chunk, is not faulted in again
/// (reading a whole chunk's bodies into fresh memory cost more than anything else it did).
struct Bodies<'s> {
    stored: &'s [Stored],
    /// The bodies wanted, then (`plan`) the runs to read: the cache file's slot and a range of
    /// its section of bodies, in order.
    runs: Vec<(usize, Range<usize>)>,
    /// The run in `buffer`.
    read: Option<usize>,
    buffer: Vec<u8>,
}

impl<'s> Bodies<'s> {
    fn new(stored: &'s [Stored], buffer: Vec<u8>) -> Bodies<'s> {
        Bodies {
            stored,
            runs: Vec::new(),
            read: None,
            buffer,
        }
    }

    /// The buffer, to be used again for the next chunk; at most a run long: one long body made
    /// it as long as itself (8 MB for the generated corpus's first file), held to the end of
    /// the load beside everything loaded.
    fn into_buffer(mut self) -> Vec<u8> {
        self.buffer.truncate(RUN);
        self.buffer.shrink_to(RUN);
        self.buffer
    }

    fn want(&mut self, slot: usize, body: Range<usize>) {
        self.runs.push((slot, body));
    }

    /// Turns the bodies wanted into runs to read.
    fn plan(&mut self) {
        self.runs = runs_of(std::mem::take(&mut self.runs));
    }

    /// The bytes that hold `body` of the section of bodies of the cache file in `slot`, and
    /// where in the section they start: its run, read if it is not in the buffer; `None` when
    /// it cannot be read.
    fn of(&mut self, slot: usize, body: &Range<usize>) -> Option<(&[u8], usize)> {
        let index = self
            .runs
            .partition_point(|(s, run)| (*s, run.start) <= (slot, body.start))
            .checked_sub(1)?;
        let (run_slot, run) = &self.runs[index];
        if *run_slot != slot || body.end > run.end {
            return None;
        }
        if self.read != Some(index) {
            self.read = None;
            if !self.stored[slot].read_bodies(run.clone(), &mut self.buffer) {
                return None;
            }
            self.read = Some(index);
        }
        Some((&self.buffer, run.start))
    }
}

/// The articles loaded, the files skipped, and the articles' matches when counted.
fn split(results: Vec<Loaded>) -> (Vec<Article>, Vec<Skipped>, Vec<(usize, usize)>) {
    let mut articles = Vec::with_capacity(results.len());
    let mut skipped = Vec::new();
    let mut matches = Vec::new();
    for result in results {
        match result.articles {
            Ok(loaded) => articles.extend(loaded),
            Err(skip) => skipped.push(skip),
        }
        matches.extend(result.matches);
    }
    (articles, skipped, matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_double_until_one_takes_about_a_millisecond() {
        let unknown = Duration::ZERO;
        assert_eq!(next_chunk(FIRST_CHUNK_FILES, unknown), 2);
        assert_eq!(next_chunk(256, unknown), MOST_CHUNK_FILES);
        assert_eq!(next_chunk(MOST_CHUNK_FILES, unknown), MOST_CHUNK_FILES);
        // From the cache, a few microseconds a file: as many as it may.
        assert_eq!(next_chunk(300, Duration::from_micros(1)), MOST_CHUNK_FILES);
        // Parsing web pages, 2 ms a page: one at a time, so no worker is left with many.
        assert_eq!(next_chunk(64, Duration::from_millis(2)), 1);
        assert_eq!(next_chunk(64, Duration::from_micros(100)), 10);
    }
}
