//! Everything the interface shows, and `update`: the one place an `Action` changes it.
//!
//! Pure: no terminal, no disk. What needs the outside world comes back from `update` as an
//! `Effect` for the app to carry out. The layout of the open article is kept here, recomputed only
//! when the article or the reading column's width changes, so rendering never wraps text.

use std::collections::HashMap;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::article::Article;
use crate::keymap::Context;
use crate::screen::{self, AppLayout};
use crate::scroll;
use crate::wrap::{Layout, Spot, View};

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

/// A view drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
}

/// Where a person was in an article: a block and a byte offset in it (stable across widths), and
/// how far through the article that is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub block: usize,
    pub offset: usize,
    pub percent: u8,
}

/// What the app must do for the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Reading positions changed in a way worth keeping now (another article was opened).
    SavePositions,
}

/// The whole interface state.
#[derive(Debug, Clone)]
pub struct State {
    pub articles: Vec<Article>,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    /// The list's cursor.
    pub selected: usize,
    /// The first article shown in the list.
    pub list_offset: usize,
    /// The article in the reader.
    pub open: usize,
    /// The first layout line shown in the reader.
    pub top: Spot,
    /// The open article laid out at the reading column's width.
    pub layout: Layout,
    /// The terminal size.
    pub size: Rect,
    /// The widest the reading column may be.
    pub column: u16,
    /// A line for the status bar, until the next key.
    pub message: Option<String>,
    /// Saved positions by article id (the open article's is refreshed on leaving it).
    pub positions: HashMap<String, Position>,
    /// The person has had the reader on the open article; until then it is only a preview, and
    /// leaving it records no reading progress.
    pub engaged: bool,
}

impl State {
    /// A state for `articles` in a terminal of `size`, reopening `last_open` (an article id) where
    /// it was left when given.
    pub fn new(
        articles: Vec<Article>,
        size: Rect,
        positions: HashMap<String, Position>,
        last_open: Option<&str>,
    ) -> State {
        let reopened = last_open.and_then(|id| articles.iter().position(|a| a.id == id));
        let mut state = State {
            articles,
            focus: if reopened.is_some() {
                Focus::Reader
            } else {
                Focus::List
            },
            overlay: None,
            selected: 0,
            list_offset: 0,
            open: 0,
            top: Spot::default(),
            layout: Layout::default(),
            size,
            column: screen::COLUMN_DEFAULT,
            message: None,
            positions,
            engaged: false,
        };
        state.show_article(reopened.unwrap_or(0));
        state.engaged = reopened.is_some();
        state
    }

    /// The rectangles of the current frame.
    pub fn app_layout(&self) -> AppLayout {
        screen::app_layout(self.size, self.focus == Focus::List)
    }

    /// The reading column for the current size. When the reader is hidden (one-pane mode with the
    /// list focused) it is the column the reader will have when shown, so positions stay put.
    pub fn text_area(&self) -> Rect {
        let reader = screen::app_layout(self.size, false)
            .reader
            .unwrap_or_default();
        screen::text_area(reader, self.column)
    }

    fn page_height(&self) -> usize {
        usize::from(self.text_area().height).max(1)
    }

    fn list_rows(&self) -> usize {
        let list = screen::app_layout(self.size, true).list.unwrap_or_default();
        screen::list_rows(list)
    }

    /// The keymap context for the current focus and overlay.
    pub fn context(&self) -> Context {
        match (self.overlay, self.focus) {
            (Some(Overlay::Help { .. }), _) => Context::Help,
            (None, Focus::List) => Context::List,
            (None, Focus::Reader) => Context::Reader,
        }
    }

    pub fn open_article(&self) -> Option<&Article> {
        self.articles.get(self.open)
    }

