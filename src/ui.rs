//! Drawing: `render` paints the whole screen from a `&State`, never changing it.
//!
//! One file per part under `ui/`. Everything drawn comes from sanitized strings, and nothing is
//! written to the terminal except through ratatui's buffer.

mod bookmarks;
pub mod help;
mod hyperlinks;
mod list;
mod outline;
mod reader;
mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_segmentation::UnicodeSegmentation;

use crate::screen;
use crate::state::{Focus, Overlay, State};
use crate::wrap;
pub use theme::Theme;

/// Paints the whole screen for `state`.
pub fn render(frame: &mut Frame, state: &State, theme: &Theme) {
    let area = frame.area();
    let layout = screen::app_layout(area, state.focus == Focus::List);
    if layout.too_small {
        let text = format!(
            "Too small: need {}x{}",
            screen::MIN_WIDTH,
            screen::MIN_HEIGHT
        );
        frame.render_widget(Paragraph::new(fit(&text, usize::from(area.width))), area);
        return;
    }
    if let Some(list_area) = layout.list {
        list::render(frame, list_area, state, theme);
    }
    let links = match layout.reader {
        Some(reader_area) => reader::render(frame, reader_area, state, theme),
        None => Vec::new(),
    };
    status::render(frame, layout.status, state, theme);
    match &state.overlay {
        Some(Overlay::Help { scroll }) => help::render(frame, area, *scroll, &state.keymap, theme),
        Some(Overlay::Bookmarks(view)) => bookmarks::render(frame, area, state, view, theme),
        Some(Overlay::Outline(view)) => outline::render(frame, area, state, view, theme),
        None => {}
    }
    status::render_banner(frame, layout.status, state, theme);
    // Last, so what is drawn over link text (an overlay, the banner) stays as drawn.
    hyperlinks::apply(frame.buffer_mut(), &links);
}

/// A bordered pane whose border shows whether it has focus.
fn pane<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    let (style, kind) = if focused {
        (theme.border_focused, theme.border_type_focused)
    } else {
        (theme.border, theme.border_type)
    };
    Block::bordered()
        .border_style(style)
        .border_type(kind)
        .title(title)
}

/// `text` cut to `width` cells as ratatui draws them, between graphemes (an emoji sequence or an
/// accented letter is never split), with an ellipsis when something was cut.
pub fn fit(text: &str, width: usize) -> String {
    if wrap::cell_width(text) <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let cells = wrap::grapheme_width(grapheme);
        if used + cells > width - 1 {
            break;
        }
        out.push_str(grapheme);
        used += cells;
    }
    out.push('…');
    out
}

/// Spans drawn selected. The style goes onto every span, not the line: a span's own colour (a
/// dim byline, a heading's) would otherwise win over the selection's and sit dark on its
/// background.
fn highlighted(spans: Vec<Span<'_>>, style: Style) -> Line<'_> {
    Line::from(
        spans
            .into_iter()
            .map(|span| span.patch_style(style))
            .collect::<Vec<_>>(),
    )
}

/// The part of `area` that is `width` x `height` at its centre.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn fit_cuts_by_display_width() {
        assert_eq!(fit("hello", 10), "hello");
        assert_eq!(fit("hello world", 6), "hello…");
        assert_eq!(fit("日本語テキスト", 5), "日本…");
        assert_eq!(fit("abc", 0), "");
    }
}
