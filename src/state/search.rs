//! Search in the interface: the query line, the matches in the open article, and the document
//! list narrowed to the articles that match.
//!
//! Pure like the rest of the state. The corpus, and a large open article (`super::find`), are
//! searched in bounded steps (`Action::SearchStep`, sent by the loop whenever no input is
//! waiting), so typing never waits for a search, and a new query simply replaces the search under
//! way: the newest query wins.

use crate::action::Action;
use crate::input_line::InputLine;
use crate::search::{CorpusSearch, Hit, Query};
use crate::wrap::Spot;

use super::find::{Current, FIND_STEP_BYTES, Find, Moved};
use super::{Effect, Focus, Overlay, State};

/// Bytes of article text one search step scans: a few milliseconds at memory speed, so a key
/// pressed during a search is handled within a frame.
pub const SEARCH_STEP_BYTES: usize = 4 * 1024 * 1024;

/// The line being typed in the status bar, and what it is for.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub purpose: Purpose,
    pub line: InputLine,
    /// Why the text is not a valid query (an unclosed regex group), shown beside it.
    pub error: Option<String>,
    /// Ctrl-d was pressed once in a bookmark's note: a second Ctrl-d removes the bookmark.
    pub confirm_remove: bool,
}

impl Prompt {
    pub fn new(purpose: Purpose, line: InputLine) -> Prompt {
        Prompt {
            purpose,
            line,
            error: None,
            confirm_remove: false,
        }
    }
}

/// What the query line will do, and what to go back to if it is cancelled.
#[derive(Debug, Clone)]
pub enum Purpose {
    /// Search the open article; `origin` is where the reader was, `previous` the search it had
    /// and the match it was on. Only those: a copy of its matches (millions of them in a large
    /// article) took longer than a frame, and Esc counts them again in steps.
    FindInArticle {
        origin: Spot,
        previous: Option<(Query, Option<Current>)>,
    },
    /// Narrow the list; `origin` is the article that was selected.
    FilterList {
        origin: Option<usize>,
        previous: Option<ListFilter>,
    },
    /// The note of a new bookmark of blocks `first..=last` of the open article.
    NewNote { first: usize, last: usize },
    /// The note of bookmark `id`.
    EditNote { id: String },
    /// Narrow the bookmarks view; `previous` is the filter it had.
    FilterBookmarks { previous: String },
    /// Narrow the outline; `previous` is the filter it had.
    FilterOutline { previous: String },
    /// The address of a web page to save into the library.
    AddPage,
    /// Which of the passage's links to open, by number from 1.
    ChooseLink { links: Vec<String> },
}

impl Purpose {
    /// Whether the line is a note rather than a query.
    pub fn is_note(&self) -> bool {
        matches!(self, Purpose::NewNote { .. } | Purpose::EditNote { .. })
    }
}

/// The list narrowed to the articles that match a query, ranked; filled in as the search goes.
#[derive(Debug, Clone)]
pub struct ListFilter {
    pub search: CorpusSearch,
    pub hits: Vec<Hit>,
}

impl ListFilter {
    pub fn is_done(&self) -> bool {
        self.search.is_done()
    }
}

impl State {
    /// Whether a search across the articles, or in the open article, still has work to do.
    pub fn search_pending(&self) -> bool {
        self.filter.as_ref().is_some_and(|f| !f.is_done())
            || self
                .find
                .as_ref()
                .is_some_and(|f| !f.is_done() || f.is_seeking())
    }

