//! The cache of parsed articles, from the outside: `folio list`, `show` and `search` print the
//! same bytes with a cold cache, a warm one and none; a file changed under the cache shows its new
//! text; a broken cache file is passed over in silence; `folio cache` says where it is and
//! empties it.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::folio;
use tempfile::TempDir;

/// Sets a file's time an hour back: it has settled, so the cache stores it.
fn age(path: &Path) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

/// A folder of every format folio reads, from the test fixtures, every file settled.
fn corpus(root: &Path) -> PathBuf {
    let dir = root.join("articles");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    fs::create_dir_all(dir.join("news")).unwrap();
    for name in ["blog.html", "news.html", "sourdough.md", "tides.html"] {
        fs::copy(fixtures.join(name), dir.join(name)).unwrap();
    }
    fs::copy(
        fixtures.join("mail/newsletter.eml"),
        dir.join("newsletter.eml"),
    )
    .unwrap();
    for name in ["54321", "54322", "54323"] {
        fs::copy(
            fixtures.join("news").join(name),
            dir.join("news").join(name),
        )
        .unwrap();
    }
    fs::write(
        dir.join("notes.txt"),
        "Harbour notes\n\nThe harbour at dawn, with a bell\u{7} and a tab\there.\n",
    )
    .unwrap();
    let message = |n: u32| {
        format!(
            "From a@example.org Mon Mar  2 08:00:00 2026\nFrom: A <a@example.org>\n\
             Subject: Harbour {n}\nMessage-ID: <{n}@x>\n\nThe harbour, message {n}.\n\n"
        )
    };
    fs::write(
        dir.join("list.mbox"),
        (1..=3).map(message).collect::<String>(),
    )
    .unwrap();
    // A page with no article: its note is reported by every command that loads it, and a search
    // for a word it does not hold loads it (a web page is parsed, whatever it holds).
    fs::write(
        dir.join("menu.html"),
        "<html><head><title>Menu only</title></head><body><ul><li><a href=\"/a\">Home</a></li>\
         <li><a href=\"/b\">About</a></li></ul></body></html>\n",
    )
    .unwrap();
    // An empty file and a binary one: reported the same way each time.
    fs::write(dir.join("empty.txt"), "").unwrap();
    fs::write(dir.join("binary.txt"), b"\0\x01\x02").unwrap();
    for entry in walk(&dir) {
        age(&entry);
    }
    dir
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// stdout, stderr and the exit code of `folio ARGS`, as one byte string.
fn run(config: &Path, args: &[&str]) -> Vec<u8> {
    let output = folio(config).args(args).output().unwrap();
    let mut all = output.stdout;
    all.extend(b"\n--- stderr\n");
    all.extend(output.stderr);
    all.extend(format!("\n--- exit {:?}", output.status.code()).bytes());
    all
}

fn cache_files(config: &Path) -> Vec<PathBuf> {
    fs::read_dir(config.join("cache"))
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// Every command whose output must not depend on the cache.
fn commands(dir: &str, ids: &[String]) -> Vec<Vec<String>> {
    let mut commands: Vec<Vec<&str>> = vec![
        vec!["list", dir],
        vec!["list", dir, "--json"],
        vec!["list", dir, "--sort", "title"],
        vec!["search", "harbour", dir],
        vec!["search", "Harbour", dir, "--count"],
        vec!["search", "/dawn|bell/", dir],
        vec!["search", "the moon", dir, "--count"],
        vec!["search", "zebra", dir],
    ];
    for id in ids {
        commands.push(vec!["show", id, dir]);
        commands.push(vec!["show", id, dir, "--raw"]);
        commands.push(vec!["show", id, dir, "--width", "40"]);
    }
    commands
        .into_iter()
        .map(|c| c.into_iter().map(str::to_owned).collect())
        .collect()
}

fn outputs(config: &Path, commands: &[Vec<String>], extra: &[&str]) -> Vec<Vec<u8>> {
    commands
        .iter()
        .map(|command| {
            let mut args: Vec<&str> = command.iter().map(String::as_str).collect();
            args.extend(extra);
            run(config, &args)
        })
        .collect()
}

#[test]
fn every_command_prints_the_same_bytes_with_a_cold_cache_a_warm_one_and_none() {
    let temp = TempDir::new().unwrap();
    let dir = corpus(temp.path());
    let dir = dir.to_str().unwrap();
    let config = temp.path().join("config");
    let listing = folio(&config)
        .args(["list", dir, "--no-cache"])
        .output()
        .unwrap();
    assert!(cache_files(&config).is_empty(), "--no-cache writes nothing");
    let ids: Vec<String> = String::from_utf8(listing.stdout)
        .unwrap()
        .lines()
        .map(|line| line.split_whitespace().next().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 13, "every article, the mbox's three included");
    let commands = commands(dir, &ids);

    let uncached = outputs(&config, &commands, &["--no-cache"]);
    assert!(cache_files(&config).is_empty());
    // Each command first with an empty cache (removed before it), then warm.
    let cold: Vec<Vec<u8>> = commands
        .iter()
        .map(|command| {
            let _ = fs::remove_dir_all(config.join("cache"));
            let args: Vec<&str> = command.iter().map(String::as_str).collect();
            run(&config, &args)
        })
        .collect();
    assert_eq!(cache_files(&config).len(), 1, "one file for the folder");
    let warm = outputs(&config, &commands, &[]);
    for ((command, uncached), (cold, warm)) in
        commands.iter().zip(&uncached).zip(cold.iter().zip(&warm))
    {
        let shown = String::from_utf8_lossy(uncached);
        assert_eq!(uncached, cold, "{command:?} cold:\n{shown}");
        assert_eq!(uncached, warm, "{command:?} warm:\n{shown}");
    }
    // The reports of skipped files and notes are there, from the cache too.
    let list = String::from_utf8_lossy(&warm[0]);
    assert!(list.contains("empty.txt: empty file"), "{list}");
    assert!(list.contains("binary.txt: binary file"), "{list}");
    let zebra = String::from_utf8_lossy(&warm[7]);
    assert!(
        zebra.contains("menu.html: no article text found"),
        "{zebra}"
    );
}

#[test]
fn a_file_changed_under_the_cache_shows_its_new_text() {
    let temp = TempDir::new().unwrap();
    let dir = corpus(temp.path());
    let config = temp.path().join("config");
    let search = |word: &str| {
        let output = folio(&config)
            .args(["search", word])
            .arg(&dir)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(search("dawn").contains("notes.txt:1: The harbour at dawn"));
    assert_eq!(cache_files(&config).len(), 1);
    // Changed (and settled, so the new text is stored too), then touched only.
    let notes = dir.join("notes.txt");
    fs::write(&notes, "Harbour notes\n\nThe harbour at dusk.\n").unwrap();
    age(&notes);
    assert_eq!(search("dawn"), "");
    assert!(search("dusk").contains("notes.txt:1: The harbour at dusk."));
    fs::write(&notes, "Harbour notes\n\nThe harbour at noon.\n").unwrap();
    assert!(search("noon").contains("notes.txt:1: The harbour at noon."));
    let shown = folio(&config)
        .args(["show", "notes.txt"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&shown.stdout).contains("The harbour at noon."));
    // Removed, and a new file added.
    fs::remove_file(&notes).unwrap();
    fs::write(dir.join("new.txt"), "New\n\nThe harbour at night.\n").unwrap();
    let found = search("harbour");
    assert!(!found.contains("notes.txt"), "{found}");
    assert!(
        found.contains("new.txt:1: The harbour at night."),
        "{found}"
    );
}

#[test]
fn a_broken_cache_file_is_passed_over_in_silence() {
    let temp = TempDir::new().unwrap();
    let dir = corpus(temp.path());
    let config = temp.path().join("config");
    let list = |config: &Path| {
        let output = folio(config).arg("list").arg(&dir).output().unwrap();
        (output.stdout, output.stderr)
    };
    let expected = list(&config);
    let file = cache_files(&config).remove(0);
    let good = fs::read(&file).unwrap();
    for bad in [&good[..good.len() - 1], b"garbage", b""] {
        fs::write(&file, bad).unwrap();
        assert_eq!(list(&config), expected);
        assert_eq!(fs::read(&file).unwrap(), good, "written again");
    }
}

#[test]
fn folio_cache_says_where_it_is_and_clears_it() {
    let temp = TempDir::new().unwrap();
    let dir = corpus(temp.path());
    let config = temp.path().join("config");
    folio(&config).arg("list").arg(&dir).assert().success();
    let said = folio(&config).arg("cache").output().unwrap();
    let said = String::from_utf8(said.stdout).unwrap();
    assert!(
        said.starts_with(&format!(
            "{}: 1 cache file of parsed articles, ",
            config.join("cache").display()
        )),
        "{said}"
    );
    let cleared = folio(&config).args(["cache", "--clear"]).output().unwrap();
    assert!(cleared.status.success());
    assert!(
        String::from_utf8(cleared.stdout)
            .unwrap()
            .starts_with("removed ")
    );
    assert!(cache_files(&config).is_empty());
    let said = folio(&config).arg("cache").output().unwrap();
    assert!(
        String::from_utf8(said.stdout)
            .unwrap()
            .contains(": 0 cache files of parsed articles, 0.0 MB")
    );
}
