//! Everything the interface shows, and `update`: the one place an `Action` changes it.
//!
//! Pure: no terminal, no disk. What needs the outside world comes back from `update` as an
//! `Effect` for the app to carry out. The layout of the open article is kept here, recomputed only
//! when the article or the reading column's width changes, so rendering never wraps text.

mod adding;
mod bookmarks;
mod find;
mod ids;
pub mod library;
mod links;
mod listing;
mod loading;
mod outline;
mod raw;
mod search;

use std::collections::{BTreeSet, HashMap};

use ratatui::layout::Rect;

use crate::action::Action;
use crate::article::Article;
use crate::bookmarks::{Bookmark, NewBookmark};
use crate::keymap::{Context, Keymap};
use crate::positions::ReadMark;
use crate::screen::{self, AppLayout};
use crate::scroll;
use crate::wrap::{Layout, Spot, View};
pub use bookmarks::{BookmarksView, Place};
pub use find::{Current, FIND_STEP_BYTES, Find};
pub use library::{FolderRow, ReadState, Row, Sort};
pub use loading::Loading;
pub use outline::{Heading, OutlineView};
pub use search::{ListFilter, Prompt, Purpose, SEARCH_STEP_BYTES};

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
    Outline(OutlineView),
}

/// Where a person was in an article: a block and a byte offset in it (stable across widths), and
/// how far through the article that is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub block: usize,
    pub offset: usize,
    pub percent: u8,
    /// Read or unread as marked by hand, over `percent`, until the article is read again.
    pub mark: Option<ReadMark>,
    /// When it was last read, as a count that only grows (for the "recently read" order).
    pub read_at: u64,
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
    /// Open this address with the platform's opener, or copy it where there is none (see `opener`).
    OpenLink(String),
    /// Fetch the page at this address and save it into the library, in the background.
    AddPage(String),
    /// Drop the page being added: it must not be saved.
    StopAdding,
    /// Read the file article `id` was made from again, for the raw view (`State::original_read`).
    ReadOriginal {
        id: String,
    },
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
    /// An error the person must see (a file that cannot be read or written): it stays on screen
    /// until Esc dismisses it, where a message goes at the next key.
    pub notice: Option<String>,
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
    /// Bookmarks deleted this session, newest last: `u` in the bookmarks view brings them back.
    pub removed_bookmarks: Vec<Bookmark>,
    /// The passage cursor: a block of the open article.
    pub cursor: usize,
    /// Where a selection of passages started (`v`); it runs to the cursor.
    pub selection: Option<usize>,
    /// Why bookmarks cannot be saved now (an unreadable bookmarks file), if they cannot.
    pub bookmarking_off: Option<String>,
    /// Articles are still arriving from a background load.
    pub loading: Option<Loading>,
    /// Articles listed without their blocks yet (a long one from the cache comes first without
    /// them): a search across the articles stops before the first, and the reader says the
    /// text is on its way.
    pub blocks_to_come: BTreeSet<usize>,
    /// The article read last time, to reopen when it arrives.
    pub pending_open: Option<String>,
    /// Article ids to their index in `articles`.
    pub article_ids: ids::ArticleIds,
    /// The keys in force (config.toml's over the defaults), for the loop and the help overlay.
    pub keymap: Keymap,
    /// The address of the page being fetched and saved, while it is.
    pub adding: Option<String>,
    /// The open file as it is, while the reader shows it instead of the article (`r`).
    pub as_written: Option<Article>,
    /// Link text is drawn as OSC 8 hyperlinks (`hyperlinks = true` in config.toml).
    pub hyperlinks: bool,
    /// What the articles are sorted and grouped by, taken as they arrive.
    pub keys: library::Keys,
    /// The list's order, and the articles in it (recomputed when the order or the articles change).
    pub sort: Sort,
    order: Vec<u32>,
    /// The filters and folder grouping the person chose.
    pub choices: library::Choices,
    /// The list's rows as shown, and its folder headings (recomputed when their inputs change).
    pub rows: Vec<Row>,
    pub folders: Vec<FolderRow>,
    /// How many articles are unread, counted with the rows.
    pub unread: usize,
    /// Each article's saved read state and when it was last read, from `positions`, kept in
    /// step with them so the list never looks an id up per article.
    reads: Vec<ReadState>,
    read_at: Vec<u64>,
    /// The latest `read_at` given out.
    read_clock: u64,
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
            notice: None,
            positions,
            engaged: false,
            prompt: None,
            find: None,
            filter: None,
            bookmarks: Vec::new(),
            places: Vec::new(),
            removed_bookmarks: Vec::new(),
            cursor: 0,
            selection: None,
            bookmarking_off: None,
            loading: None,
            blocks_to_come: BTreeSet::new(),
            pending_open: last_open.map(str::to_owned),
            article_ids: ids::ArticleIds::default(),
            keymap: Keymap::default(),
            adding: None,
            as_written: None,
            hyperlinks: false,
            keys: library::Keys::default(),
            sort: Sort::default(),
            order: Vec::new(),
            choices: library::Choices {
                grouped: true,
                ..library::Choices::default()
            },
            rows: Vec::new(),
            folders: Vec::new(),
            unread: 0,
            reads: Vec::new(),
            read_at: Vec::new(),
            read_clock: 0,
        };
        state.read_clock = state
            .positions
            .values()
            .map(|p| p.read_at)
            .max()
            .unwrap_or(0);
        state.add_articles(articles, 0, &[]);
        state
    }

    /// The reading column kept from an earlier run (held within the limits: the file may be old
    /// or edited by hand).
    pub fn set_initial_column(&mut self, column: u16) {
        self.column = column.clamp(screen::COLUMN_MIN, screen::COLUMN_MAX);
        self.relayout();
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
            (Some(Overlay::Outline(_)), _) => Context::Outline,
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
            mark: None,
            read_at: self.read_clock,
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
        // A place in the file as it is is no place in the article; nor one in an article whose
        // text has not come yet (the place kept is where it was left).
        if !self.engaged || self.as_written.is_some() || self.blocks_to_come.contains(&self.open) {
            return;
        }
        if let Some(article) = self.articles.get(self.open) {
            let id = article.id.clone();
            self.read_clock += 1;
            let position = self.position();
            self.positions.insert(id, position);
            self.note_read(self.open);
        }
    }

    /// Puts article `index` in the reader at its saved position and selects it in the list.
    fn show_article(&mut self, index: usize) {
        let Some(article) = self.articles.get(index) else {
            return;
        };
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
        self.list_offset = self.list_offset_for(self.selected);
        self.lay_out_open_article();
    }

    /// Lays the open article out, from its saved position; a search follows it.
    fn lay_out_open_article(&mut self) {
        let Some(article) = self.articles.get(self.open) else {
            return;
        };
        let saved = self.positions.get(&article.id).copied();
        self.layout = Layout::new(article, usize::from(self.text_area().width));
        let view = self.layout.view(article);
        self.top = saved.map_or(Spot::default(), |p| top_spot_for(view, p.block, p.offset));
        self.clamp_top();
        // A search follows the reader from article to article.
        if let Some(find) = self.find.take() {
            let place = self.body_place(self.top);
            self.find = self.find_in_open_article(find.query, place);
            self.find_step();
        }
        self.reset_cursor();
    }

    fn switch_article(&mut self, index: usize) -> Option<Effect> {
        if index == self.open || index >= self.articles.len() {
            return None;
        }
        self.remember_position();
        // What was left may be finished now: the filters and the folders' counts follow.
        self.refresh_rows();
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
        self.list_offset = self.list_offset_for(self.selected);
    }

    /// Where the list starts so that row `selected` shows, moving as little as possible and never
    /// leaving rows empty below while rows are hidden above.
    fn list_offset_for(&self, selected: usize) -> usize {
        scroll::fill_window(
            selected,
            self.list_offset,
            self.list_rows(),
            self.row_count(),
        )
    }

    /// Keeps the view within the article, and the passage cursor within the view.
    fn clamp_top(&mut self) {
        if let Some(bottom) = self.view().map(|view| view.bottom(self.page_height())) {
            self.top = self.top.min(bottom);
        }
        self.keep_cursor_in_view();
    }

    /// Scrolls the reader by `delta` lines; at an end, says so rather than doing nothing silently.
    fn scroll(&mut self, delta: isize) {
        let before = self.top;
        if let Some(top) = self.view().map(|view| view.advance(self.top, delta)) {
            self.top = top;
            self.clamp_top();
        }
        if self.top == before && self.open_article().is_some() {
            self.message = Some(
                if delta > 0 {
                    "end of the article"
                } else {
                    "top of the article"
                }
                .to_owned(),
            );
        }
    }

    /// `]` and `[`: the article on the next or previous row of the list as it is shown (the
    /// search results, when a search narrowed it).
    fn step_article(&mut self, delta: isize) -> Option<Effect> {
        let here = self.row_of(self.open).unwrap_or(self.selected);
        // Past folder headings to the next article listed.
        let mut row = here.checked_add_signed(delta);
        while let Some(r) = row.filter(|&r| r < self.row_count() && self.article_at(r).is_none()) {
            row = r.checked_add_signed(delta);
        }
        let row = row.filter(|&row| row < self.row_count());
        let Some(article) = row.and_then(|row| self.article_at(row)) else {
            self.message = Some(end_of_list(delta));
            return None;
        };
        self.switch_article(article)
    }

    fn select(&mut self, row: usize) {
        self.selected = row.min(self.row_count().saturating_sub(1));
        self.list_offset = self.list_offset_for(self.selected);
    }

    /// Moves the list selection; at an end, says so rather than doing nothing silently.
    fn select_by(&mut self, delta: isize) {
        let before = self.selected;
        self.select(scroll::move_index(self.selected, delta, self.row_count()));
        if self.selected == before && self.row_count() > 0 {
            self.message = Some(end_of_list(delta));
        }
    }

    /// Sets the reading column and says the width now used, which the window may hold below
    /// the width asked for.
    fn set_column(&mut self, column: u16) {
        self.column = column.clamp(screen::COLUMN_MIN, screen::COLUMN_MAX);
        self.relayout();
        let used = self.text_area().width;
        self.message = Some(format!("reading column: {used} cells"));
    }

    /// The widest reading column the window has room for.
    fn widest_column(&self) -> u16 {
        let reader = screen::app_layout(self.size, false)
            .reader
            .unwrap_or_default();
        screen::text_area(reader, screen::COLUMN_MAX)
            .width
            .max(screen::COLUMN_MIN)
    }

    /// The reading column as it is drawn: the width asked for, or less in a narrow window.
    fn column_in_use(&self) -> u16 {
        self.column.min(self.widest_column())
    }

    /// Applies `action`; returns what the app must do beyond redrawing.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        // A message stays until the person does something; background work does not clear it.
        if !matches!(action, Action::SearchStep | Action::Resize { .. }) {
            self.message = None;
        }
        // A pending "Ctrl-d again removes the bookmark" lasts one key.
        if action != Action::PromptRemoveBookmark
            && let Some(prompt) = &mut self.prompt
        {
            prompt.confirm_remove = false;
        }
        // Esc in a pane hides a standing error before it does anything else.
        if self.notice.is_some()
            && self.prompt.is_none()
            && self.overlay.is_none()
            && matches!(action, Action::ClearFilter | Action::ClearSelection)
        {
            self.notice = None;
            return None;
        }
        let effect = self.apply(action);
        if self.focus == Focus::Reader {
            self.engaged = true;
        }
        effect.or_else(|| self.preview_selected())
    }

    /// While the list has focus, the reader shows the selected article as a preview: opened at
    /// its saved place, neither marked read nor moved (`engaged` stays false until the reader
    /// gets focus). Leaving an article that was being read saves its place first.
    fn preview_selected(&mut self) -> Option<Effect> {
        if self.focus != Focus::List || self.overlay.is_some() {
            return None;
        }
        let article = self.article_at(self.selected)?;
        if article == self.open {
            return None;
        }
        let was_reading = self.engaged;
        self.remember_position();
        if was_reading {
            self.refresh_rows();
        }
        self.show_article(article);
        was_reading.then_some(Effect::SavePositions)
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        let page = self.page_height() as isize;
        let list_page = self.list_rows() as isize;
        match action {
            Action::ClearFilter | Action::ClearSelection if self.esc_stops_adding() => {
                return self.stop_adding();
            }
            Action::AddPage => self.start_adding(),
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
            Action::HelpDown
            | Action::HelpUp
            | Action::HelpPageDown
            | Action::HelpPageUp
            | Action::HelpTop
            | Action::HelpBottom => self.scroll_help(action),
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
            Action::SelectHalfPageDown => self.select_by((list_page / 2).max(1)),
            Action::SelectHalfPageUp => self.select_by(-(list_page / 2).max(1)),
            Action::SelectFirst => self.select(0),
            Action::SelectLast => self.select(self.row_count().saturating_sub(1)),
            Action::OpenSelected => {
                if self.toggle_folder_at_selection() {
                    return None;
                }
                let article = self.article_at(self.selected)?;
                self.focus = Focus::Reader;
                // Already shown as a preview, it is now the article being read: worth saving.
                return self.switch_article(article).or(Some(Effect::SavePositions));
            }
            Action::CloseFolder => self.close_folder(),
            Action::ToggleRead => return self.toggle_read(),
            Action::ToggleUnfinishedOnly => self.toggle_unfinished_only(),
            Action::NextSort => return self.next_sort(),
            Action::ToggleGrouping => self.toggle_grouping(),
            Action::ToggleOutline => self.toggle_outline(),
            Action::OutlineNext | Action::OutlinePrevious | Action::JumpToHeading => {
                return self.apply_outline(action);
            }
            Action::ScrollDown => self.scroll(1),
            Action::ScrollUp => self.scroll(-1),
            Action::PageDown => self.scroll(page.saturating_sub(1).max(1)),
            Action::PageUp => self.scroll(-page.saturating_sub(1).max(1)),
            Action::HalfPageDown => self.scroll((page / 2).max(1)),
            Action::HalfPageUp => self.scroll(-(page / 2).max(1)),
            Action::Top => {
                self.top = Spot::default();
                self.cursor = 0;
                self.clamp_top();
            }
            // Straight to the last screenful: walking there line by line would wrap every block.
            Action::Bottom => {
                if let Some(bottom) = self.view().map(|view| view.bottom(self.page_height())) {
                    self.top = bottom;
                    self.cursor = self.last_block();
                    self.clamp_top();
                }
            }
            Action::NextArticle => return self.step_article(1),
            Action::PreviousArticle => return self.step_article(-1),
            Action::ToggleRaw => return self.toggle_raw(),
            // Both steps start from the width drawn, so each press changes what is seen.
            Action::NarrowColumn => {
                self.set_column(self.column_in_use().saturating_sub(screen::COLUMN_STEP));
            }
            Action::WidenColumn => {
                let widest = self.widest_column();
                if self.column_in_use() >= widest {
                    self.message = Some(format!(
                        "reading column: {widest} cells, the widest this window allows"
                    ));
                } else {
                    let wider = self.column_in_use().saturating_add(screen::COLUMN_STEP);
                    self.set_column(wider.min(widest));
                }
            }
            Action::StartSearch
            | Action::NextMatch
            | Action::PreviousMatch
            | Action::ClearFilter
            | Action::PromptChar(_)
            | Action::PromptBackspace
            | Action::PromptDelete
            | Action::PromptLeft
            | Action::PromptRight
            | Action::PromptWordLeft
            | Action::PromptWordRight
            | Action::PromptHome
            | Action::PromptEnd
            | Action::PromptDeleteWord
            | Action::PromptClear
            | Action::PromptSubmit
            | Action::PromptCancel
            | Action::SearchStep => return self.apply_search(action),
            Action::PromptRemoveBookmark => return self.remove_from_prompt(),
            Action::OpenLink => return self.open_link(),
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
                let (_, furthest) = self.help_window();
                if let Some(Overlay::Help { scroll }) = &mut self.overlay {
                    *scroll = (*scroll).min(furthest);
                }
            }
            Action::Wheel { column, row, down } => return self.wheel(column, row, down),
            Action::Click { column, row } => return self.click(column, row),
        }
        None
    }

    /// How many lines of the help show at once, and the furthest it scrolls.
    pub fn help_window(&self) -> (usize, usize) {
        let lines = self.keymap.help_line_count();
        let rows = screen::help_rows(self.size, lines);
        (rows, scroll::max_offset(lines, rows))
    }

    /// The help's scroll keys: a line, a page (less a line, as in the reader), or an end.
    fn scroll_help(&mut self, action: Action) {
        let (rows, furthest) = self.help_window();
        let page = rows.saturating_sub(1).max(1) as isize;
        let Some(Overlay::Help { scroll }) = &mut self.overlay else {
            return;
        };
        *scroll = match action {
            Action::HelpDown => scroll.saturating_add(1),
            Action::HelpUp => scroll.saturating_sub(1),
            Action::HelpPageDown => scroll.saturating_add_signed(page),
            Action::HelpPageUp => scroll.saturating_add_signed(-page),
            Action::HelpTop => 0,
            _ => furthest,
        }
        .min(furthest);
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

    /// Mouse click: on a list row opens that article (or a folder); on the reader focuses it.
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
            // A folder's heading opens or closes, as Enter does.
            if row < self.row_count() {
                self.select(row);
                self.toggle_folder_at_selection();
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

/// What a move past either end of the list says, so that nothing happens silently.
fn end_of_list(delta: isize) -> String {
    if delta > 0 {
        "this is the last article"
    } else {
        "this is the first article"
    }
    .to_owned()
}

#[cfg(test)]
mod tests;
