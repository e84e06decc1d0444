//! A search in the open article: its matches found near the screen first and the rest in bounded
//! steps between keys, and the next or previous match from any match, found or not yet.
//!
//! Pure: the article is passed in, never kept. On a 50 MB article the first letter of a query
//! matches millions of times; collecting them all took 90 ms, so a key scans only what is near
//! the screen, and `Action::SearchStep` (sent by the loop whenever no input waits) scans on.
//! The scanned blocks are always one run, `scanned`, grown outward from where the reader was:
//! forward first (what the screen shows and the first match typing jumps to), then back to the
//! top (so a match's number is known), then forward to the end. A new query replaces the `Find`,
//! which cancels its steps.

use std::collections::VecDeque;
use std::ops::Range;

use crate::article::Article;
use crate::search::{Match, Query};

/// Bytes of the article one step scans (and the key that changes the query): about 2 ms for a
/// letter matching every few words on the bench machine, so a key pressed while the count goes on
/// waits for at most one short step.
pub const FIND_STEP_BYTES: usize = 1024 * 1024;

/// Bytes after the reader's place scanned before any before it: more than a screen at any size,
/// so the screen's matches are highlighted after the key.
const NEAR_BYTES: usize = 64 * 1024;

/// A place in the body: a block and a byte offset in its text.
type Place = (usize, usize);

/// Which match the person is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Current {
    /// The `n`th match in the title.
    Title(usize),
    Body(Match),
}

/// A query and its matches in the open article, in text order: the title's first, then the
/// body's. A match is numbered in that order, the title's from 0.
#[derive(Debug, Clone)]
pub struct Find {
    pub query: Query,
    /// Byte ranges of the matches in the article's title (a title is short: all found at once).
    pub title: Vec<Range<usize>>,
    /// The matches in the blocks `scanned`, in text order.
    found: VecDeque<Match>,
    /// The blocks searched so far: one run, grown both ways from where the reader was.
    scanned: Range<usize>,
    blocks: usize,
    scanned_bytes: usize,
    total_bytes: usize,
    /// Bytes scanned forward from where the scan started.
    ahead_bytes: usize,
    /// Typing jumps to the first match at or after this place; the scan goes forward first
    /// until it is found.
    jump_from: Option<Place>,
    /// Enter was pressed before the count ended: say "no match" if none is found.
    report_none: bool,
    /// The match the person is on, once they have moved to one.
    pub current: Option<Current>,
}

impl Find {
    /// A search of `article` for `query` starting at `place` (`None`: the top, where the title
    /// shows). Nothing of the body is scanned yet: see `step`.
    pub fn new(query: Query, article: &Article, place: Option<Place>) -> Find {
        let title = query.find_iter(&article.title).collect();
        let start = place.map_or(0, |(block, _)| block.min(article.blocks.len()));
        Find {
            query,
            title,
            found: VecDeque::new(),
            scanned: start..start,
            blocks: article.blocks.len(),
            scanned_bytes: 0,
            total_bytes: article.blocks.iter().map(|b| b.text.len()).sum(),
            ahead_bytes: 0,
            jump_from: None,
            report_none: false,
            current: None,
        }
    }

