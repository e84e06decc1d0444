//! Tables as text, one implementation for HTML and Markdown: aligned columns in a preformatted
//! block when the table fits a reading width, otherwise one paragraph per row that names each
//! value by its column ("Header: value; Header: value"), which survives any pane width.

use unicode_width::UnicodeWidthStr;

use super::{Block, BlockKind};

/// The widest table laid out in columns; wider ones read as a paragraph per row.
pub const MAX_TABLE_WIDTH: usize = 100;

const COLUMN_GAP: &str = " │ ";
const RULE_GAP: &str = "─┼─";

/// Turns `rows` of cell texts into blocks. The first `header_rows` rows are headings. Rows may
/// be ragged; cells are read as one line each.
pub fn blocks(rows: &[Vec<String>], header_rows: usize) -> Vec<Block> {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| one_line(cell)).collect::<Vec<_>>())
        .collect();
    // Header rows are counted before empty rows are dropped, so they still say which they are.
    let header_rows = header_rows.min(rows.len());
    let (headers, body) = rows.split_at(header_rows);
    let keep = |row: &&Vec<String>| row.iter().any(|cell| !cell.is_empty());
    let headers: Vec<&Vec<String>> = headers.iter().filter(keep).collect();
    let body: Vec<&Vec<String>> = body.iter().filter(keep).collect();
    let columns = headers
        .iter()
        .chain(&body)
        .map(|row| row.len())
        .max()
        .unwrap_or(0);
    if columns == 0 {
        return Vec::new();
    }
    let mut widths = vec![0; columns];
    for row in headers.iter().chain(&body) {
        for (width, cell) in widths.iter_mut().zip(row.iter()) {
            *width = (*width).max(cell.width());
        }
    }
    let total = widths.iter().sum::<usize>() + COLUMN_GAP.width() * (columns - 1);
    if total <= MAX_TABLE_WIDTH {
        vec![aligned(&headers, &body, &widths)]
    } else {
        by_row(&headers, &body)
    }
}

/// The table as one preformatted block: columns padded by display width (so CJK and accents line
/// up), a rule under the headers.
fn aligned(headers: &[&Vec<String>], body: &[&Vec<String>], widths: &[usize]) -> Block {
    let line = |row: &Vec<String>| {
        // Empty cells at the end of a row draw nothing, not even their column's bar.
        let used = row
            .iter()
            .rposition(|cell| !cell.is_empty())
            .map_or(0, |i| i + 1);
        let cells: Vec<String> = widths[..used]
            .iter()
            .zip(row)
            .map(|(width, cell)| format!("{cell}{}", " ".repeat(width - cell.width())))
            .collect();
        cells.join(COLUMN_GAP).trim_end().to_owned()
    };
    let mut lines: Vec<String> = headers.iter().map(|row| line(row)).collect();
    if !headers.is_empty() && !body.is_empty() {
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        lines.push(rule.join(RULE_GAP));
    }
    lines.extend(body.iter().map(|row| line(row)));
    Block::new(BlockKind::Code, lines.join("\n"))
}

/// The table as a paragraph per body row, each value named by its header.
fn by_row(headers: &[&Vec<String>], body: &[&Vec<String>]) -> Vec<Block> {
    // With several header rows, the last one names the columns most closely.
    let names = headers.last();
    let name_of = |index: usize| {
        names
            .and_then(|row| row.get(index))
            .map_or("", String::as_str)
    };
    let mut blocks: Vec<Block> = Vec::new();
    if body.is_empty() {
        // Only headers: still worth reading.
        blocks.extend(headers.iter().map(|row| Block::paragraph(row.join("; "))));
    }
    for row in body {
        let parts: Vec<String> = row
            .iter()
            .enumerate()
            .filter(|(_, value)| !value.is_empty())
            .map(|(index, value)| match name_of(index) {
                "" => value.clone(),
                name => format!("{name}: {value}"),
            })
            .collect();
        blocks.push(Block::paragraph(parts.join("; ")));
    }
    blocks
}

fn one_line(cell: &str) -> String {
    cell.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(table: &[&[&str]]) -> Vec<Vec<String>> {
        table
            .iter()
            .map(|row| row.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn narrow_tables_are_aligned_by_display_width() {
        let table = rows(&[
            &["City", "Café count"],
            &["Kyoto 京都", "12"],
            &["Lyon", "340"],
        ]);
        let blocks = blocks(&table, 1);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].kind, BlockKind::Code);
        assert_eq!(
            blocks[0].text,
            "City       │ Café count\n\
             ───────────┼───────────\n\
             Kyoto 京都 │ 12\n\
             Lyon       │ 340"
        );
    }

    #[test]
    fn wide_tables_become_a_paragraph_per_row() {
        let long = "a value long enough that with its neighbours the row is too wide ".repeat(2);
        let long = long.trim();
        let table = rows(&[
            &["Name", "Note", "More"],
            &["Ada", long, ""],
            &["", long, "x"],
        ]);
        let blocks = blocks(&table, 1);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].text, format!("Name: Ada; Note: {long}"));
        assert_eq!(blocks[1].text, format!("Note: {long}; More: x"));
        assert!(blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    }

    #[test]
    fn ragged_and_empty_rows_are_handled() {
        let table = rows(&[&["a", "b", "c"], &[], &["d"], &["", ""]]);
        let blocks = blocks(&table, 0);
        assert_eq!(blocks[0].text, "a │ b │ c\nd");
        assert!(super::blocks(&rows(&[&[], &["", ""]]), 1).is_empty());
    }

    #[test]
    fn cells_are_read_as_one_line() {
        let table = rows(&[&["two\nlines", "x"]]);
        assert_eq!(blocks(&table, 0)[0].text, "two lines │ x");
    }
}
