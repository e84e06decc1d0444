//! Keeps the benchmark suite honest under plain `cargo test`, which is all CI runs: the corpus
//! generator is deterministic and writes files folio loads, and every benchmark workload runs
//! once on a tiny input, so a change to folio's API or behaviour that breaks `cargo bench` breaks
//! this first.

#[path = "../benches/support/mod.rs"]
mod support;

mod common;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;

use folio::action::Action;
use memchr::memmem::Finder;
use support::corpus_gen::{self, Options};
use support::workloads;
use tempfile::TempDir;

/// A tiny corpus: 20 articles, one of them "long" (16 KB at this scale).
fn tiny(seed: u64) -> Options {
    Options {
        articles: 20,
        seed,
        scale: 1.0 / 512.0,
        ..Options::default()
    }
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.insert(name, fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let (a, b, c) = (
        TempDir::new().unwrap(),
        TempDir::new().unwrap(),
        TempDir::new().unwrap(),
    );
    let summary = corpus_gen::generate(&tiny(7), a.path()).unwrap();
    corpus_gen::generate(&tiny(7), b.path()).unwrap();
    corpus_gen::generate(&tiny(8), c.path()).unwrap();
    assert_eq!(summary.files, 20);
    assert_eq!(summary.long, 1);
    let first = tree(a.path());
    assert_eq!(first.len(), 20);
    assert_eq!(first, tree(b.path()));
    assert_ne!(first, tree(c.path()), "another seed, another corpus");
    let bytes: usize = first.values().map(Vec::len).sum();
    assert_eq!(bytes as u64, summary.bytes);
}

#[test]
fn the_generator_refuses_a_folder_with_files_in_it() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("stale.txt"), "from an earlier run").unwrap();
    assert!(corpus_gen::generate(&tiny(1), dir.path()).is_err());
}

#[test]
fn folio_list_loads_every_generated_article() {
    let dir = TempDir::new().unwrap();
    let corpus = dir.path().join("corpus");
    corpus_gen::generate(&tiny(3), &corpus).unwrap();
    let config = TempDir::new().unwrap();
    let output = common::folio(config.path())
        .arg("list")
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(output.stderr.is_empty(), "nothing skipped: {output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 20, "{stdout}");
    // Titles and bylines are recognised, not taken from the file names.
    assert!(
        stdout.lines().filter(|l| l.contains(" — ")).count() >= 15,
        "{stdout}"
    );
}

#[test]
fn html_files_come_only_with_the_flag() {
    let dir = TempDir::new().unwrap();
    let options = Options {
        articles: 60,
        html: true,
        ..tiny(5)
    };
    corpus_gen::generate(&options, dir.path()).unwrap();
    let names = tree(dir.path());
    let html = names.keys().filter(|n| n.ends_with(".html")).count();
    assert!(html > 0, "{names:?}");
    assert!(!tree_of(&tiny(5)).keys().any(|n| n.ends_with(".html")));
}

fn tree_of(options: &Options) -> BTreeMap<String, Vec<u8>> {
    let dir = TempDir::new().unwrap();
    corpus_gen::generate(options, dir.path()).unwrap();
    tree(dir.path())
}

#[test]
fn some_articles_are_chinese_or_japanese_and_load_cleanly() {
    let options = Options {
        articles: 400,
        long: Some(0),
        scale: 0.05,
        ..Options::default()
    };
    let cjk: Vec<_> = (0..options.articles)
        .map(|i| corpus_gen::file(&options, i))
        .filter(|f| f.cjk)
        .collect();
    assert!((2..=20).contains(&cjk.len()), "about 2%: {}", cjk.len());
    let articles = workloads::generated_articles(&options);
    assert!(
        articles
            .iter()
            .any(|a| a.blocks.iter().any(|b| b.text.contains('。')))
    );
}

#[test]
fn the_load_and_search_workloads_run() {
    let dir = TempDir::new().unwrap();
    corpus_gen::generate(&tiny(11), dir.path()).unwrap();
    let corpus = workloads::load(dir.path());
    assert_eq!(corpus.articles.len(), 20);
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    assert!(workloads::searched_bytes(&corpus.articles) > 0);
    assert!(workloads::file_bytes(dir.path()) > 0);
    for text in workloads::SEARCH_QUERIES {
        let query = workloads::query(text);
        let all = workloads::search_all(&query, &corpus.articles);
        let (stepped, steps) = workloads::search_stepped(&query, &corpus.articles, 4096);
        assert_eq!(all, stepped, "{text}");
        assert!(steps > 1);
        let finder = Finder::new(workloads::search_literal(text));
        let per_block = workloads::memmem_scan(&finder, &corpus.articles);
        let texts = workloads::whole_texts(&corpus.articles);
        assert!(workloads::memmem_scan_raw(&finder, &texts) >= per_block);
    }
}

#[test]
fn the_render_workloads_run() {
    let theme = workloads::theme();
    let trio = workloads::long_article_trio(64 * 1024);
    assert!(
        trio[1].blocks.len() > 20,
        "the middle article is the long one"
    );
    for name in workloads::READER_KEYS {
        let (action, (w, h), open) = workloads::reader_key(name);
        let mut state = workloads::reader_key_state(trio.clone(), open, w, h);
        let mut terminal = workloads::test_terminal(w, h);
        workloads::draw(&mut terminal, &state, &theme);
        workloads::keystroke(&mut terminal, &mut state, &theme, action);
        assert_eq!(terminal.backend().buffer().area, state.size, "{name}");
    }
    let list = workloads::list_articles(50);
    for name in workloads::LIST_KEYS {
        let mut state = workloads::list_state(list.clone(), 80, 24);
        assert_eq!(state.selected, 25);
        let mut terminal = workloads::test_terminal(80, 24);
        workloads::keystroke(&mut terminal, &mut state, &theme, workloads::list_key(name));
    }
    let (state, _) = workloads::first_frame(list, None, HashMap::new(), 80, 24, &theme);
    assert_eq!(state.articles.len(), 50);
    let mut state = workloads::reader_state(trio, 1, 80, 24);
    let (first, after) = workloads::bytes_per_step(&mut state, &theme, Action::ScrollDown);
    assert!(
        0 < after && after < first,
        "a scroll sends less than a frame: {after} of {first}"
    );
}

#[test]
fn the_mail_corpus_loads_the_same_messages_from_an_mbox_and_from_files() {
    let dir = TempDir::new().unwrap();
    let options = Options {
        articles: 6,
        long: Some(0),
        scale: 1.0 / 64.0,
        ..tiny(3)
    };
    let (mbox, folder) = workloads::write_mail_corpus(&options, dir.path()).unwrap();
    let from_mbox = folio::corpus::load(&[mbox]);
    let from_files = workloads::load(&folder);
    assert_eq!(from_mbox.articles.len(), 6);
    let titles = |c: &folio::corpus::Corpus| {
        c.articles
            .iter()
            .map(|a| a.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&from_mbox), titles(&from_files));
    let words = |c: &folio::corpus::Corpus| c.articles.iter().map(|a| a.word_count).sum::<usize>();
    assert_eq!(words(&from_mbox), words(&from_files));
}
