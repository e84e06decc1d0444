//! Bookmark changes that could not be saved yet because another process holds the lock
//! (`flock bookmarks.lock sleep 600`): kept in order, tried again while the interface runs, and
//! named on stderr if folio ends before they could be saved. The interface never waits on a
//! lock for longer than `FIRST_TRY`, so it stays responsive and quitting always works.

use std::collections::VecDeque;
use std::time::Duration;

use crate::state::Effect;
use crate::store::Patience;

/// How long a change made in the interface waits for the lock before it is kept for later.
pub(super) const FIRST_TRY: Patience = Duration::from_millis(50);
/// How often changes kept for later are tried again.
pub(super) const RETRY_EVERY: Duration = Duration::from_millis(250);
/// How long the last try, on the way out, waits for the lock (positions, then bookmarks).
pub(super) const AT_EXIT: Patience = Duration::from_secs(2);

/// Bookmark changes not saved yet, oldest first.
#[derive(Debug, Default)]
pub(super) struct Waiting {
    changes: VecDeque<Effect>,
}

impl Waiting {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Keeps a change to be tried after those already waiting.
    pub fn push(&mut self, change: Effect) {
        self.changes.push_back(change);
    }

    /// Puts back a change that was tried first and still could not be saved.
    pub fn put_back(&mut self, change: Effect) {
        self.changes.push_front(change);
    }

    pub fn take_first(&mut self) -> Option<Effect> {
        self.changes.pop_front()
    }

    /// One line per change that was never saved, for stderr when folio ends.
    pub fn not_saved(&self) -> Vec<String> {
        self.changes.iter().map(describe).collect()
    }
}

/// What a change is, in words for the person, with the note it carried (already sanitized by the
/// interface's input line).
fn describe(change: &Effect) -> String {
    match change {
        Effect::AddBookmark(new) if new.note.is_empty() => {
            format!("a new bookmark in “{}”", new.article.title)
        }
        Effect::AddBookmark(new) => format!(
            "a new bookmark in “{}” with the note “{}”",
            new.article.title, new.note
        ),
        Effect::UpdateNote { note, .. } => format!("a bookmark's note “{note}”"),
        Effect::RemoveBookmark { .. } => "a bookmark's deletion".to_owned(),
        Effect::RestoreBookmark(bookmark) => {
            format!("the undo of a deletion in “{}”", bookmark.article.title)
        }
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_tried_in_order_and_a_failed_first_goes_back_first() {
        let mut waiting = Waiting::default();
        waiting.push(Effect::RemoveBookmark { id: "a".into() });
        waiting.push(Effect::UpdateNote {
            id: "b".into(),
            note: "n".into(),
        });
        let first = waiting.take_first().unwrap();
        waiting.put_back(first);
        assert_eq!(
            waiting.not_saved(),
            ["a bookmark's deletion", "a bookmark's note “n”"]
        );
    }
}
