//! Screen geometry: where each pane goes for a terminal size. Pure, so the state can know its page
//! sizes and the renderer draws into the same rectangles.

use ratatui::layout::Rect;

/// Below this width the two panes become one, Tab switching between them.
pub const TWO_PANE_MIN_WIDTH: u16 = 70;
/// Below this size only a "terminal too small" line is drawn.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// Screen rows per article in the document list: the title, then byline and date.
pub const LIST_ROW_HEIGHT: u16 = 2;
/// Reading column limits and steps, in cells.
pub const COLUMN_MIN: u16 = 20;
pub const COLUMN_MAX: u16 = 240;
pub const COLUMN_STEP: u16 = 4;
pub const COLUMN_DEFAULT: u16 = 80;

/// The rectangles of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppLayout {
    /// The document list with its border, when shown.
    pub list: Option<Rect>,
    /// The reader with its border, when shown.
    pub reader: Option<Rect>,
    /// The bottom line.
    pub status: Rect,
    /// The terminal is too small for the interface.
    pub too_small: bool,
}

/// Splits `area`: list and reader side by side when wide enough, otherwise the focused pane alone.
pub fn app_layout(area: Rect, list_focused: bool) -> AppLayout {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return AppLayout {
            too_small: true,
            ..AppLayout::default()
        };
    }
    let body = Rect {
        height: area.height - 1,
        ..area
    };
    let status = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    if area.width < TWO_PANE_MIN_WIDTH {
        let (list, reader) = if list_focused {
            (Some(body), None)
        } else {
            (None, Some(body))
        };
        return AppLayout {
            list,
            reader,
            status,
            too_small: false,
        };
    }
    let list_width = (area.width * 3 / 10).clamp(24, 44);
    let list = Rect {
        width: list_width,
        ..body
    };
    let reader = Rect {
        x: body.x + list_width,
        width: body.width - list_width,
        ..body
    };
    AppLayout {
        list: Some(list),
        reader: Some(reader),
        status,
        too_small: false,
    }
}

/// The inside of a bordered pane.
pub fn inner(pane: Rect) -> Rect {
    Rect {
        x: pane.x.saturating_add(1),
        y: pane.y.saturating_add(1),
        width: pane.width.saturating_sub(2),
        height: pane.height.saturating_sub(2),
    }
}

/// The reading column inside the reader pane: at most `column` cells wide, one cell of margin on
/// each side, centred.
pub fn text_area(reader: Rect, column: u16) -> Rect {
    let inside = inner(reader);
    let available = inside.width.saturating_sub(2);
    let width = available.min(column).max(1.min(available));
    let x = inside.x + 1 + (available - width) / 2;
    Rect { x, width, ..inside }
}

/// The widest the help overlay gets.
pub const HELP_WIDTH: u16 = 76;

/// Where the help overlay goes in a screen of `area`, for a help of `lines` lines: centred, as
/// tall as it needs within a line of margin above and below.
pub fn help_area(area: Rect, lines: usize) -> Rect {
    let wanted = u16::try_from(lines + 2).unwrap_or(u16::MAX);
    let width = HELP_WIDTH.min(area.width);
    let height = wanted.min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// How many lines of the help show at once in a screen of `area`.
pub fn help_rows(area: Rect, lines: usize) -> usize {
    usize::from(inner(help_area(area, lines)).height)
}

/// How many articles fit in the list pane.
pub fn list_rows(list: Rect) -> usize {
    usize::from((inner(list).height / LIST_ROW_HEIGHT).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_get_two_panes() {
        let layout = app_layout(Rect::new(0, 0, 120, 40), true);
        let (list, reader) = (layout.list.unwrap(), layout.reader.unwrap());
        assert_eq!(list.width + reader.width, 120);
        assert_eq!(list.height, 39);
        assert_eq!(layout.status, Rect::new(0, 39, 120, 1));
    }

    #[test]
    fn narrow_terminals_show_the_focused_pane() {
        let list_focused = app_layout(Rect::new(0, 0, 60, 20), true);
        assert!(list_focused.list.is_some() && list_focused.reader.is_none());
        let reader_focused = app_layout(Rect::new(0, 0, 60, 20), false);
        assert_eq!(reader_focused.reader, Some(Rect::new(0, 0, 60, 19)));
    }

    #[test]
    fn tiny_terminals_are_too_small() {
        for (w, h) in [(1, 1), (29, 40), (200, 7), (0, 0)] {
            assert!(app_layout(Rect::new(0, 0, w, h), true).too_small, "{w}x{h}");
        }
        assert!(!app_layout(Rect::new(0, 0, 30, 8), true).too_small);
    }

    #[test]
    fn the_reading_column_is_centred_and_capped() {
        let area = text_area(Rect::new(0, 0, 120, 30), 80);
        assert_eq!(area.width, 80);
        assert_eq!(area.x, 1 + 1 + (116 - 80) / 2);
        let narrow = text_area(Rect::new(0, 0, 40, 30), 80);
        assert_eq!(narrow.width, 36);
        assert_eq!(narrow.x, 2);
        let tiny = text_area(Rect::new(0, 0, 2, 2), 80);
        assert_eq!(tiny.width, 0);
    }
}
