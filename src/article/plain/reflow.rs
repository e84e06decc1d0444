//! Which hard-wrapped lines are prose to join again, and which line breaks the writer meant
//! (an address, a poem, a closing "Thanks,\nAnn").

/// Lines longer than this count as this long: wider than any wrap width.
const LONGEST: usize = 256;

/// Lines a quote depth needs for a width of its own.
const LINES_FOR_OWN_WIDTH: usize = 8;

/// Line lengths counted in a histogram: one pass over the lines, whatever their number.
#[derive(Clone)]
struct Histogram {
    counts: Vec<usize>,
    total: usize,
}

impl Histogram {
    fn new() -> Histogram {
        Histogram {
            counts: vec![0; LONGEST + 1],
            total: 0,
        }
    }

    fn add(&mut self, line: &str) {
        let line = line.trim_end();
        if !line.is_empty() {
            self.counts[line.chars().count().min(LONGEST)] += 1;
            self.total += 1;
        }
    }

    /// The length that nine lines in ten do not pass.
    fn width(&self) -> usize {
        let mut seen = 0;
        for (length, count) in self.counts.iter().enumerate() {
            seen += count;
            if seen * 10 >= self.total * 9 {
                return length;
            }
        }
        LONGEST
    }
}

/// The wrap width of the text and of each quote depth in it (lengths without the markers): a
/// quote was wrapped by its own writer, or rewrapped narrower by a mail program to make room for
/// its markers.
pub struct Widths {
    all: usize,
    /// Per depth: its lines, and their width.
    by_depth: Vec<(usize, usize)>,
}

impl Widths {
    /// Measures `(quote depth, text without markers)` lines.
    pub fn measure<'a>(lines: impl Iterator<Item = (usize, &'a str)>) -> Widths {
        let mut all = Histogram::new();
        let mut by_depth: Vec<Histogram> = Vec::new();
        for (depth, line) in lines {
            all.add(line);
            // Deep quotes share the histogram of depth 8: they are few.
            let depth = depth.min(8);
            if by_depth.len() <= depth {
                by_depth.resize(depth + 1, Histogram::new());
            }
            by_depth[depth].add(line);
        }
        Widths {
            all: all.width(),
            by_depth: by_depth.iter().map(|h| (h.total, h.width())).collect(),
        }
    }

    /// The width at quote `depth`: its own when it has lines enough to tell, else the text's.
    pub fn at(&self, depth: usize) -> usize {
        match self.by_depth.get(depth.min(8)) {
            Some(&(lines, width)) if lines >= LINES_FOR_OWN_WIDTH => width,
            _ => self.all,
        }
    }
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
        let widths = Widths::measure(lines.iter().map(|l| (0, l.as_str())));
        assert_eq!(widths.at(0), 70);
        assert_eq!(Widths::measure(std::iter::empty()).at(0), 0);
    }

    #[test]
    fn each_quote_depth_with_lines_enough_has_its_own_width() {
        let mut lines = vec![(0, "x".repeat(72)); 10];
        lines.extend(vec![(1, "y".repeat(60)); 10]);
        lines.push((2, "z".repeat(50)));
        let widths = Widths::measure(lines.iter().map(|(d, l)| (*d, l.as_str())));
        assert_eq!((widths.at(0), widths.at(1)), (72, 60));
        assert_eq!(widths.at(2), 72, "one line says nothing: the text's width");
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
