//! The reader pane: the visible lines of the open article's cached layout, styled by block kind,
//! in a centred reading column.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, pane};
use crate::article::{Article, BlockKind};
use crate::screen;
use crate::state::{Focus, State};
use crate::wrap::{self, Part};

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let focused = state.focus == Focus::Reader;
    let title = Line::styled(" Reader ", theme.pane_title);
    frame.render_widget(pane(title, focused, theme), area);
    let Some(article) = state.open_article() else {
        return;
    };
    let text_area = screen::text_area(area, state.column);
    let meta = article.meta_line();
    let view = state.layout.view(article);
    let lines: Vec<Line> = view
        .lines_from(state.top)
        .take(usize::from(text_area.height))
        .map(|(_, line)| styled_line(article, &meta, line, theme))
        .collect();
    frame.render_widget(Paragraph::new(lines), text_area);
}

fn styled_line<'a>(
    article: &'a Article,
    meta: &'a str,
    line: &wrap::Line,
    theme: &Theme,
) -> Line<'a> {
    let range = line.range.clone();
    match line.part {
        Part::Title => Line::styled(article.title[range].trim_end(), theme.article_title),
        Part::Meta => Line::styled(meta[range].trim_end(), theme.meta),
        Part::Blank => Line::default(),
        Part::Block(index) => {
            let block = &article.blocks[index];
            let (prefix_style, text_style) = block_styles(&block.kind, theme);
            let text = block.text[range].trim_end();
            let prefix = wrap::prefix(&block.kind, line.first);
            Line::from(vec![
                Span::styled(prefix, prefix_style),
                Span::styled(text, text_style),
            ])
        }
    }
}

/// The styles of a block's prefix (marker, quote bar) and of its text.
fn block_styles(kind: &BlockKind, theme: &Theme) -> (Style, Style) {
    match kind {
        BlockKind::Heading { level: 1 | 2 } => (Style::new(), theme.heading_major),
        BlockKind::Heading { .. } => (Style::new(), theme.heading),
        BlockKind::Quote => (theme.quote_bar, theme.quote),
        BlockKind::Code => (Style::new(), theme.code),
        BlockKind::ListItem { .. } => (theme.marker, Style::new()),
        BlockKind::Paragraph => (Style::new(), Style::new()),
    }
}
