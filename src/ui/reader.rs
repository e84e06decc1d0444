//! The reader pane: the visible lines of the open article's cached layout, styled by block kind,
//! in a centred reading column.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::hyperlinks::Run;
use super::{Theme, highlighted, pane};
use crate::article::{Article, BlockKind, MarkStyle, links};
use crate::screen;
use crate::state::{Current, Find, Focus, State};
use crate::wrap::{self, Part};

/// Draws the reader; returns where link text was drawn, when `state.hyperlinks` asks for OSC 8
/// links on it (see `hyperlinks`).
pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) -> Vec<Run> {
    let focused = state.focus == Focus::Reader;
    let title = Line::styled(" Reader ", theme.pane_title);
    frame.render_widget(pane(title, focused, theme), area);
    let Some(article) = state.open_article() else {
        return Vec::new();
    };
    let text_area = screen::text_area(area, state.column);
    let meta = article.meta_line();
    let view = state.layout.view(article);
    let visible: Vec<&wrap::Line> = view
        .lines_from(state.top)
        .take(usize::from(text_area.height))
        .map(|(_, line)| line)
        .collect();
    // Selected passages (`v`) are drawn in the selection's style, so a selection of several
    // passages does not look like the cursor on one.
    let selected = state.selection.map(|_| state.marked_blocks());
    let mut lines: Vec<Line> = visible
        .iter()
        .map(|line| {
            let styled = styled_line(article, &meta, line, state.find.as_ref(), theme);
            match (line.part, selected) {
                (Part::Block(block), Some((first, last))) if (first..=last).contains(&block) => {
                    highlighted(styled.spans, theme.selection)
                }
                _ => styled,
            }
        })
        .collect();
    // A long article from the cache is listed before its text is read (its title is all the
    // layout has): say the text is coming rather than show an empty article.
    if state.blocks_to_come.contains(&state.open) && state.as_written.is_none() {
        lines.push(Line::default());
        lines.push(Line::styled("Reading the text…", theme.meta));
    }
    frame.render_widget(Paragraph::new(lines), text_area);
    // The gutter is the margin column left of the text, inside the border.
    if text_area.x > screen::inner(area).x {
        let gutter = Rect {
            x: text_area.x - 1,
            width: 1,
            ..text_area
        };
        let marks: Vec<Line> = visible
            .iter()
            .map(|line| gutter_mark(state, line, focused, theme))
            .collect();
        frame.render_widget(Paragraph::new(marks), gutter);
    }
    if !state.hyperlinks {
        return Vec::new();
    }
    visible
        .iter()
        .zip(text_area.rows())
        .flat_map(|(line, row)| link_runs(article, line, text_area.x, row.y))
        .collect()
}

/// The link text on one line of the reader, where it is drawn and the address it leads to.
fn link_runs(article: &Article, line: &wrap::Line, x: u16, y: u16) -> Vec<Run> {
    let Part::Block(index) = line.part else {
        return Vec::new();
    };
    let block = &article.blocks[index];
    let shown = block.text[line.range.clone()].trim_end();
    let visible = line.range.start..line.range.start + shown.len();
    let text_x = usize::from(x) + wrap::cell_width(&wrap::prefix(&block.kind, line.first));
    if let Some(address) = links::list_item_address(block, &article.links) {
        return u16::try_from(text_x).map_or_else(
            |_| Vec::new(),
            |x| {
                vec![Run {
                    x,
                    y,
                    text: shown.to_owned(),
                    address: address.to_owned(),
                }]
            },
        );
    }
    block
        .marks
        .iter()
        .filter(|m| m.style == MarkStyle::Link)
        .filter(|m| m.range.start < visible.end && m.range.end > visible.start)
        .filter_map(|m| {
            let address = links::address_of_link(&block.text, &m.range, &article.links)?;
            let start = m.range.start.max(visible.start);
            let end = m.range.end.min(visible.end);
            let before = wrap::cell_width(&block.text[visible.start..start]);
            Some(Run {
                x: u16::try_from(text_x + before).ok()?,
                y,
                text: block.text[start..end].to_owned(),
                address: address.to_owned(),
            })
        })
        .collect()
}

/// The gutter beside one line: a bar beside the passage cursor (or selection) while the reader
/// has focus, a dot on the first line of a bookmarked passage.
fn gutter_mark<'a>(state: &State, line: &wrap::Line, focused: bool, theme: &Theme) -> Line<'a> {
    let Part::Block(block) = line.part else {
        return Line::default();
    };
    let (first, last) = state.marked_blocks();
    let marked = focused && (first..=last).contains(&block);
    let bookmarked = line.first
        && state.as_written.is_none()
        && state
            .bookmarked_blocks()
            .any(|(from, to)| (from..=to).contains(&block));
    match (marked, bookmarked) {
        (true, true) => Line::styled("●", theme.cursor),
        (true, false) => Line::styled("▌", theme.cursor),
        (false, true) => Line::styled("●", theme.marker),
        (false, false) => Line::default(),
    }
}

