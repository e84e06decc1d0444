//! Mac Roman and the DOS code pages, which chardetng never guesses: a Mac post read as
//! Windows-1252 turns "Umeå" into "UmeŒ" and "Grüße" into "GrŸ§e", a DOS one "Grüße" into
//! "Gr\u{81}áe". A byte-by-byte plausibility score of each reading picks the one whose non-ASCII
//! characters sit where a writer would put them.
//!
//! Pure: bytes and chardetng's guess in, a better reading (or none) out.

use encoding_rs::{Encoding, MACINTOSH};

/// Bytes 0x80 to 0xFF of the DOS code pages of Western Europe and America, which encoding_rs
/// does not decode: code page 437 (the original PC) and 850 (DOS Latin-1).
const CP437_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}";
const CP850_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u{ad}±‗¾¶§÷¸°¨·¹³²■\u{a0}";

/// The text read in Mac Roman or a DOS code page, with the encoding's name, when that reads more
/// plausibly than chardetng's `guessed` encoding; `None` to keep the guess. Only a single-byte
/// guess is weighed: a multi-byte encoding is never a misread Mac or DOS file.
pub fn better_reading(bytes: &[u8], guessed: &'static Encoding) -> Option<(String, &'static str)> {
    if !guessed.is_single_byte() || guessed == MACINTOSH {
        return None;
    }
    let guess_score = score(bytes, &high_half(guessed));
    let candidates = [
        ("macintosh", high_half(MACINTOSH)),
        ("IBM437", dos_table(CP437_HIGH)),
        ("IBM850", dos_table(CP850_HIGH)),
    ];
    let (name, table) = candidates
        .into_iter()
        .map(|(name, table)| (score(bytes, &table), name, table))
        .filter(|(score, ..)| *score > guess_score)
        // The first of equals: Mac Roman, then the older DOS page.
        .min_by_key(|(score, ..)| std::cmp::Reverse(*score))
        .map(|(_, name, table)| (name, table))?;
    let text = bytes
        .iter()
        .map(|&b| {
            if b < 0x80 {
                char::from(b)
            } else {
                table[usize::from(b - 0x80)]
            }
        })
        .collect();
    Some((text, name))
}

fn dos_table(high: &str) -> [char; 128] {
    let mut table = ['\u{fffd}'; 128];
    for (slot, ch) in table.iter_mut().zip(high.chars()) {
        *slot = ch;
    }
    table
}

/// The accented letters European languages use most (French, German, Spanish, Portuguese,
/// Italian, the Nordic languages): a reading that gives them beats one that gives rarer ones.
const COMMON_LETTERS: &str = "éèàäöüåøæßçáíóúñãõ";

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
            // A non-ASCII letter three times running is a line drawn in a DOS box character.
            let drawn = before == Some(&byte) && after == Some(&byte);
            let common = i64::from(COMMON_LETTERS.contains(ch));
            match (left, right) {
                _ if ch.is_uppercase() && after_small => -3,
                _ if drawn => -2,
                (true, true) => 2 + common,
                (true, false) | (false, true) => 1 + common,
                (false, false) => 0,
            }
        } else if is_punctuation_in_place(ch, before, left, right) {
            2
        } else if ('\u{2500}'..='\u{25a0}').contains(&ch) {
            // Box drawing: at home beside its kind or a space, not inside a word.
            if before.is_some_and(u8::is_ascii_alphabetic)
                && after.is_some_and(u8::is_ascii_alphabetic)
            {
                -3
            } else {
                1
            }
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

    /// The text as decode reads it when chardetng guessed Windows-1252.
    fn read(bytes: &[u8]) -> (String, &'static str) {
        better_reading(bytes, WINDOWS_1252).unwrap_or_else(|| {
            let text = WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned();
            (text, "windows-1252")
        })
    }

    #[test]
    fn plainly_mac_roman_text_reads_as_mac_roman() {
        assert_eq!(read(b"Ume\x8c").0, "Umeå");
        assert_eq!(
            read(b"Gr\x9f\xa7e aus Ume\x8c, K\x9aln und Malm\x9a."),
            ("Grüße aus Umeå, Köln und Malmö.".to_owned(), "macintosh")
        );
        assert_eq!(
            read(b"\xd2Quoted,\xd3 he said \xd0 twice.").0,
            "“Quoted,” he said – twice."
        );
    }

    #[test]
    fn plainly_dos_text_reads_in_its_code_page() {
        assert_eq!(
            read(b"Gr\x81\xe1e aus K\x94ln, M\x81nchen und Z\x81rich."),
            ("Grüße aus Köln, München und Zürich.".to_owned(), "IBM437")
        );
        let boxed = read(b"\xda\xc4\xc4\xc4\xc4\xbf\n\xb3 Menu \xb3\n\xc0\xc4\xc4\xc4\xc4\xd9\n");
        assert_eq!(boxed.0, "┌────┐\n│ Menu │\n└────┘\n");
    }

    #[test]
    fn windows_1252_text_with_dashes_inside_words_stays_as_it_was() {
        // Frankenstein as Project Gutenberg once shipped it, in Windows-1252.
        let book = b"There\x97for with your leave, my sister, I will put some trust in \
                     preceding navigators\x97there snow and frost are banished. Our good Uncle \
                     Thomas\x92 library. \x93What?\x94 he said. Gutenberg\x99 works.";
        assert_eq!(better_reading(book, WINDOWS_1252), None);
    }

    #[test]
    fn windows_1252_and_latin1_text_stays_as_it_was() {
        for text in [
            &b"Le caf\xe9 est ouvert, la cr\xe8me est fra\xeeche."[..],
            b"He said \x93hello\x94 and left \x96 quickly.",
            b"Gr\xfc\xdfe aus K\xf6ln",
            b"P\xe4\xe4see Helsingiss\xe4 kes\xe4ll\xe4.",
        ] {
            assert_eq!(
                better_reading(text, WINDOWS_1252),
                None,
                "{}",
                String::from_utf8_lossy(text)
            );
        }
    }

    #[test]
    fn other_scripts_and_multi_byte_guesses_are_left_alone() {
        let russian = b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0";
        assert_eq!(better_reading(russian, WINDOWS_1251), None);
        assert_eq!(better_reading(b"\x82\xa0", encoding_rs::SHIFT_JIS), None);
    }
}
