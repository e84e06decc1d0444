//! The help overlay: every binding of the key table in force (config.toml included), grouped by
//! where it applies. Generated from the `Keymap`, so it cannot drift from what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Theme, centered, pane};
use crate::keymap::{HELP_ORDER, Keymap};

const KEYS_COLUMN: usize = 22;

/// The help's lines, in table order.
pub fn lines(keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for context in HELP_ORDER {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(context.title(), theme.help_section));
        for binding in keymap.rows().iter().filter(|b| b.context == context) {
            let keys: Vec<String> = binding.keys.iter().map(|k| k.label()).collect();
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {:<KEYS_COLUMN$}", keys.join(" ")),
                    theme.help_key,
                ),
                Span::raw(binding.description),
            ]));
        }
    }
    lines
}

/// Where the help goes in a screen of `area`.
fn popup_area(area: Rect, keymap: &Keymap) -> Rect {
    let height = u16::try_from(keymap.help_line_count() + 2).unwrap_or(u16::MAX);
    centered(area, 72, height.min(area.height.saturating_sub(2)))
}

/// The furthest the help scrolls in a screen of `area`: its last line at the bottom.
pub fn max_scroll(area: Rect, keymap: &Keymap) -> usize {
    let inside_height = usize::from(popup_area(area, keymap).height.saturating_sub(2));
    keymap.help_line_count().saturating_sub(inside_height)
}

pub fn render(frame: &mut Frame, area: Rect, scroll: usize, keymap: &Keymap, theme: &Theme) {
    let lines = lines(keymap, theme);
    let popup = popup_area(area, keymap);
    let scroll = scroll.min(max_scroll(area, keymap));
    let title = Line::styled(" Keys (Esc closes) ", theme.pane_title);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(pane(title, true, theme))
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        popup,
    );
}