fn styled_line<'a>(
    article: &'a Article,
    meta: &'a str,
    line: &wrap::Line,
    find: Option<&Find>,
    theme: &Theme,
) -> Line<'a> {
    let range = line.range.clone();
    match line.part {
        Part::Title => title_line(article, range, find, theme),
        Part::Meta => Line::styled(meta[range].trim_end(), theme.meta),
        Part::Note(index) => Line::styled(article.notes[index][range].trim_end(), theme.marker),
        Part::Blank => Line::default(),
        Part::Block(index) => {
            let block = &article.blocks[index];
            let (prefix_style, text_style) = block_styles(&block.kind, theme);
            let shown = block.text[range.clone()].trim_end();
            let visible = range.start..range.start + shown.len();
            let mut spans = vec![Span::styled(
                wrap::prefix(&block.kind, line.first),
                prefix_style,
            )];
            let found: Vec<(Range<usize>, bool)> = matches_on(find, index, &visible).collect();
            let marks: Vec<(Range<usize>, Style)> = block
                .marks
                .iter()
                .filter(|m| m.range.start < visible.end && m.range.end > visible.start)
                .map(|m| (m.range.clone(), mark_style(m.style, theme)))
                .collect();
            // Cut the line wherever a mark or a match starts or ends, then style each piece by
            // what covers it: marks combine (bold inside a link), a search match wins.
            let mut cuts = vec![visible.start, visible.end];
            for range in marks
                .iter()
                .map(|(r, _)| r)
                .chain(found.iter().map(|(r, _)| r))
            {
                cuts.push(range.start.clamp(visible.start, visible.end));
                cuts.push(range.end.clamp(visible.start, visible.end));
            }
            cuts.sort_unstable();
            cuts.dedup();
            for piece in cuts.windows(2) {
                let (start, end) = (piece[0], piece[1]);
                let covers = |r: &Range<usize>| r.start <= start && end <= r.end;
                let mut style = marks
                    .iter()
                    .filter(|(r, _)| covers(r))
                    .fold(text_style, |style, (_, mark)| style.patch(*mark));
                if let Some((_, current)) = found.iter().find(|(r, _)| covers(r)) {
                    style = if *current {
                        theme.found_current
                    } else {
                        theme.found
                    };
                }
                spans.push(Span::styled(&block.text[start..end], style));
            }
            Line::from(spans)
        }
    }
}

/// The matches of the search in block `block` that overlap `visible`, with whether each is the
/// current one.
fn matches_on<'a>(
    find: Option<&'a Find>,
    block: usize,
    visible: &'a Range<usize>,
) -> impl Iterator<Item = (Range<usize>, bool)> + 'a {
    find.into_iter()
        .flat_map(move |find| find.matches_on(block, visible))
}

/// A line of the title, with the search's matches in it highlighted.
fn title_line<'a>(
    article: &'a Article,
    range: Range<usize>,
    find: Option<&Find>,
    theme: &Theme,
) -> Line<'a> {
    let shown = article.title[range.clone()].trim_end();
    let visible = range.start..range.start + shown.len();
    let mut spans = Vec::new();
    let mut at = visible.start;
    let title_matches = find.map_or(&[][..], |f| f.title.as_slice());
    for (i, m) in title_matches.iter().enumerate() {
        let (start, end) = (
            m.start.clamp(visible.start, visible.end),
            m.end.clamp(visible.start, visible.end),
        );
        if start >= end {
            continue;
        }
        spans.push(Span::styled(&article.title[at..start], theme.article_title));
        let style = if find.and_then(|f| f.current.as_ref()) == Some(&Current::Title(i)) {
            theme.found_current
        } else {
            theme.found
        };
        spans.push(Span::styled(&article.title[start..end], style));
        at = end;
    }
    spans.push(Span::styled(
        &article.title[at..visible.end],
        theme.article_title,
    ));
    Line::from(spans)
}

/// How an inline mark looks.
fn mark_style(style: MarkStyle, theme: &Theme) -> Style {
    match style {
        MarkStyle::Emphasis => theme.emphasis,
        MarkStyle::Strong => theme.strong,
        MarkStyle::Code => theme.inline_code,
        MarkStyle::Link => theme.link,
    }
}

/// The styles of a block's prefix (marker, quote bar) and of its text.
fn block_styles(kind: &BlockKind, theme: &Theme) -> (Style, Style) {
    match kind {
        BlockKind::Heading { level: 1 | 2 } => (Style::new(), theme.heading_major),
        BlockKind::Heading { .. } => (Style::new(), theme.heading),
        BlockKind::Quote { .. } => (theme.quote_bar, theme.quote),
        // Dimmed like the metadata line: the post's furniture, not its text.
        BlockKind::Signature => (Style::new(), theme.meta),
        BlockKind::Code => (Style::new(), theme.code),
        BlockKind::ListItem { .. } => (theme.marker, Style::new()),
        BlockKind::Paragraph => (Style::new(), Style::new()),
    }
}
