//! Mac Roman, which chardetng never guesses: a Mac post read as Windows-1252 turns "Umeå" into
//! "UmeŒ" and "Grüße" into "GrŸ§e". A byte-by-byte plausibility score of the two readings picks
//! the one whose non-ASCII characters sit where a writer would put them.
//!
//! Pure: bytes and a guessed encoding in, an encoding out.

use encoding_rs::{Encoding, MACINTOSH};

/// `guessed`, or Mac Roman when the text reads more plausibly that way. Only a single-byte guess
/// is weighed against it: a multi-byte encoding is never a misread Mac file.
pub fn prefer_mac_roman(bytes: &[u8], guessed: &'static Encoding) -> &'static Encoding {
    if !guessed.is_single_byte() || guessed == MACINTOSH {
        return guessed;
    }
    let guessed_table = high_half(guessed);
    let mac_table = high_half(MACINTOSH);
    let (guess_score, mac_score) = (score(bytes, &guessed_table), score(bytes, &mac_table));
    if mac_score > guess_score {
        MACINTOSH
    } else {
        guessed
    }
}

/// What bytes 0x80 to 0xFF decode to in `encoding` (U+FFFD where it has no character).
fn high_half(encoding: &'static Encoding) -> [char; 128] {
    let mut table = ['\u{fffd}'; 128];
    for (index, slot) in table.iter_mut().enumerate() {
        let byte = [0x80 + index as u8];
        let (text, _) = encoding.decode_without_bom_handling(&byte);
        *slot = text.chars().next().unwrap_or('\u{fffd}');
    }
    table
}

/// How plausible the text's non-ASCII characters are under `table`: a letter inside a word, a
/// quote, apostrophe or dash where writers put them, score; a capital after a small letter, a
/// symbol inside a word, or a control character costs.
fn score(bytes: &[u8], table: &[char; 128]) -> i64 {
    let is_wordish =
        |byte: Option<&u8>| byte.is_some_and(|b| b.is_ascii_alphabetic() || *b >= 0x80);
    let mut total = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        if byte < 0x80 {
            continue;
        }
        let ch = table[usize::from(byte - 0x80)];
        let before = index.checked_sub(1).and_then(|i| bytes.get(i));
        let after = bytes.get(index + 1);
        let (left, right) = (is_wordish(before), is_wordish(after));
        total += if ch.is_control() || ch == '\u{fffd}' {
            -5
        } else if ch.is_alphabetic() {
            let after_small = before.is_some_and(u8::is_ascii_lowercase);
            match (left, right) {
                _ if ch.is_uppercase() && after_small => -3,
                (true, true) => 2,
                (true, false) | (false, true) => 1,
                (false, false) => 0,
            }
        } else if is_punctuation_in_place(ch, before, left, right) {
            2
        } else if left && right {
            -3
        } else {
            0
        };
    }
    total
}

/// Whether `ch` is punctuation where a writer would put it: an apostrophe after a letter, an
/// opening quote before a word, a closing one after anything but a space, a dash anywhere (a
/// book writes "There—for"), and the symbols prose uses.
fn is_punctuation_in_place(ch: char, before: Option<&u8>, left: bool, right: bool) -> bool {
    let after_text = before.is_some_and(|b| !b.is_ascii_whitespace());
    match ch {
        '’' => left,
        '‘' | '“' | '«' | '„' | '¿' | '¡' => right || !left,
        '”' | '»' => after_text,
        '–' | '—' | '…' | '•' | '°' | '™' | '©' | '®' | '€' | '£' | '\u{a0}' => {
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{WINDOWS_1251, WINDOWS_1252};

    fn read(bytes: &[u8]) -> String {
        let encoding = prefer_mac_roman(bytes, WINDOWS_1252);
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    }

    #[test]
    fn plainly_mac_roman_text_reads_as_mac_roman() {
        assert_eq!(read(b"Ume\x8c"), "Umeå");
        assert_eq!(
            read(b"Gr\x9f\xa7e aus Ume\x8c, K\x9aln und Malm\x9a."),
            "Grüße aus Umeå, Köln und Malmö."
        );
        assert_eq!(
            read(b"\xd2Quoted,\xd3 he said \xd0 twice."),
            "“Quoted,” he said – twice."
        );
    }

    #[test]
    fn windows_1252_text_with_dashes_inside_words_stays_as_it_was() {
        // Frankenstein as Project Gutenberg once shipped it, in Windows-1252.
        let book = b"There\x97for with your leave, my sister, I will put some trust in \
                     preceding navigators\x97there snow and frost are banished. Our good Uncle \
                     Thomas\x92 library. \x93What?\x94 he said. Gutenberg\x99 works.";
        assert_eq!(prefer_mac_roman(book, WINDOWS_1252), WINDOWS_1252);
    }

    #[test]
    fn windows_1252_and_latin1_text_stays_as_it_was() {
        assert_eq!(
            read(b"Le caf\xe9 est ouvert, la cr\xe8me est fra\xeeche."),
            "Le café est ouvert, la crème est fraîche."
        );
        assert_eq!(
            read(b"He said \x93hello\x94 and left \x96 quickly."),
            "He said \u{201c}hello\u{201d} and left \u{2013} quickly."
        );
        assert_eq!(read(b"Gr\xfc\xdfe aus K\xf6ln"), "Grüße aus Köln");
    }

    #[test]
    fn other_scripts_and_multi_byte_guesses_are_left_alone() {
        let russian = b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0";
        assert_eq!(prefer_mac_roman(russian, WINDOWS_1251), WINDOWS_1251);
        assert_eq!(
            prefer_mac_roman(b"\x82\xa0", encoding_rs::SHIFT_JIS),
            encoding_rs::SHIFT_JIS
        );
    }
}
