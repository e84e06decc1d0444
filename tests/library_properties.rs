//! Properties of naming and recording saved pages, and of reading exports, on generated input:
//! a name from any title stays a plain name inside the library, folio's header reads back from
//! any page, and no export text makes a parser panic.

use folio::import::{omnivore, pocket};
use folio::library::saved::{Header, insert_header, read_header};
use folio::library::{file_stem, unique_name};
use folio::timestamp::Timestamp;
use proptest::prelude::*;

/// Pieces that stress names, markup and the export formats.
const PIECES: &[&str] = &[
    "word",
    " ",
    "\n",
    "\n\n",
    "\t",
    "/",
    "\\",
    "..",
    ".",
    "-",
    "_",
    "~",
    ":",
    "*",
    "?",
    "\"",
    "'",
    "<",
    ">",
    "&",
    "&amp;",
    "&quot;",
    "<head>",
    "<HEAD lang=x>",
    "<header>",
    "<html>",
    "<!doctype html>",
    "<base href=x>",
    "<meta charset=latin1>",
    "> ",
    "#tag",
    ",",
    "|",
    "[",
    "]",
    "\x1b[2J",
    "\x07",
    "\u{9b}",
    "\u{202e}",
    "\u{200b}",
    "é",
    "東京",
    "👩‍👩‍👧",
    "\0",
    "CON",
    "http://e.com/a?b=1&c=\"2\"",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_title_names_a_plain_file_inside_the_library(title in text()) {
        let stem = file_stem("2026-12-01", &title);
        let words = stem.strip_prefix("2026-12-01-").expect("dated");
        prop_assert!(!words.is_empty() && words.len() <= 80, "{stem:?}");
        prop_assert!(!words.starts_with('-') && !words.ends_with('-'), "{stem:?}");
        prop_assert!(words.chars().all(|c| c == '-' || c.is_alphanumeric()), "{stem:?}");
        let name = unique_name(&stem, |_| false);
        prop_assert_eq!(name, format!("{stem}.html"));
    }

    #[test]
    fn the_header_reads_back_from_any_page(
        page in text(),
        url in text(),
        labels in prop::collection::vec("[a-z ]{0,8}", 0..4),
        millis in 0i64..4_000_000_000_000,
    ) {
        // A page that spells folio's own tags itself is not what this checks.
        prop_assume!(!page.contains("folio:"));
        let header = Header { url, saved: Timestamp(millis), labels };
        let saved = insert_header(&page, &header, Some("https://e.com/"));
        let back = read_header(&saved).expect("a header");
        prop_assert_eq!(&back.url, &header.url);
        prop_assert_eq!(back.saved, header.saved);
        let expected: Vec<String> = header
            .labels
            .iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        prop_assert_eq!(back.labels, expected);
        // Taking the header out gives the page back exactly (with or without the <base>, which
        // is only added to a page without one).
        let with_base = insert_header("", &header, Some("https://e.com/"));
        let without_base = insert_header("", &header, None);
        prop_assert!(
            saved.replacen(&with_base, "", 1) == page || saved.replacen(&without_base, "", 1) == page,
            "{saved:?}"
        );
    }

    #[test]
    fn no_export_text_makes_a_parser_panic(input in text()) {
        for highlight in omnivore::parse_highlights(&input) {
            prop_assert!(!highlight.quote.is_empty());
        }
        let _ = pocket::parse_csv(&input);
        let _ = pocket::parse_csv(&format!("title,url,time_added,tags,status\n{input}"));
        for link in pocket::parse_html_list(&input) {
            prop_assert!(link.url.starts_with("http://") || link.url.starts_with("https://"));
        }
    }
}
