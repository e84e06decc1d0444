//! Everything the interface shows, and `update`: the one place an `Action` changes it.
//!
//! Pure: no terminal, no disk. What needs the outside world comes back from `update` as an
//! `Effect` for the app to carry out. The layout of the open article is kept here, recomputed only
//! when the article or the reading column's width changes, so rendering never wraps text.

mod bookmarks;
mod loading;
mod raw;
mod search;

use std::collections::HashMap;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::article::Article;
use crate::bookmarks::{Bookmark, NewBookmark};
use crate::keymap::Context;
use crate::screen::{self, AppLayout};
use crate::scroll;
use crate::wrap::{Layout, Spot, View};
pub use bookmarks::{BookmarksView, Place};
pub use loading::Loading;
pub use search::{Find, ListFilter, Prompt, Purpose, SEARCH_STEP_BYTES};

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

/// A view drawn over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Bookmarks(BookmarksView),
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Reading positions changed in a way worth keeping now (another article was opened).
    SavePositions,
    AddBookmark(NewBookmark),
    UpdateNote {
        id: String,
        note: String,
    },
    RemoveBookmark {
        id: String,
    },
    RestoreBookmark(Bookmark),
    /// Put this text on the clipboard of the terminal the person sits at (OSC 52).
    Copy(String),
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
    /// The query line, while one is being typed.
    pub prompt: Option<Prompt>,
    /// The search in the open article and its matches.
    pub find: Option<Find>,
    /// The list narrowed to the articles matching a search.
    pub filter: Option<ListFilter>,
    /// Every bookmark, newest first, and where each one's passage is (`None`: not loaded).
    pub bookmarks: Vec<Bookmark>,
    pub places: Vec<Option<Place>>,
    /// The passage cursor: a block of the open article.
    pub cursor: usize,
    /// Where a selection of passages started (`v`); it runs to the cursor.
    pub selection: Option<usize>,
    /// Why bookmarks cannot be saved now (an unreadable bookmarks file), if they cannot.
    pub bookmarking_off: Option<String>,
    /// Articles are still arriving from a background load.
    pub loading: Option<Loading>,
    /// The article read last time, to reopen when it arrives.
    pub pending_open: Option<String>,
    /// Article ids to their index in `articles`.
    pub article_ids: HashMap<String, usize>,
    /// The open file as it is, while the reader shows it instead of the article (`r`).
    pub as_written: Option<Article>,
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
        let mut state = State {
            articles: Vec::new(),
            focus: Focus::List,
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
            prompt: None,
            find: None,
            filter: None,
            bookmarks: Vec::new(),
            places: Vec::new(),
            cursor: 0,
            selection: None,
            bookmarking_off: None,
            loading: None,
            pending_open: last_open.map(str::to_owned),
            article_ids: HashMap::new(),
            as_written: None,
        };
        state.add_articles(articles, 0);
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
        if self.prompt.is_some() {
            return Context::Prompt;
        }
        match (&self.overlay, self.focus) {
            (Some(Overlay::Help { .. }), _) => Context::Help,
            (Some(Overlay::Bookmarks(_)), _) => Context::Bookmarks,
            (None, Focus::List) => Context::List,
            (None, Focus::Reader) => Context::Reader,
        }
    }

    /// The article in the reader: the open one, or the file as it is while that is shown.
    pub fn open_article(&self) -> Option<&Article> {
        self.as_written.as_ref().or(self.articles.get(self.open))
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
        // A place in the file as it is is no place in the article.
        if !self.engaged || self.as_written.is_some() {
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
        self.as_written = None;
        // What the loader had to say about this file (a page shown as plain text, say).
        if !article.notes.is_empty() {
            self.message = Some(article.notes.join("; "));
        }
        self.open = index;
        self.engaged = false;
        if let Some(row) = self.row_of(index) {
            self.selected = row;
        }
        self.list_offset = scroll::keep_visible(self.selected, self.list_offset, self.list_rows());
        self.layout = Layout::new(article, usize::from(self.text_area().width));
        let view = self.layout.view(article);
        self.top = saved.map_or(Spot::default(), |p| top_spot_for(view, p.block, p.offset));
        self.clamp_top();
        // A search follows the reader from article to article.
        if let Some(find) = self.find.take() {
            self.find = Some(self.find_in_open_article(find.query));
        }
        self.reset_cursor();
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
            && let Some(article) = self.as_written.as_ref().or(self.articles.get(self.open))
        {
            let (block, offset) = self.layout.view(article).anchor_of(self.top);
            self.layout = Layout::new(article, width);
            self.top = top_spot_for(self.layout.view(article), block, offset);
        }
        self.clamp_top();
        self.list_offset = scroll::keep_visible(self.selected, self.list_offset, self.list_rows());
    }

    /// Keeps the view within the article, and the passage cursor within the view.
    fn clamp_top(&mut self) {
        if let Some(bottom) = self.view().map(|view| view.bottom(self.page_height())) {
            self.top = self.top.min(bottom);
        }
        self.keep_cursor_in_view();
    }

    fn scroll(&mut self, delta: isize) {
        if let Some(top) = self.view().map(|view| view.advance(self.top, delta)) {
            self.top = top;
            self.clamp_top();
        }
    }

    fn select(&mut self, row: usize) {
        self.selected = row.min(self.row_count().saturating_sub(1));
        self.list_offset = scroll::keep_visible(self.selected, self.list_offset, self.list_rows());
    }

    fn select_by(&mut self, delta: isize) {
        self.select(scroll::move_index(self.selected, delta, self.row_count()));
    }

    fn set_column(&mut self, column: u16) {
        self.column = column.clamp(screen::COLUMN_MIN, screen::COLUMN_MAX);
        self.relayout();
        self.message = Some(format!("reading column: {} cells", self.column));
    }

    /// Applies `action`; returns what the app must do beyond redrawing.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        // A message stays until the person does something; background work does not clear it.
        if !matches!(action, Action::SearchStep | Action::Resize { .. }) {
            self.message = None;
        }
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
                    let furthest = crate::ui::help::max_scroll(self.size);
                    *scroll = scroll.saturating_add_signed(delta).min(furthest);
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
            Action::SelectLast => self.select(self.row_count().saturating_sub(1)),
            Action::OpenSelected => {
                let article = self.article_at(self.selected)?;
                self.focus = Focus::Reader;
                return self.switch_article(article);
            }
            Action::ScrollDown => self.scroll(1),
            Action::ScrollUp => self.scroll(-1),
            Action::PageDown => self.scroll(page.saturating_sub(1).max(1)),
            Action::PageUp => self.scroll(-page.saturating_sub(1).max(1)),
            Action::HalfPageDown => self.scroll((page / 2).max(1)),
            Action::HalfPageUp => self.scroll(-(page / 2).max(1)),
            Action::Top => {
                self.top = Spot::default();
                self.clamp_top();
            }
            // Straight to the last screenful: walking there line by line would wrap every block.
            Action::Bottom => {
                if let Some(bottom) = self.view().map(|view| view.bottom(self.page_height())) {
                    self.top = bottom;
                    self.clamp_top();
                }
            }
            Action::NextArticle => return self.switch_article(self.open + 1),
            Action::PreviousArticle => {
                return self
                    .open
                    .checked_sub(1)
                    .and_then(|i| self.switch_article(i));
            }
            Action::ToggleRaw => self.toggle_raw(),
            Action::NarrowColumn => {
                let column = self
                    .column
                    .min(self.text_area().width.max(screen::COLUMN_MIN));
                self.set_column(column.saturating_sub(screen::COLUMN_STEP));
            }
            Action::WidenColumn => self.set_column(self.column.saturating_add(screen::COLUMN_STEP)),
            Action::StartSearch
            | Action::NextMatch
            | Action::PreviousMatch
            | Action::ClearFilter
            | Action::PromptChar(_)
            | Action::PromptBackspace
            | Action::PromptDeleteWord
            | Action::PromptClear
            | Action::PromptSubmit
            | Action::PromptCancel
            | Action::SearchStep => return self.apply_search(action),
            Action::PromptRemoveBookmark => return self.remove_from_prompt(),
            Action::NextPassage
            | Action::PreviousPassage
            | Action::ToggleSelection
            | Action::ClearSelection
            | Action::Bookmark
            | Action::CopyPassage
            | Action::ToggleBookmarks
            | Action::BookmarkNext
            | Action::BookmarkPrevious
            | Action::JumpToBookmark
            | Action::EditBookmarkNote
            | Action::DeleteBookmark
            | Action::UndoDelete => return self.apply_bookmarks(action),
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
            let row = self.list_offset + usize::from((row - inside.y) / screen::LIST_ROW_HEIGHT);
            if let Some(article) = self.article_at(row) {
                self.select(row);
                self.focus = Focus::Reader;
                return self.switch_article(article);
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
mod tests;
