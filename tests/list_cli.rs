//! `folio list` over a library in folders: the order (`--sort`), one folder (`--folder`), and the
//! folder and reading progress each article carries in `--json`.

mod common;

use std::fs;
use std::path::Path;

use common::folio;
use serde_json::Value;
use tempfile::TempDir;

/// A news message with a subject and, when given, a date.
fn message(subject: &str, date: Option<&str>) -> String {
    let date = date.map_or(String::new(), |d| format!("Date: {d}\n"));
    format!(
        "From: someone@example.org\nNewsgroups: x\nSubject: {subject}\n{date}\n\
         A few words of the message {subject}.\n"
    )
}

/// Two newsgroups, one a folder of files and one an mbox.
fn newsgroups(root: &Path) {
    let space = root.join("sci.space");
    fs::create_dir_all(&space).unwrap();
    fs::write(
        space.join("1.eml"),
        message("Orbits", Some("Thu, 02 Jan 2020 10:00:00 +0000")),
    )
    .unwrap();
    fs::write(space.join("2.eml"), message("Apollo", None)).unwrap();
    let mbox = [
        ("Banjo", "Thu, 06 May 2021 10:00:00 +0000"),
        ("Cello", "Fri, 01 Jan 1999 10:00:00 +0000"),
    ]
    .iter()
    .map(|(subject, date)| {
        format!(
            "From someone@example.org Thu Jan  1 00:00:00 1970\n{}\n",
            message(subject, Some(date))
        )
    })
    .collect::<String>();
    fs::write(root.join("rec.arts.mbox"), mbox).unwrap();
}

fn json_of(config: &Path, args: &[&str]) -> Vec<Value> {
    let output = folio(config).arg("list").args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn titles(listed: &[Value]) -> Vec<&str> {
    listed
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect()
}

#[test]
fn sort_date_json_lists_newest_first_and_undated_last() {
    let (config, news) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    newsgroups(news.path());
    let root = news.path().to_str().unwrap();
    let listed = json_of(config.path(), &[root, "--sort", "date", "--json"]);
    assert_eq!(titles(&listed), ["Banjo", "Orbits", "Cello", "Apollo"]);
    let listed = json_of(config.path(), &[root, "--sort", "title", "--json"]);
    assert_eq!(titles(&listed), ["Apollo", "Banjo", "Cello", "Orbits"]);
    let folder = listed[0]["folder"].as_str().unwrap();
    assert!(folder.ends_with("sci.space"), "{folder}");
    let folder = listed[1]["folder"].as_str().unwrap();
    assert!(
        folder.ends_with("rec.arts.mbox"),
        "an mbox is a folder: {folder}"
    );
    folio(config.path())
        .args(["list", root, "--sort", "size"])
        .assert()
        .code(2);
}

#[test]
fn folder_restricts_the_list_to_one_folder_by_name_or_path() {
    let (config, news) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    newsgroups(news.path());
    let root = news.path().to_str().unwrap();
    let listed = json_of(config.path(), &[root, "--folder", "sci.space", "--json"]);
    assert_eq!(titles(&listed), ["Orbits", "Apollo"]);
    let mbox = news.path().join("rec.arts.mbox");
    let listed = json_of(
        config.path(),
        &[root, "--folder", mbox.to_str().unwrap(), "--json"],
    );
    assert_eq!(titles(&listed), ["Banjo", "Cello"]);
    // The plain lines name each article's folder.
    let output = folio(config.path()).args(["list", root]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("Orbits — sci.space · someone@example.org · 2020-01-02"),
        "{text}"
    );
    let output = folio(config.path())
        .args(["list", root, "--folder", "alt.\u{1b}[31mnowhere"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no folder"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}'),
        "the name is shown sanitized: {stderr:?}"
    );
}

#[test]
fn json_carries_how_far_each_article_has_been_read() {
    let (config, news) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    newsgroups(news.path());
    let root = news.path().to_str().unwrap();
    let listed = json_of(config.path(), &[root, "--json"]);
    assert!(listed.iter().all(|a| a["progress"] == "unread"));
    let id = |title: &str| {
        listed.iter().find(|a| a["title"] == title).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let state = serde_json::json!({
        "version": 1,
        "positions": {
            id("Orbits"): {"block": 1, "offset": 0, "percent": 40, "updated": "2024-06-01T12:00:00Z"},
            id("Banjo"): {"block": 0, "offset": 0, "percent": 10, "updated": "2024-06-02T12:00:00Z", "mark": "finished"},
            id("Cello"): {"block": 3, "offset": 0, "percent": 100, "updated": "2024-06-03T12:00:00Z"},
        }
    });
    fs::write(config.path().join("state.json"), state.to_string()).unwrap();
    let listed = json_of(config.path(), &[root, "--sort", "read", "--json"]);
    assert_eq!(titles(&listed), ["Cello", "Banjo", "Orbits", "Apollo"]);
    let progress: Vec<(&str, &Value)> = listed
        .iter()
        .map(|a| (a["progress"].as_str().unwrap(), &a["percent"]))
        .collect();
    assert_eq!(
        progress,
        [
            ("finished", &Value::from(100)),
            ("finished", &Value::from(100)),
            ("in progress", &Value::from(40)),
            ("unread", &Value::Null),
        ]
    );
}
