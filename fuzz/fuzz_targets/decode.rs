//! Fuzzes the decoder with raw file bytes: BOMs, UTF-16, legacy encodings, NULs.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| invariants::decoder(bytes));
