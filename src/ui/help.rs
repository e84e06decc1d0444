//! The help overlay: every binding of the key table, grouped by where it applies. Generated from
//! `keymap::BINDINGS`, so it cannot drift from what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Theme, centered, pane};
use crate::keymap::{BINDINGS, Context};

const KEYS_COLUMN: usize = 22;

/// The help's lines, in table order.
pub fn lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for context in [
        Context::List,
        Context::Reader,
        Context::Anywhere,
        Context::Prompt,
        Context::Help,
    ] {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(context.title(), theme.help_section));
        for binding in BINDINGS.iter().filter(|b| b.context == context) {
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

pub fn render(frame: &mut Frame, area: Rect, scroll: usize, theme: &Theme) {
    let lines = lines(theme);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = centered(area, 72, height.min(area.height.saturating_sub(2)));
    let inside_height = usize::from(popup.height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(inside_height));
    let title = Line::styled(" Keys (Esc closes) ", theme.pane_title);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(pane(title, true, theme))
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        popup,
    );
}
