//! `o` in the real interface: a link of the passage is handed to the platform's opener (here a
//! fake one, a script named `xdg-open` and `open` first on PATH that writes down its argument),
//! and where no display is at hand, copied with OSC 52 instead.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::pty::{PATIENCE, Pty};
use tempfile::TempDir;

/// One article: a passage with one link, then one with two.
fn article() -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("links.md"),
        "# Links\n\nNo link here.\n\nThe [ministry](https://gov.example/) said.\n\n\
         The [court](https://court.example/) and [press](mailto:desk@news.example).\n",
    )
    .unwrap();
    dir
}

/// A folder with a fake opener for each platform; each call appends its argument to `opened`.
fn fake_opener(opened: &Path) -> TempDir {
    let bin = TempDir::new().unwrap();
    let script = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n",
        opened.display()
    );
    for name in ["xdg-open", "open"] {
        let path = bin.path().join(name);
        fs::write(&path, &script).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    }
    bin
}

fn path_with(bin: &Path) -> String {
    let old = std::env::var("PATH").unwrap_or_default();
    format!("{}:{old}", bin.display())
}

/// Waits until `file` holds `lines`.
fn wait_for_lines(file: &PathBuf, lines: &[&str]) {
    let start = Instant::now();
    loop {
        let text = fs::read_to_string(file).unwrap_or_default();
        if text.lines().collect::<Vec<_>>() == lines {
            return;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "the opener was given {text:?}, not {lines:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// folio on `dir` with the fake opener first on PATH and `env` on top, at the article's first
/// passage in the reader.
fn reading(config: &Path, dir: &Path, bin: &Path, env: &[(&str, &str)]) -> Pty {
    let path = path_with(bin);
    let mut all = vec![("PATH", path.as_str())];
    all.extend_from_slice(env);
    let mut pty = Pty::spawn_with_env(config, &[dir.to_str().unwrap()], &all, 100, 30);
    pty.wait_for("Articles (1)");
    pty.send("\r");
    pty.wait_for("No link here");
    pty
}

#[test]
fn o_opens_the_passage_link_and_asks_which_of_several() {
    let config = TempDir::new().unwrap();
    let opened = config.path().join("opened.txt");
    let bin = fake_opener(&opened);
    let dir = article();
    let env = [
        ("DISPLAY", ":99"),
        ("WAYLAND_DISPLAY", ""),
        ("SSH_CONNECTION", ""),
        ("SSH_TTY", ""),
    ];
    let mut pty = reading(config.path(), dir.path(), bin.path(), &env);
    pty.send("o");
    pty.wait_for("no link in this passage");
    pty.send("}o");
    pty.wait_for("opening https://gov.example/");
    wait_for_lines(&opened, &["https://gov.example/"]);

    pty.send("}o");
    pty.wait_for("link 1-2:");
    pty.send("2\r");
    pty.wait_for("opening mailto:desk@news.example");
    wait_for_lines(
        &opened,
        &["https://gov.example/", "mailto:desk@news.example"],
    );
    assert!(pty.requests().clipboard.is_empty(), "nothing was copied");
    pty.send("q");
    assert!(pty.wait_exit().success());
}

#[test]
fn over_ssh_the_link_is_copied_with_osc_52_and_nothing_is_started() {
    let config = TempDir::new().unwrap();
    let opened = config.path().join("opened.txt");
    let bin = fake_opener(&opened);
    let dir = article();
    let env = [("DISPLAY", ":99"), ("SSH_TTY", "/dev/pts/9")];
    let mut pty = reading(config.path(), dir.path(), bin.path(), &env);
    pty.send("}o");
    pty.wait_for("copied the link (over SSH): https://gov.example/");
    // base64 of "https://gov.example/".
    assert_eq!(
        pty.requests().clipboard,
        vec![b"aHR0cHM6Ly9nb3YuZXhhbXBsZS8=".to_vec()]
    );
    pty.send("q");
    assert!(pty.wait_exit().success());
    assert!(!opened.exists(), "the opener was not started");
}
