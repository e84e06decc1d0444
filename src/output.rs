//! What folio prints outside the full-screen interface: output on stdout, messages on stderr, and
//! JSON. Nothing here may panic or print a control sequence.
//!
//! - A closed pipe (`folio list | head`) or a terminal that went away (a closed window, a dropped
//!   SSH connection) is a normal way for output to end: write errors are ignored, never a panic as
//!   `println!` and `eprintln!` would.
//! - JSON is escaped for a terminal: serde_json escapes only C0 controls, so every character that
//!   `sanitize` would replace (C1 controls, bidi controls, a stray byte-order mark) is written as
//!   `\uXXXX` too. The JSON means the same; the terminal sees only printable text.

use std::fmt::Display;
use std::io::{self, Write};

use serde::Serialize;

use crate::sanitize::{needs_placeholder, sanitize};

/// Writes `text` to stdout.
pub fn stdout(text: &str) {
    let mut stdout = io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

/// Writes each piece to stdout in turn, through a buffer: a listing of every article is never
/// held whole (2 MB for 20,000 articles, and twice that while a `String` grows to hold it).
pub fn stdout_each(pieces: impl IntoIterator<Item = String>) {
    let mut stdout = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    for piece in pieces {
        // A closed pipe (`folio list | head`): nobody reads the rest.
        if stdout.write_all(piece.as_bytes()).is_err() {
            return;
        }
    }
    let _ = stdout.flush();
}

/// Writes `text` to stderr, sanitized: messages quote paths, queries and arguments, and folio
/// never means to send a control sequence there.
pub fn stderr(text: &str) {
    let _ = io::stderr().lock().write_all(sanitize(text).as_bytes());
}

/// Writes `folio: <message>` and a line break to stderr.
pub fn message(message: impl Display) {
    stderr(&format!("folio: {message}\n"));
}

/// `value` as pretty-printed JSON safe to print on a terminal, with a final line break.
pub fn json(value: &impl Serialize) -> String {
    let mut bytes = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut bytes, TerminalSafe::default());
    // Serializing folio's own types (strings, numbers, maps with string keys) cannot fail.
    if value.serialize(&mut serializer).is_err() {
        return String::new();
    }
    bytes.push(b'\n');
    // Only whole strings pass through the formatter, so the bytes are UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// `json(value)` written to stdout as it is made, through a buffer: `folio list --json` of
/// 20,000 articles is 10 MB, which a `String` would hold whole (and twice over while it grows).
pub fn json_to_stdout(value: &impl Serialize) {
    let mut stdout = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut stdout, TerminalSafe::default());
    // Serializing folio's own types cannot fail; writing can (a closed pipe): nobody reads on.
    if value.serialize(&mut serializer).is_ok() {
        let _ = stdout.write_all(b"\n").and_then(|()| stdout.flush());
    }
}

/// serde_json's pretty formatter, with every character a terminal could act on escaped.
#[derive(Default)]
struct TerminalSafe(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for TerminalSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (index, ch) in fragment.char_indices() {
            if needs_placeholder(ch) {
                writer.write_all(&fragment.as_bytes()[start..index])?;
                // Every such character is in the Basic Multilingual Plane: one \u escape.
                write!(writer, "\\u{:04x}", ch as u32)?;
                start = index + ch.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_a_terminal_would_act_on() {
        let value = serde_json::json!({
            "id": "x\u{9b}2J\u{202e}",
            "note": "esc \x1b bell \x07 bom \u{feff} isolate \u{2066} café 日本",
            "d\u{85}": ["\u{7f}"],
        });
        let text = json(&value);
        assert!(crate::sanitize::is_terminal_safe(&text), "{text:?}");
        assert!(text.contains(r#""x\u009b2J\u202e""#), "{text}");
        assert!(text.contains(r#""d\u0085": ["#), "{text}");
        assert!(text.contains(r#""\u007f""#), "{text}");
        assert!(text.contains("café 日本"), "{text}");
        // The same JSON once parsed.
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn json_is_pretty_printed_as_before() {
        let value = serde_json::json!([{"a": 1, "b": [true, null]}]);
        assert_eq!(
            json(&value),
            serde_json::to_string_pretty(&value).unwrap() + "\n"
        );
    }
}
