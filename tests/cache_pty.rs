//! The interface through the cache of parsed articles: the list fills from it on the second run as
//! on the first, and the raw view (`r`) still shows the file as written.

mod common;

use std::fs;
use std::time::{Duration, SystemTime};

use common::pty::Pty;
use tempfile::TempDir;

#[test]
fn the_second_run_lists_and_shows_the_same_from_the_cache() {
    let cache = TempDir::new().unwrap();
    let articles = TempDir::new().unwrap();
    for (name, text) in [
        ("a.txt", "Alpha\n\nThe harbour at dawn.\n"),
        ("b.md", "# Beta\n\nThe *tide* comes in.\n"),
    ] {
        let path = articles.path().join(name);
        fs::write(&path, text).unwrap();
        // Settled, so the cache stores it.
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(SystemTime::now() - Duration::from_secs(3600))
            .unwrap();
    }
    let dir = articles.path().to_str().unwrap();
    // A config folder each (the second would reopen the article the first left open), one cache.
    let cache_dir = cache.path().to_str().unwrap();
    let session = || {
        let config = TempDir::new().unwrap();
        let env = [("FOLIO_CACHE_DIR", cache_dir)];
        let mut pty = Pty::spawn_with_env(config.path(), &[dir], &env, 100, 30);
        let list = pty.wait_for(" LIST  1/2 ");
        pty.send("j\r");
        let article = pty.wait_for(" READ  2/2 ");
        pty.send("r");
        let raw = pty.wait_for("the file as it is");
        pty.send("q");
        assert!(pty.wait_exit().success());
        (list, article, raw)
    };
    let first = session();
    let cache_files = fs::read_dir(cache.path()).unwrap().count();
    assert_eq!(cache_files, 1, "the folder's articles stored");
    let second = session();
    assert!(
        second.0.contains("Alpha") && second.0.contains("Beta"),
        "{}",
        second.0
    );
    assert!(second.1.contains("The tide comes in."), "{}", second.1);
    assert!(second.2.contains("The *tide* comes in."), "{}", second.2);
    assert_eq!(first, second);
}
