//! The library folder end to end: what `folio` opens with no path, and what `folio add` and
//! `folio import` leave in it.

mod common;

use common::folio;

#[test]
fn no_path_opens_the_library_once_it_holds_a_page() {
    let config = tempfile::tempdir().unwrap();
    let bundled = folio(config.path()).args(["list"]).assert().success();
    let bundled = String::from_utf8(bundled.get_output().stdout.clone()).unwrap();
    assert_eq!(bundled.lines().count(), 2, "{bundled}");

    let library = config.path().join("library");
    std::fs::create_dir_all(&library).unwrap();
    std::fs::write(
        library.join("2026-12-01-saved.html"),
        "<html><head><title>A saved page</title></head><body><p>Kept for later.</p></body></html>",
    )
    .unwrap();
    let listed = folio(config.path()).args(["list"]).assert().success();
    let listed = String::from_utf8(listed.get_output().stdout.clone()).unwrap();
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(listed.contains("A saved page"), "{listed}");

    // A path named on the command line wins over the library.
    let named = folio(config.path())
        .args(["list"])
        .arg(config.path().join("library/2026-12-01-saved.html"))
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&named.get_output().stdout).contains("A saved page"));
}

#[test]
fn library_flag_beats_the_environment() {
    let config = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    std::fs::write(
        other.path().join("page.html"),
        "<html><head><title>Elsewhere</title></head><body><p>Text.</p></body></html>",
    )
    .unwrap();
    let listed = folio(config.path())
        .arg("--library")
        .arg(other.path())
        .arg("list")
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&listed.get_output().stdout).contains("Elsewhere"));
}

/// A folder holding one saved page titled `title`.
fn folder_with_page(title: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("page.html"),
        format!("<html><head><title>{title}</title></head><body><p>Text.</p></body></html>"),
    )
    .unwrap();
    dir
}

#[test]
fn the_library_in_config_toml_comes_after_the_flag_and_the_environment() {
    let config = tempfile::tempdir().unwrap();
    let (configured, from_env, from_flag) = (
        folder_with_page("Configured"),
        folder_with_page("From the environment"),
        folder_with_page("From the flag"),
    );
    std::fs::write(
        config.path().join("config.toml"),
        format!("library = \"{}\"\n", configured.path().display()),
    )
    .unwrap();
    let list = |command: &mut assert_cmd::Command| {
        let done = command.arg("list").assert().success();
        String::from_utf8(done.get_output().stdout.clone()).unwrap()
    };
    let no_env = list(folio(config.path()).env_remove("FOLIO_LIBRARY"));
    assert!(no_env.contains("Configured"), "{no_env}");
    let env = list(folio(config.path()).env("FOLIO_LIBRARY", from_env.path()));
    assert!(env.contains("From the environment"), "{env}");
    let flag = list(
        folio(config.path())
            .env("FOLIO_LIBRARY", from_env.path())
            .arg("--library")
            .arg(from_flag.path()),
    );
    assert!(flag.contains("From the flag"), "{flag}");
}

use common::http::{Reply, serve};
use std::path::Path;

const PAGE: &str = "<!DOCTYPE html><html><head><title>Night trains | The Ledger</title>\
    <meta property=\"og:title\" content=\"Night trains\">\
    <meta name=\"author\" content=\"Ada Byline\">\
    <meta property=\"article:published_time\" content=\"2025-03-04T08:00:00Z\"></head>\
    <body><nav>Home News</nav><article><h1>Night trains</h1>\
    <p>The sleeper leaves at ten and arrives at dawn, crossing three borders in the dark.</p>\
    <p>Nobody checks tickets after midnight.</p></article></body></html>";

const OTHER: &str = "<html><head><title>Moved page</title></head>\
    <body><article><p>This page moved here a while ago.</p></article></body></html>";

