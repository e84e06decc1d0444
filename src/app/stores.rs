//! The two files folio keeps for a person, opened for the interface: reading positions and
//! bookmarks, and what to tell the person when one cannot be used.

use std::collections::HashMap;

use ratatui::layout::Rect;

use crate::article::Article;
use crate::bookmarks::BookmarkStore;
use crate::config::Paths;
use crate::positions::PositionStore;
use crate::state::{self, Sort, State};

/// The files folio keeps for the person; `None` when there is no config directory to keep them in.
pub(super) struct Stores {
    pub positions: Option<PositionStore>,
    pub bookmarks: Option<BookmarkStore>,
}

impl Stores {
    /// Opens both stores and says on stderr why one cannot be written, if it cannot: before the
    /// screen opens, so the words are still there after folio exits.
    pub fn open(config_dir: Option<&std::path::Path>) -> Stores {
        let paths = Paths::resolve(config_dir);
        let stores = Stores {
            positions: paths.as_ref().map(PositionStore::open),
            bookmarks: paths.as_ref().map(BookmarkStore::open),
        };
        for reason in [stores.bookmarking_off(), stores.positions_off()]
            .into_iter()
            .flatten()
        {
            crate::output::message(reason);
        }
        stores
    }

    fn bookmarking_off(&self) -> Option<String> {
        match &self.bookmarks {
            None => Some("no config directory (no home?): bookmarks cannot be saved".to_owned()),
            Some(store) => store.disabled_reason().map(str::to_owned),
        }
    }

    fn positions_off(&self) -> Option<String> {
        match &self.positions {
            None => {
                Some("no config directory (no home?): reading positions are not kept".to_owned())
            }
            Some(store) => store.disabled_reason().map(str::to_owned),
        }
    }

    /// The interface state for `articles`, with the saved positions and bookmarks.
    pub fn initial_state(&self, articles: Vec<Article>, size: Rect) -> State {
        let (saved, last_open) = self
            .positions
            .as_ref()
            .map_or_else(Default::default, |store| {
                (saved_positions(store), store.last_open().map(str::to_owned))
            });
        let mut state = State::new(articles, size, saved, last_open.as_deref());
        if let Some(column) = self.positions.as_ref().and_then(PositionStore::column) {
            state.set_initial_column(column);
        }
        // An order that this folio does not know (a newer one wrote it) leaves the default.
        if let Some(sort) = self
            .positions
            .as_ref()
            .and_then(PositionStore::sort)
            .and_then(Sort::parse)
        {
            state.set_initial_sort(sort);
        }
        state.bookmarking_off = self.bookmarking_off();
        if let Some(store) = &self.bookmarks {
            state.set_bookmarks(store.bookmarks().to_vec());
        }
        let errors: Vec<String> = [self.bookmarking_off(), self.positions_off()]
            .into_iter()
            .flatten()
            .collect();
        state.notice = (!errors.is_empty()).then(|| errors.join("; "));
        state
    }
}

/// The store's positions in the form the state keeps them.
fn saved_positions(store: &PositionStore) -> HashMap<String, state::Position> {
    store
        .all()
        .iter()
        .map(|(id, p)| {
            let position = state::Position {
                block: p.block,
                offset: p.offset,
                percent: p.percent,
                mark: p.mark,
                read_at: u64::try_from(p.updated.0).unwrap_or(0),
            };
            (id.clone(), position)
        })
        .collect()
}
