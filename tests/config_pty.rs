//! config.toml in the real interface: rebound keys, a colour and the reading width are honoured,
//! and a broken file still starts folio, with the mistake on screen.

mod common;

use std::fs;

use common::pty::Pty;
use tempfile::TempDir;

/// Two Markdown articles; the first with a heading and a paragraph long enough to wrap.
fn articles() -> TempDir {
    let dir = TempDir::new().unwrap();
    let words = "word ".repeat(60);
    fs::write(
        dir.path().join("a.md"),
        format!("# Alpha\n\n## Section one\n\n{words}\n"),
    )
    .unwrap();
    fs::write(dir.path().join("b.md"), "# Beta\n\nThe second article.\n").unwrap();
    dir
}

#[test]
fn rebound_keys_a_colour_and_the_width_are_honoured() {
    let config = TempDir::new().unwrap();
    fs::write(
        config.path().join("config.toml"),
        "width = 40\n[colors]\nheading = \"magenta\"\n[keys]\nquit = [\"x\", \"ctrl-c\"]\n\
         [keys.reader]\nnext_article = [\"J\"]\n",
    )
    .unwrap();
    let dir = articles();
    let mut pty = Pty::spawn(config.path(), &[dir.path().to_str().unwrap()], 100, 30);
    pty.wait_for("Articles (2)");
    pty.send("\r");
    let screen = pty.wait_for("Section one");

    // The reading column: no line of the paragraph is wider than 40 cells.
    let widest = screen
        .lines()
        .filter(|l| l.contains("word"))
        .map(|l| {
            let start = l.find("word").unwrap();
            l[start..]
                .trim_end()
                .trim_end_matches(['│', '┃'])
                .trim_end()
                .chars()
                .count()
        })
        .max()
        .unwrap();
    assert!(
        (30..=40).contains(&widest),
        "widest line {widest}:\n{screen}"
    );

    // The heading is drawn in magenta.
    let terminal = pty.terminal();
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Section one"))
        .unwrap();
    let column = line[..line.find("Section one").unwrap()].chars().count();
    let cell = terminal
        .cell(u16::try_from(row).unwrap(), u16::try_from(column).unwrap())
        .unwrap();
    assert_eq!(cell.fgcolor(), vt100::Color::Idx(5), "{screen}");

    // `q` no longer quits, `J` opens the next article, `x` quits.
    pty.send("q");
    pty.send("J");
    pty.wait_for("The second article.");
    pty.send("x");
    let status = pty.wait_exit();
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_broken_config_still_starts_with_the_defaults_and_says_why() {
    let config = TempDir::new().unwrap();
    fs::write(
        config.path().join("config.toml"),
        "[colors]\nheading = \"blurple\"\n",
    )
    .unwrap();
    let dir = articles();
    let mut pty = Pty::spawn(config.path(), &[dir.path().to_str().unwrap()], 100, 30);
    let screen = pty.wait_for("Articles (2)");
    let screen = if screen.contains("config.toml:2") {
        screen
    } else {
        pty.wait_for("config.toml:2")
    };
    assert!(screen.contains("colors.heading"), "{screen}");
    pty.send("q");
    let status = pty.wait_exit();
    assert!(status.success(), "{status:?}");
    // Said again on leaving, where it stays in the shell's scrollback.
    let after = pty.screen();
    assert!(after.contains("config.toml:2: colors.heading"), "{after}");
}
