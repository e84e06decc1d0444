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
    let screen = pty.wait_for(" LIST  1/2 ");
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
    pty.wait_for(" LIST  1/2 ");
    pty.signal(libc::SIGTERM);
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
    pty.wait_for(" LIST  1/2 ");
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

/// The percentage in the status bar (" READ  2/2   37% ").
fn status_percent(screen: &str) -> Option<u8> {
    let status = screen.lines().last()?;
    let end = status.find('%')?;
    status[..end].split_whitespace().last()?.parse().ok()
}

/// Opens the second article and pages down twice; returns the reader's top line.
fn read_into_the_second_article(pty: &mut Pty) -> String {
    pty.wait_for(" LIST  1/2 ");
    pty.send("j\r");
    let mut screen = pty.wait_for(" READ  2/2    0% ");
    for _ in 0..2 {
        let before = status_percent(&screen);
        pty.send(" ");
        screen = pty.wait_until("a page down", |s| {
            s.contains(" READ  2/2 ") && status_percent(s) > before
        });
    }
    top_reader_line(&screen)
}

#[test]
fn the_last_article_reopens_where_it_was_left() {
    let config = TempDir::new().unwrap();
    let mut pty = Pty::spawn(config.path(), &[], 100, 30);
    let top = read_into_the_second_article(&mut pty);
    pty.send("q");
    assert!(pty.wait_exit().success());
    let state = std::fs::read_to_string(config.path().join("state.json")).unwrap();
    assert!(state.contains("\"last_open\""), "{state}");

    let mut again = Pty::spawn(config.path(), &[], 100, 30);
    let screen = again.wait_for(" READ  2/2 ");
    assert_eq!(top_reader_line(&screen), top, "{screen}");
    again.send("q");
    assert!(again.wait_exit().success());
}

