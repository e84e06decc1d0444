//! OSC 8 hyperlinks on link text (`hyperlinks = true`): with the switch off the screen is what it
//! always was; on, each cell of link text carries a well-formed link to the sanitized address and
//! nothing else changes, in ratatui's buffer and in a real terminal.

mod common;

use std::collections::HashMap;
use std::fs;

use common::pty::Pty;
use folio::action::Action;
use folio::article::{Article, Format};
use folio::state::State;
use folio::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use tempfile::TempDir;

const ARTICLE: &str = "# Links\n\nThe [ministry](https://gov.example/a\u{1b}b) said, see \
                       <https://c.example/> too.\n\nNo link here.\n";

fn drawn(hyperlinks: bool) -> Buffer {
    let article = Article::from_text("links.md", "links", Format::Markdown, ARTICLE);
    let mut state = State::new(
        vec![article],
        Rect::new(0, 0, 100, 20),
        HashMap::new(),
        None,
    );
    state.hyperlinks = hyperlinks;
    state.update(Action::OpenSelected);
    let mut terminal = Terminal::new(TestBackend::new(100, 20)).unwrap();
    terminal
        .draw(|frame| ui::render(frame, &state, &Theme::color()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The text of the cells whose symbol was wrapped in an OSC 8 link to `address`, in order.
fn linked_text(on: &Buffer, off: &Buffer, address: &str) -> String {
    let open = format!("\x1b]8;;{address}\x1b\\");
    let close = "\x1b]8;;\x1b\\";
    let mut text = String::new();
    for (on, off) in on.content().iter().zip(off.content()) {
        if let Some(inner) = on
            .symbol()
            .strip_prefix(open.as_str())
            .and_then(|rest| rest.strip_suffix(close))
        {
            assert_eq!(inner, off.symbol(), "the cell shows what it showed");
            text.push_str(inner);
        }
    }
    text
}

#[test]
fn off_no_cell_holds_an_escape() {
    let off = drawn(false);
    assert!(off.content().iter().all(|c| !c.symbol().contains('\x1b')));
    let screen = format!("{off:?}");
    assert!(
        screen.contains("The ministry[1] said, see https://c.example/ too."),
        "{screen}"
    );
}

#[test]
fn on_link_text_is_wrapped_in_well_formed_osc_8_and_nothing_else_changes() {
    let (on, off) = (drawn(true), drawn(false));
    // The escape in the address was made visible ("^[") at load, and is printable as it stands.
    // The link's text, then its line in the list of links at the end.
    let address = "https://gov.example/a^[b";
    assert_eq!(
        linked_text(&on, &off, address),
        format!("ministry{address}")
    );
    assert_eq!(
        linked_text(&on, &off, "https://c.example/"),
        "https://c.example/"
    );
    let changed = on
        .content()
        .iter()
        .zip(off.content())
        .filter(|(on, off)| on.symbol() != off.symbol())
        .count();
    assert_eq!(
        changed,
        "ministry".len() + "https://c.example/".len() + address.len()
    );
    for (on, off) in on.content().iter().zip(off.content()) {
        assert_eq!((on.fg, on.bg, on.modifier), (off.fg, off.bg, off.modifier));
    }
}

#[test]
fn in_a_real_terminal_the_links_are_sent_and_the_screen_is_the_same() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("links.md"), ARTICLE).unwrap();
    let mut screens = Vec::new();
    for on in [false, true] {
        let config = TempDir::new().unwrap();
        fs::write(
            config.path().join("config.toml"),
            format!("hyperlinks = {on}\n"),
        )
        .unwrap();
        let mut pty = Pty::spawn(config.path(), &[dir.path().to_str().unwrap()], 100, 20);
        pty.wait_for("Articles (1)");
        pty.send("\r");
        screens.push(pty.wait_for("No link here"));
        let output = pty.output();
        let sent = |needle: &str| output.windows(needle.len()).any(|w| w == needle.as_bytes());
        assert_eq!(
            sent("\x1b]8;;https://gov.example/a^[b\x1b\\m\x1b]8;;\x1b\\"),
            on,
            "hyperlinks = {on}"
        );
        assert_eq!(sent("\x1b]8;"), on, "hyperlinks = {on}");
        pty.send("q");
        assert!(pty.wait_exit().success());
    }
    assert_eq!(screens[0], screens[1]);
}