    /// The open article's layout, ready to read lines from.
    pub fn view(&self) -> Option<View<'_>> {
        self.open_article().map(|article| self.layout.view(article))
    }

    /// How far through the open article the reader is.
    pub fn percent(&self) -> u8 {
        self.view()
            .map_or(100, |view| view.percent(self.top, self.page_height()))
    }

    /// The position to save for the open article.
    pub fn position(&self) -> Position {
        let (block, offset) = self.view().map_or((0, 0), |view| view.anchor_of(self.top));
        Position {
            block,
            offset,
            percent: self.percent(),
        }
    }

    /// How far `article` has been read: live for the open one, saved for the others.
    pub fn progress(&self, index: usize) -> Option<u8> {
        if index == self.open && self.engaged {
            return Some(self.percent());
        }
        let article = self.articles.get(index)?;
        self.positions.get(&article.id).map(|p| p.percent)
    }

    /// Remembers the open article's position in `positions`.
    pub fn remember_position(&mut self) {
        if !self.engaged {
            return;
        }
        if let Some(article) = self.articles.get(self.open) {
            let id = article.id.clone();
            let position = self.position();
            self.positions.insert(id, position);
        }
    }

    /// Puts article `index` in the reader at its saved position and selects it in the list.
    fn show_article(&mut self, index: usize) {
        let Some(article) = self.articles.get(index) else {
            return;
        };
        let saved = self.positions.get(&article.id).copied();
        self.open = index;
        self.engaged = false;
        self.selected = index;
        self.list_offset = scroll::keep_visible(index, self.list_offset, self.list_rows());
        self.layout = Layout::new(article, usize::from(self.text_area().width));
        let view = self.layout.view(article);
        self.top = saved.map_or(Spot::default(), |p| top_spot_for(view, p.block, p.offset));
        self.clamp_top();
    }

    fn switch_article(&mut self, index: usize) -> Option<Effect> {
        if index == self.open || index >= self.articles.len() {
            return None;
        }
        self.remember_position();
        self.show_article(index);
        Some(Effect::SavePositions)
    }

    /// Lays the open article out again if the reading column's width changed, keeping the passage
    /// at the top of the view at the top.
    fn relayout(&mut self) {
        let width = usize::from(self.text_area().width).max(1);
        if width != self.layout.width
            && let Some(article) = self.articles.get(self.open)
        {
            let (block, offset) = self.layout.view(article).anchor_of(self.top);
            self.layout = Layout::new(article, width);
            self.top = top_spot_for(self.layout.view(article), block, offset);
        }
        self.clamp_top();
        self.list_offset = scroll::keep_visible(self.selected, self.list_offset, self.list_rows());
    }

    fn clamp_top(&mut self) {
        if let Some(bottom) = self.view().map(|view| view.bottom(self.page_height())) {
            self.top = self.top.min(bottom);
        }
    }

    fn scroll(&mut self, delta: isize) {
        if let Some(top) = self.view().map(|view| view.advance(self.top, delta)) {
            self.top = top;
            self.clamp_top();
        }
    }

    fn select(&mut self, index: usize) {
        self.selected = index.min(self.articles.len().saturating_sub(1));
        self.list_offset = scroll::keep_visible(self.selected, self.list_offset, self.list_rows());
    }

    fn select_by(&mut self, delta: isize) {
        self.select(scroll::move_index(
            self.selected,
            delta,
            self.articles.len(),
        ));
    }

    fn set_column(&mut self, column: u16) {
        self.column = column.clamp(screen::COLUMN_MIN, screen::COLUMN_MAX);
        self.relayout();
        self.message = Some(format!("reading column: {} cells", self.column));
    }

    /// Applies `action`; returns what the app must do beyond redrawing.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        self.message = None;
        let effect = self.apply(action);
        if self.focus == Focus::Reader {
            self.engaged = true;
        }
        effect
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        let page = self.page_height() as isize;
        let list_page = self.list_rows() as isize;
        match action {
            Action::Quit => {
                self.remember_position();
                return Some(Effect::Quit);
            }
            Action::Suspend => return Some(Effect::Suspend),
            Action::ToggleHelp => {
                self.overlay = match self.overlay {
                    Some(_) => None,
                    None => Some(Overlay::Help { scroll: 0 }),
                }
            }
            Action::HelpDown | Action::HelpUp => {
                if let Some(Overlay::Help { scroll }) = &mut self.overlay {
                    let delta = if action == Action::HelpDown { 1 } else { -1 };
                    // The renderer clamps to the help's length, which depends on the frame.
                    *scroll = scroll
                        .saturating_add_signed(delta)
                        .min(crate::keymap::BINDINGS.len());
                }
            }
            Action::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::List => Focus::Reader,
                    Focus::Reader => Focus::List,
                };
            }
            Action::FocusList => self.focus = Focus::List,
            Action::SelectNext => self.select_by(1),
            Action::SelectPrevious => self.select_by(-1),
            Action::SelectPageDown => self.select_by(list_page),
            Action::SelectPageUp => self.select_by(-list_page),
            Action::SelectFirst => self.select(0),
            Action::SelectLast => self.select(self.articles.len().saturating_sub(1)),
            Action::OpenSelected => {
                self.focus = Focus::Reader;
                return self.switch_article(self.selected);
            }
            Action::ScrollDown => self.scroll(1),
            Action::ScrollUp => self.scroll(-1),
            Action::PageDown => self.scroll(page.saturating_sub(1).max(1)),
            Action::PageUp => self.scroll(-page.saturating_sub(1).max(1)),
            Action::HalfPageDown => self.scroll((page / 2).max(1)),
            Action::HalfPageUp => self.scroll(-(page / 2).max(1)),
            Action::Top => self.top = Spot::default(),
            // Straight to the last screenful: walking there line by line would wrap every block.
            Action::Bottom => {
                if let Some(bottom) = self.view().map(|view| view.bottom(self.page_height())) {
                    self.top = bottom;
                }
            }
            Action::NextArticle => return self.switch_article(self.open + 1),
            Action::PreviousArticle => {
                return self
                    .open
                    .checked_sub(1)
                    .and_then(|i| self.switch_article(i));
            }
            Action::NarrowColumn => {
                let column = self
                    .column
                    .min(self.text_area().width.max(screen::COLUMN_MIN));
                self.set_column(column.saturating_sub(screen::COLUMN_STEP));
            }
            Action::WidenColumn => self.set_column(self.column.saturating_add(screen::COLUMN_STEP)),
            Action::Resize { width, height } => {
                self.size = Rect::new(0, 0, width, height);
                self.relayout();
            }
            Action::Wheel { column, row, down } => return self.wheel(column, row, down),
            Action::Click { column, row } => return self.click(column, row),
        }
        None
    }

    /// Mouse wheel: scrolls whichever pane is under the pointer.
    fn wheel(&mut self, column: u16, row: u16, down: bool) -> Option<Effect> {
        let layout = self.app_layout();
        let delta: isize = if down { 3 } else { -3 };
        if layout
            .list
            .is_some_and(|r| r.contains((column, row).into()))
        {
            self.select_by(delta.signum());
        } else if layout
            .reader
            .is_some_and(|r| r.contains((column, row).into()))
        {
            self.scroll(delta);
        }
        None
    }

    /// Mouse click: on a list row opens that article; on the reader focuses it.
    fn click(&mut self, column: u16, row: u16) -> Option<Effect> {
        let layout = self.app_layout();
        if let Some(list) = layout.list.filter(|r| r.contains((column, row).into())) {
            let inside = screen::inner(list);
            if row < inside.y || row >= inside.y + inside.height {
                return None;
            }
            let index = self.list_offset + usize::from((row - inside.y) / screen::LIST_ROW_HEIGHT);
            if index < self.articles.len() {
                self.select(index);
                self.focus = Focus::Reader;
                return self.switch_article(index);
            }
        } else if layout
            .reader
            .is_some_and(|r| r.contains((column, row).into()))
        {
            self.focus = Focus::Reader;
        }
        None
    }
}