#[test]
fn a_hangup_saves_the_position_and_exits() {
    let config = TempDir::new().unwrap();
    let mut pty = Pty::spawn(config.path(), &[], 100, 30);
    read_into_the_second_article(&mut pty);
    pty.signal(libc::SIGHUP);
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 129);
    let state = std::fs::read_to_string(config.path().join("state.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&state).unwrap();
    let last_open = value["last_open"].as_str().unwrap();
    assert!(
        value["positions"][last_open]["percent"].as_u64().unwrap() > 0,
        "{state}"
    );
}

/// Waits until folio is stopped, as a shell sees it before `fg` is possible: a SIGCONT sent before
/// the stop would be lost.
fn wait_until_stopped(pty: &Pty) {
    let stat = format!("/proc/{}/stat", pty.pid());
    if !std::path::Path::new(&stat).exists() {
        // No /proc: give the stop a moment.
        std::thread::sleep(std::time::Duration::from_millis(500));
        return;
    }
    pty.wait_until("folio stopped", |_| {
        let stat = std::fs::read_to_string(&stat).unwrap_or_default();
        // The state follows the command name in parentheses: "123 (folio) T ...".
        stat.rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('T'))
    });
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_redraws_on_return() {
    let config = TempDir::new().unwrap();
    let mut pty = Pty::spawn(config.path(), &[], 80, 24);
    pty.wait_for(" LIST  1/2 ");
    // folio stops itself; this test is the shell's `fg`. It must leave the screen, and after
    // SIGCONT re-enter it and redraw with no further key press.
    pty.send("\x1a");
    pty.wait_until("the screen left", |_| !pty.terminal().alternate_screen());
    wait_until_stopped(&pty);
    pty.signal(libc::SIGCONT);
    pty.wait_until("the screen redrawn after the return", |_| {
        let output = String::from_utf8_lossy(&pty.output()).into_owned();
        let left = output.find("\x1b[?1049l");
        let reentered = output.rfind("\x1b[?1049h");
        matches!((left, reentered), (Some(l), Some(r)) if r > l)
            && pty.terminal().alternate_screen()
            && pty.screen().contains(" LIST ")
    });
    pty.send("q");
    assert!(pty.wait_exit().success());
}

#[test]
fn search_every_article_open_the_result_and_walk_the_matches() {
    let config = TempDir::new().unwrap();
    let mut pty = Pty::spawn(config.path(), &[], 100, 30);
    pty.wait_for(" LIST  1/2 ");
    pty.send("/kidnapped");
    let narrowed = pty.wait_for("1 article matches");
    assert!(narrowed.contains("1 of 2: kidnapped"), "{narrowed}");
    let list: String = narrowed
        .lines()
        .map(|line| line.split(['│', '┃']).nth(1).unwrap_or_default())
        .collect();
    assert!(list.contains("North Korea coming in fro"), "{narrowed}");
    assert!(!list.contains("Japan worried"), "{narrowed}");
    pty.send("\r");
    let opened = pty.wait_for("match 1 of 4");
    // The only result of the search: the counter counts in the list as narrowed.
    assert!(opened.contains(" READ  1/1 "), "{opened}");
    pty.send("n");
    pty.wait_for("match 2 of 4");
    pty.send("NN");
    pty.wait_for("search wrapped to the bottom");
    assert!(pty.screen().contains(" READ  1/1 "));
    pty.send("q");
    assert!(pty.wait_exit().success());
}

#[test]
fn a_bookmark_with_a_note_survives_a_restart_and_exports_as_markdown() {
    let config = TempDir::new().unwrap();
    let mut pty = Pty::spawn(config.path(), &[], 100, 30);
    pty.wait_for(" LIST  1/2 ");
    pty.send("j\r");
    pty.wait_for(" READ  2/2 ");
    pty.send("}}");
    pty.send("m");
    pty.wait_for(" NOTE ");
    pty.send("what Abe wanted");
    pty.wait_for("note: what Abe wanted");
    pty.send("\r");
    pty.wait_for("bookmark saved");
    pty.send("q");
    assert!(pty.wait_exit().success());

    let mut again = Pty::spawn(config.path(), &[], 100, 30);
    let screen = again.wait_for(" READ  2/2 ");
    let marked = screen
        .lines()
        .find(|line| line.contains("●So what messages did Shinzo Abe"));
    assert!(marked.is_some(), "the gutter marks the passage:\n{screen}");
    assert!(screen.contains("★1"), "the list counts it:\n{screen}");
    again.send("B");
    let view = again.wait_for("Bookmarks (1)");
    assert!(view.contains("what Abe wanted"), "{view}");
    assert!(
        view.contains("“So what messages did Shinzo Abe try to deliver"),
        "{view}"
    );
    // Esc and q in one write would read as Alt-q: close the view first.
    again.send("\x1b");
    again.wait_until("the view closed", |s| !s.contains("Bookmarks (1)"));
    again.send("q");
    assert!(again.wait_exit().success());

    let markdown = common::folio(config.path())
        .args(["bookmarks", "--markdown"])
        .output()
        .unwrap();
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    assert!(
        markdown.contains("> So what messages did Shinzo Abe try to deliver to the US president?")
    );
    assert!(markdown.contains("what Abe wanted"), "{markdown}");
}

#[test]
fn a_corrupt_bookmarks_file_is_reported_and_left_as_it_was() {
    let config = TempDir::new().unwrap();
    let file = config.path().join("bookmarks.json");
    let corrupt = b"{\"version\": 1, \"bookmarks\": [ {\"id\": \"cut off here";
    std::fs::write(&file, corrupt).unwrap();
    let mut pty = Pty::spawn(config.path(), &[], 100, 30);
    let screen = pty.wait_for(" LIST  1/2 ");
    assert!(
        screen.contains("bookmarks.json"),
        "the status bar says so:\n{screen}"
    );
    pty.send("\t}m");
    let refused = pty.wait_for(" READ ");
    assert!(
        !refused.contains(" NOTE "),
        "no note line while bookmarking is off"
    );
    pty.send("q");
    assert!(pty.wait_exit().success());
    let output = String::from_utf8_lossy(&pty.output()).into_owned();
    assert!(output.contains("bookmarking is off"), "and on stderr");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        corrupt,
        "the file is untouched"
    );
}