/// The files in the library folder, sorted, and never a temp file.
fn library_files(config: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(config.join("library"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    names
}

fn output(assert: &assert_cmd::assert::Assert) -> (String, String) {
    let out = assert.get_output();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn local_web() -> common::http::Server {
    serve(|path| {
        match path {
        "/trains" => Reply::html(PAGE),
        "/old" => Reply::Redirect("/moved".to_owned()),
        "/moved" => Reply::html(OTHER),
        "/loop" => Reply::Redirect("/loop".to_owned()),
        "/slow" => Reply::Hang,
        "/huge" => Reply::Huge {
            bytes: 100 * 1024 * 1024,
            declared: true,
        },
        "/endless" => Reply::Huge {
            bytes: 100 * 1024 * 1024,
            declared: false,
        },
        "/paper.pdf" => Reply::Page {
            status: 200,
            content_type: "application/pdf",
            body: b"%PDF-1.7 not a page".to_vec(),
        },
        "/latin1" => Reply::Page {
            status: 200,
            content_type: "text/html; charset=iso-8859-1",
            body: b"<html><head><title>Caf\xe9 cr\xe8me</title></head><body><p>Un caf\xe9, s'il vous pla\xeet.</p></body></html>".to_vec(),
        },
        _ => Reply::Page {
            status: 404,
            content_type: "text/html",
            body: b"<h1>Not Found</h1>".to_vec(),
        },
    }
    })
}

#[test]
fn each_kind_of_answer_ends_as_described_and_only_pages_are_kept() {
    let web = local_web();
    let config = tempfile::tempdir().unwrap();
    let urls = [
        "/trains",
        "/old",
        "/missing",
        "/slow",
        "/huge",
        "/endless",
        "/paper.pdf",
        "/loop",
    ]
    .map(|path| web.url(path));
    let added = folio(config.path())
        .args(["add", "--timeout", "1"])
        .args(&urls)
        .assert()
        .code(2);
    let (stdout, stderr) = output(&added);
    assert!(
        stdout.contains(&format!("saved {}: Night trains (", urls[0])),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("saved {}: Moved page (", urls[1])),
        "{stdout}"
    );
    for (url, reason) in [
        (&urls[2], "the server answered HTTP 404"),
        (&urls[3], "no complete answer within 1 s"),
        (&urls[4], "larger than 20 MB"),
        (&urls[5], "larger than 20 MB"),
        (&urls[6], "not a web page (application/pdf)"),
        (&urls[7], "more than 10 redirects"),
    ] {
        assert!(
            stderr.contains(&format!("folio: {url}: {reason}\n")),
            "{url}: {stderr}"
        );
    }
    let files = library_files(config.path());
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(
        files.iter().any(|f| f.ends_with("-night-trains.html")),
        "{files:?}"
    );
    assert!(
        files.iter().any(|f| f.ends_with("-moved-page.html")),
        "{files:?}"
    );
    // folio names itself to the server.
    let requests = web.requests.lock().unwrap();
    assert!(
        requests[0].to_lowercase().contains("user-agent: folio/"),
        "{}",
        requests[0]
    );
}

#[test]
fn a_saved_page_reads_back_with_its_metadata_and_is_not_saved_twice() {
    let web = local_web();
    let config = tempfile::tempdir().unwrap();
    let url = web.url("/trains");
    folio(config.path()).args(["add", &url]).assert().code(0);

    let listed = folio(config.path())
        .args(["list", "--json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&listed.get_output().stdout).unwrap();
    let article = &json[0];
    assert_eq!(json.as_array().unwrap().len(), 1, "{json}");
    assert_eq!(article["title"], "Night trains");
    assert_eq!(article["byline"], "Ada Byline");
    assert_eq!(article["date"], "2025-03-04");
    assert_eq!(article["url"], url.as_str());
    let shown = folio(config.path())
        .args(["show", "night"])
        .assert()
        .success();
    assert!(
        output(&shown)
            .0
            .contains("Nobody checks tickets after midnight.")
    );

    let again = folio(config.path()).args(["add", &url]).assert().code(1);
    assert!(
        output(&again).0.contains(&format!("already saved {url} (")),
        "{:?}",
        output(&again)
    );
    folio(config.path())
        .args(["add", "--force", &url])
        .assert()
        .code(0);
    assert_eq!(library_files(config.path()).len(), 1);
    assert_eq!(
        web.requests.lock().unwrap().len(),
        2,
        "the duplicate was fetched"
    );
}

#[test]
fn the_charset_comes_from_the_header() {
    let web = local_web();
    let config = tempfile::tempdir().unwrap();
    folio(config.path())
        .args(["add", &web.url("/latin1")])
        .assert()
        .code(0);
    let listed = folio(config.path()).args(["list"]).assert().success();
    assert!(
        output(&listed).0.contains("Café crème"),
        "{:?}",
        output(&listed)
    );
}

#[test]
fn a_page_is_added_from_a_file_or_standard_input() {
    let config = tempfile::tempdir().unwrap();
    let page = config.path().join("saved.html");
    std::fs::write(&page, PAGE).unwrap();
    folio(config.path()).arg("add").arg(&page).assert().code(0);
    let from_stdin = folio(config.path())
        .args(["add", "-"])
        .write_stdin(OTHER)
        .assert()
        .code(0);
    assert!(output(&from_stdin).0.contains("Moved page"));
    assert_eq!(library_files(config.path()).len(), 2);
    // The file again is nothing new: its address is the file's own.
    folio(config.path()).arg("add").arg(&page).assert().code(1);

    let missing = folio(config.path())
        .args(["add", "no-such-page.html"])
        .assert()
        .code(2);
    assert!(output(&missing).1.starts_with("folio: no-such-page.html: "));
    let binary = config.path().join("image.html");
    std::fs::write(&binary, b"\x89PNG\0\0\0").unwrap();
    let refused = folio(config.path())
        .arg("add")
        .arg(&binary)
        .assert()
        .code(2);
    assert!(output(&refused).1.contains("not a web page (binary data)"));
    assert_eq!(library_files(config.path()).len(), 2);
}

#[test]
fn what_a_page_says_reaches_the_terminal_only_as_plain_text() {
    let web = serve(|_| {
        Reply::html(
            "<html><head><title>Evil &#27;]0;owned&#7; \u{202e}title\u{1b}[2J</title></head>\
             <body><p>Text.</p></body></html>",
        )
    });
    let config = tempfile::tempdir().unwrap();
    let added = folio(config.path())
        .args(["add", &web.url("/evil")])
        .assert()
        .code(0);
    let (stdout, stderr) = output(&added);
    assert_eq!(
        common::terminal_hazard(stdout.as_bytes()),
        None,
        "{stdout:?}"
    );
    assert_eq!(
        common::terminal_hazard(stderr.as_bytes()),
        None,
        "{stderr:?}"
    );
    assert!(stdout.contains("Evil ^[]0;owned^G"), "{stdout:?}");
    // The file name holds only the words of the title as shown (controls made visible).
    let files = library_files(config.path());
    assert!(
        files[0].ends_with("-evil-0-owned-g-u-202e-title-2j.html"),
        "{files:?}"
    );
}

#[test]
fn the_reader_opens_the_library_when_no_path_is_given() {
    let config = tempfile::tempdir().unwrap();
    let page = config.path().join("saved.html");
    std::fs::write(&page, PAGE).unwrap();
    folio(config.path()).arg("add").arg(&page).assert().code(0);
    let mut pty = common::pty::Pty::spawn(config.path(), &[], 100, 30);
    let screen = pty.wait_for(" LIST  1/1 ");
    assert!(screen.contains("Articles (1)"), "{screen}");
    assert!(screen.contains("Night trains"), "{screen}");
    pty.send("q");
    assert!(pty.wait_exit().success());
}

#[test]
fn a_key_in_the_reader_adds_a_page_without_waiting_for_it_and_esc_stops_one() {
    let web = local_web();
    let config = tempfile::tempdir().unwrap();
    let mut pty = common::pty::Pty::spawn(config.path(), &[], 100, 30);
    pty.wait_for(" LIST  1/2 ");

    // A page that never answers: the interface goes on, and Esc stops it.
    pty.send("a");
    pty.wait_for(" ADD ");
    pty.send(&web.url("/slow"));
    pty.send("\r");
    pty.wait_for(&format!("adding {}", web.url("/slow")));
    // Keys work meanwhile: the help opens and closes.
    pty.send("?");
    pty.wait_for(" HELP ");
    pty.send("?");
    pty.wait_for(&format!("adding {}", web.url("/slow")));
    pty.send("\x1b");
    pty.wait_for("nothing was saved");

    pty.send("a");
    pty.wait_for(" ADD ");
    pty.send(&web.url("/trains"));
    pty.send("\r");
    let screen = pty.wait_for("saved Night trains in the library");
    assert!(screen.contains("Articles (3)"), "{screen}");
    pty.send("q");
    assert!(pty.wait_exit().success());
    let files = library_files(config.path());
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with("-night-trains.html"));
}