/// The top spot that shows `block` at `offset`. The start of the first block stands for the top
/// of the article, so the title above it is not scrolled away by a resize or a reopen.
fn top_spot_for(view: View<'_>, block: usize, offset: usize) -> Spot {
    if (block, offset) == (0, 0) {
        Spot::default()
    } else {
        view.spot_of(block, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    fn state(width: u16, height: u16) -> State {
        State::new(
            corpus::bundled().articles,
            Rect::new(0, 0, width, height),
            HashMap::new(),
            None,
        )
    }

    #[test]
    fn starts_on_the_list_with_the_first_article_open() {
        let s = state(100, 30);
        assert_eq!(
            (s.focus, s.open, s.selected, s.top),
            (Focus::List, 0, 0, Spot::default())
        );
        assert_eq!(s.layout.width, 66);
    }

    #[test]
    fn opening_an_article_focuses_the_reader() {
        let mut s = state(100, 30);
        s.update(Action::SelectNext);
        assert_eq!(s.update(Action::OpenSelected), Some(Effect::SavePositions));
        assert_eq!((s.focus, s.open), (Focus::Reader, 1));
    }

    #[test]
    fn scrolling_is_clamped_to_the_article() {
        let mut s = state(100, 30);
        s.update(Action::ScrollUp);
        assert_eq!(s.top, Spot::default());
        s.update(Action::Bottom);
        let bottom = s.top;
        assert!(bottom > Spot::default());
        s.update(Action::ScrollDown);
        assert_eq!(s.top, bottom);
        assert_eq!(s.percent(), 100);
        s.update(Action::Top);
        assert_eq!(s.percent(), 0);
    }

    #[test]
    fn page_keys_move_by_a_page_less_a_line() {
        let mut s = state(100, 30);
        s.update(Action::SwitchFocus);
        s.update(Action::NextArticle);
        let page = s.page_height() as isize;
        let at = |lines: isize| s.view().unwrap().advance(Spot::default(), lines);
        let (one_page, and_a_half, half) = (at(page - 1), at(page - 1 + page / 2), at(page / 2));
        s.update(Action::PageDown);
        assert_eq!(s.top, one_page);
        s.update(Action::HalfPageDown);
        assert_eq!(s.top, and_a_half);
        s.update(Action::PageUp);
        assert_eq!(s.top, half);
    }

    #[test]
    fn resize_keeps_the_passage_at_the_top() {
        let mut s = state(120, 40);
        s.update(Action::SelectNext);
        s.update(Action::OpenSelected);
        for _ in 0..25 {
            s.update(Action::ScrollDown);
        }
        let (block, offset) = s.view().unwrap().anchor_of(s.top);
        s.update(Action::Resize {
            width: 60,
            height: 20,
        });
        let line = s.view().unwrap().line(s.top).unwrap().clone();
        assert_eq!(line.part, crate::wrap::Part::Block(block));
        assert!(line.range.start <= offset && offset < line.range.end.max(offset + 1));
    }

    #[test]
    fn positions_are_remembered_per_article() {
        let mut s = state(100, 30);
        s.update(Action::SwitchFocus);
        s.update(Action::NextArticle);
        s.update(Action::PageDown);
        let top = s.top;
        assert!(top > Spot::default());
        s.update(Action::PreviousArticle);
        assert_eq!((s.open, s.top), (0, Spot::default()));
        s.update(Action::NextArticle);
        assert_eq!((s.open, s.top), (1, top));
        assert!(s.progress(0).is_some());
    }

    #[test]
    fn the_last_open_article_is_reopened_where_it_was() {
        let articles = corpus::bundled().articles;
        let id = articles[1].id.clone();
        let positions = HashMap::from([(
            id.clone(),
            Position {
                block: 3,
                offset: 0,
                percent: 20,
            },
        )]);
        let s = State::new(articles, Rect::new(0, 0, 100, 30), positions, Some(&id));
        assert_eq!((s.open, s.focus), (1, Focus::Reader));
        assert_eq!(s.view().unwrap().anchor_of(s.top), (3, 0));
    }

    #[test]
    fn the_list_selection_stays_in_range() {
        let mut s = state(100, 30);
        s.update(Action::SelectPrevious);
        assert_eq!(s.selected, 0);
        assert_eq!(s.progress(0), None, "a preview is not reading");
        s.update(Action::SelectLast);
        s.update(Action::SelectNext);
        assert_eq!(s.selected, 1);
        s.update(Action::SelectPageUp);
        assert_eq!(s.selected, 0);
    }

    #[test]
    fn the_reading_column_adjusts_within_bounds() {
        let mut s = state(200, 40);
        assert_eq!(s.layout.width, 80);
        s.update(Action::WidenColumn);
        assert_eq!(s.layout.width, 84);
        for _ in 0..100 {
            s.update(Action::NarrowColumn);
        }
        assert_eq!(s.column, screen::COLUMN_MIN);
        assert_eq!(s.layout.width, usize::from(screen::COLUMN_MIN));
    }

    #[test]
    fn no_size_panics() {
        let mut s = state(100, 30);
        for (w, h) in [
            (1, 1),
            (0, 0),
            (29, 7),
            (30, 8),
            (69, 20),
            (70, 20),
            (500, 200),
        ] {
            s.update(Action::Resize {
                width: w,
                height: h,
            });
            for action in [
                Action::Bottom,
                Action::PageDown,
                Action::SelectNext,
                Action::Top,
            ] {
                s.update(action);
            }
        }
    }

    #[test]
    fn no_articles_is_not_a_crash() {
        let mut s = State::new(Vec::new(), Rect::new(0, 0, 80, 24), HashMap::new(), None);
        for action in [
            Action::OpenSelected,
            Action::NextArticle,
            Action::Bottom,
            Action::SelectLast,
        ] {
            s.update(action);
        }
        assert!(s.open_article().is_none());
    }
}
