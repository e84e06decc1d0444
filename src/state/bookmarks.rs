//! Passages and bookmarks in the interface: the passage cursor and selection, the note line, the
//! bookmarks view, and where each bookmark's passage is now.
//!
//! Pure: adding, editing, deleting and copying come back from `update` as effects; the app carries
//! them out against the store (or the terminal) and hands the fresh bookmarks back through
//! `set_bookmarks`.

use crate::action::Action;
use crate::bookmarks::{Anchor, Bookmark, NewBookmark, Selection};
use crate::wrap::Spot;

use super::search::{Prompt, Purpose};
use super::{Effect, Focus, Overlay, State};

/// Where a bookmark's passage is among the loaded articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub article: usize,
    pub anchor: Anchor,
}

/// The bookmarks view: its selection and its text filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookmarksView {
    pub selected: usize,
    pub filter: String,
}

impl State {
    /// Takes the bookmarks as the store now has them, and finds each one's passage.
    pub fn set_bookmarks(&mut self, mut list: Vec<Bookmark>) {
        // Newest first, which is the order the bookmarks view shows.
        list.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id)));
        self.places = list
            .iter()
            .map(|bookmark| self.place_of(bookmark))
            .collect();
        self.bookmarks = list;
        if let Some(Overlay::Bookmarks(view)) = &mut self.overlay {
            view.selected = view.selected.min(self.bookmarks.len().saturating_sub(1));
        }
    }

    /// How many bookmarks point into article `index`.
    pub fn bookmark_count(&self, index: usize) -> usize {
        self.places
            .iter()
            .filter(|p| p.is_some_and(|p| p.article == index))
            .count()
    }

    /// The blocks of the open article that are bookmarked, as (first, last) ranges.
    pub fn bookmarked_blocks(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.places.iter().filter_map(|place| {
            let place = place.as_ref()?;
            (place.article == self.open)
                .then(|| place.anchor.blocks())
                .flatten()
        })
    }

    /// The passages under the cursor: the selection, or the cursor's passage alone.
    pub fn marked_blocks(&self) -> (usize, usize) {
        match self.selection {
            Some(anchor) => (anchor.min(self.cursor), anchor.max(self.cursor)),
            None => (self.cursor, self.cursor),
        }
    }

    /// The bookmarks the view lists: all of them, or those whose title, passage or note contain
    /// the view's filter (in any case). Indices into `bookmarks`.
    pub fn listed_bookmarks(&self) -> Vec<usize> {
        let filter = match &self.overlay {
            Some(Overlay::Bookmarks(view)) => view.filter.to_lowercase(),
            _ => String::new(),
        };
        (0..self.bookmarks.len())
            .filter(|&i| {
                let b = &self.bookmarks[i];
                filter.is_empty()
                    || [&b.article.title, &b.passage.quote, &b.note]
                        .iter()
                        .any(|text| text.to_lowercase().contains(&filter))
            })
            .collect()
    }

    /// The bookmark selected in the view.
    fn selected_bookmark(&self) -> Option<usize> {
        let Some(Overlay::Bookmarks(view)) = &self.overlay else {
            return None;
        };
        self.listed_bookmarks().get(view.selected).copied()
    }

    pub(super) fn apply_bookmarks(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::NextPassage => self.move_cursor(1),
            Action::PreviousPassage => self.move_cursor(-1),
            Action::ToggleSelection => {
                self.selection = match self.selection {
                    Some(_) => None,
                    None => Some(self.cursor),
                };
            }
            Action::ClearSelection => self.selection = None,
            Action::Bookmark => self.start_bookmark(),
            Action::CopyPassage => return self.copy_passage(),
            Action::ToggleBookmarks => {
                self.overlay = match self.overlay {
                    Some(Overlay::Bookmarks(_)) => None,
                    _ => Some(Overlay::Bookmarks(BookmarksView::default())),
                };
            }
            Action::BookmarkNext | Action::BookmarkPrevious => {
                let count = self.listed_bookmarks().len();
                if let Some(Overlay::Bookmarks(view)) = &mut self.overlay {
                    let delta = if action == Action::BookmarkNext {
                        1
                    } else {
                        -1
                    };
                    view.selected = crate::scroll::move_index(view.selected, delta, count);
                }
            }
            Action::JumpToBookmark => return self.jump_to_bookmark(),
            Action::EditBookmarkNote => {
                if let Some(index) = self.selected_bookmark() {
                    let bookmark = &self.bookmarks[index];
                    self.open_note_prompt(
                        Purpose::EditNote {
                            id: bookmark.id.clone(),
                        },
                        bookmark.note.clone(),
                    );
                }
            }
            Action::DeleteBookmark => return self.delete_selected_bookmark(),
            Action::UndoDelete => {
                let Some(bookmark) = self.removed_bookmarks.pop() else {
                    self.message = Some("nothing to undo".to_owned());
                    return None;
                };
                return Some(Effect::RestoreBookmark(bookmark));
            }
            _ => {}
        }
        None
    }

    /// Puts the cursor on the first passage in view; called when an article is shown.
    pub(super) fn reset_cursor(&mut self) {
        self.selection = None;
        self.cursor = self
            .view()
            .map_or(0, |view| view.anchor_of(self.top).0)
            .min(self.last_block());
    }

    pub(super) fn last_block(&self) -> usize {
        self.open_article()
            .map_or(0, |a| a.blocks.len().saturating_sub(1))
    }

    /// After a scroll, brings the cursor back into view if it left.
    pub(super) fn keep_cursor_in_view(&mut self) {
        let height = self.page_height();
        let Some((first, last)) = self
            .view()
            .and_then(|view| view.blocks_in_view(self.top, height))
        else {
            return;
        };
        self.cursor = self.cursor.clamp(first, last);
    }

    /// `}` and `{`: the cursor to the next or previous passage, scrolling to show it.
    fn move_cursor(&mut self, delta: isize) {
        self.cursor = crate::scroll::move_index(self.cursor, delta, self.last_block() + 1);
        let height = self.page_height();
        let Some(view) = self.view() else {
            return;
        };
        let start = view.spot_of(self.cursor, 0);
        let segment_end = Spot {
            segment: self.cursor + 1,
            line: view.segment(self.cursor + 1).len().saturating_sub(1),
        };
        let last_visible = view.advance(self.top, height as isize - 1);
        if start < self.top {
            // Moving up: the passage's first line at the top, with the gap above it.
            self.top = view.advance(start, -1);
        } else if segment_end > last_visible {
            // Moving down: the whole passage in view if it fits, else its start at the top.
            let fits = view.advance(segment_end, -(height as isize - 1));
            self.top = fits.min(view.advance(start, -1));
        }
        self.clamp_top();
    }

    fn start_bookmark(&mut self) {
        if self.as_written.is_some() {
            self.message = Some("bookmarks mark the article, not the file as it is".to_owned());
            return;
        }
        if let Some(reason) = &self.bookmarking_off {
            self.message = Some(reason.clone());
            return;
        }
        if self.open_article().is_none_or(|a| a.blocks.is_empty()) {
            return;
        }
        let (first, last) = self.marked_blocks();
        let existing = (self.selection.is_none())
            .then(|| {
                self.places.iter().position(|place| {
                    place.is_some_and(|p| {
                        p.article == self.open
                            && p.anchor
                                .blocks()
                                .is_some_and(|(f, l)| f <= first && last <= l)
                    })
                })
            })
            .flatten();
        match existing {
            Some(index) => {
                let bookmark = &self.bookmarks[index];
                self.open_note_prompt(
                    Purpose::EditNote {
                        id: bookmark.id.clone(),
                    },
                    bookmark.note.clone(),
                );
            }
            None => self.open_note_prompt(Purpose::NewNote { first, last }, String::new()),
        }
    }

    fn open_note_prompt(&mut self, purpose: Purpose, text: String) {
        self.prompt = Some(Prompt::new(
            purpose,
            crate::input_line::InputLine::new(&text),
        ));
    }

    /// Enter in a note line.
    pub(super) fn submit_note(&mut self, purpose: Purpose, note: String) -> Option<Effect> {
        match purpose {
            Purpose::NewNote { first, last } => {
                let article = self.open_article()?;
                let new =
                    NewBookmark::from_selection(article, Selection::blocks(first, last), &note)?;
                self.selection = None;
                Some(Effect::AddBookmark(new))
            }
            Purpose::EditNote { id } => Some(Effect::UpdateNote { id, note }),
            _ => None,
        }
    }

    /// Ctrl-d in a note line: the first asks, the second removes the bookmark whose note it is.
    /// (Ctrl-d is half a page down to less and vim users: one press alone must not delete.)
    pub(super) fn remove_from_prompt(&mut self) -> Option<Effect> {
        let Some(Prompt {
            purpose: Purpose::EditNote { id },
            confirm_remove,
            ..
        }) = &mut self.prompt
        else {
            return None;
        };
        if !*confirm_remove {
            *confirm_remove = true;
            return None;
        }
        let id = id.clone();
        self.prompt = None;
        self.remove_bookmark(&id)
    }

    fn delete_selected_bookmark(&mut self) -> Option<Effect> {
        let index = self.selected_bookmark()?;
        let id = self.bookmarks[index].id.clone();
        self.remove_bookmark(&id)
    }

    /// Asks the app to delete bookmark `id`, keeping a copy for `u` in the bookmarks view,
    /// wherever the delete happened.
    fn remove_bookmark(&mut self, id: &str) -> Option<Effect> {
        let bookmark = self.bookmarks.iter().find(|b| b.id == id)?.clone();
        self.removed_bookmarks.push(bookmark);
        Some(Effect::RemoveBookmark { id: id.to_owned() })
    }

    fn copy_passage(&mut self) -> Option<Effect> {
        let article = self.open_article()?;
        let (first, last) = self.marked_blocks();
        let text: Vec<&str> = article
            .blocks
            .get(first..=last)?
            .iter()
            .map(|b| b.text.as_str())
            .collect();
        Some(Effect::Copy(text.join("\n\n")))
    }

    fn jump_to_bookmark(&mut self) -> Option<Effect> {
        let index = self.selected_bookmark()?;
        let Some(place) = self.places[index] else {
            self.message = Some(format!(
                "“{}” is not among the loaded articles",
                self.bookmarks[index].article.title
            ));
            return None;
        };
        let Some((first, _)) = place.anchor.blocks() else {
            self.message = Some(
                "the passage is no longer in the article (orphaned); its saved text is in the list"
                    .to_owned(),
            );
            return None;
        };
        self.overlay = None;
        self.leave_raw();
        self.focus = Focus::Reader;
        let effect = self.switch_article(place.article);
        self.engaged = true;
        self.cursor = first.min(self.last_block());
        if let Some(view) = self.view() {
            self.top = view.advance(view.spot_of(first, 0), -1);
        }
        self.clamp_top();
        effect
    }
}
