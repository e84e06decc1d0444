//! The document list: two rows per article (title; byline, date and how far it has been read),
//! only the visible ones built, so a list of 20,000 articles costs what a list of 20 does.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, fit, highlighted, pane};
use crate::screen;
use crate::state::{Focus, FolderRow, ReadState, Row, State};
use crate::wrap::cell_width;

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let focused = state.focus == Focus::List;
    let title = Line::styled(title(state, usize::from(area.width)), theme.pane_title);
    frame.render_widget(pane(title, focused, theme), area);
    let inside = screen::inner(area);
    let width = usize::from(inside.width);
    let rows = screen::list_rows(area);
    let mut lines = Vec::with_capacity(rows * 2);
    for row in state.list_offset..(state.list_offset + rows).min(state.row_count()) {
        let row_style = match (row == state.selected, focused) {
            (true, true) => Some(theme.selected),
            (true, false) => Some(theme.selected_unfocused),
            _ => None,
        };
        let index = match state.rows[row] {
            Row::Article { index, .. } => index,
            Row::Folder(slot) => {
                let (first, second) = folder_heading(state, &state.folders[slot], width, theme);
                push_row(&mut lines, first, second, row_style, width);
                continue;
            }
        };
        let article = &state.articles[index];
        let open = index == state.open;
        let read = state.read_state(index);
        // The open article is marked so the list says what the reader shows; an unread one
        // has a dot.
        let marker = match (open, read) {
            (true, _) => "▸ ",
            (false, ReadState::Unread) => "• ",
            (false, _) => "  ",
        };
        // Without headings, each row says which folder it is from (when there are several).
        let folder = (state.folders.is_empty() && state.keys.folder_count() > 1)
            .then(|| state.keys.folder_name(state.keys.folder(index)));
        let details = [folder, article.byline.as_deref(), article.date.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        // A title too long for its row goes on to the second row when that row has no byline,
        // and for the selected row always: the byline gives way to what the article is.
        let (title_text, title_rest) = if details.is_empty() || row == state.selected {
            split_title(&article.title, width.saturating_sub(2))
        } else {
            (fit(&article.title, width.saturating_sub(2)), None)
        };
        let first = vec![
            Span::styled(marker, theme.marker),
            Span::styled(title_text, theme.list_title),
        ];
        let progress = match (state.hit_at(row), read) {
            (Some(hit), _) => match hit.matches() {
                1 => "1 match".to_owned(),
                n => format!("{n} matches"),
            },
            (None, ReadState::Finished) => "read".to_owned(),
            (None, ReadState::Unread) => String::new(),
            (None, ReadState::InProgress(percent)) => format!("{percent}%"),
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
        let second = vec![
            Span::styled(marks, theme.marker),
            Span::styled(details, details_style),
            Span::raw(" ".repeat(gap)),
            Span::styled(progress, theme.list_meta),
        ];
        push_row(&mut lines, first, second, row_style, width);
    }
    frame.render_widget(Paragraph::new(lines), inside);
}

/// The pane's title: how many articles and how many unread, the filters, the order; the
/// longest of these that fits the pane's `width`.
fn title(state: &State, width: usize) -> String {
    let order = state.sort.name();
    let total = state.articles.len();
    let candidates = match &state.filter {
        Some(filter) => {
            let query = filter.search.query().as_str();
            let hits = filter.hits.len();
            let unfinished = if state.choices.unfinished_only {
                " not finished,"
            } else {
                ""
            };
            vec![format!(" {hits} of {total}:{unfinished} {query} ")]
        }
        None if state.choices.unfinished_only => {
            let listed = state.listed_articles();
            vec![
                format!(" {listed} not finished of {total}, by {order} "),
                format!(" {listed} not finished, by {order} "),
                format!(" {listed} not finished "),
            ]
        }
        None => {
            let unread = state.unread;
            vec![
                format!(" Articles ({total}) · {unread} unread · by {order} "),
                format!(" Articles ({total}) · {unread} unread · {order} "),
                format!(" Articles ({total}) · {unread} unread "),
                format!(" Articles ({total}) "),
            ]
        }
    };
    let room = width.saturating_sub(2);
    let last = candidates.len() - 1;
    candidates
        .into_iter()
        .enumerate()
        .find(|(i, c)| *i == last || cell_width(c) <= room)
        .map(|(_, c)| c)
        .unwrap_or_default()
}

/// A folder's heading: an arrow that says open or closed and its name; then its count.
fn folder_heading(
    state: &State,
    folder: &FolderRow,
    width: usize,
    theme: &Theme,
) -> (Vec<Span<'static>>, Vec<Span<'static>>) {
    let arrow = if folder.open { "▾ " } else { "› " };
    let name = fit(
        state.keys.folder_name(folder.folder),
        width.saturating_sub(2),
    );
    let articles = match folder.count {
        1 => "1 article".to_owned(),
        n => format!("{n} articles"),
    };
    let count = match folder.unread {
        0 => articles,
        u => format!("{articles}, {u} unread"),
    };
    (
        vec![
            Span::styled(arrow, theme.marker),
            Span::styled(name, theme.list_title.add_modifier(Modifier::BOLD)),
        ],
        vec![
            Span::raw("  "),
            Span::styled(fit(&count, width.saturating_sub(2)), theme.list_meta),
        ],
    )
}

/// The two lines of a row, highlighted across the width when selected.
fn push_row(
    lines: &mut Vec<Line<'static>>,
    mut first: Vec<Span<'static>>,
    mut second: Vec<Span<'static>>,
    style: Option<Style>,
    width: usize,
) {
    if let Some(style) = style {
        pad_to(&mut first, width);
        pad_to(&mut second, width);
        lines.push(highlighted(first, style));
        lines.push(highlighted(second, style));
    } else {
        lines.push(Line::from(first));
        lines.push(Line::from(second));
    }
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
