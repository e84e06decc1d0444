//! Fuzzes the sanitizer: whatever the text, the output is terminal-safe and stable.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|text: &str| invariants::sanitizer(text));