    pub(super) fn apply_search(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::StartSearch => self.start_search(),
            Action::NextMatch => self.step_match(true),
            Action::PreviousMatch => self.step_match(false),
            Action::ClearFilter => self.clear_filter(),
            // Control characters never enter the line: it is drawn, and saved in notes.
            Action::PromptChar(c) if c.is_control() => {}
            Action::PromptChar(c) => self.edit_prompt(|line| line.insert_char(c)),
            Action::PromptBackspace => self.edit_prompt(InputLine::backspace),
            Action::PromptDelete => self.edit_prompt(InputLine::delete),
            Action::PromptDeleteWord => self.edit_prompt(InputLine::delete_word),
            Action::PromptClear => self.edit_prompt(InputLine::delete_to_start),
            Action::PromptLeft => self.move_prompt_cursor(InputLine::left),
            Action::PromptRight => self.move_prompt_cursor(InputLine::right),
            Action::PromptWordLeft => self.move_prompt_cursor(InputLine::word_left),
            Action::PromptWordRight => self.move_prompt_cursor(InputLine::word_right),
            Action::PromptHome => self.move_prompt_cursor(InputLine::home),
            Action::PromptEnd => self.move_prompt_cursor(InputLine::end),
            Action::PromptSubmit => return self.submit_prompt(),
            Action::PromptCancel => self.cancel_prompt(),
            Action::SearchStep => self.search_step(),
            _ => {}
        }
        None
    }

    fn start_search(&mut self) {
        if let Some(Overlay::Outline(view)) = &self.overlay {
            let previous = view.filter.clone();
            self.prompt = Some(Prompt::new(
                Purpose::FilterOutline { previous },
                InputLine::default(),
            ));
            return;
        }
        if let Some(Overlay::Bookmarks(view)) = &self.overlay {
            let previous = view.filter.clone();
            self.prompt = Some(Prompt::new(
                Purpose::FilterBookmarks { previous },
                InputLine::default(),
            ));
            return;
        }
        let purpose = match self.focus {
            Focus::Reader => Purpose::FindInArticle {
                origin: self.top,
                previous: self
                    .find
                    .as_ref()
                    .map(|f| (f.query.clone(), f.current.clone())),
            },
            Focus::List => Purpose::FilterList {
                origin: self.article_at(self.selected),
                previous: self.filter.clone(),
            },
        };
        self.prompt = Some(Prompt::new(purpose, InputLine::default()));
    }

    /// Text pasted into the terminal (bracketed paste): typed into the line if one is open.
    pub fn paste(&mut self, text: &str) {
        self.message = None;
        self.edit_prompt(|line| line.insert(text));
    }

    /// Moves the cursor of the line; the text, and so the search, stay as they are.
    fn move_prompt_cursor(&mut self, step: impl FnOnce(&mut InputLine)) {
        if let Some(prompt) = &mut self.prompt {
            step(&mut prompt.line);
        }
    }

    fn edit_prompt(&mut self, edit: impl FnOnce(&mut InputLine)) {
        let Some(prompt) = &mut self.prompt else {
            return;
        };
        let before = prompt.line.text().to_owned();
        edit(&mut prompt.line);
        // Nothing inserted or deleted (Delete at the end): nothing to search again.
        if prompt.line.text() == before {
            return;
        }
        if prompt.purpose.is_note()
            || matches!(
                prompt.purpose,
                Purpose::AddPage | Purpose::ChooseLink { .. }
            )
        {
            return;
        }
        if let Purpose::FilterOutline { .. } = prompt.purpose {
            let text = prompt.line.text().to_owned();
            if let Some(Overlay::Outline(view)) = &mut self.overlay {
                view.filter = text;
                view.selected = 0;
            }
            return;
        }
        if let Purpose::FilterBookmarks { .. } = prompt.purpose {
            let text = prompt.line.text().to_owned();
            if let Some(Overlay::Bookmarks(view)) = &mut self.overlay {
                view.filter = text;
                view.selected = 0;
            }
            return;
        }
        let parsed = Query::parse(prompt.line.text());
        prompt.error = parsed.as_ref().err().map(ToString::to_string);
        let purpose = prompt.purpose.clone();
        match (purpose, parsed) {
            // An unfinished regex keeps what the last good query showed.
            (_, Err(_)) => {}
            (Purpose::FindInArticle { origin, .. }, Ok(query)) => {
                self.top = origin;
                let place = self.body_place(origin);
                self.find = query.and_then(|query| self.find_in_open_article(query, place));
                self.jump_to_first_match(place);
            }
            (Purpose::FilterList { origin, .. }, Ok(None)) => {
                self.filter = None;
                self.refresh_rows();
                self.select_article(origin);
            }
            (
                Purpose::NewNote { .. }
                | Purpose::EditNote { .. }
                | Purpose::FilterBookmarks { .. }
                | Purpose::FilterOutline { .. }
                | Purpose::AddPage
                | Purpose::ChooseLink { .. },
                _,
            ) => {}
            (Purpose::FilterList { .. }, Ok(Some(query))) => {
                self.filter = Some(ListFilter {
                    search: CorpusSearch::new(query),
                    hits: Vec::new(),
                });
                self.refresh_rows();
                self.selected = 0;
                self.list_offset = 0;
                self.search_step();
            }
        }
    }

    fn submit_prompt(&mut self) -> Option<Effect> {
        let prompt = self.prompt.take()?;
        if let Some(error) = prompt.error {
            self.message = Some(error);
            self.restore(prompt.purpose);
            return None;
        }
        match prompt.purpose {
            purpose @ (Purpose::NewNote { .. } | Purpose::EditNote { .. }) => {
                return self.submit_note(purpose, prompt.line.text().to_owned());
            }
            Purpose::FilterBookmarks { .. } | Purpose::FilterOutline { .. } => {}
            Purpose::AddPage => return self.submit_address(prompt.line.text()),
            Purpose::ChooseLink { links } => return self.choose_link(&links, prompt.line.text()),
            Purpose::FindInArticle { .. } => match &mut self.find {
                Some(find) if find.is_empty() && find.is_done() => {
                    self.message = Some(format!("no match for {}", find.query.as_str()));
                }
                // Still counting: the last step says it if nothing is found.
                Some(find) if find.is_empty() => find.report_if_none(),
                _ => {}
            },
            Purpose::FilterList { .. } => {
                let filter = self.filter.as_ref()?;
                let query = filter.search.query().clone();
                // The article selected, or the first after it: the list of matches starts with
                // its first folder's heading.
                let article =
                    (self.selected..self.row_count()).find_map(|row| self.article_at(row));
                match article {
                    Some(article) => return self.open_at_first_match(article, query),
                    None if filter.is_done() => {
                        self.message = Some(format!("no article matches {}", query.as_str()));
                    }
                    None => self.message = Some("still searching…".to_owned()),
                }
            }
        }
        None
    }

    fn cancel_prompt(&mut self) {
        if let Some(prompt) = self.prompt.take() {
            self.restore(prompt.purpose);
        }
    }

    /// Puts back what the query line changed.
    fn restore(&mut self, purpose: Purpose) {
        match purpose {
            Purpose::FindInArticle { origin, previous } => {
                self.top = origin;
                self.find = previous.and_then(|(query, current)| {
                    let mut find = self.find_in_open_article(query, self.body_place(origin))?;
                    find.current = current;
                    Some(find)
                });
                self.find_step();
            }
            Purpose::FilterList { origin, previous } => {
                self.filter = previous;
                self.refresh_rows();
                self.select_article(origin);
            }
            Purpose::FilterBookmarks { previous } => {
                if let Some(Overlay::Bookmarks(view)) = &mut self.overlay {
                    view.filter = previous;
                }
            }
            Purpose::FilterOutline { previous } => {
                if let Some(Overlay::Outline(view)) = &mut self.overlay {
                    view.filter = previous;
                }
            }
            // Esc on a new bookmark's note cancels the bookmark; on an old one, the edit.
            Purpose::NewNote { .. }
            | Purpose::EditNote { .. }
            | Purpose::AddPage
            | Purpose::ChooseLink { .. } => {}
        }
    }

    fn clear_filter(&mut self) {
        let article = self.article_at(self.selected);
        self.filter = None;
        self.refresh_rows();
        self.select_article(article);
    }

    /// Selects the row of `article` (or the first row when it is not listed).
    pub(super) fn select_article(&mut self, article: Option<usize>) {
        let row = article.and_then(|a| self.row_of(a)).unwrap_or(0);
        self.select(row);
    }

    /// A bounded step of each search under way: in the open article and across the articles.
    fn search_step(&mut self) {
        self.find_step();
        let Some(filter) = &mut self.filter else {
            return;
        };
        if filter.is_done() {
            return;
        }
        // Up to the first article whose blocks are still to come: it is searched once they are.
        let searchable = (self.blocks_to_come.first()).map_or(self.articles.len(), |&first| first);
        filter
            .search
            .step(&self.articles[..searchable], SEARCH_STEP_BYTES);
        filter.hits = filter.search.hits();
        self.refresh_rows();
        let rows = self.row_count();
        self.select(self.selected.min(rows.saturating_sub(1)));
    }

    /// Opens `article` with `query` active, at its first match.
    fn open_at_first_match(&mut self, article: usize, query: Query) -> Option<Effect> {
        self.focus = Focus::Reader;
        let effect = self.switch_article(article).or(Some(Effect::SavePositions));
        self.find = self.find_in_open_article(query, None);
        self.jump_to_first_match(None);
        effect
    }

    /// Starts the new search from `place` (`None`: the top, where the title shows), jumping to
    /// its first match there or after as soon as the search finds it.
    fn jump_to_first_match(&mut self, place: Option<(usize, usize)>) {
        let Some(find) = &mut self.find else {
            return;
        };
        if place.is_none() && !find.title.is_empty() {
            self.go_to_match(Current::Title(0));
        } else {
            find.jump_when_found(place.unwrap_or((0, 0)));
        }
        self.find_step();
    }

    /// A search of the open article for `query`, to be scanned from `place` (`None`: the top);
    /// nothing of the body is searched yet.
    pub(super) fn find_in_open_article(
        &self,
        query: Query,
        place: Option<(usize, usize)>,
    ) -> Option<Find> {
        Some(Find::new(query, self.open_article()?, place))
    }

    /// A bounded step of the search in the open article, and the jump typing asked for, or the
    /// n or N still searching, once its match is found.
    pub(super) fn find_step(&mut self) {
        // The fields, not `open_article()`: the article is read while the search changes.
        let Some(article) = self.as_written.as_ref().or(self.articles.get(self.open)) else {
            return;
        };
        let Some(find) = self.find.as_mut() else {
            return;
        };
        if !find.is_done()
            && let Some(message) = find.step(article, FIND_STEP_BYTES)
        {
            self.message = Some(message);
        }
        let jump = find.take_jump();
        let moved = find.seek_on(article);
        if let Some(found) = jump {
            self.go_to_match(Current::Body(found));
        }
        if let Some(moved) = moved {
            self.moved(moved);
        }
    }

    /// Where `top` is in the body, as (block, offset); `None` at the top of the article, where
    /// the title shows.
    pub(super) fn body_place(&self, top: Spot) -> Option<(usize, usize)> {
        if top == Spot::default() {
            return None;
        }
        self.view().map(|view| view.anchor_of(top))
    }

    /// n and N: the next or previous match, wrapping at the ends with a word about it. Matches
    /// beyond what the count has reached are searched for past it, on the key and, when they
    /// are further than that, on the steps after it.
    fn step_match(&mut self, forward: bool) {
        let view = self.body_place(self.top);
        // The fields, not `open_article()`: the article is read while the search changes.
        let article = self.as_written.as_ref().or(self.articles.get(self.open));
        let (Some(find), Some(article)) = (self.find.as_mut(), article) else {
            self.message = Some("no search: / searches this article".to_owned());
            return;
        };
        find.cancel_jump();
        let moved = find.start_move(article, forward, view);
        self.moved(moved);
    }

    /// Shows where n or N went.
    fn moved(&mut self, moved: Moved) {
        let Some(find) = &self.find else {
            return;
        };
        match moved {
            Moved::To(current) => {
                self.message = None;
                self.go_to_match(current);
            }
            Moved::Wrapped { to, forward } => {
                let end = if forward { "top" } else { "bottom" };
                self.message = Some(format!("search wrapped to the {end}"));
                self.go_to_match(to);
            }
            Moved::NoMatch => self.message = Some(format!("no match for {}", find.query.as_str())),
            Moved::Searching => self.message = Some("searching on for the match…".to_owned()),
        }
    }

    /// Makes `current` the current match and scrolls it into view, a third of the way down.
    fn go_to_match(&mut self, current: Current) {
        let Some(found) = self.find.as_mut() else {
            return;
        };
        let Current::Body(m) = &current else {
            found.current = Some(current);
            self.top = Spot::default();
            self.clamp_top();
            return;
        };
        let (block, start) = (m.block, m.range.start);
        found.current = Some(current);
        let height = self.page_height();
        let Some(view) = self.view() else {
            return;
        };
        let spot = view.spot_of(block, start);
        let last_visible = view.advance(self.top, height as isize - 1);
        if spot < self.top || spot > last_visible {
            self.top = view.advance(spot, -(height as isize / 3));
        }
        self.clamp_top();
    }
}
