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
