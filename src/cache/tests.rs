use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::*;
use crate::article::{Article, Original};
use crate::corpus::{self, Corpus, Reading};

/// A file's time set back, so it has settled and its articles are stored.
fn age(path: &Path, by: Duration) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - by).unwrap();
}

fn write_aged(path: &Path, text: &str) {
    fs::write(path, text).unwrap();
    age(path, Duration::from_secs(3600));
}

fn load(cache: &Cache, paths: &[PathBuf]) -> Corpus {
    corpus::load_with(
        paths,
        Reading {
            cache: Some(cache),
            raw: true,
            ..Reading::default()
        },
    )
}

fn titles(corpus: &Corpus) -> Vec<&str> {
    corpus.articles.iter().map(|a| a.title.as_str()).collect()
}

fn cache_files(cache: &Cache) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(cache.dir())
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// A folder of articles and a cache folder, both temporary.
struct Setup {
    _temp: tempfile::TempDir,
    articles: PathBuf,
    cache: Cache,
}

fn setup() -> Setup {
    let temp = tempfile::TempDir::new().unwrap();
    let articles = temp.path().join("articles");
    fs::create_dir(&articles).unwrap();
    write_aged(&articles.join("a.txt"), "Alpha\n\nThe harbour at dawn.\n");
    write_aged(&articles.join("b.md"), "# Beta\n\nThe *tide* comes in.\n");
    let cache = Cache::new(temp.path().join("cache"), DEFAULT_MAX_BYTES);
    Setup {
        articles,
        cache,
        _temp: temp,
    }
}

#[test]
fn a_second_load_reads_the_cache_and_gives_the_same_articles() {
    let s = setup();
    let first = load(&s.cache, std::slice::from_ref(&s.articles));
    assert_eq!(cache_files(&s.cache).len(), 1);
    let second = load(&s.cache, std::slice::from_ref(&s.articles));
    assert_eq!(first.articles, second.articles);
    assert_eq!(
        first.articles,
        corpus::load(std::slice::from_ref(&s.articles)).articles
    );
    // Proof that it came from the cache: the file's text changed behind folio's back, its size
    // and time put back as they were, and the cached article is what loads.
    let a = s.articles.join("a.txt");
    let modified = fs::metadata(&a).unwrap().modified().unwrap();
    fs::write(&a, "Gamma\n\nThe harbour at dusk.\n").unwrap();
    fs::File::options()
        .write(true)
        .open(&a)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    assert_eq!(
        titles(&load(&s.cache, std::slice::from_ref(&s.articles))),
        ["Alpha", "Beta"]
    );
}

/// Changes a file's text behind folio's back, its size and time put back as they were: what
/// loads is then what the cache holds, unless the file is parsed.
fn change_unseen(path: &Path, text: &str) {
    let modified = fs::metadata(path).unwrap().modified().unwrap();
    assert_eq!(fs::metadata(path).unwrap().len(), text.len() as u64);
    fs::write(path, text).unwrap();
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
}

#[test]
fn the_first_entries_serve_the_first_files_and_a_damaged_one_later_is_parsed() {
    let s = setup();
    // More entries than are read with the head.
    for n in 0..600 {
        write_aged(
            &s.articles.join(format!("n{n:03}.txt")),
            &format!("Note {n:03}\n\nA line.\n"),
        );
    }
    let paths = std::slice::from_ref(&s.articles);
    let first = load(&s.cache, paths);
    let file = cache_files(&s.cache).remove(0);
    let good = fs::read(&file).unwrap();
    let at = (good.windows(8)).position(|w| w == b"n599.txt").unwrap();
    assert!(
        at > layout::MAX_HEAD + GLIMPSE,
        "its entry is not read with the head"
    );
    change_unseen(&s.articles.join("n000.txt"), "Xote 000\n\nA line.\n");
    change_unseen(&s.articles.join("n599.txt"), "Xote 599\n\nA line.\n");
    assert_eq!(
        load(&s.cache, paths).articles,
        first.articles,
        "both from the cache"
    );
    // A byte of the last entry changed: the entries read with the head are still used, and
    // the files after them parsed, n599 among them; then the cache file is written again.
    let mut damaged = good;
    damaged[at] = b'm';
    fs::write(&file, &damaged).unwrap();
    let loaded = load(&s.cache, paths);
    let title = |name: &str| {
        let article = loaded
            .articles
            .iter()
            .find(|a| a.path.ends_with(name))
            .unwrap();
        article.title.clone()
    };
    assert_eq!(title("n000.txt"), "Note 000", "from the cache");
    assert_eq!(title("n599.txt"), "Xote 599", "parsed");
    assert!(fs::read(&file).unwrap() != damaged, "written again");
    assert_eq!(load(&s.cache, paths).articles, loaded.articles);
}

