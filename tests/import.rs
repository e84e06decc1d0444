//! `folio import` end to end: an Omnivore ZIP built here and a Pocket CSV whose addresses point
//! at a server on 127.0.0.1. Articles, labels, read state and highlights arrive, once.

mod common;

use std::io::Write;
use std::path::Path;

use common::folio;
use common::http::{Reply, serve};

const TRAINS: &str = "<div class=\"page\"><p>The sleeper leaves at ten and arrives at dawn, \
    crossing three borders in the dark.</p><p>Nobody checks tickets after midnight, \
    and the dining car closes at eleven.</p></div>";

const FERRIES: &str = "<div><p>The ferry to the islands runs twice a week in winter.</p></div>";

fn omnivore_zip(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("omnivore-export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    let metadata = r#"[
      {"id": "1", "slug": "night-trains", "title": "Night trains", "author": "Ada Byline",
       "url": "https://example.com/trains", "state": "Archived", "readingProgress": 100,
       "labels": ["travel", "rail"], "savedAt": "2024-05-01T10:00:00.000Z",
       "publishedAt": "2024-04-30T08:00:00.000Z"},
      {"id": "2", "slug": "ferries", "title": "Winter ferries", "author": null,
       "url": "https://example.com/ferries", "state": "Succeeded", "readingProgress": 10,
       "labels": [], "savedAt": "2024-05-02T10:00:00.000Z"}
    ]"#;
    for (name, text) in [
        ("metadata_0_to_2.json", metadata),
        ("content/night-trains.html", TRAINS),
        ("content/ferries.html", FERRIES),
        (
            "highlights/night-trains.md",
            "> Nobody checks tickets after midnight \n\n#favourite\n\nBring a book.\n\n\
             > The sleeper leaves at ten ",
        ),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

fn library_count(config: &Path) -> usize {
    std::fs::read_dir(config.join("library"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[test]
fn an_omnivore_export_arrives_with_labels_read_state_and_highlights_once() {
    let config = tempfile::tempdir().unwrap();
    let zip = omnivore_zip(config.path());
    let imported = folio(config.path())
        .arg("import")
        .arg(&zip)
        .assert()
        .code(0);
    let out = stdout(&imported);
    assert!(
        out.contains(
            "2 saved, 0 already in the library, 2 highlights as bookmarks, 1 marked read, 0 failed"
        ),
        "{out}"
    );
    assert_eq!(library_count(config.path()), 2);

    let listed = folio(config.path())
        .args(["list", "--json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&listed.get_output().stdout).unwrap();
    let trains = json
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Night trains")
        .expect("the article arrived");
    assert_eq!(trains["byline"], "Ada Byline");
    assert_eq!(trains["date"], "2024-04-30");
    assert_eq!(trains["url"], "https://example.com/trains");
    let id = trains["id"].as_str().unwrap();

    // Labels are kept in the saved file, the archived article is read, the highlights are
    // bookmarks found in the text with their notes.
    let saved = std::fs::read_dir(config.path().join("library"))
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .find(|text| text.contains("Night trains"))
        .unwrap();
    assert!(saved.contains("<meta name=\"folio:labels\" content=\"travel, rail\">"));
    assert!(saved.contains("<meta name=\"folio:saved\" content=\"2024-05-01T10:00:00.000Z\">"));
    let state: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(config.path().join("state.json")).unwrap())
            .unwrap();
    assert_eq!(state["positions"][id]["percent"], 100);
    assert_eq!(state["positions"].as_object().unwrap().len(), 1);
    let marks = folio(config.path())
        .args(["bookmarks", "--json"])
        .assert()
        .success();
    let marks: serde_json::Value = serde_json::from_slice(&marks.get_output().stdout).unwrap();
    let marks = marks.as_array().unwrap();
    assert_eq!(marks.len(), 2, "{marks:?}");
    let nobody = marks
        .iter()
        .find(|m| m["passage"]["quote"] == "Nobody checks tickets after midnight")
        .expect("the highlight is a bookmark");
    assert_eq!(nobody["note"], "Bring a book.");
    assert_eq!(nobody["article"]["id"], id);
    assert_eq!(nobody["passage"]["first_block"], 1);
    assert!(
        marks.iter().all(|m| m["anchor"]["state"] == "exact"),
        "{marks:?}"
    );

    let again = folio(config.path())
        .arg("import")
        .arg(&zip)
        .assert()
        .code(1);
    assert!(stdout(&again).contains("0 saved, 2 already in the library, 0 highlights"));
    assert_eq!(library_count(config.path()), 2);
    let marks = folio(config.path())
        .args(["bookmarks", "--json"])
        .assert()
        .success();
    let marks: serde_json::Value = serde_json::from_slice(&marks.get_output().stdout).unwrap();
    assert_eq!(marks.as_array().unwrap().len(), 2);
}

#[test]
fn a_pocket_csv_is_fetched_resumably_with_a_report_of_what_failed() {
    let web = serve(|path| match path {
        "/trains" => Reply::html(
            "<html><head><title>Night trains</title></head><body><article><p>The sleeper leaves at ten.</p></article></body></html>",
        ),
        "/ferries" => Reply::html(
            "<html><head><title>Winter ferries</title></head><body><article><p>Twice a week.</p></article></body></html>",
        ),
        _ => Reply::Page {
            status: 410,
            content_type: "text/html",
            body: b"gone".to_vec(),
        },
    });
    let config = tempfile::tempdir().unwrap();
    let csv = config.path().join("part_000000.csv");
    std::fs::write(
        &csv,
        format!(
            "title,url,time_added,tags,status\n\
             Night trains,{},1700000000,travel|rail,archive\n\
             Winter ferries,{},1700000100,,unread\n\
             Gone,{},1700000200,,unread\n",
            web.url("/trains"),
            web.url("/ferries"),
            web.url("/gone"),
        ),
    )
    .unwrap();
    let imported = folio(config.path())
        .arg("import")
        .arg(&csv)
        .assert()
        .code(2);
    let out = stdout(&imported);
    assert!(
        out.contains(
            "2 saved, 0 already in the library, 0 highlights as bookmarks, 1 marked read, 1 failed"
        ),
        "{out}"
    );
    let err = String::from_utf8_lossy(&imported.get_output().stderr).into_owned();
    assert!(
        err.contains(&format!(
            "folio: failed {}: the server answered HTTP 410",
            web.url("/gone")
        )),
        "{err}"
    );
    assert_eq!(library_count(config.path()), 2);
    let saved: Vec<String> = std::fs::read_dir(config.path().join("library"))
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(saved.iter().any(|t| t.contains("content=\"travel, rail\"")));
    assert!(
        saved
            .iter()
            .any(|t| t.contains("content=\"2023-11-14T22:13:20.000Z\""))
    );

    // Running it again fetches only what failed.
    let before = web.requests.lock().unwrap().len();
    let again = folio(config.path())
        .arg("import")
        .arg(&csv)
        .assert()
        .code(2);
    assert!(stdout(&again).contains("0 saved, 2 already in the library"));
    assert_eq!(web.requests.lock().unwrap().len(), before + 1);
    assert_eq!(library_count(config.path()), 2);
}

#[test]
fn a_file_that_is_no_export_is_refused() {
    let config = tempfile::tempdir().unwrap();
    let notes = config.path().join("notes.txt");
    std::fs::write(&notes, "hello").unwrap();
    let refused = folio(config.path())
        .arg("import")
        .arg(&notes)
        .assert()
        .code(2);
    assert!(
        String::from_utf8_lossy(&refused.get_output().stderr).contains("not an export folio knows")
    );
    let fake_zip = config.path().join("export.zip");
    std::fs::write(&fake_zip, "not a zip").unwrap();
    let refused = folio(config.path())
        .arg("import")
        .arg(&fake_zip)
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&refused.get_output().stderr).contains("not a ZIP archive"));
    assert_eq!(library_count(config.path()), 0);
}

#[test]
fn an_omnivore_item_without_its_text_is_fetched_from_its_address() {
    let web = serve(|_| {
        Reply::html(
            "<html><head><title>Fetched ferries</title></head><body><p>Twice a week.</p></body></html>",
        )
    });
    let config = tempfile::tempdir().unwrap();
    let path = config.path().join("export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file(
        "metadata_0_to_1.json",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    let metadata = format!(
        r#"[{{"slug": "ferries", "title": "Winter ferries", "url": "{}", "state": "Archived",
            "labels": ["sea"]}}]"#,
        web.url("/ferries")
    );
    zip.write_all(metadata.as_bytes()).unwrap();
    zip.finish().unwrap();
    let imported = folio(config.path())
        .arg("import")
        .arg(&path)
        .assert()
        .code(0);
    assert!(
        stdout(&imported).contains(
            "1 saved, 0 already in the library, 0 highlights as bookmarks, 1 marked read"
        )
    );
    let listed = folio(config.path()).args(["list"]).assert().success();
    assert!(stdout(&listed).contains("Fetched ferries"));
    assert_eq!(web.requests.lock().unwrap().len(), 1);
}
