//! Files no one meant for folio: broken or legacy encodings, binary data, nothing at all, one
//! enormous line or word, tabs, a folder of 100,000 files, links that loop, paths that cannot be
//! read. Each loads (or is skipped with a reason) and what reaches stdout is plain text.
//!
//! The files are generated in temporary folders; none is checked in.

mod common;

use std::fs;
use std::path::Path;
use std::time::Instant;

use common::{folio, terminal_hazard};
use folio::article::Format;
use folio::corpus;
use folio::wrap::{Layout, Spot, cell_width};
use tempfile::TempDir;

/// Runs `folio ARGS`, checks that stdout holds nothing a terminal acts on, and returns
/// (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let config = TempDir::new().unwrap();
    let output = folio(config.path()).args(args).output().unwrap();
    if let Some(hazard) = terminal_hazard(&output.stdout) {
        panic!("{args:?} wrote {hazard}");
    }
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xfe, 0xff]
    } else {
        vec![0xff, 0xfe]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn every_encoding_is_read_and_printed_as_plain_utf8() {
    let dir = TempDir::new().unwrap();
    // (file, bytes, its title, a paragraph of its text as folio shows it)
    let files: [(&str, Vec<u8>, &str, &str); 6] = [
        (
            "broken.txt",
            b"Broken Bytes\n\nvalid start \xc3\x28 then \xf0\x28\x8c\x28 and \xa0\xa1 end\n"
                .to_vec(),
            "Broken Bytes",
            "valid start",
        ),
        (
            "latin1.txt",
            b"Cr\xe8me Br\xfbl\xe9e\n\nLa cr\xe8me br\xfbl\xe9e est d\xe9licieuse, na\xefve.\n"
                .to_vec(),
            "Crème Brûlée",
            "La crème brûlée est délicieuse, naïve.",
        ),
        (
            "cp1252.txt",
            b"Smart Quotes\n\nHe said \x93hello\x94 \x96 and \x85 left.\n".to_vec(),
            "Smart Quotes",
            "He said \u{201c}hello\u{201d} \u{2013} and \u{2026} left.",
        ),
        (
            // Raw 8-bit C1 controls: 0x9b is CSI and 0x9d is OSC to a terminal that reads 8 bits.
            "c1-bytes.txt",
            b"Eight Bit\n\nCSI \x9b31m OSC \x9d0;pwned\x07 caf\xe9 done.\n".to_vec(),
            "Eight Bit",
            "0;pwned^G café done.",
        ),
        (
            "utf16le.txt",
            utf16("UTF-16 Little\r\n\r\nLittle-endian café 日本語.\r\n", false),
            "UTF-16 Little",
            "Little-endian café 日本語.",
        ),
        (
            "utf16be.txt",
            utf16("UTF-16 Big\n\nBig-endian café 日本語.\n", true),
            "UTF-16 Big",
            "Big-endian café 日本語.",
        ),
    ];
    for (name, bytes, _, _) in &files {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    let (code, listed, stderr) = run(&["list", path_str(dir.path())]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(listed.lines().count(), files.len(), "{listed}{stderr}");
    for (name, _, title, expected) in &files {
        assert!(listed.contains(title), "{title}: {listed}");
        let file = dir.path().join(name);
        let (code, shown, stderr) = run(&["show", title, path_str(&file), "--width", "0"]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert!(shown.contains(expected), "{name}: {shown}");
        let (_, raw, _) = run(&["show", title, path_str(&file), "--raw"]);
        assert!(!raw.contains('\r'), "{name}: line endings normalised");
    }
    // Whatever legacy encoding the detector picks for the C1 bytes, the BEL after them shows.
    let (_, c1, _) = run(&["show", "Eight", path_str(dir.path()), "--width", "0"]);
    assert!(c1.contains("0;pwned^G café done."), "{c1}");
}

#[test]
fn a_file_that_turns_binary_after_8_kb_loads_with_its_nuls_visible() {
    let dir = TempDir::new().unwrap();
    let mut bytes = b"Late Binary\n\n".to_vec();
    while bytes.len() < folio::decode::BINARY_SNIFF_LEN {
        bytes.extend_from_slice(b"Ordinary words of text. ");
    }
    bytes.extend_from_slice(b"\n\nAfter the sniff: \0\0\x01\x02\xff\xfe binary tail.\n");
    let file = dir.path().join("late.txt");
    fs::write(&file, &bytes).unwrap();
    let (code, shown, stderr) = run(&["show", "Late", path_str(&file), "--width", "0"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(shown.contains("After the sniff: ^@^@^A^B"), "{shown}");
    fs::write(&file, [b"Early\n\n\0".as_slice(), &bytes].concat()).unwrap();
    let (code, _, stderr) = run(&["list", path_str(&file)]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("binary file (NUL byte in the first 8 KB)"),
        "{stderr}"
    );
}

#[test]
fn empty_and_blank_files_are_skipped_with_a_reason() {
    let dir = TempDir::new().unwrap();
    let blanks: [(&str, Vec<u8>); 6] = [
        ("empty.txt", Vec::new()),
        ("spaces.txt", b"   \n\t\n  \r\n\r\n".to_vec()),
        (
            "unicode-spaces.md",
            "\u{a0}\u{3000}\u{2003}\n".as_bytes().to_vec(),
        ),
        ("bom-only.txt", b"\xef\xbb\xbf".to_vec()),
        ("utf16-bom-only.txt", vec![0xff, 0xfe]),
        ("utf16-blank.txt", utf16(" \r\n\t ", true)),
    ];
    for (name, bytes) in &blanks {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    fs::write(dir.path().join("real.txt"), "Real\n\nText.\n").unwrap();
    let (code, listed, stderr) = run(&["list", path_str(dir.path())]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(listed.lines().count(), 1, "{listed}");
    for (name, _) in &blanks {
        let reports: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains(&format!("/{name}:")))
            .collect();
        assert_eq!(reports.len(), 1, "{name}: {stderr}");
        assert!(reports[0].ends_with(": empty file"), "{name}: {stderr}");
    }
}

#[test]
fn an_8_mb_file_of_one_line_loads_and_opens_at_once() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("one-line.txt");
    let line = "word ".repeat(8 * 1024 * 1024 / 5);
    fs::write(&file, &line).unwrap();
    let (code, listed, stderr) = run(&["list", path_str(&file)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        listed.contains(&format!("({} words)", 8 * 1024 * 1024 / 5)),
        "{listed}"
    );
    // What the reader does when it opens it: lay out the first and the last screenful only.
    let corpus = corpus::load(&[file]);
    let article = &corpus.articles[0];
    let start = Instant::now();
    let layout = Layout::new(article, 60);
    let view = layout.view(article);
    let first: Vec<_> = view.lines_from(Spot::default()).take(40).collect();
    let last: Vec<_> = view.lines_from(view.bottom(40)).collect();
    assert_eq!((first.len(), last.len()), (40, 40));
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
}

#[test]
fn a_1_mb_word_without_spaces_wraps_inside_the_width() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("word.md");
    let word: String = "abcdefghé日本語🙂".repeat(1024 * 1024 / 24);
    fs::write(&file, format!("# Long Word\n\n{word}\n")).unwrap();
    let (code, shown, stderr) = run(&["show", "Long Word", path_str(&file), "--width", "40"]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = shown.lines().collect();
    assert!(lines.len() > word.len() / 60, "{} lines", lines.len());
    for line in &lines {
        assert!(cell_width(line) <= 40, "{line:?}");
    }
    let joined: String = lines[2..].concat();
    assert_eq!(joined, word, "no character lost at the cuts");
}

#[test]
fn tabs_become_spaces_everywhere() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("tabs\tin\tname.txt");
    fs::write(
        &file,
        "Tabbed\tTitle\t\n\n\tcol1\tcol2\tcol3\n\n- item\twith\ttab\n\n    code\tblock\n",
    )
    .unwrap();
    let (code, listed, stderr) = run(&["list", path_str(dir.path())]);
    assert_eq!(code, 0, "{stderr}");
    assert!(listed.contains("Tabbed  Title"), "{listed}");
    let (_, shown, _) = run(&["show", "Tabbed", path_str(&file)]);
    assert!(!shown.contains('\t'));
    assert!(shown.contains("col1    col2    col3"), "{shown}");
    let (_, raw, _) = run(&["show", "Tabbed", path_str(&file), "--raw"]);
    assert!(!raw.contains('\t'));
    let (_, json, _) = run(&["list", path_str(&file), "--json"]);
    assert!(json.contains("tabs    in  name.txt"), "{json}");
}

#[test]
fn a_folder_of_100_000_small_files_loads() {
    const FILES: usize = 100_000;
    const PER_FOLDER: usize = 1_000;
    let dir = TempDir::new().unwrap();
    let made = Instant::now();
    for i in 0..FILES {
        let sub = dir.path().join(format!("{:03}", i / PER_FOLDER));
        let file = sub.join(format!("{i:06}.txt"));
        if i % PER_FOLDER == 0 {
            fs::create_dir(&sub).unwrap();
            fs::write(&file, format!("Note {i}\n\nA note.\n")).unwrap();
        } else {
            // Creating 100,000 inodes takes 30-60 s on a shared test machine; a hard link is a
            // directory entry like any other to the walk and the reads, and takes 1 s for all.
            hard_link_or_copy(&sub.join(format!("{:06}.txt", i - i % PER_FOLDER)), &file);
        }
    }
    let made = made.elapsed();
    let start = Instant::now();
    let (code, listed, stderr) = run(&["list", path_str(dir.path())]);
    let took = start.elapsed();
    eprintln!("{FILES} files: made in {made:?}, listed in {took:?}");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(listed.lines().count(), FILES);
    assert!(listed.lines().last().unwrap().contains("Note 99000"));
    // A debug build lists them in about 8 s on two shared cores; a hang or a walk that is
    // quadratic in the number of files would take minutes.
    assert!(took.as_secs() < 60, "{took:?}");
}

fn hard_link_or_copy(from: &Path, to: &Path) {
    if fs::hard_link(from, to).is_err() {
        fs::copy(from, to).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn links_that_point_at_each_other_are_reported_once_each() {
    let dir = TempDir::new().unwrap();
    std::os::unix::fs::symlink(dir.path().join("b"), dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("b")).unwrap();
    fs::write(dir.path().join("note.txt"), "Note\n\nText.\n").unwrap();
    let (code, listed, stderr) = run(&["list", path_str(dir.path())]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert_eq!(
        stderr.lines().filter(|l| l.contains("/a:")).count(),
        1,
        "{stderr}"
    );
    assert_eq!(
        stderr.lines().filter(|l| l.contains("/b:")).count(),
        1,
        "{stderr}"
    );
    // A link to a folder above it is in tests/cli.rs's messy folder; these two never resolve.
    assert!(stderr.contains("symbolic links"), "{stderr}");
}

#[test]
fn paths_that_cannot_be_read_are_named_with_the_reason() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("plain.txt");
    fs::write(&file, "Plain\n\nText.\n").unwrap();
    // Root can read any folder, but not one inside a regular file.
    let inside = file.join("sub");
    let (code, _, stderr) = run(&["list", path_str(&inside)]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("plain.txt/sub: part of the path is a file, not a folder"),
        "{stderr}"
    );
    #[cfg(target_os = "linux")]
    {
        // A device named on the command line never ends: the read stops at the size limit.
        let (code, _, stderr) = run(&["list", "/dev/zero"]);
        assert_eq!(code, 2);
        assert!(stderr.contains("/dev/zero: larger than 64 MB"), "{stderr}");
    }
}

#[test]
fn the_loader_never_builds_a_string_a_terminal_would_act_on() {
    // Every byte value in every position a small file has, through both parsers.
    let mut bytes: Vec<u8> = b"Title \x1b]0;x\x07\n\n".to_vec();
    bytes.extend((1u8..=255).filter(|&b| b != b'\n'));
    bytes.extend_from_slice("\n\n\u{202e}\u{2066}\u{9b}\u{85}\u{feff}".as_bytes());
    let decoded = folio::decode::decode(&bytes).unwrap();
    for format in [Format::Text, Format::Markdown] {
        let article =
            folio::article::Article::from_text("p\x1b[2J", "t\u{9d}", format, &decoded.text);
        let raw = article.original.kept().expect("built in memory, so kept");
        let mut texts = vec![article.title.as_str(), &article.path, raw];
        texts.extend(article.blocks.iter().map(|b| b.text.as_str()));
        for text in texts {
            assert_eq!(terminal_hazard(text.as_bytes()), None, "{format:?}");
        }
    }
}

#[cfg(unix)]
#[test]
fn symlinks_to_folders_inside_a_folder_are_not_followed() {
    let dir = TempDir::new().unwrap();
    let walked = dir.path().join("walked");
    let outside = dir.path().join("outside");
    fs::create_dir_all(&walked).unwrap();
    fs::create_dir_all(&outside).unwrap();
    fs::write(walked.join("inside.txt"), "Inside\n\nText.\n").unwrap();
    fs::write(outside.join("outside.txt"), "Outside\n\nText.\n").unwrap();
    // A link out of the folder (a link to `/` walked the whole file system), and one to a file.
    std::os::unix::fs::symlink(&outside, walked.join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(outside.join("outside.txt"), walked.join("linked.txt")).unwrap();
    let (code, listed, stderr) = run(&["list", path_str(&walked)]);
    assert_eq!(code, 0, "{stderr}");
    let titles: Vec<_> = listed
        .lines()
        .map(|l| l.split("  ").nth(1).unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Inside", "Outside"],
        "the linked file is read: {listed}"
    );
    assert!(
        stderr.contains("walked/elsewhere: a link to a folder, not followed"),
        "{stderr}"
    );
    // Named on the command line, a link to a folder is the person's choice: followed.
    let (code, listed, _) = run(&["list", path_str(&walked.join("elsewhere"))]);
    assert_eq!(code, 0);
    assert!(listed.contains("Outside"), "{listed}");
}

/// A named pipe at `path`, or `None` where mkfifo is missing.
#[cfg(unix)]
fn fifo(path: &Path) -> Option<()> {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    made.is_ok_and(|s| s.success()).then_some(())
}

#[cfg(unix)]
#[test]
fn a_pipe_named_on_the_command_line_never_blocks() {
    let dir = TempDir::new().unwrap();
    let pipe = dir.path().join("pipe");
    if fifo(&pipe).is_none() {
        eprintln!("mkfifo not available; skipped");
        return;
    }
    let file = dir.path().join("a.txt");
    fs::write(&file, "Beside it\n\nText.\n").unwrap();
    let config = TempDir::new().unwrap();
    // Nothing writes to the pipe: opening it for reading used to wait for a writer for ever.
    let output = folio(config.path())
        .args(["list", path_str(&pipe), path_str(&file)])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stdout.contains("Beside it"), "{stdout}");
    assert!(
        stderr.contains("pipe: a pipe with nothing writing to it"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_pipe_named_on_the_command_line_is_read_when_something_writes_to_it() {
    let dir = TempDir::new().unwrap();
    let pipe = dir.path().join("pipe");
    if fifo(&pipe).is_none() {
        eprintln!("mkfifo not available; skipped");
        return;
    }
    // The writer's open waits for a reader, as a shell's `> pipe` does.
    let writing = {
        let pipe = pipe.clone();
        std::thread::spawn(move || fs::write(pipe, "Piped in\n\nText.\n"))
    };
    let corpus = corpus::load(std::slice::from_ref(&pipe));
    writing.join().unwrap().unwrap();
    assert_eq!(corpus.skipped, []);
    assert_eq!(corpus.articles[0].title, "Piped in");
}
