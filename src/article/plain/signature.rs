//! The signature of a mail or news post: the lines after a `-- ` line, kept as written.

/// Signatures longer than this after a bare `--` (without its space) are not signatures: the
/// proper `-- ` delimiter always counts, a bare one only at the very end of a post.
const BARE_DELIMITER_MAX_LINES: usize = 10;

/// Whether line `index` of `lines` opens a signature: it is `-- ` (the standard delimiter), or a
/// bare `--` followed by only a few lines to the end.
pub fn starts_at(lines: &[&str], index: usize) -> bool {
    match lines[index] {
        "-- " => true,
        "--" => lines.len() - index - 1 <= BARE_DELIMITER_MAX_LINES,
        _ => false,
    }
}

/// Where the signature that starts at `start` ends: at the end of the post, or before a blank
/// line followed by quoted text (a reply written above the message it quotes).
pub fn end(lines: &[&str], start: usize) -> usize {
    let mut end = lines.len();
    for index in start + 1..lines.len() {
        let blank = lines[index].trim().is_empty();
        let quoted_next = lines
            .get(index + 1)
            .is_some_and(|next| next.trim_start().starts_with('>'));
        if blank && quoted_next {
            end = index;
            break;
        }
    }
    while end > start + 1 && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_with_its_space_always_opens_a_signature() {
        let lines = [
            "Text.",
            "-- ",
            "Rainer Hochreiter | Telephone: +43 (1) 89100 / 3961",
        ];
        assert!(starts_at(&lines, 1));
        assert!(!starts_at(&lines, 0));
        assert_eq!(end(&lines, 1), 3);
    }

    #[test]
    fn a_bare_delimiter_counts_only_near_the_end() {
        let short = ["Text.", "--", "Ann"];
        assert!(starts_at(&short, 1));
        let mut long = vec!["Text.", "--"];
        long.extend(std::iter::repeat_n("more text", 11));
        assert!(!starts_at(&long, 1));
    }

    #[test]
    fn a_signature_ends_where_a_quoted_message_follows() {
        let lines = ["-- ", "Ann", "", "", "> the message replied to", ""];
        assert_eq!(end(&lines, 0), 2);
        assert_eq!(end(&["-- ", "Ann", "", ""], 0), 2);
    }
}
