//! Fuzzes the search query parser and matcher: the first line is the query as typed, the rest the
//! text it is matched against.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|input: &str| {
    let (query, text) = input.split_once('\n').unwrap_or((input, ""));
    invariants::search(query, text);
});
