//! Scroll arithmetic for lists and text: pure functions over counts, with table tests.

/// The largest top line for `total` lines in a view of `height`: the last line can reach the bottom
/// of the view, never above it.
pub fn max_top(total: usize, height: usize) -> usize {
    total.saturating_sub(height.max(1))
}

/// `top` moved by `delta` lines and kept in range.
pub fn scroll_by(top: usize, delta: isize, total: usize, height: usize) -> usize {
    top.saturating_add_signed(delta).min(max_top(total, height))
}

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

/// `index` moved by `delta` within `0..len` (clamped, not wrapped).
pub fn move_index(index: usize, delta: isize, len: usize) -> usize {
    index
        .saturating_add_signed(delta)
        .min(len.saturating_sub(1))
}

/// How far through a text the view is, 0 at the top to 100 when the end is on screen.
pub fn percent(top: usize, total: usize, height: usize) -> u8 {
    let last_top = max_top(total, height);
    if last_top == 0 {
        return 100;
    }
    u8::try_from(top.min(last_top) * 100 / last_top).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_stays_in_range() {
        // (top, delta, total, height) -> new top
        for (top, delta, total, height, expected) in [
            (0, 1, 100, 10, 1),
            (0, -1, 100, 10, 0),
            (89, 5, 100, 10, 90),
            (90, 1, 100, 10, 90),
            (0, 5, 5, 10, 0),
            (3, -10, 100, 10, 0),
            (0, isize::MAX, 100, 10, 90),
            (0, 1, 0, 0, 0),
        ] {
            assert_eq!(
                scroll_by(top, delta, total, height),
                expected,
                "{top} {delta} {total} {height}"
            );
        }
    }

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
    fn indexes_clamp_at_both_ends() {
        assert_eq!(move_index(0, -1, 3), 0);
        assert_eq!(move_index(2, 1, 3), 2);
        assert_eq!(move_index(1, 10, 3), 2);
        assert_eq!(move_index(0, 1, 0), 0);
    }

    #[test]
    fn percent_runs_from_top_to_end() {
        assert_eq!(percent(0, 100, 10), 0);
        assert_eq!(percent(45, 100, 10), 50);
        assert_eq!(percent(90, 100, 10), 100);
        assert_eq!(percent(0, 5, 10), 100);
    }
}
