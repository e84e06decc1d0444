//! The library in the real binary on a pseudo-terminal: a folder closed and opened again, an
//! article in it read to its end, and after a restart the list marks it finished.

mod common;

use std::fs;
use std::path::Path;

use common::pty::Pty;
use tempfile::TempDir;

fn markdown(title: &str, paragraphs: usize) -> String {
    let mut text = format!("# {title}\n\n");
    for n in 0..paragraphs {
        text.push_str(&format!(
            "Paragraph {n} of {title}, long enough to wrap once.\n\n"
        ));
    }
    text
}

fn newsgroups(root: &Path) {
    for (folder, file, title) in [
        ("rec.arts", "banjo.md", "Banjo tunings"),
        ("sci.space", "apollo.md", "Apollo remembered"),
        ("sci.space", "orbits.md", "Orbits explained"),
    ] {
        let dir = root.join(folder);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(file), markdown(title, 80)).unwrap();
    }
}

/// The list row (the pane's left part) that names `title`, and the row below it.
fn rows_of<'a>(screen: &'a str, title: &str) -> (&'a str, &'a str) {
    let mut lines = screen.lines();
    let row = lines.by_ref().find(|l| l.contains(title)).unwrap_or("");
    (row, lines.next().unwrap_or(""))
}

#[test]
fn an_article_read_to_its_end_is_marked_finished_after_a_restart() {
    let (config, news) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    newsgroups(news.path());
    let root = news.path().to_str().unwrap();

    let mut pty = Pty::spawn(config.path(), &[root], 100, 30);
    let screen = pty.wait_for("Articles (3) · 3 unread");
    assert!(screen.contains("▾ rec.arts"), "{screen}");
    // Close sci.space from its first article, then open it again from its heading.
    pty.send("jj");
    pty.wait_for(" LIST  2/3 ");
    pty.send("h");
    let closed = pty.wait_for("› sci.space");
    assert!(!closed.contains("• Apollo remembered"), "{closed}");
    pty.send("\r");
    pty.wait_for("▾ sci.space");
    pty.send("j\r");
    pty.wait_for(" READ ");
    pty.send("G");
    pty.wait_for("100%");
    pty.send("q");
    assert!(pty.wait_exit().success());

    let mut again = Pty::spawn(config.path(), &[root], 100, 30);
    let screen = again.wait_for("Articles (3) · 2 unread");
    let (_, details) = rows_of(&screen, "Apollo remembered");
    assert!(details.contains("read"), "marked finished:\n{screen}");
    let (title, details) = rows_of(&screen, "Orbits explained");
    assert!(title.contains("• Orbits"), "still unread:\n{screen}");
    assert!(!details.contains("read"), "{screen}");
    again.send("q");
    assert!(again.wait_exit().success());
}

#[test]
fn the_order_chosen_is_kept_for_the_next_run() {
    let (config, news) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    newsgroups(news.path());
    let root = news.path().to_str().unwrap();

    let mut pty = Pty::spawn(config.path(), &[root], 60, 20);
    pty.wait_for("by path");
    pty.send("s");
    pty.wait_for("by date");
    pty.send("q");
    assert!(pty.wait_exit().success());
    let state = fs::read_to_string(config.path().join("state.json")).unwrap();
    assert!(state.contains("\"sort\": \"date\""), "{state}");

    let mut again = Pty::spawn(config.path(), &[root], 60, 20);
    again.wait_for("by date");
    again.send("q");
    assert!(again.wait_exit().success());
}
