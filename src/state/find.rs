//! A search in the open article: its matches found near the screen first and the rest in bounded
//! steps between keys, and the next or previous match from any match, found or not yet.
//!
//! Pure: the article is passed in, never kept. On a 50 MB article the first letter of a query
//! matches millions of times; collecting them all took 90 ms, so a key scans only what is near
//! the screen, and `Action::SearchStep` (sent by the loop whenever no input waits) scans on.
//! The scanned blocks are always one run, `scanned`, grown outward from where the reader was:
//! forward first (what the screen shows and the first match typing jumps to), then back to the
//! top (so a match's number is known), then forward to the end. A new query replaces the `Find`,
//! which cancels its steps. n and N take a found match when they can and search past the count
//! for one when they cannot, as far as a key may (`SEEK_BYTES`), then on each step until found.

use std::collections::VecDeque;
use std::ops::Range;

use crate::article::Article;
use crate::search::{Match, Query};

/// Bytes of the article one step scans (and the key that changes the query): about 2 ms for a
/// letter matching every few words on the bench machine, so a key pressed while the count goes on
/// waits for at most one short step.
pub const FIND_STEP_BYTES: usize = 1024 * 1024;

/// Bytes of blocks not yet counted that n or N searches for its match, on the key and then on
/// each step: a memory-speed scan with nothing collected, about 2 ms for a caseless word.
const SEEK_BYTES: usize = 4 * 1024 * 1024;

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
    /// An n or N whose match is past what a key may search, searched for on each step.
    seek: Option<Seek>,
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
            seek: None,
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
        let at = self.found_before(from);
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

    /// n or N (`forward`) from the current match, or with none chosen yet the first match from
    /// `view` (where the screen starts; `None`: the top). Searches up to `SEEK_BYTES` past what
    /// is counted; when that does not reach the match, the steps between keys search on.
    pub(super) fn start_move(
        &mut self,
        article: &Article,
        forward: bool,
        view: Option<Place>,
    ) -> Moved {
        let seek = match (self.current.clone(), forward) {
            (None, _) => match view {
                None if !self.title.is_empty() => return Moved::To(Current::Title(0)),
                // From the top nothing is passed over, so there is nothing to wrap to.
                None => Seek::forward((0, 0), true, true),
                Some(place) => Seek::forward(place, false, true),
            },
            (Some(Current::Title(i)), true) if i + 1 < self.title.len() => {
                return Moved::To(Current::Title(i + 1));
            }
            (Some(Current::Title(_)), true) => Seek::forward((0, 0), false, false),
            (Some(Current::Title(i)), false) => match i.checked_sub(1) {
                Some(before) => return Moved::To(Current::Title(before)),
                None => Seek::backward((usize::MAX, 0), true),
            },
            (Some(Current::Body(m)), true) => {
                Seek::forward((m.block, m.range.start + 1), false, false)
            }
            (Some(Current::Body(m)), false) => Seek::backward((m.block, m.range.start), false),
        };
        self.seek = Some(seek);
        self.seek_on(article).expect("a seek was just set")
    }

    /// Searches on for a pending n or N; `None` when there is none.
    pub(super) fn seek_on(&mut self, article: &Article) -> Option<Moved> {
        let mut seek = self.seek.take()?;
        let mut budget = SEEK_BYTES;
        loop {
            let scan = if seek.forward {
                self.first_from(article, seek.place, seek.block, &mut budget)
            } else {
                self.last_before(article, seek.place, seek.block, &mut budget)
            };
            let moved = |to: Current, wrapped: bool| match wrapped && !seek.quiet {
                true => Moved::Wrapped {
                    to,
                    forward: seek.forward,
                },
                false => Moved::To(to),
            };
            let title_last = self.title.len().checked_sub(1).map(Current::Title);
            return Some(match scan {
                Scan::Found(m) => moved(Current::Body(m), seek.wrapped),
                Scan::Paused(block) => {
                    seek.block = block;
                    self.seek = Some(seek);
                    Moved::Searching
                }
                // Past the end of the body: the title's first, or round to the body's first.
                Scan::Nothing if seek.forward && !seek.wrapped => {
                    if self.title.is_empty() {
                        seek = Seek::forward((0, 0), true, seek.quiet);
                        continue;
                    }
                    moved(Current::Title(0), true)
                }
                // Before the start of the body: the title's last, or round to the body's last.
                Scan::Nothing if !seek.forward && !seek.wrapped => match title_last {
                    Some(last) => Moved::To(last),
                    None => {
                        seek = Seek::backward((usize::MAX, 0), true);
                        continue;
                    }
                },
                Scan::Nothing => match title_last.filter(|_| !seek.forward) {
                    Some(last) => moved(last, true),
                    None => Moved::NoMatch,
                },
            });
        }
    }

    /// How many found matches start before `place`: the index of the first at or after it.
    fn found_before(&self, place: Place) -> usize {
        self.found
            .partition_point(|m| (m.block, m.range.start) < place)
    }

    /// Whether an n or N is still searching.
    pub fn is_seeking(&self) -> bool {
        self.seek.is_some()
    }

    /// The first match at or after `place`, searching blocks from `block` on: found matches
    /// cost nothing, other blocks their bytes out of `budget`.
    fn first_from(
        &self,
        article: &Article,
        place: Place,
        block: usize,
        budget: &mut usize,
    ) -> Scan {
        let mut block = block;
        while block < self.blocks.min(article.blocks.len()) {
            if self.scanned.contains(&block) {
                // Every found match before `block` is before `place` or was passed over.
                let at = self.found_before(place);
                if let Some(m) = self.found.get(at) {
                    return Scan::Found(m.clone());
                }
                block = self.scanned.end;
                continue;
            }
            let text = &article.blocks[block].text;
            if !spend(budget, text) {
                return Scan::Paused(block);
            }
            let found = self
                .query
                .find_iter(text)
                .find(|r| (block, r.start) >= place);
            if let Some(range) = found {
                return Scan::Found(Match { block, range });
            }
            block += 1;
        }
        Scan::Nothing
    }

    /// The last match before `place`, searching blocks from `block` back: found matches cost
    /// nothing, other blocks their bytes out of `budget`.
    fn last_before(
        &self,
        article: &Article,
        place: Place,
        block: usize,
        budget: &mut usize,
    ) -> Scan {
        let Some(last) = self.blocks.min(article.blocks.len()).checked_sub(1) else {
            return Scan::Nothing;
        };
        let mut block = block.min(last);
        loop {
            if self.scanned.contains(&block) {
                let at = self.found_before(place);
                if let Some(m) = at.checked_sub(1).and_then(|at| self.found.get(at)) {
                    return Scan::Found(m.clone());
                }
                block = self.scanned.start;
            } else {
                let text = &article.blocks[block].text;
                if !spend(budget, text) {
                    return Scan::Paused(block);
                }
                let found = self
                    .query
                    .find_iter(text)
                    .take_while(|r| (block, r.start) < place)
                    .last();
                if let Some(range) = found {
                    return Scan::Found(Match { block, range });
                }
            }
            let Some(before) = block.checked_sub(1) else {
                return Scan::Nothing;
            };
            block = before;
        }
    }
}

