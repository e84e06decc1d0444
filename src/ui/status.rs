//! The status bar: mode, article n of N, position, then the message of the moment or key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{Theme, fit};
use crate::keymap::Context;
use crate::state::State;

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mode = match state.context() {
        Context::List => " LIST ",
        Context::Reader => " READ ",
        Context::Help => " HELP ",
        Context::Anywhere => " ",
    };
    let position = format!(
        " {}/{}  {:>3}% ",
        (state.open + 1).min(state.articles.len()),
        state.articles.len(),
        state.percent()
    );
    let width = usize::from(area.width);
    let room = width.saturating_sub(mode.width() + position.width() + 1);
    let mut spans = vec![
        Span::styled(mode, theme.status_mode),
        Span::styled(position, theme.status),
    ];
    match &state.message {
        Some(message) => spans.push(Span::styled(
            format!(" {}", fit(message, room)),
            theme.status_message,
        )),
        None => spans.push(Span::styled(
            format!(" {}", fit(hints(state.context()), room)),
            theme.status,
        )),
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::styled(
        " ".repeat(width.saturating_sub(used)),
        theme.status,
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn hints(context: Context) -> &'static str {
    match context {
        Context::List => "Enter open · j/k move · Tab reader · ? help · q quit",
        Context::Reader => "Space page · j/k line · [ ] article · Tab list · ? help · q quit",
        Context::Help | Context::Anywhere => "j/k scroll · Esc close",
    }
}
