//! The bookmarks view over the panes: every bookmark, newest first, three lines each: the
//! article and date, the passage's first line, the note.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Theme, centered, fit, pane};
use crate::bookmarks::Anchor;
use crate::scroll;
use crate::state::{BookmarksView, State};

const ROW_HEIGHT: usize = 3;

pub fn render(frame: &mut Frame, area: Rect, state: &State, view: &BookmarksView, theme: &Theme) {
    let popup = centered(
        area,
        area.width.saturating_sub(4).min(100),
        area.height.saturating_sub(2),
    );
    let listed = state.listed_bookmarks();
    let title = match view.filter.as_str() {
        "" => format!(" Bookmarks ({}) ", state.bookmarks.len()),
        filter => format!(
            " Bookmarks ({} of {}): {filter} ",
            listed.len(),
            state.bookmarks.len()
        ),
    };
    frame.render_widget(Clear, popup);
    let block = pane(Line::styled(title, theme.pane_title), true, theme);
    let inside = block.inner(popup);
    frame.render_widget(block, popup);
    if listed.is_empty() {
        let text = if state.bookmarks.is_empty() {
            "No bookmarks yet. In the reader, } and { move the passage cursor and m bookmarks."
        } else {
            "No bookmark contains that text."
        };
        frame.render_widget(Paragraph::new(fit(text, usize::from(inside.width))), inside);
        return;
    }
    let width = usize::from(inside.width);
    let rows = (usize::from(inside.height) / ROW_HEIGHT).max(1);
    let offset = scroll::keep_visible(view.selected, 0, rows);
    let mut lines = Vec::new();
    for (row, &index) in listed.iter().enumerate().skip(offset).take(rows) {
        let bookmark = &state.bookmarks[index];
        let status = match state.places.get(index).copied().flatten() {
            None => " · article not loaded",
            Some(place) if place.anchor == Anchor::Orphaned => " · passage not found (saved text)",
            Some(_) => "",
        };
        let date = bookmark.created.date();
        let heading = fit(
            &format!("{} · {date}{status}", bookmark.article.title),
            width,
        );
        let quote_line = bookmark.passage.quote.lines().next().unwrap_or_default();
        let quote = fit(&format!("  “{quote_line}”"), width);
        let note = match bookmark.note.as_str() {
            "" => "  (no note)".to_owned(),
            note => fit(&format!("  {}", note.replace('\n', " ")), width),
        };
        let mut row_lines = vec![
            Line::styled(heading, theme.pane_title),
            Line::from(Span::raw(quote)),
            Line::styled(note, theme.meta),
        ];
        if row == view.selected {
            for line in &mut row_lines {
                let used = line.width();
                line.spans
                    .push(Span::raw(" ".repeat(width.saturating_sub(used))));
                *line = std::mem::take(line).patch_style(theme.selected);
            }
        }
        lines.extend(row_lines);
    }
    frame.render_widget(Paragraph::new(lines), inside);
}
