//! Text that must keep its lines: patches and diffs, tables and columns aligned with spaces,
//! lines of code, ASCII art, indented blocks. Reflowing any of it would scramble it.

/// Where a patch that starts at line `start` ends, if one starts there: a `diff`, `Index:` or
/// `--- `/`+++ ` (unified) or `*** `/`--- ` (context) header, then every line that reads as part
/// of a diff. A blank line inside the patch (a context line whose space a mailer dropped) belongs
/// to it when the patch goes on after it.
pub fn patch_extent(lines: &[&str], start: usize) -> Option<usize> {
    if !starts_patch(lines, start) {
        return None;
    }
    let mut end = start + 1;
    let mut index = start + 1;
    while index < lines.len() {
        let line = lines[index];
        if line.is_empty() {
            index += 1;
            continue;
        }
        if !is_diff_line(line) {
            break;
        }
        index += 1;
        end = index;
    }
    Some(end)
}

fn starts_patch(lines: &[&str], start: usize) -> bool {
    let line = lines[start];
    let next = lines.get(start + 1).copied().unwrap_or_default();
    line.starts_with("diff ")
        || line.starts_with("Index: ")
        || (line.starts_with("--- ") && next.starts_with("+++ "))
        || (line.starts_with("*** ") && (next.starts_with("--- ") || next.starts_with("*****")))
        || (line.starts_with("@@ -") && line[3..].contains(" @@"))
}

/// A line of a unified or context diff, or of the headers between files.
fn is_diff_line(line: &str) -> bool {
    const STARTS: &[&str] = &[
        " ",
        "+",
        "-",
        "!",
        "@@",
        "***",
        "\\ No newline",
        "diff ",
        "Index: ",
        "===",
        "index ",
        "new file mode",
        "deleted file mode",
        "similarity index",
        "rename from",
        "rename to",
        "old mode",
        "new mode",
        "Only in ",
        "Binary files ",
        "RCS file: ",
        "retrieving revision",
    ];
    STARTS.iter().any(|s| line.starts_with(s))
}

/// Whether a paragraph's `lines` are preformatted: every line indented four spaces or more, or
/// its lines aligned in columns, or most of them code or drawing.
pub fn is_preformatted(lines: &[&str]) -> bool {
    if lines.iter().all(|l| indent_of(l) >= 4) {
        return true;
    }
    if lines.len() < 2 {
        return false;
    }
    let shaped = lines.iter().filter(|l| looks_like_code_or_art(l)).count();
    if shaped * 2 > lines.len() {
        return true;
    }
    // Columns need gaps: most prose has none, and is not measured further.
    let gapped = lines
        .iter()
        .filter(|l| l.trim_start().contains("  "))
        .count();
    gapped >= 2 && gapped * 2 >= lines.len() && is_aligned_in_columns(lines)
}

pub fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A line of code (ends in `{`, `}` or `;`, opens with a keyword of a few languages or a
/// comment) or of a drawing (more than a third of its visible characters are symbols).
fn looks_like_code_or_art(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return false;
    }
    if trimmed.ends_with(['{', '}', ';']) && !trimmed.ends_with(" ;") {
        return true;
    }
    const OPENERS: &[&str] = &[
        "#include", "#define", "#!/", "//", "/*", "*/", "def ", "fn ", "} else", "return ",
        "import ", "$ ", "% ",
    ];
    if OPENERS.iter().any(|o| trimmed.starts_with(o)) {
        return true;
    }
    let (visible, symbols) = if trimmed.is_ascii() {
        // The common case, byte by byte in one pass: every line of prose comes through here.
        trimmed.bytes().fold((0, 0), |(visible, symbols), b| {
            let class = ASCII_CLASS[usize::from(b)];
            (
                visible + usize::from(class != SPACE),
                symbols + usize::from(class == SYMBOL),
            )
        })
    } else {
        let visible = trimmed.chars().filter(|c| !c.is_whitespace()).count();
        (
            visible,
            trimmed.chars().filter(|c| is_drawing_symbol(*c)).count(),
        )
    };
    visible >= 3 && symbols * 3 > visible
}

const SPACE: u8 = 0;
const SYMBOL: u8 = 1;
const OTHER: u8 = 2;

/// Each ASCII byte's class for `looks_like_code_or_art`: whitespace, a drawing symbol, or other.
const ASCII_CLASS: [u8; 128] = {
    let mut classes = [OTHER; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        classes[byte] = if b.is_ascii_whitespace() {
            SPACE
        } else if is_drawing_symbol(b as char) {
            SYMBOL
        } else {
            OTHER
        };
        byte += 1;
    }
    classes
};

