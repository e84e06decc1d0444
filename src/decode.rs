//! Turns a file's bytes into text: byte-order marks, UTF-16, legacy encodings, line endings.
//!
//! Pure: takes bytes, returns a `String` or the reason the bytes are not a text document. The
//! caller reads the file; sanitizing comes after, in `sanitize`.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// How much of a file is searched for a NUL byte before it is called binary (what git and grep do).
pub const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Why bytes could not be read as a text document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    /// A NUL byte in the first 8 KB: an image, an archive, a compiled file.
    Binary,
}

/// The decoded text and the name of the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes `bytes`: a BOM decides first (UTF-8, UTF-16LE/BE); then strict UTF-8; only when that
/// fails is the encoding guessed (chardetng), so valid UTF-8 is never second-guessed. CRLF and lone
/// CR become LF.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    let (text, encoding) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => {
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            (text.into_owned(), encoding)
        }
        None => {
            let sniffed = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
            if memchr_nul(sniffed) {
                return Err(NotText::Binary);
            }
            match std::str::from_utf8(bytes) {
                Ok(text) => (text.to_owned(), UTF_8),
                Err(_) => {
                    let mut detector =
                        chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                    detector.feed(bytes, true);
                    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
                    let (text, _) = encoding.decode_without_bom_handling(bytes);
                    (text.into_owned(), encoding)
                }
            }
        }
    };
    // A UTF-16 file without a BOM is not recognised above (it has NULs, so it is called binary);
    // one with a BOM is decoded here, and a NUL left in its text is still a sign of binary data.
    if (encoding == UTF_16LE || encoding == UTF_16BE) && text.contains('\0') {
        return Err(NotText::Binary);
    }
    Ok(Decoded {
        text: normalize_line_endings(text),
        encoding: encoding.name(),
    })
}

fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}

/// CRLF and lone CR (old Mac files) become LF; a CR is otherwise a control character that would
/// move the cursor.
pub fn normalize_line_endings(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"caf\xc3\xa9").unwrap().text, "café");
        assert_eq!(decode(b"\xef\xbb\xbfcaf\xc3\xa9").unwrap().text, "café");
    }

    #[test]
    fn latin1_text_is_detected_not_replaced() {
        let decoded = decode(b"Le caf\xe9 est ouvert, la cr\xe8me est fra\xeeche.").unwrap();
        assert_eq!(decoded.text, "Le café est ouvert, la crème est fraîche.");
        assert!(!decoded.text.contains('\u{fffd}'));
    }

    #[test]
    fn windows_1252_quotes_are_detected() {
        let decoded = decode(b"He said \x93hello\x94 and left \x96 quickly.").unwrap();
        assert_eq!(
            decoded.text,
            "He said \u{201c}hello\u{201d} and left \u{2013} quickly."
        );
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "héllo\r\nworld".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "héllo\nworld");
    }

    #[test]
    fn line_endings_are_normalised() {
        assert_eq!(decode(b"a\r\nb\rc\n").unwrap().text, "a\nb\nc\n");
    }

    #[test]
    fn nul_in_the_first_8k_is_binary() {
        assert_eq!(decode(b"PNG\0\0data"), Err(NotText::Binary));
        let mut late_nul = vec![b'a'; BINARY_SNIFF_LEN];
        late_nul.push(0);
        assert!(decode(&late_nul).is_ok(), "only the first 8 KB are sniffed");
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b"").unwrap().text, "");
    }
}
