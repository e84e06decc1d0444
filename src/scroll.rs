//! Scroll arithmetic for lists: pure functions over counts, with table tests. (The reader scrolls
//! through `wrap::View`, whose positions are spots in a lazily wrapped layout.)

/// The offset that keeps `selected` inside a window of `rows` starting at `offset`, moving the
/// window as little as possible.
pub fn keep_visible(selected: usize, offset: usize, rows: usize) -> usize {
    let rows = rows.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}

/// `keep_visible`, and no further down than a full window allows: when the window grows (a
/// resize), rows hidden above come back instead of leaving empty rows below.
pub fn fill_window(selected: usize, offset: usize, rows: usize, count: usize) -> usize {
    keep_visible(selected, offset, rows).min(count.saturating_sub(rows.max(1)))
}

/// The furthest a window of `rows` scrolls through `count` lines: the last line at the bottom.
pub fn max_offset(count: usize, rows: usize) -> usize {
    count.saturating_sub(rows)
}

/// `index` moved by `delta` within `0..len` (clamped, not wrapped).
pub fn move_index(index: usize, delta: isize, len: usize) -> usize {
    index
        .saturating_add_signed(delta)
        .min(len.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keep_visible_moves_the_window_minimally() {
        // (selected, offset, rows) -> new offset
        for (selected, offset, rows, expected) in [
            (0, 0, 5, 0),
            (4, 0, 5, 0),
            (5, 0, 5, 1),
            (2, 3, 5, 2),
            (9, 0, 1, 9),
            (3, 0, 0, 3),
        ] {
            assert_eq!(keep_visible(selected, offset, rows), expected);
        }
    }

    #[test]
    fn a_grown_window_shows_the_rows_hidden_above() {
        // (selected, offset, rows, count) -> new offset
        for (selected, offset, rows, count, expected) in [
            (1, 1, 1, 2, 1),
            (1, 1, 16, 2, 0),
            (9, 5, 3, 10, 7),
            (9, 5, 8, 10, 2),
            (0, 0, 5, 0, 0),
        ] {
            assert_eq!(fill_window(selected, offset, rows, count), expected);
        }
    }

    #[test]
    fn indexes_clamp_at_both_ends() {
        assert_eq!(move_index(0, -1, 3), 0);
        assert_eq!(move_index(2, 1, 3), 2);
        assert_eq!(move_index(1, 10, 3), 2);
        assert_eq!(move_index(0, 1, 0), 0);
        assert_eq!(move_index(0, isize::MAX, 5), 4);
    }
}