/// What drawings and code are made of and prose rarely uses: ASCII symbols other than prose
/// punctuation, and box-drawing characters. Emoji and letters of any script are not.
const fn is_drawing_symbol(c: char) -> bool {
    let prose = matches!(
        c,
        '.' | ',' | ';' | ':' | '\'' | '"' | '!' | '?' | '(' | ')'
    );
    (c.is_ascii_punctuation() && !prose) || matches!(c, '\u{2500}'..='\u{259f}')
}

/// Columns: at least half the lines (and two) have a word starting at the same column after a
/// gap of two or more spaces. A gap after a full stop is the typist's double space, not a column.
fn is_aligned_in_columns(lines: &[&str]) -> bool {
    let starts: Vec<Vec<usize>> = lines.iter().map(|l| column_starts(l)).collect();
    // Lines per column, counted once per line: linear, however long the paragraph.
    let mut lines_at = std::collections::HashMap::new();
    for columns in &starts {
        for (i, column) in columns.iter().enumerate() {
            if !columns[..i].contains(column) {
                *lines_at.entry(*column).or_insert(0usize) += 1;
            }
        }
    }
    let aligned = starts
        .iter()
        .filter(|columns| columns.iter().any(|c| lines_at[c] >= 2))
        .count();
    aligned >= 2 && aligned * 2 >= lines.len()
}

/// The columns (in characters) where a word starts after a gap of two or more spaces, past the
/// line's indentation. At most a few per line are kept: enough to see a table.
fn column_starts(line: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut spaces = 0;
    let mut before_gap = ' ';
    let mut seen_text = false;
    for (column, ch) in line.chars().enumerate() {
        if ch == ' ' {
            spaces += 1;
            continue;
        }
        if seen_text && spaces >= 2 && !matches!(before_gap, '.' | '!' | '?' | ':') {
            starts.push(column);
            if starts.len() == 8 {
                break;
            }
        }
        seen_text = true;
        spaces = 0;
        before_gap = ch;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTEXT_DIFF: &[&str] = &[
        "*** 1.1 1993/04/28 06:05:03",
        "--- Imakefile 1993/04/30 10:11:12",
        "***************",
        "*** 1,3 ****",
        "! all::",
        "!   @echo \"\"",
        "  clean::",
        "--- 1,3 ----",
        "! all:: xterm",
        "",
        "  clean::",
        "Hope this helps.",
    ];

    #[test]
    fn patches_run_from_their_header_to_the_first_line_of_prose() {
        assert_eq!(patch_extent(CONTEXT_DIFF, 0), Some(11));
        assert_eq!(patch_extent(CONTEXT_DIFF, 4), None);
        let unified = [
            "diff --git a/x.rs b/x.rs",
            "--- a/x.rs",
            "+++ b/x.rs",
            "@@ -1,2 +1,2 @@",
            " fn main() {",
            "-    old();",
            "+    new();",
            "",
            "",
            "Thanks,",
        ];
        assert_eq!(patch_extent(&unified, 0), Some(7));
        assert_eq!(
            patch_extent(&["--- a/x", "+++ b/x", "@@ -1 +1 @@"], 0),
            Some(3)
        );
        assert_eq!(patch_extent(&["--- a dash of prose", "and more"], 0), None);
    }

    #[test]
    fn indented_blocks_code_and_drawings_keep_their_lines() {
        assert!(is_preformatted(&["    indented", "      more"]));
        assert!(is_preformatted(&["int main(void) {", "  return 0;", "}"]));
        assert!(is_preformatted(&["  /\\_/\\", " ( o.o )", "  > ^ <"]));
        assert!(is_preformatted(&[
            "+------+------+",
            "| a    | b    |",
            "+------+------+"
        ]));
        assert!(!is_preformatted(&[
            "Plain words in a sentence,",
            "wrapped at some width."
        ]));
        assert!(!is_preformatted(&[
            "A sentence ends.  Then another",
            "starts after two spaces."
        ]));
    }

    #[test]
    fn columns_aligned_with_spaces_are_a_table() {
        assert!(is_preformatted(&[
            "Name        Size   Date",
            "folio       12 K   1993-04-20",
            "xterm       340 K  1993-04-28",
        ]));
        assert!(!is_preformatted(&[
            "One gap  here",
            "and another  there at a different column"
        ]));
    }
}
