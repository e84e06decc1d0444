//! End to end: the real binary in a pseudo-terminal, typed at like a person would, the screen read
//! back through a terminal emulator.

mod common;

use common::pty::Pty;
use tempfile::TempDir;

const KOREA: &str = "North Korea coming in from the cold";

/// The first line of the reader's text on screen (row 1), for telling scroll positions apart.
fn top_reader_line(screen: &str) -> String {
    let line = screen.lines().nth(1).unwrap_or_default();
    line.split(['│', '┃'])
        .nth(3)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

#[test]
fn list_open_scroll_and_quit_restores_the_terminal() {
    let config = TempDir::new().unwrap();
    let mut pty = Pty::spawn(config.path(), &[], 100, 30);
    // The status bar is the last row drawn: once it shows, the frame is complete.
    let screen = pty.wait_for(" LIST ");
    assert!(screen.contains("Articles (2)"), "{screen}");
    assert!(screen.contains("Japan worried that U.S. w"), "{screen}");
    assert!(pty.terminal().alternate_screen());

    pty.send("j\r");
    let opened = pty.wait_for(" READ  2/2    0% ");
    assert!(top_reader_line(&opened).starts_with(KOREA), "{opened}");

    pty.send(" ");
    let scrolled = pty.wait_until("a page down", |s| {
        s.contains(" READ  2/2 ") && !s.contains(" 2/2    0% ")
    });
    let top = top_reader_line(&scrolled);
    assert!(!top.starts_with(KOREA) && !top.is_empty(), "{scrolled}");

    pty.send("q");
    let status = pty.wait_exit();
    assert!(status.success(), "{status:?}");
    let terminal = pty.terminal();
    assert!(!terminal.alternate_screen(), "alternate screen left");
    assert!(!terminal.hide_cursor(), "cursor shown again");
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    let config = TempDir::new().unwrap();
    let mut pty = Pty::spawn(config.path(), &["--mouse"], 80, 24);
    pty.wait_for(" LIST ");
    pty.signal("TERM");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 143);
    let output = pty.output();
    let terminal = pty.terminal();
    assert!(!terminal.alternate_screen());
    assert!(!terminal.hide_cursor());
    // Mouse capture (enabled with --mouse as ?1000h..) is turned off again.
    let text = String::from_utf8_lossy(&output);
    assert!(text.contains("\x1b[?1000h"), "mouse capture was on");
    assert!(text.contains("\x1b[?1000l"), "mouse capture turned off");
}

#[test]
fn resize_to_one_pane_and_back() {
    let config = TempDir::new().unwrap();
    let mut pty = Pty::spawn(config.path(), &[], 100, 30);
    pty.wait_for(" LIST ");
    pty.resize(60, 20);
    let narrow = pty.wait_until("one pane", |s| {
        !s.contains("Reader") && s.contains(" LIST ")
    });
    assert!(narrow.contains("Articles (2)"), "{narrow}");
    pty.send("\t");
    pty.wait_until("the reader alone", |s| {
        s.contains("Reader") && !s.contains("Articles") && s.contains(" READ ")
    });
    pty.resize(20, 6);
    pty.wait_for("Too small");
    pty.resize(100, 30);
    pty.wait_until("both panes again", |s| {
        s.contains("Reader") && s.contains("Articles") && s.contains(" READ ")
    });
    pty.send("q");
    assert!(pty.wait_exit().success());
}
