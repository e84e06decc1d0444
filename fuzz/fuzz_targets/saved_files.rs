//! Fuzzes the parsers of bookmarks.json and state.json, and the search for a parsed bookmark's
//! passage in an article.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

const ARTICLE: &str = "A title\n\nSome words in a first paragraph.\n\n- a list item\n\n\
                       Some words again, in a second paragraph, and more words.\n";

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| invariants::saved_files(bytes, ARTICLE));
