//! Which hard-wrapped lines are prose to join again, and which line breaks the writer meant
//! (an address, a poem, a closing "Thanks,\nAnn").

/// The width the text was wrapped at, in characters: the length that nine lines in ten do not
/// pass. Counted in a histogram, so it costs one pass over the lines.
pub fn wrap_width(lines: &[&str]) -> usize {
    const LONGEST: usize = 256;
    let mut counts = [0usize; LONGEST + 1];
    let mut total = 0;
    for line in lines.iter().map(|l| l.trim_end()).filter(|l| !l.is_empty()) {
        counts[line.chars().count().min(LONGEST)] += 1;
        total += 1;
    }
    let mut seen = 0;
    for (length, count) in counts.iter().enumerate() {
        seen += count;
        if seen * 10 >= total * 9 {
            return length;
        }
    }
    LONGEST
}

/// Characters a line may fall short of the width and still have been wrapped by a program.
const SLACK: usize = 3;

/// Nobody wraps prose narrower than this: in a text whose lines are all shorter (a note of a few
/// lines, a list of names) the breaks are the writer's. Narrow prose then keeps its lines, which
/// reads well; the other mistake, an address run together, would not.
const MIN_WRAP_WIDTH: usize = 40;

/// Whether `lines` are one paragraph of prose broken only where it reached `width`: every line
/// but the last would have run past the width with the next line's first word (or ends in a
/// space, as format=flowed mail does). A paragraph of three or more lines that each open with a
/// capital is verse, whatever the widths.
pub fn is_hard_wrapped(lines: &[&str], width: usize) -> bool {
    if lines.len() >= 3
        && lines
            .iter()
            .all(|l| l.trim_start().starts_with(char::is_uppercase))
    {
        return false;
    }
    let width = width
        .max(widest(lines))
        .max(MIN_WRAP_WIDTH)
        .saturating_sub(SLACK);
    lines.windows(2).all(|pair| {
        let (line, next) = (pair[0], pair[1].trim_start());
        let next_word = next.split(' ').next().unwrap_or_default().chars().count();
        line.ends_with(' ') || line.trim_end().chars().count() + 1 + next_word > width
    })
}

fn widest(lines: &[&str]) -> usize {
    lines
        .iter()
        .map(|l| l.trim_end().chars().count())
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wrap_width_is_what_nearly_every_line_stays_within() {
        let mut lines = vec!["x".repeat(70); 18];
        lines.push("short".into());
        lines.push("y".repeat(200));
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        assert_eq!(wrap_width(&lines), 70);
        assert_eq!(wrap_width(&[]), 0);
    }

    #[test]
    fn prose_wrapped_at_the_width_is_joined_and_short_lines_are_kept() {
        let prose = [
            "The answers are in the back of the book, where they have always",
            "been, and nobody who read the quiz could have missed them there.",
            "Ask again.",
        ];
        assert!(is_hard_wrapped(&prose, 66));
        assert!(!is_hard_wrapped(&["Thanks,", "Ann"], 66));
        let address = ["ELIN-Energieanwendung GesmbH", "Vienna, Austria"];
        assert!(!is_hard_wrapped(&address, 66));
        assert!(is_hard_wrapped(&["flowed line ", "goes on"], 66));
        // A short note: its width says nothing, its breaks are meant.
        assert!(!is_hard_wrapped(&["Thanks,", "Ann"], 7));
    }

    #[test]
    fn verse_keeps_its_lines() {
        let verse = [
            "Shall I compare thee to a summer's day?",
            "Thou art more lovely and more temperate:",
            "Rough winds do shake the darling buds of May,",
        ];
        assert!(!is_hard_wrapped(&verse, 45));
    }
}