    /// Every match found so far, the title's and the body's.
    pub fn len(&self) -> usize {
        self.title.len() + self.found.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether every block has been searched, so `len` is the count.
    pub fn is_done(&self) -> bool {
        self.scanned == (0..self.blocks)
    }

    /// How much of the body has been searched, in percent (below 100 until done).
    pub fn percent_done(&self) -> usize {
        if self.is_done() {
            return 100;
        }
        (self.scanned_bytes * 100 / self.total_bytes.max(1)).min(99)
    }

    /// The number of the current match in text order from 0, once every match before it is
    /// found.
    pub fn current_number(&self) -> Option<usize> {
        match self.current.as_ref()? {
            Current::Title(i) => Some(*i),
            Current::Body(m) if self.scanned.start == 0 && m.block < self.scanned.end => {
                Some(self.title.len() + self.found.partition_point(|f| before(f, m)))
            }
            Current::Body(_) => None,
        }
    }

    /// The current match when it is in the body.
    pub fn current_match(&self) -> Option<&Match> {
        match &self.current {
            Some(Current::Body(m)) => Some(m),
            _ => None,
        }
    }

    /// The body matches in block `block` that overlap `visible`, with whether each is the
    /// current one. Only found matches: the blocks near the screen are searched first.
    pub fn matches_on<'a>(
        &'a self,
        block: usize,
        visible: &'a Range<usize>,
    ) -> impl Iterator<Item = (Range<usize>, bool)> + 'a {
        let current = self.current_match();
        let first = self
            .found
            .partition_point(|m| (m.block, m.range.end) <= (block, visible.start));
        self.found
            .range(first..)
            .take_while(move |m| m.block == block && m.range.start < visible.end)
            .filter(|m| m.range.end > visible.start)
            .map(move |m| (m.range.clone(), current == Some(m)))
    }

    /// Makes typing jump to the first match at or after `place` once it is found.
    pub(super) fn jump_when_found(&mut self, place: Place) {
        self.jump_from = Some(place);
    }

    /// Forgets a pending jump: the person went somewhere else.
    pub(super) fn cancel_jump(&mut self) {
        self.jump_from = None;
    }

    /// The match a pending jump goes to, once the scan has found it; the jump is then done (or
    /// given up when the scan passed the end with no match after its place).
    pub(super) fn take_jump(&mut self) -> Option<Match> {
        let from = self.jump_from?;
        let at = self
            .found
            .partition_point(|m| (m.block, m.range.start) < from);
        if let Some(m) = self.found.get(at) {
            self.jump_from = None;
            return Some(m.clone());
        }
        if self.scanned.end == self.blocks {
            self.jump_from = None;
        }
        None
    }

    /// Enter was pressed: if the count ends with no match, `step` says so.
    pub(super) fn report_if_none(&mut self) {
        self.report_none = true;
    }

    /// Searches about `budget` more bytes of `article`, whole blocks: ahead of the start while
    /// the screen or a jump needs it, then back to the top, then on to the end. Returns the
    /// message to show when the count ended with no match after Enter.
    pub(super) fn step(&mut self, article: &Article, budget: usize) -> Option<String> {
        let blocks = &article.blocks[..self.blocks.min(article.blocks.len())];
        let mut spent = 0;
        let mut before_block = Vec::new();
        while spent < budget && !self.is_done() {
            let ahead = self.scanned.end < blocks.len()
                && (self.jump_from.is_some()
                    || self.ahead_bytes < NEAR_BYTES
                    || self.scanned.start == 0);
            let text = if ahead {
                let block = self.scanned.end;
                let text = &blocks[block].text;
                self.found.extend(
                    self.query
                        .find_iter(text)
                        .map(|range| Match { block, range }),
                );
                self.scanned.end += 1;
                self.ahead_bytes += text.len();
                text
            } else if let Some(block) = self.scanned.start.checked_sub(1) {
                let text = &blocks[block].text;
                before_block.clear();
                before_block.extend(self.query.find_iter(text));
                for range in before_block.drain(..).rev() {
                    self.found.push_front(Match { block, range });
                }
                self.scanned.start = block;
                text
            } else {
                // The article is shorter than when the search began: what is left is done.
                self.blocks = blocks.len();
                break;
            };
            self.scanned_bytes += text.len();
            // An empty block costs a little too, and the loop must end on a run of them.
            spent += text.len() + 1;
        }
        if self.is_done() && self.is_empty() && std::mem::take(&mut self.report_none) {
            return Some(format!("no match for {}", self.query.as_str()));
        }
        None
    }

    /// The first match at or after `place` in the body, searching on past what is found.
    fn first_from(&self, article: &Article, place: Place) -> Option<Match> {
        let mut block = place.0;
        while block < self.blocks.min(article.blocks.len()) {
            if self.scanned.contains(&block) {
                let at = self
                    .found
                    .partition_point(|m| (m.block, m.range.start) < place);
                if let Some(m) = self.found.get(at) {
                    return Some(m.clone());
                }
                block = self.scanned.end;
                continue;
            }
            let text = &article.blocks[block].text;
            let found = self
                .query
                .find_iter(text)
                .find(|r| (block, r.start) >= place);
            if let Some(range) = found {
                return Some(Match { block, range });
            }
            block += 1;
        }
        None
    }

    /// The last match before `place` in the body, searching back past what is found.
    fn last_before(&self, article: &Article, place: Place) -> Option<Match> {
        let end = self.blocks.min(article.blocks.len());
        let mut block = place.0.min(end.checked_sub(1)?);
        loop {
            if self.scanned.contains(&block) {
                let at = self
                    .found
                    .partition_point(|m| (m.block, m.range.start) < place);
                if let Some(at) = at.checked_sub(1) {
                    return self.found.get(at).cloned();
                }
                block = self.scanned.start;
            } else {
                let text = &article.blocks[block].text;
                let found = self
                    .query
                    .find_iter(text)
                    .take_while(|r| (block, r.start) < place)
                    .last();
                if let Some(range) = found {
                    return Some(Match { block, range });
                }
            }
            block = block.checked_sub(1)?;
        }
    }

    /// The first match from `place` on (`None`: from the top, the title included), and
    /// whether the search wrapped to the top to find it. `None` when nothing matches at all.
    pub(super) fn next_from(
        &self,
        article: &Article,
        place: Option<Place>,
    ) -> Option<(Current, bool)> {
        let from_top = || {
            (!self.title.is_empty())
                .then_some(Current::Title(0))
                .or_else(|| self.first_from(article, (0, 0)).map(Current::Body))
        };
        match place {
            None => from_top().map(|c| (c, false)),
            Some(place) => match self.first_from(article, place) {
                Some(m) => Some((Current::Body(m), false)),
                None => from_top().map(|c| (c, true)),
            },
        }
    }

    /// The match after the current one (the first from the top when there is none), and
    /// whether the search wrapped to the top to find it.
    pub(super) fn next(&self, article: &Article) -> Option<(Current, bool)> {
        match self.current.as_ref()? {
            Current::Title(i) if i + 1 < self.title.len() => Some((Current::Title(i + 1), false)),
            Current::Title(_) => match self.first_from(article, (0, 0)) {
                Some(m) => Some((Current::Body(m), false)),
                None => Some((Current::Title(0), true)),
            },
            Current::Body(m) => self.next_from(article, Some((m.block, m.range.start + 1))),
        }
    }

    /// The match before the current one (the last of all when there is none), and whether the
    /// search wrapped to the bottom to find it.
    pub(super) fn previous(&self, article: &Article) -> Option<(Current, bool)> {
        let last_of_all = || {
            self.last_before(article, (usize::MAX, 0))
                .map(Current::Body)
                .or_else(|| self.title.len().checked_sub(1).map(Current::Title))
        };
        let before = match self.current.as_ref()? {
            Current::Title(i) => i.checked_sub(1).map(Current::Title),
            Current::Body(m) => self
                .last_before(article, (m.block, m.range.start))
                .map(Current::Body)
                .or_else(|| self.title.len().checked_sub(1).map(Current::Title)),
        };
        match before {
            Some(c) => Some((c, false)),
            None => last_of_all().map(|c| (c, true)),
        }
    }
}

/// Whether match `a` comes before match `b` in the text.
fn before(a: &Match, b: &Match) -> bool {
    (a.block, a.range.start) < (b.block, b.range.start)
}

#[cfg(test)]
mod tests;