#[test]
fn a_load_for_heads_only_keeps_no_blocks_but_stores_them() {
    let s = setup();
    let paths = std::slice::from_ref(&s.articles);
    let heads = |cache| Reading {
        cache,
        headers_only: true,
        ..Reading::default()
    };
    // Parsed (the cache is empty, then none at all): the blocks are dropped once stored.
    for cache in [Some(&s.cache), None] {
        let listed = corpus::load_with(paths, heads(cache));
        assert_eq!(titles(&listed), ["Alpha", "Beta"]);
        assert!(listed.articles.iter().all(|a| a.blocks.is_empty()));
    }
    // What was stored has them.
    let whole = load(&s.cache, paths).articles;
    assert!(whole.iter().all(|a| !a.blocks.is_empty()));
    assert_eq!(whole, corpus::load(paths).articles);
}

#[test]
fn a_file_changed_added_or_removed_is_seen() {
    let s = setup();
    load(&s.cache, std::slice::from_ref(&s.articles));
    write_aged(&s.articles.join("a.txt"), "Gamma\n\nThe harbour at dusk.\n");
    write_aged(&s.articles.join("c.txt"), "Delta\n\nNew.\n");
    fs::remove_file(s.articles.join("b.md")).unwrap();
    let loaded = load(&s.cache, std::slice::from_ref(&s.articles));
    assert_eq!(titles(&loaded), ["Gamma", "Delta"]);
    assert_eq!(loaded.articles[0].blocks[0].text, "The harbour at dusk.");
    // The cache now holds exactly those two: read through it again, nothing else appears.
    assert_eq!(
        titles(&load(&s.cache, std::slice::from_ref(&s.articles))),
        ["Gamma", "Delta"]
    );
}

#[test]
fn a_file_changed_a_moment_ago_is_parsed_every_time_until_it_settles() {
    let s = setup();
    let fresh = s.articles.join("fresh.txt");
    fs::write(&fresh, "Fresh\n\nJust written.\n").unwrap();
    load(&s.cache, std::slice::from_ref(&s.articles));
    // The same size and time, other text: not stored, so the new text is read.
    let modified = fs::metadata(&fresh).unwrap().modified().unwrap();
    fs::write(&fresh, "Fresh\n\nJust changed.\n").unwrap();
    fs::File::options()
        .write(true)
        .open(&fresh)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let loaded = load(&s.cache, std::slice::from_ref(&s.articles));
    assert_eq!(loaded.articles[2].blocks[0].text, "Just changed.");
}

#[test]
fn a_corrupt_truncated_or_foreign_cache_file_is_ignored_and_rebuilt() {
    let s = setup();
    let expected = load(&s.cache, std::slice::from_ref(&s.articles)).articles;
    let file = cache_files(&s.cache).remove(0);
    let good = fs::read(&file).unwrap();
    let mut flipped = good.clone();
    let last = flipped.len() - 3;
    flipped[last] ^= 0x01;
    let mut other_build = good.clone();
    // The stamp follows the schema number: "folio 0.1.0 …" becomes "folio 9.1.0 …".
    let at = other_build
        .windows(7)
        .position(|w| w == b"folio 0")
        .unwrap();
    other_build[at + 6] = b'9';
    for bad in [
        &good[..good.len() / 2],
        &flipped[..],
        &other_build[..],
        b"",
        b"not a cache",
    ] {
        fs::write(&file, bad).unwrap();
        assert_eq!(
            load(&s.cache, std::slice::from_ref(&s.articles)).articles,
            expected
        );
        assert_eq!(fs::read(&file).unwrap(), good, "rebuilt as it was");
    }
}

