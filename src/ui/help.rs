//! The help overlay: every binding of the key table in force (config.toml's keys over the
//! defaults), grouped by where it applies. Generated from the state's `Keymap`, so it cannot
//! drift from what the keys do. Its scrolling is the state's
//! (`State::help_window`); this only draws the lines in view and says where they are.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Theme, fit, pane};
use crate::keymap::{HELP_ORDER, Key, Keymap};
use crate::screen;
use crate::wrap::cell_width;

/// The keys column is as wide as the longest keys, up to this; longer keys push the text right.
const KEYS_COLUMN_MAX: usize = 30;

fn key_labels(keys: &[Key]) -> String {
    keys.iter().map(Key::label).collect::<Vec<_>>().join(" ")
}

/// The help's lines, in table order, cut to `width` cells with an ellipsis where they do not fit.
pub fn lines(keymap: &Keymap, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let keys_column = keymap
        .rows()
        .iter()
        .map(|b| cell_width(&key_labels(&b.keys)))
        .max()
        .unwrap_or(0)
        .min(KEYS_COLUMN_MAX);
    let mut lines = Vec::new();
    for context in HELP_ORDER {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(
            fit(context.title(), width),
            theme.help_section,
        ));
        for binding in keymap.rows().iter().filter(|b| b.context == context) {
            let keys = fit(
                &format!("  {:<keys_column$} ", key_labels(&binding.keys)),
                width,
            );
            let room = width.saturating_sub(cell_width(&keys));
            lines.push(Line::from(vec![
                Span::styled(keys, theme.help_key),
                Span::raw(fit(binding.description, room)),
            ]));
        }
    }
    lines
}

pub fn render(frame: &mut Frame, area: Rect, scroll: usize, keymap: &Keymap, theme: &Theme) {
    let count = keymap.help_line_count();
    let popup = screen::help_area(area, count);
    let rows = screen::help_rows(area, count);
    let scroll = scroll.min(crate::scroll::max_offset(count, rows));
    let last = (scroll + rows).min(count);
    let lines = lines(keymap, theme, usize::from(screen::inner(popup).width));
    let title = Line::styled(" Keys (Esc closes) ", theme.pane_title);
    // Where the view is, and that more follows: the bottom border says so while it does.
    let place = if last < count {
        format!(" {}–{last} of {count} · Space more ", scroll + 1)
    } else if scroll > 0 {
        format!(" {}–{last} of {count} · end ", scroll + 1)
    } else {
        String::new()
    };
    let place = fit(&place, usize::from(popup.width.saturating_sub(2)));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(pane(title, true, theme).title_bottom(Line::styled(place, theme.pane_title)))
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        popup,
    );
}