/// Where n or N went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Moved {
    To(Current),
    /// To this match, round the end of the article (to the top when `forward`).
    Wrapped {
        to: Current,
        forward: bool,
    },
    /// Nothing matches anywhere.
    NoMatch,
    /// The match is further than a key may search: the steps between keys search on.
    Searching,
}

/// An n or N searching on past what is counted.
#[derive(Debug, Clone)]
struct Seek {
    forward: bool,
    /// The match sought is the first at or after this place, or the last before it.
    place: Place,
    /// The block to search next.
    block: usize,
    /// The search went round an end of the article.
    wrapped: bool,
    /// Say nothing about going round (n before any match was chosen).
    quiet: bool,
}

impl Seek {
    fn forward(place: Place, wrapped: bool, quiet: bool) -> Seek {
        Seek {
            forward: true,
            place,
            block: place.0,
            wrapped,
            quiet,
        }
    }

    fn backward(place: Place, wrapped: bool) -> Seek {
        Seek {
            forward: false,
            place,
            block: place.0,
            wrapped,
            quiet: false,
        }
    }
}

/// How far a search for one match got.
enum Scan {
    Found(Match),
    /// The budget ran out; this block is next.
    Paused(usize),
    /// No such match.
    Nothing,
}

/// Whether match `a` comes before match `b` in the text.
fn before(a: &Match, b: &Match) -> bool {
    (a.block, a.range.start) < (b.block, b.range.start)
}

/// Charges the scan of a block of `text` to `budget`: its bytes, and at least 1 so that empty
/// blocks use it up too. False, with nothing charged, when none was left.
fn spend(budget: &mut usize, text: &str) -> bool {
    let Some(left) = budget.checked_sub(1) else {
        return false;
    };
    *budget = left.saturating_sub(text.len());
    true
}

#[cfg(test)]
mod tests;
