//! Articles arriving while the interface runs: the list fills batch by batch, the article the
//! person last read opens when it arrives (unless they are already reading another), and searches
//! and bookmarks take in the new articles.

use crate::article::{Article, Block};
use crate::bookmarks::{self, Bookmark};

use super::bookmarks::Place;
use super::{Focus, State};

/// How far a background load has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loading {
    /// Files the walk found, once it has finished (batches come while it goes on).
    pub files: Option<usize>,
    /// Files read so far, loaded or skipped.
    pub read: usize,
}

impl State {
    /// Marks the state as loading in the background: the list will fill as batches arrive.
    pub fn start_loading(&mut self) {
        self.loading = Some(Loading::default());
    }

    /// The walk found `files` files: room is made for the articles still to come at once (most
    /// files are one article), as the batches would otherwise grow every list by doubling.
    pub fn files_found(&mut self, files: usize) {
        if let Some(loading) = &mut self.loading {
            loading.files = Some(files);
            let to_come = files.saturating_sub(loading.read);
            self.articles.reserve(to_come);
            self.article_ids.reserve(to_come);
            self.keys.reserve(to_come);
            self.reads.reserve(to_come);
            self.read_at.reserve(to_come);
        }
    }

    /// Appends a batch of loaded articles, which came from `files_read` files of the load (loaded
    /// or skipped: an mbox is one file of many articles, and the progress counts files); those
    /// at `blocks_later` (places in the batch) came without their blocks (`fill_blocks`).
    pub fn add_articles(
        &mut self,
        articles: Vec<Article>,
        files_read: usize,
        blocks_later: &[usize],
    ) {
        let first_new = self.articles.len();
        let had_none = first_new == 0;
        (self.blocks_to_come).extend(blocks_later.iter().map(|place| first_new + place));
        for (offset, article) in articles.iter().enumerate() {
            self.article_ids.insert(&article.id, first_new + offset);
        }
        self.keys.extend(&articles);
        self.articles.extend(articles);
        for index in first_new..self.articles.len() {
            self.note_read(index);
        }
        self.refresh_order();
        if let Some(loading) = &mut self.loading {
            loading.read += files_read;
        }
        if let Some(filter) = &mut self.filter {
            filter.search.corpus_grew();
        }
        let reopen = self
            .pending_open
            .as_ref()
            .and_then(|id| self.article_ids.get(id, &self.articles));
        match reopen {
            // The article read last time arrived: reopen it, unless the person has begun
            // reading another meanwhile.
            Some(index) => {
                self.pending_open = None;
                if !self.engaged {
                    self.show_article(index);
                    self.focus = Focus::Reader;
                    self.engaged = true;
                }
            }
            None if had_none => {
                // The first article listed (under the first folder's heading, say).
                if let Some(first) = (0..self.row_count()).find_map(|row| self.article_at(row)) {
                    self.show_article(first);
                }
            }
            None => {}
        }
        if self.places.iter().any(Option::is_none) {
            self.places = self.bookmarks.iter().map(|b| self.place_of(b)).collect();
        }
    }

    /// The blocks of articles that came without them: of article `first` and those after it.
    pub fn fill_blocks(&mut self, first: usize, blocks: Vec<Vec<Block>>) {
        let filled = first..first.saturating_add(blocks.len());
        for (index, blocks) in filled.clone().zip(blocks) {
            if let Some(article) = self.articles.get_mut(index) {
                article.blocks = blocks;
            }
            self.blocks_to_come.remove(&index);
        }
        // A search across the articles goes on into them (it stopped before the first).
        if let Some(filter) = &mut self.filter {
            filter.search.corpus_grew();
        }
        // The passages bookmarked in them can be found now.
        let in_filled = |bookmark: &Bookmark| {
            (self.article_ids.get(&bookmark.article.id, &self.articles))
                .is_some_and(|index| filled.contains(&index))
        };
        if self.bookmarks.iter().any(in_filled) {
            self.places = self.bookmarks.iter().map(|b| self.place_of(b)).collect();
        }
        // The article in the reader was only its title: now its text, where it was left.
        if filled.contains(&self.open) && self.as_written.is_none() {
            self.lay_out_open_article();
        }
    }

    /// Loading is over: what was not found by id may be found by title now.
    pub fn finish_loading(&mut self) {
        self.loading = None;
        self.pending_open = None;
        self.places = self.bookmarks.iter().map(|b| self.place_of(b)).collect();
    }

    /// Where `bookmark`'s passage is among the articles loaded so far. By id; once loading is
    /// over, also by title (a moved or renamed file has a new id).
    pub(super) fn place_of(&self, bookmark: &Bookmark) -> Option<Place> {
        if let Some(index) = self.article_ids.get(&bookmark.article.id, &self.articles) {
            return Some(Place {
                article: index,
                anchor: bookmarks::resolve(bookmark, &self.articles[index]),
            });
        }
        if self.loading.is_some() {
            return None;
        }
        let (article, anchor) = bookmarks::find_article(bookmark, &self.articles)?;
        let index = self.article_ids.get(&article.id, &self.articles)?;
        Some(Place {
            article: index,
            anchor,
        })
    }
}
