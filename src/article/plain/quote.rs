//! Quoted lines of mail and news: how deep a line is quoted, and the attribution line that
//! introduces a quote ("In article <…>, X writes:").

/// How many levels `line` is quoted, and its text without the markers: `>`, `> >`, `>>` and
/// `>text` are all quotes; up to three spaces may come before the first marker. `>From ` is
/// mbox's escape of a line starting "From ", not a quote.
pub fn depth(line: &str) -> (usize, &str) {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 || !line[indent..].starts_with('>') {
        return (0, line);
    }
    let mut rest = &line[indent..];
    let mut depth = 0;
    while let Some(after) = rest.strip_prefix('>') {
        if after.starts_with("From ") {
            // `>From ` is how mbox escapes a line that starts with "From ", not a quote.
            return (depth, after);
        }
        depth += 1;
        // One space may separate markers ("> > text"); more than that is the text's indentation.
        rest = match after.strip_prefix(' ') {
            Some(spaced) if spaced.starts_with('>') => spaced,
            _ => after,
        };
    }
    (depth, rest.strip_prefix(' ').unwrap_or(rest))
}

/// The verbs that end an attribution, before its colon.
const ATTRIBUTION_ENDINGS: &[&str] = &[
    "writes:",
    "wrote:",
    "said:",
    "says:",
    "schrieb:",
    "a écrit :",
    "a écrit:",
    "escribió:",
    "scrisse:",
];

/// Where the attribution at the end of a paragraph's `lines` starts (`lines.len()` when there is
/// none): its last line ends with "writes:" or "wrote:", and a line before it that opens with
/// "In article", "On " or "Am " belongs to it too when the attribution was wrapped.
pub fn attribution_start(lines: &[&str]) -> usize {
    let Some(last) = lines.last() else {
        return 0;
    };
    let last = last.trim_end();
    if !ATTRIBUTION_ENDINGS.iter().any(|e| last.ends_with(e)) {
        return lines.len();
    }
    let end = lines.len() - 1;
    let opens = |line: &str| {
        let line = line.trim_start();
        ["In article", "In message", "On ", "Am ", "Le ", "El "]
            .iter()
            .any(|o| line.starts_with(o))
    };
    (end.saturating_sub(2)..end)
        .find(|&i| opens(lines[i]) && !lines[i].trim_end().ends_with(['.', '!', '?']))
        .unwrap_or(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_of_marking_a_quote_counts_its_depth() {
        assert_eq!(depth("> text"), (1, "text"));
        assert_eq!(depth(">text"), (1, "text"));
        assert_eq!(depth("> > text"), (2, "text"));
        assert_eq!(depth(">> text"), (2, "text"));
        assert_eq!(depth("> >>Rule #4"), (3, "Rule #4"));
        assert_eq!(depth("  > indented marker"), (1, "indented marker"));
        assert_eq!(depth(">    code in a quote"), (1, "   code in a quote"));
        assert_eq!(depth(">"), (1, ""));
        assert_eq!(depth("plain"), (0, "plain"));
        assert_eq!(depth(">From the archive"), (0, "From the archive"));
        assert_eq!(
            depth("> >From 1887 Mon Sep 17"),
            (1, "From 1887 Mon Sep 17")
        );
        assert_eq!(depth("a > b"), (0, "a > b"));
        assert_eq!(
            depth("     > deep indentation is code"),
            (0, "     > deep indentation is code")
        );
    }

    #[test]
    fn attributions_are_found_at_the_end_of_a_paragraph() {
        assert_eq!(
            attribution_start(&[
                "I agree.",
                "In article <1@a.example>, ann@a.example (Ann) writes:"
            ]),
            1
        );
        assert_eq!(
            attribution_start(&[
                "In article <1993Apr20.1@a.example>,",
                "  ann@a.example (Ann) writes:"
            ]),
            0
        );
        assert_eq!(attribution_start(&["On Mon, 2 Mar 2026, Bob wrote:"]), 0);
        assert_eq!(attribution_start(&["Plain prose.", "Ending here."]), 2);
        assert_eq!(attribution_start(&[]), 0);
    }
}