#[test]
fn a_folder_with_nothing_to_read_says_so_and_exits_1() {
    let config = TempDir::new().unwrap();
    let empty = TempDir::new().unwrap();
    std::fs::write(empty.path().join("photo.jpg"), b"\xff\xd8\xff").unwrap();
    let folder = empty.path().to_str().unwrap();
    let mut pty = Pty::spawn(config.path(), &[folder], 80, 24);
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 1);
    let output = String::from_utf8_lossy(&pty.output()).into_owned();
    assert!(output.contains("no articles to read"), "{output}");
    assert!(
        output.contains("photo.jpg"),
        "the skipped file is named: {output}"
    );
    assert!(!pty.terminal().alternate_screen());
}

#[test]
fn sigint_restores_the_terminal_and_exits_130() {
    let config = TempDir::new().unwrap();
    let mut pty = Pty::spawn(config.path(), &[], 80, 24);
    pty.wait_for(" LIST  1/2 ");
    pty.signal(libc::SIGINT);
    assert_eq!(pty.wait_exit().exit_code(), 130);
    assert!(!pty.terminal().alternate_screen());
    assert!(!pty.terminal().hide_cursor());
}

#[test]
fn a_terminal_that_goes_away_ends_folio_with_the_position_saved() {
    let config = TempDir::new().unwrap();
    let mut pty = Pty::spawn(config.path(), &[], 100, 30);
    read_into_the_second_article(&mut pty);
    pty.hang_up();
    let status = pty.wait_exit();
    assert!(!status.success(), "{status:?}");
    let state = std::fs::read_to_string(config.path().join("state.json")).unwrap();
    assert!(state.contains("\"last_open\""), "{state}");
}

#[test]
fn a_panic_restores_the_terminal_and_leaves_the_message_readable() {
    let config = TempDir::new().unwrap();
    let mut pty = Pty::spawn_with_env(
        config.path(),
        &["--mouse"],
        &[("FOLIO_PANIC_ON_KEY", "P"), ("RUST_BACKTRACE", "0")],
        80,
        24,
    );
    pty.wait_for(" LIST  1/2 ");
    pty.send("P");
    let status = pty.wait_exit();
    assert!(!status.success());
    let terminal = pty.terminal();
    assert!(!terminal.alternate_screen(), "alternate screen left");
    assert!(!terminal.hide_cursor(), "cursor shown");
    let output = String::from_utf8_lossy(&pty.output()).into_owned();
    let restored = output.rfind("\x1b[?1049l").unwrap();
    let message = output
        .find("a panic asked for by FOLIO_PANIC_ON_KEY")
        .unwrap();
    assert!(
        message > restored,
        "the message comes after the terminal is restored"
    );
    assert!(output.contains("\x1b[?1000l"), "mouse capture turned off");
    assert!(
        terminal.contents().contains("a panic asked for"),
        "{}",
        terminal.contents()
    );
}

#[test]
fn typed_and_pasted_bidi_overrides_show_as_text_and_never_reach_the_terminal() {
    let config = TempDir::new().unwrap();
    let mut pty = Pty::spawn(config.path(), &[], 100, 30);
    pty.wait_for(" LIST  1/2 ");
    pty.send("/abc\u{202e}def");
    let typed = pty.wait_for("abc<U+202E>def");
    assert!(
        typed.contains(": abc<U+202E>def "),
        "the list's title: {typed}"
    );
    pty.send("\x1b");
    pty.wait_until("the search closed", |s| {
        s.contains(" LIST ") && !s.contains("<U+")
    });
    pty.send("B");
    pty.wait_for("Bookmarks (0)");
    pty.send("/");
    pty.wait_for(" FIND ");
    // A bracketed paste: one text, its `q` and newline typed into the filter, not run as keys.
    pty.send("\x1b[200~x\u{202e}y\nq\x1b[201~");
    let pasted = pty.wait_for("x<U+202E>y q");
    assert!(
        pasted.contains("Bookmarks (0 of 0): x<U+202E>y q"),
        "{pasted}"
    );
    pty.send("\x1b");
    pty.wait_until("the filter closed", |s| !s.contains(" FIND "));
    pty.send("\x1b");
    pty.wait_until("the view closed", |s| !s.contains("Bookmarks ("));
    pty.send("q");
    assert!(pty.wait_exit().success());
    let output = pty.output();
    let text = String::from_utf8_lossy(&output);
    assert!(
        !text.contains('\u{202e}'),
        "a raw bidi override was written"
    );
    assert!(
        text.contains("\x1b[?2004h"),
        "bracketed paste was turned on"
    );
    assert!(text.contains("\x1b[?2004l"), "and off again on the way out");
}

