//! Turns a file's bytes into text: byte-order marks, a charset the file declares, UTF-16, legacy
//! encodings, line endings.
//!
//! Pure: takes bytes, returns a `String` or the reason the bytes are not a text document. The
//! caller reads the file and knows its format (only HTML declares a charset, see
//! `sniff_html_charset`); sanitizing comes after, in `sanitize`.

mod legacy;

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

/// How far into an HTML file a `<meta charset>` counts, as in the HTML standard's prescan.
pub const CHARSET_SNIFF_LEN: usize = 1024;

/// Decodes `bytes` whose format declares no charset: see `decode_with_hint`.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    decode_with_hint(bytes, None)
}

/// Decodes `bytes`: a BOM decides first (UTF-8, UTF-16LE/BE); then valid UTF-8 that holds
/// non-ASCII bytes is UTF-8; then the charset the file declares, if any; then plain ASCII is
/// UTF-8; only when all that fails is the encoding guessed (chardetng, then Mac Roman and the DOS
/// code pages weighed against its guess: see `legacy`). CRLF and lone CR become LF.
///
/// Valid UTF-8 beats a declared legacy charset because tools that save pages re-encode them as
/// UTF-8 and leave the `<meta charset>` as it was (Mozilla's `qq` test page says gb2312 and is
/// UTF-8), while legacy text with non-ASCII bytes is almost never valid UTF-8 by chance. An
/// all-ASCII file reads the same either way, except in the rare 7-bit encodings a page may name.
pub fn decode_with_hint(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<Decoded, NotText> {
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
            match (std::str::from_utf8(bytes), declared) {
                (Ok(text), Some(encoding)) if text.is_ascii() => {
                    let (text, _) = encoding.decode_without_bom_handling(bytes);
                    (text.into_owned(), encoding)
                }
                (Ok(text), _) => (text.to_owned(), UTF_8),
                (Err(_), Some(encoding)) => {
                    let (text, _) = encoding.decode_without_bom_handling(bytes);
                    (text.into_owned(), encoding)
                }
                (Err(_), None) => {
                    let mut detector =
                        chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                    detector.feed(bytes, true);
                    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
                    if let Some((text, name)) = legacy::better_reading(bytes, encoding) {
                        return Ok(Decoded {
                            text: normalize_line_endings(text),
                            encoding: name,
                        });
                    }
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

/// The charset an HTML file declares in its first 1024 bytes: `<meta charset="…">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">`, looked up by its WHATWG
/// label (so "latin1" and "iso-8859-1" both mean Windows-1252, as in a browser). A UTF-16 label
/// means UTF-8: the declaration was readable as ASCII, so the file is not UTF-16.
///
/// A simplified form of the standard's prescan: it skips comments and reads attributes of `meta`
/// tags only, which is what saved pages contain.
pub fn sniff_html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(CHARSET_SNIFF_LEN)];
    let mut at = 0;
    while at < head.len() {
        let rest = &head[at..];
        if rest.starts_with(b"<!--") {
            at += find(rest, b"-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let is_meta = rest.len() > 5
            && rest[..5].eq_ignore_ascii_case(b"<meta")
            && (rest[5].is_ascii_whitespace() || rest[5] == b'/');
        if !is_meta {
            at += 1;
            continue;
        }
        let end = find(rest, b">").unwrap_or(rest.len());
        // An unknown label is passed over, as in a browser: a later meta may name a known one.
        if let Some(encoding) = meta_charset(&rest[5..end]).and_then(Encoding::for_label) {
            return Some(if encoding == UTF_16LE || encoding == UTF_16BE {
                UTF_8
            } else {
                encoding
            });
        }
        at += end;
    }
    None
}

/// The charset label in the attributes of one `meta` tag, if it declares one.
fn meta_charset(attributes: &[u8]) -> Option<&[u8]> {
    let mut charset = None;
    let mut content = None;
    let mut http_equiv_content_type = false;
    for (name, value) in html_attributes(attributes) {
        if name.eq_ignore_ascii_case(b"charset") {
            charset.get_or_insert(value);
        } else if name.eq_ignore_ascii_case(b"content") {
            content.get_or_insert(value);
        } else if name.eq_ignore_ascii_case(b"http-equiv") {
            http_equiv_content_type = value.eq_ignore_ascii_case(b"content-type");
        }
    }
    if charset.is_some() {
        return charset;
    }
    let content = content.filter(|_| http_equiv_content_type)?;
    let lower = content.to_ascii_lowercase();
    let start = find(&lower, b"charset")? + b"charset".len();
    let value = content[start..].trim_ascii_start().strip_prefix(b"=")?;
    let value = value.trim_ascii_start();
    let value = value
        .strip_prefix(b"\"")
        .or_else(|| value.strip_prefix(b"'"))
        .unwrap_or(value);
    let end = value
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';') || b.is_ascii_whitespace())
        .unwrap_or(value.len());
    Some(&value[..end])
}

/// `name=value`, `name="value"`, `name='value'` and bare `name` pairs of a tag's attribute text.
fn html_attributes(mut text: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    std::iter::from_fn(move || {
        text = text.trim_ascii_start().strip_prefix(b"/").unwrap_or(text);
        text = text.trim_ascii_start();
        if text.is_empty() {
            return None;
        }
        let name_end = text
            .iter()
            .position(|b| *b == b'=' || b.is_ascii_whitespace())
            .unwrap_or(text.len());
        let name = &text[..name_end];
        let after = text[name_end..].trim_ascii_start();
        let Some(after) = after.strip_prefix(b"=") else {
            text = &text[name_end..];
            return Some((name, &b""[..]));
        };
        let after = after.trim_ascii_start();
        let (value, rest) = match after.first() {
            Some(&quote @ (b'"' | b'\'')) => {
                let body = &after[1..];
                let end = body.iter().position(|b| *b == quote).unwrap_or(body.len());
                (&body[..end], body.get(end + 1..).unwrap_or_default())
            }
            _ => {
                let end = after
                    .iter()
                    .position(u8::is_ascii_whitespace)
                    .unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        text = rest;
        Some((name, value))
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
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
    fn mac_roman_text_is_detected() {
        let decoded = decode(b"Hej fr\x8cn Ume\x8c! Vi ses p\x8c m\x9agen i G\x9aborg.").unwrap();
        assert_eq!(decoded.text, "Hej från Umeå! Vi ses på mögen i Göborg.");
        assert_eq!(decoded.encoding, "macintosh");
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
    fn charsets_are_sniffed_from_meta_tags() {
        let cases: [(&[u8], Option<&str>); 9] = [
            (b"<meta charset=\"windows-1252\">", Some("windows-1252")),
            (b"<META CHARSET=latin1>", Some("windows-1252")),
            (b"<meta charset='utf-8'/>", Some("UTF-8")),
            (
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-2\">",
                Some("ISO-8859-2"),
            ),
            (
                b"<meta content='text/html; charset=koi8-r' http-equiv='content-type'>",
                Some("KOI8-R"),
            ),
            (b"<meta charset=\"utf-16le\">", Some("UTF-8")),
            (b"<!-- <meta charset=\"koi8-r\"> --><p>no charset</p>", None),
            (b"<meta name=\"charset\" content=\"koi8-r\">", None),
            (b"<meta charset=\"no-such-thing\">", None),
        ];
        let unknown_then_known = b"<meta charset=\"no-such-thing\"><meta charset=\"koi8-r\">";
        assert_eq!(
            sniff_html_charset(unknown_then_known).map(Encoding::name),
            Some("KOI8-R")
        );
        for (bytes, expected) in cases {
            let found = sniff_html_charset(bytes).map(Encoding::name);
            assert_eq!(found, expected, "{}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn a_charset_after_the_first_kilobyte_does_not_count() {
        let mut page = vec![b' '; CHARSET_SNIFF_LEN];
        page.extend_from_slice(b"<meta charset=\"koi8-r\">");
        assert_eq!(sniff_html_charset(&page), None);
    }

    #[test]
    fn bom_beats_utf8_beats_declared_beats_detection() {
        let declared = Some(encoding_rs::WINDOWS_1252);
        // Valid UTF-8 ("é" as C3 A9) on a page that says Windows-1252: re-encoded when saved.
        let utf8 = decode_with_hint(b"caf\xc3\xa9", declared).unwrap();
        assert_eq!((utf8.text.as_str(), utf8.encoding), ("café", "UTF-8"));
        // Not UTF-8: the declaration is believed, before any guess.
        let latin = decode_with_hint(b"caf\xe9", declared).unwrap();
        assert_eq!(
            (latin.text.as_str(), latin.encoding),
            ("café", "windows-1252")
        );
        let gb = decode_with_hint(b"\xd6\xd0\xce\xc4", Some(encoding_rs::GBK)).unwrap();
        assert_eq!(gb.text, "中文");
        // Chinese in UTF-8 on a page that declares gb2312 (Mozilla's qq page) reads as Chinese.
        let qq = decode_with_hint("中文".as_bytes(), Some(encoding_rs::GBK)).unwrap();
        assert_eq!(qq.text, "中文");
        // Plain ASCII follows the declaration (it decodes the same in any ASCII-based charset).
        assert_eq!(
            decode_with_hint(b"cafe", declared).unwrap().encoding,
            "windows-1252"
        );
        // A byte-order mark is stronger than anything else.
        assert_eq!(
            decode_with_hint(b"\xef\xbb\xbfcaf\xc3\xa9", declared)
                .unwrap()
                .text,
            "café"
        );
        // A declaration does not make binary data text.
        assert_eq!(
            decode_with_hint(b"GIF89a\0\0", declared),
            Err(NotText::Binary)
        );
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b"").unwrap().text, "");
    }
}
