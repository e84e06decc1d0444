//! The document list: two rows per article (title; byline, date and how far it has been read),
//! only the visible ones built, so a list of 20,000 articles costs what a list of 20 does.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, fit, highlighted, pane};
use crate::screen;
use crate::state::{Focus, State};
use crate::wrap::cell_width;

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let focused = state.focus == Focus::List;
    let title = Line::styled(
        match &state.filter {
            Some(filter) => format!(
                " {} of {}: {} ",
                filter.hits.len(),
                state.articles.len(),
                filter.search.query().as_str()
            ),
            None => format!(" Articles ({}) ", state.articles.len()),
        },
        theme.pane_title,
    );
    frame.render_widget(pane(title, focused, theme), area);
    let inside = screen::inner(area);
    let width = usize::from(inside.width);
    let rows = screen::list_rows(area);
    let mut lines = Vec::with_capacity(rows * 2);
    for row in state.list_offset..(state.list_offset + rows).min(state.row_count()) {
        let Some(index) = state.article_at(row) else {
            break;
        };
        let article = &state.articles[index];
        let open = index == state.open;
        let row_style = match (row == state.selected, focused) {
            (true, true) => Some(theme.selected),
            (true, false) => Some(theme.selected_unfocused),
            _ => None,
        };
        // The open article is marked so the list says what the reader shows.
        let marker = if open { "▸ " } else { "  " };
        let details = [&article.byline, &article.date]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" · ");
        // A title too long for its row goes on to the second row when that row has no byline,
        // and for the selected row always: the byline gives way to what the article is.
        let (title_text, title_rest) = if details.is_empty() || row == state.selected {
            split_title(&article.title, width.saturating_sub(2))
        } else {
            (fit(&article.title, width.saturating_sub(2)), None)
        };
        let mut first = vec![
            Span::styled(marker, theme.marker),
            Span::styled(title_text, theme.list_title),
        ];
        let progress = match (state.hit_at(row), state.progress(index)) {
            (Some(hit), _) => match hit.matches() {
                1 => "1 match".to_owned(),
                n => format!("{n} matches"),
            },
            (None, Some(100)) => "read".to_owned(),
            (None, Some(0) | None) => String::new(),
            (None, Some(percent)) => format!("{percent}%"),
        };
        let room = width.saturating_sub(2 + cell_width(&progress) + 1);
        // A mark for articles with bookmarks, where the open-article marker is on the row above.
        let marks = match state.bookmark_count(index) {
            0 => "  ".to_owned(),
            n => format!("★{n} "),
        };
        let (details, details_style) = match title_rest {
            Some(rest) => (rest, theme.list_title),
            None => (details, theme.list_meta),
        };
        let details = fit(
            &details,
            room.saturating_sub(cell_width(&marks).saturating_sub(2)),
        );
        let gap =
            width.saturating_sub(cell_width(&marks) + cell_width(&details) + cell_width(&progress));
        let mut second = vec![
            Span::styled(marks, theme.marker),
            Span::styled(details, details_style),
            Span::raw(" ".repeat(gap)),
            Span::styled(progress, theme.list_meta),
        ];
        if let Some(style) = row_style {
            pad_to(&mut first, width);
            pad_to(&mut second, width);
            lines.push(highlighted(first, style));
            lines.push(highlighted(second, style));
        } else {
            lines.push(Line::from(first));
            lines.push(Line::from(second));
        }
    }
    frame.render_widget(Paragraph::new(lines), inside);
}

/// A title for a row of `width` cells: whole, or its first line and the rest when it does not
/// fit (the rest is cut later, with an ellipsis, to what its row has room for).
fn split_title(title: &str, width: usize) -> (String, Option<String>) {
    if cell_width(title) <= width {
        return (title.to_owned(), None);
    }
    let options =
        textwrap::Options::new(width.max(1)).wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let lines = textwrap::wrap(title, options);
    let first = lines.first().map(|l| l.to_string()).unwrap_or_default();
    let rest = lines[1..]
        .iter()
        .map(|l| l.as_ref())
        .collect::<Vec<_>>()
        .join(" ");
    (fit(&first, width), Some(rest))
}

/// Pads a row with spaces so a highlight covers the full width.
fn pad_to(spans: &mut Vec<Span<'_>>, width: usize) {
    let used: usize = spans.iter().map(|s| cell_width(&s.content)).sum();
    if used < width {
        spans.push(Span::styled(" ".repeat(width - used), Style::new()));
    }
}
