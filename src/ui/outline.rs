//! The outline over the panes: the open article's headings, indented by level, the section the
//! reader is in marked, the selected one highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Theme, centered, fit, highlighted, pane};
use crate::scroll;
use crate::state::{OutlineView, State};

pub fn render(frame: &mut Frame, area: Rect, state: &State, view: &OutlineView, theme: &Theme) {
    let popup = centered(
        area,
        area.width.saturating_sub(4).min(70),
        area.height.saturating_sub(2),
    );
    let all = state.headings().len();
    let listed = state.listed_headings();
    let title = match view.filter.as_str() {
        "" => format!(" Outline ({all}) "),
        filter => format!(" Outline ({} of {all}): {filter} ", listed.len()),
    };
    frame.render_widget(Clear, popup);
    let block = pane(Line::styled(title, theme.pane_title), true, theme);
    let inside = block.inner(popup);
    frame.render_widget(block, popup);
    let width = usize::from(inside.width);
    let Some(article) = state.open_article() else {
        return;
    };
    if listed.is_empty() {
        let text = if all == 0 {
            "No headings in this article."
        } else {
            "No heading contains that text."
        };
        frame.render_widget(Paragraph::new(fit(text, width)), inside);
        return;
    }
    let current = state.current_heading();
    let rows = usize::from(inside.height).max(1);
    let offset = scroll::keep_visible(view.selected, 0, rows);
    let lines: Vec<Line> = listed
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(row, heading)| {
            // The section the reader is in, so the outline says where you are.
            let marker = if Some(heading.block) == current {
                "▸ "
            } else {
                "  "
            };
            let indent = "  ".repeat(usize::from(heading.level.saturating_sub(1)).min(5));
            let room = width.saturating_sub(2 + indent.len());
            let text = fit(&article.blocks[heading.block].text, room);
            let mut spans = vec![
                Span::styled(marker, theme.marker),
                Span::raw(indent),
                Span::styled(text, theme.list_title),
            ];
            if row == view.selected {
                let used: usize = spans.iter().map(|s| s.width()).sum();
                spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
                highlighted(spans, theme.selected)
            } else {
                Line::from(spans)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inside);
}