#[test]
fn the_reading_column_is_reported_as_drawn_and_kept_across_runs() {
    let config = TempDir::new().unwrap();
    let mut pty = Pty::spawn(config.path(), &[], 120, 35);
    pty.wait_for(" LIST  1/2 ");
    pty.send("\t-");
    pty.wait_for("reading column: 76 cells");
    pty.send("q");
    assert!(pty.wait_exit().success());
    let saved = std::fs::read_to_string(config.path().join("state.json")).unwrap();
    assert!(saved.contains("\"column\": 76"), "{saved}");

    let mut again = Pty::spawn(config.path(), &[], 120, 35);
    // The article read last reopens in the reader.
    again.wait_for(" READ  1/2 ");
    again.send("-");
    again.wait_for("reading column: 72 cells");
    again.send("q");
    assert!(again.wait_exit().success());
}

#[test]
fn after_a_tiny_window_the_list_shows_its_first_article_again() {
    let config = TempDir::new().unwrap();
    let mut pty = Pty::spawn(config.path(), &[], 120, 35);
    pty.wait_for(" LIST  1/2 ");
    pty.send("j");
    pty.wait_for(" LIST  2/2 ");
    pty.resize(20, 6);
    pty.wait_for("Too small");
    pty.resize(120, 35);
    let screen = pty.wait_until("both panes again", |s| s.contains("Articles (2)"));
    let first_row = screen.lines().nth(1).unwrap_or_default();
    assert!(first_row.contains("Japan worried that U.S."), "{screen}");
    pty.send("q");
    assert!(pty.wait_exit().success());
}

#[test]
fn a_closed_terminal_ends_folio_without_a_panic() {
    let config = TempDir::new().unwrap();
    let articles = TempDir::new().unwrap();
    std::fs::write(articles.path().join("a.txt"), "A\n\nSome text.\n").unwrap();
    // A skipped file means a message on stderr at exit, on the terminal that is gone by then.
    std::fs::write(articles.path().join("b.bin"), b"\0\0\0").unwrap();
    let folder = articles.path().to_str().unwrap();
    let mut pty = Pty::spawn(config.path(), &[folder], 100, 30);
    pty.wait_for(" LIST  1/1 ");
    pty.hang_up();
    let status = pty.wait_exit();
    // 129 as for SIGHUP; a panic would be 101, a panic in a destructor SIGABRT.
    assert_eq!(status.exit_code(), 129, "{status:?}");
    assert_eq!(status.signal(), None, "{status:?}");
}

#[test]
fn a_stop_signal_from_outside_restores_the_terminal_and_returns_on_continue() {
    let config = TempDir::new().unwrap();
    let mut pty = Pty::spawn(config.path(), &["--mouse"], 80, 24);
    pty.wait_for(" LIST  1/2 ");
    // As a job-control shell or a supervisor sends it.
    pty.signal(libc::SIGTSTP);
    pty.wait_until("the terminal given back", |_| {
        let terminal = pty.terminal();
        !terminal.alternate_screen() && !terminal.hide_cursor()
    });
    let output = String::from_utf8_lossy(&pty.output()).into_owned();
    assert!(output.contains("\x1b[?1000l"), "mouse capture turned off");
    wait_until_stopped(&pty);
    assert!(!pty.raw_mode(), "the shell gets a cooked terminal");
    pty.signal(libc::SIGCONT);
    pty.wait_until("the screen taken back and redrawn", |_| {
        pty.terminal().alternate_screen() && pty.screen().contains(" LIST  1/2 ")
    });
    // Raw mode again: a key acts at once, without Enter.
    assert!(pty.raw_mode());
    pty.send("\t");
    pty.wait_for(" READ ");
    pty.send("q");
    assert!(pty.wait_exit().success());
}

