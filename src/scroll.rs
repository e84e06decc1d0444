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
    fn indexes_clamp_at_both_ends() {
        assert_eq!(move_index(0, -1, 3), 0);
        assert_eq!(move_index(2, 1, 3), 2);
        assert_eq!(move_index(1, 10, 3), 2);
        assert_eq!(move_index(0, 1, 0), 0);
        assert_eq!(move_index(0, isize::MAX, 5), 4);
    }
}
