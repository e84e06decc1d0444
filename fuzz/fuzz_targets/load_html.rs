//! Fuzzes the saved-web-page loader (folio's guards, dom_smoothie's choice, folio's walk) and
//! the layout: the first byte picks the width, the rest is the file's text.
#![no_main]

use folio::article::Format;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let Some((&width, text)) = bytes.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(text);
    invariants::loader(&text, Format::Html, 1 + usize::from(width % 100));
});