/// The articles as the interface puts them together from a background load: each batch's,
/// then the blocks that came later; and the places of those that came without their blocks.
fn load_in_background(cache: &Cache, paths: &[PathBuf]) -> (Vec<Article>, Vec<usize>) {
    let (send, events) = std::sync::mpsc::channel();
    corpus::load_in_background(paths.to_vec(), Some(cache.clone()), move |event| {
        send.send(event).is_ok()
    });
    let (mut articles, mut without_blocks) = (Vec::new(), Vec::new());
    for event in events {
        match event {
            corpus::LoadEvent::Batch {
                articles: batch,
                blocks_later,
                ..
            } => {
                for &place in &blocks_later {
                    assert!(batch[place].blocks.is_empty());
                    without_blocks.push(articles.len() + place);
                }
                articles.extend(batch);
            }
            corpus::LoadEvent::Blocks { first, blocks } => {
                assert!(
                    first + blocks.len() <= articles.len(),
                    "after their articles"
                );
                for (article, blocks) in articles[first..].iter_mut().zip(blocks) {
                    assert!(article.blocks.is_empty(), "given their blocks once");
                    article.blocks = blocks;
                }
            }
            corpus::LoadEvent::Found { .. } => {}
            corpus::LoadEvent::Done => break,
        }
    }
    (articles, without_blocks)
}

#[test]
fn a_long_article_comes_first_without_its_blocks_and_they_follow() {
    let s = setup();
    let paragraphs: Vec<String> = (0..6000)
        .map(|n| format!("Paragraph {n:05} of the long one, where the harbour wall runs on."))
        .collect();
    write_aged(
        &s.articles.join("c.txt"),
        &format!("Gamma\n\n{}\n", paragraphs.join("\n\n")),
    );
    let paths = std::slice::from_ref(&s.articles);
    let expected = load(&s.cache, paths).articles;
    let (articles, without_blocks) = load_in_background(&s.cache, paths);
    assert_eq!(without_blocks, [2], "only the long one");
    assert_eq!(articles, expected);
    // A body that turns out to be damaged: the file is parsed, and the cache file mended.
    let file = cache_files(&s.cache).remove(0);
    let good = fs::read(&file).unwrap();
    let mut damaged = good.clone();
    let at = (damaged.windows(15))
        .position(|w| w == b"Paragraph 03000")
        .unwrap();
    damaged[at + 14] = b'1';
    fs::write(&file, &damaged).unwrap();
    let (articles, without_blocks) = load_in_background(&s.cache, paths);
    assert_eq!((articles, without_blocks), (expected, vec![2]));
    // (Compared as a whole: the bytes of a cache file would fill the screen.)
    assert!(fs::read(&file).unwrap() == good, "the cache file mended");
}

#[test]
fn an_unreadable_cache_folder_is_no_error() {
    let s = setup();
    // The cache folder is a file: nothing can be read or written there.
    fs::write(s.cache.dir(), "in the way").unwrap();
    let loaded = load(&s.cache, std::slice::from_ref(&s.articles));
    assert_eq!(titles(&loaded), ["Alpha", "Beta"]);
    assert!(loaded.skipped.is_empty());
}

#[test]
fn where_the_text_is_comes_only_when_asked() {
    let s = setup();
    load(&s.cache, std::slice::from_ref(&s.articles));
    let without = corpus::load_with(
        std::slice::from_ref(&s.articles),
        Reading {
            cache: Some(&s.cache),
            ..Reading::default()
        },
    );
    assert_eq!(without.articles[0].original, Original::default());
    let with = load(&s.cache, std::slice::from_ref(&s.articles));
    // The raw view reads the file again, and finds what the article was made from.
    assert!(matches!(
        with.articles[0].original,
        Original::File { message: None, .. }
    ));
    let original = corpus::read_original(&with.articles[0]).unwrap();
    assert_eq!(original.text, "Alpha\n\nThe harbour at dawn.\n");
    assert!(!original.changed);
}

