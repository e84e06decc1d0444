//! The fuzz targets' checks (`tests/invariants`) as property tests, so `cargo test` runs them on
//! every change with a bounded number of generated cases, and the inputs fuzzing found that once
//! broke them, as regression tests.
//!
//! The generators lean towards what breaks parsers: Markdown and list syntax, control and
//! zero-width characters, legacy bytes, JSON punctuation.

mod invariants;

use folio::article::Format;
use proptest::prelude::*;

/// Fragments of text that exercise the parsers' special cases.
const PIECES: &[&str] = &[
    "word",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "    ",
    "# ",
    "## ",
    "- ",
    "* ",
    "1. ",
    "2) ",
    "> ",
    "```",
    "`",
    "~~~",
    "**",
    "_",
    "[",
    "]",
    "(",
    ")",
    "![",
    "<",
    ">",
    "&amp;",
    "|",
    "---",
    "===",
    "\\",
    "http://x.example/a",
    "Title",
    "By ",
    "Source: ",
    "First published at ",
    "©",
    "18.06.18",
    "2018-06-18",
    "AUTHOR",
    "print",
    "Share",
    "\x1b[2J",
    "\x1b]0;t\x07",
    "\u{9b}",
    "\u{202e}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "❤\u{fe0f}",
    "日本語",
    "e\u{301}",
    "\0",
    "\u{85}",
    "\u{2028}",
    "\u{a0}",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z]{1,12}",
    ];
    proptest::collection::vec(piece, 0..160).prop_map(|pieces| pieces.concat())
}

/// Queries: words from the same pool, or slashed patterns built from regex syntax.
fn query() -> impl Strategy<Value = String> {
    let regex_piece = proptest::sample::select(
        &[
            "a", ".", "*", "+", "?", "|", "(", ")", "[", "]", "^", "$", "\\b", "\\w", "\\s", "{2}",
            "(?i)", "é", "\u{1b}", "\\p{Lu}", "[^a]", "x{1,3}",
        ][..],
    );
    prop_oneof![
        text().prop_map(|t| t.chars().take(40).collect()),
        proptest::collection::vec(regex_piece, 0..12).prop_map(|p| format!("/{}/", p.concat())),
    ]
}

/// Bytes that are mostly a bookmarks or state file, with damage.
fn saved_file() -> impl Strategy<Value = Vec<u8>> {
    let valid = r#"{"version": 1, "last_open": "a", "positions": {"a": {"block": 1, "offset": 2, "percent": 3, "updated": "2025-05-01T09:30:00Z"}}, "bookmarks": [{"id": "x", "article": {"id": "i", "path": "p", "title": "t"}, "passage": {"first_block": 0, "last_block": 0, "quote": "Some words", "before": "", "after": ""}, "note": "n", "created": "2025-05-01T09:30:00.123+02:00", "updated": "2025-05-01T09:30:00Z", "future": [1, {"a": null}]}]}"#;
    (
        0..valid.len(),
        0..valid.len(),
        proptest::collection::vec(any::<u8>(), 0..6),
    )
        .prop_map(move |(cut, at, noise)| {
            let mut bytes = valid.as_bytes()[..cut.max(at)].to_vec();
            let at = at.min(bytes.len());
            bytes.splice(at..at, noise);
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn sanitizer(text in text()) {
        invariants::sanitizer(&text);
    }

    #[test]
    fn decoder(bytes in proptest::collection::vec(any::<u8>(), 0..300), text in text()) {
        invariants::decoder(&bytes);
        invariants::decoder(text.as_bytes());
    }

    #[test]
    fn loader(text in text(), width in 1..100usize, markdown in any::<bool>()) {
        let format = if markdown { Format::Markdown } else { Format::Text };
        invariants::loader(&text, format, width);
    }

    #[test]
    fn search(query in query(), text in text()) {
        invariants::search(&query, &text);
    }

    #[test]
    fn saved_files(bytes in saved_file(), text in text()) {
        invariants::saved_files(&bytes, &text);
    }
}

// Inputs the fuzz targets found, kept as regression tests.

/// A number too big for an integer, in a field this folio does not know, was parsed as a float
/// slightly off (serde_json's fast path), so every save changed it: `float_roundtrip` fixes that.
#[test]
fn a_huge_number_in_an_unknown_field_survives_saving() {
    let file = br#"{"version": 1, "lat_open": "a", "positi": {"a": {"block": 1, "offset": 211111111111111111111111111111111111111111111111111, "pd": "2-"}}}"#;
    invariants::saved_files(file, "");
}