#[test]
fn every_signal_that_ends_folio_restores_the_terminal() {
    for signal in [libc::SIGQUIT, libc::SIGUSR1, libc::SIGUSR2, libc::SIGALRM] {
        let config = TempDir::new().unwrap();
        let mut pty = Pty::spawn(config.path(), &["--mouse"], 80, 24);
        pty.wait_for(" LIST  1/2 ");
        pty.signal(signal);
        let status = pty.wait_exit();
        assert_eq!(status.exit_code(), 128 + signal as u32, "signal {signal}");
        let terminal = pty.terminal();
        assert!(!terminal.alternate_screen(), "signal {signal}");
        assert!(!terminal.hide_cursor(), "signal {signal}");
        let output = String::from_utf8_lossy(&pty.output()).into_owned();
        assert!(output.contains("\x1b[?1000l"), "signal {signal}: mouse off");
    }
}

#[test]
fn positions_not_saved_at_quit_is_a_failure() {
    let config = TempDir::new().unwrap();
    // A lock file that cannot be opened: the save fails, the file was readable.
    std::fs::create_dir(config.path().join("state.lock")).unwrap();
    let mut pty = Pty::spawn(config.path(), &[], 100, 30);
    pty.wait_for(" LIST  1/2 ");
    pty.send("j\r");
    pty.wait_for(" READ  2/2 ");
    pty.send("q");
    let status = pty.wait_exit();
    let output = String::from_utf8_lossy(&pty.output()).into_owned();
    assert!(output.contains("reading positions not saved"), "{output}");
    assert_eq!(status.exit_code(), 2, "{status:?}");
}

/// Takes `name` in `config` as another folio would while it saves, until the handle is dropped.
fn hold_lock(config: &std::path::Path, name: &str) -> std::fs::File {
    let lock = std::fs::File::create(config.join(name)).unwrap();
    lock.lock().unwrap();
    lock
}

/// Opens the second article, moves the passage cursor and saves a bookmark with `note`.
fn bookmark_with_note(pty: &mut Pty, note: &str) {
    pty.wait_for(" LIST  1/2 ");
    pty.send("j\r");
    pty.wait_for(" READ  2/2 ");
    pty.send("}}m");
    pty.wait_for(" NOTE ");
    pty.send(note);
    pty.wait_for(&format!("note: {note}"));
    pty.send("\r");
}

#[test]
fn a_lock_held_by_another_process_keeps_the_change_and_saves_it_later() {
    let config = TempDir::new().unwrap();
    let lock = hold_lock(config.path(), "bookmarks.lock");
    let mut pty = Pty::spawn(config.path(), &[], 100, 30);
    bookmark_with_note(&mut pty, "kept for later");
    pty.wait_for("waiting for another folio");
    // Still responsive: the focus moves to the list and back.
    pty.send("\t");
    pty.wait_for(" LIST  2/2 ");
    pty.send("\t");
    pty.wait_for(" READ  2/2 ");
    drop(lock);
    pty.wait_for("bookmark saved");
    let saved = std::fs::read_to_string(config.path().join("bookmarks.json")).unwrap();
    assert!(saved.contains("kept for later"), "{saved}");
    pty.send("q");
    assert!(pty.wait_exit().success());
}

#[test]
fn quitting_while_another_process_holds_the_locks_says_what_was_not_saved() {
    for (how, signal, code) in [("q", None, 2), ("SIGTERM", Some(libc::SIGTERM), 143)] {
        let config = TempDir::new().unwrap();
        let _bookmarks = hold_lock(config.path(), "bookmarks.lock");
        let _positions = hold_lock(config.path(), "state.lock");
        let mut pty = Pty::spawn(config.path(), &[], 100, 30);
        bookmark_with_note(&mut pty, "never saved");
        pty.wait_for("waiting for another folio");
        match signal {
            Some(signal) => pty.signal(signal),
            None => pty.send("q"),
        }
        let status = pty.wait_exit();
        assert_eq!(status.exit_code(), code, "{how}: {status:?}");
        let output = String::from_utf8_lossy(&pty.output()).into_owned();
        assert!(
            output.contains("not saved (another folio held the lock): a new bookmark in"),
            "{how}: {output}"
        );
        assert!(
            output.contains("with the note “never saved”"),
            "{how}: {output}"
        );
        assert!(
            output.contains("reading positions not saved: another folio is holding"),
            "{how}: {output}"
        );
        assert!(!pty.terminal().alternate_screen(), "{how}");
    }
}

