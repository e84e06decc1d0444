//! Helpers shared by the integration tests: the real binary, run with a config dir of its own.

#![allow(dead_code)] // each test file uses a different part of this

pub mod http;
pub mod pty;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `folio` binary, with FOLIO_CONFIG_DIR pointed into `config`, FOLIO_LIBRARY into
/// `config/library` and FOLIO_CACHE_DIR into `config/cache` so no test touches the real config
/// dir, library or cache, and NO_COLOR cleared so output does not depend on the caller's
/// environment.
pub fn folio(config: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command
        .env("FOLIO_CONFIG_DIR", config)
        .env("FOLIO_LIBRARY", config.join("library"))
        .env("FOLIO_CACHE_DIR", config.join("cache"))
        .env_remove("NO_COLOR")
        .env_remove("XDG_CONFIG_HOME");
    // The tests' web server is on 127.0.0.1: a proxy from the environment must not stand between.
    for proxy in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"] {
        command.env_remove(proxy).env_remove(proxy.to_lowercase());
    }
    command
}

/// Bytes a terminal would act on: ESC, BEL, other C0 controls but newline and tab, DEL, and the
/// C1 controls both as raw bytes and as UTF-8 (U+0080..U+009F is C2 80..C2 9F).
pub fn find_control_sequence(bytes: &[u8]) -> Option<usize> {
    bytes.iter().enumerate().position(|(i, &b)| {
        (b < 0x20 && b != b'\n' && b != b'\t')
            || b == 0x7f
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    })
}

/// Files in `dir` whose name ends in `.tmp`: what a store must never leave behind.
pub fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

/// What in `bytes` a terminal could act on, described, or `None` when there is nothing: bytes that
/// are not UTF-8 (a raw 0x9b is CSI to an 8-bit terminal), C0 controls but newline, DEL, C1
/// controls (U+0080..U+009F), and bidi embeddings, overrides and isolates, which reorder what
/// follows them. Stricter than `find_control_sequence`: for output that should be plain text.
pub fn terminal_hazard(bytes: &[u8]) -> Option<String> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let at = error.valid_up_to();
            let end = bytes.len().min(at + 8);
            return Some(format!("not UTF-8 at byte {at}: {:02x?}", &bytes[at..end]));
        }
    };
    text.char_indices()
        .find(|&(_, c)| {
            (c.is_control() && c != '\n')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .map(|(at, c)| {
            let mut from = at.saturating_sub(30);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            format!("{c:?} at byte {at}, after {:?}", &text[from..at])
        })
}

/// The text of a large plain-text article, about 3 MB in 8,000 paragraphs ("Paragraph 0. The tide
/// came in..."), "A beacon burned." at the end of six of them (650, 1950, ... 7150): more than
/// two steps of the reader's search (`folio::state::FIND_STEP_BYTES`).
pub fn tides_text() -> String {
    let paragraphs: Vec<String> = (0..8_000)
        .map(|i| {
            let beacon = if i % 1_300 == 650 {
                " A beacon burned."
            } else {
                ""
            };
            format!(
                "Paragraph {i}. {}{beacon}",
                "The tide came in over the flats and the gulls went with it. ".repeat(6)
            )
        })
        .collect();
    let text = paragraphs.join("\n\n");
    assert!(text.len() > 2 * folio::state::FIND_STEP_BYTES);
    text
}