#[test]
fn the_least_recently_used_caches_go_first_and_one_too_large_is_not_kept() {
    let s = setup();
    let temp = s.articles.parent().unwrap();
    let mut roots = Vec::new();
    for name in ["one", "two", "three"] {
        let dir = temp.join(name);
        fs::create_dir(&dir).unwrap();
        write_aged(
            &dir.join("a.txt"),
            &format!("{name}\n\n{}\n", "word ".repeat(200)),
        );
        roots.push(dir);
    }
    let size_of_one = {
        load(&s.cache, &roots[..1]);
        let file = cache_files(&s.cache).remove(0);
        fs::metadata(file).unwrap().len()
    };
    // Room for two: loading the third removes the one used longest ago (the first, read again
    // after the second was made, is younger than the second).
    let cache = Cache::new(s.cache.dir().to_owned(), size_of_one * 2 + size_of_one / 2);
    load(&cache, &roots[1..2]);
    std::thread::sleep(Duration::from_millis(20));
    load(&cache, &roots[..1]);
    std::thread::sleep(Duration::from_millis(20));
    load(&cache, &roots[2..3]);
    let kept: Vec<String> = cache_files(&cache)
        .iter()
        .map(|f| String::from_utf8_lossy(&fs::read(f).unwrap()).into_owned())
        .collect();
    assert_eq!(kept.len(), 2);
    // A cache file names its root.
    let holds = |root: &Path| kept.iter().any(|k| k.contains(root.to_str().unwrap()));
    assert!(holds(&roots[0]) && holds(&roots[2]) && !holds(&roots[1]));
    // A cache smaller than one corpus's file keeps none, and removes what it had for it.
    let tiny = Cache::new(cache.dir().to_owned(), size_of_one / 2);
    write_aged(&roots[0].join("b.txt"), "More\n\ntext\n");
    load(&tiny, &roots[..1]);
    assert_eq!(cache_files(&tiny).len(), 1);
    assert!(cache.clear().unwrap() > 0);
    assert!(cache_files(&cache).is_empty());
}

#[test]
fn every_root_has_its_own_file_and_a_root_named_twice_one() {
    let s = setup();
    let single = s.articles.join("a.txt");
    let paths = [s.articles.clone(), single.clone(), s.articles.clone()];
    let first = load(&s.cache, &paths);
    assert_eq!(cache_files(&s.cache).len(), 2);
    assert_eq!(load(&s.cache, &paths).articles, first.articles);
    // Named by another path this time: the same articles, shown under the new path.
    let dotted = s.articles.join(".").join("a.txt");
    let again = load(&s.cache, std::slice::from_ref(&dotted));
    assert_eq!(again.articles[0].path, corpus::display_path(&dotted));
    assert_eq!(again.articles[0].id, first.articles[0].id);
}

#[test]
fn an_mbox_comes_back_message_by_message() {
    let s = setup();
    let mbox = s.articles.join("list.mbox");
    let message = |n: usize| {
        format!(
            "From a@example.org Mon Mar  2 08:00:00 2026\nFrom: A <a@example.org>\n\
             Subject: Message {n}\nMessage-ID: <{n}@x>\n\nBody {n}.\n\n"
        )
    };
    write_aged(&mbox, &(1..=3).map(message).collect::<String>());
    let first = load(&s.cache, std::slice::from_ref(&mbox));
    let second = load(&s.cache, std::slice::from_ref(&mbox));
    assert_eq!(first.articles.len(), 3);
    assert_eq!(first.articles, second.articles);
    assert!(second.articles[2].path.ends_with("list.mbox#3"));
}

#[test]
fn a_load_that_outgrows_the_cache_lets_its_new_entries_go_and_writes_none() {
    let s = setup();
    for n in 0..40 {
        write_aged(
            &s.articles.join(format!("long{n:02}.txt")),
            &format!("Long {n}\n\n{}\n", "word ".repeat(2000)),
        );
    }
    let paths = std::slice::from_ref(&s.articles);
    let whole = load(&s.cache, paths);
    let size = fs::metadata(cache_files(&s.cache).remove(0)).unwrap().len();
    // A cache a quarter of the size: the spill outgrows it part way through the load.
    let dir = s.articles.parent().unwrap().join("small-cache");
    let small = Cache::new(dir, size / 4);
    assert_eq!(load(&small, paths).articles, whole.articles);
    assert!(cache_files(&small).is_empty());
    assert_eq!(load(&small, paths).articles, whole.articles);
}