#[test]
fn a_pipe_named_beside_articles_never_holds_them_back() {
    let config = TempDir::new().unwrap();
    let dir = TempDir::new().unwrap();
    let pipe = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo not available; skipped");
        return;
    }
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "Beside the pipe\n\nText.\n").unwrap();
    let args = [pipe.to_str().unwrap(), file.to_str().unwrap()];
    let mut pty = Pty::spawn(config.path(), &args, 100, 30);
    let screen = pty.wait_for(" LIST  1/1 ");
    assert!(screen.contains("Beside the pipe"), "{screen}");
    pty.send("q");
    pty.wait_exit();
    let output = String::from_utf8_lossy(&pty.output()).into_owned();
    assert!(
        output.contains("a pipe with nothing writing to it"),
        "{output}"
    );
}

#[test]
fn a_search_in_a_large_article_is_counted_to_the_end_between_keys() {
    let config = TempDir::new().unwrap();
    let folder = TempDir::new().unwrap();
    let file = folder.path().join("tides.txt");
    std::fs::write(&file, common::tides_text()).unwrap();
    let mut pty = Pty::spawn(config.path(), &[file.to_str().unwrap()], 100, 30);
    pty.wait_for(" LIST  1/1 ");
    pty.send("\r/beacon");
    // Only the loop's steps between keys can take the count from the first match to six.
    let counted = pty.wait_for("match 1 of 6 ");
    assert!(!counted.contains("searching"), "{counted}");
    pty.send("\rNN");
    pty.wait_for("match 5 of 6 ");
    pty.send("q");
    assert!(pty.wait_exit().success());
}

#[test]
fn r_reads_the_file_again_and_says_when_it_changed_or_went() {
    let config = TempDir::new().unwrap();
    let folder = TempDir::new().unwrap();
    let file = folder.path().join("tides.md");
    let written = "# Tides\n\nThe *moon* pulls the sea\ntwice a day.\n";
    std::fs::write(&file, written).unwrap();
    let mut pty = Pty::spawn(config.path(), &[folder.path().to_str().unwrap()], 100, 30);
    pty.wait_for(" LIST  1/1 ");
    pty.send("\r");
    let article = pty.wait_for(" READ  1/1 ");
    assert!(
        article.contains("The moon pulls the sea twice a day."),
        "{article}"
    );
    // The file as it is: its markup and its line breaks, read from the disk again.
    pty.send("r");
    let raw = pty.wait_for("the file as it is, not cleaned");
    assert!(raw.contains("The *moon* pulls the sea"), "{raw}");
    assert!(raw.contains("# Tides"), "{raw}");
    pty.send("r");
    pty.wait_until("the article again", |s| {
        s.contains("The moon pulls the sea twice a day.")
    });
    std::fs::write(&file, "# Tides\n\nRewritten since.\n").unwrap();
    pty.send("r");
    let changed = pty.wait_for("changed since folio read it");
    assert!(changed.contains("Rewritten since."), "{changed}");
    pty.send("r");
    pty.wait_until("the article again", |s| {
        s.contains("The moon pulls the sea twice a day.")
    });
    std::fs::remove_file(&file).unwrap();
    pty.send("r");
    let gone = pty.wait_for("no such file or folder");
    assert!(gone.contains("cannot show the file as it is"), "{gone}");
    assert!(
        gone.contains("The moon pulls the sea twice a day."),
        "{gone}"
    );
    pty.send("q");
    assert!(pty.wait_exit().success());
}
