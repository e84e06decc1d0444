//! Search: what a query means (`query`), where it matches in an article's blocks, and which
//! articles of a corpus match, ranked (`corpus`), plus the one-line context a result shows
//! (`snippet`).
//!
//! Pure: no disk, no terminal, no threads. Matches are byte ranges in `Block::text` (not in wrapped
//! screen lines), so a phrase cut by a wrap point is still one match; the reader maps ranges onto
//! lines with `wrap::Layout`, whose lines cover each block's text contiguously.
//!
//! Long searches over a large corpus run in bounded steps on the caller's thread
//! (`CorpusSearch::step`), which fits the synchronous event loop: the loop scans a slice of text
//! between two events, and when the query changes it drops the old `CorpusSearch` and starts a new
//! one, so the newest query always wins without a worker thread or a cancel flag.

pub mod corpus;
pub mod query;
mod smart_case;
pub mod snippet;

use std::ops::Range;

pub use corpus::{CorpusSearch, Hit, rank, rank_by, search_corpus};
pub use query::{Query, QueryError, RequiredWord};
pub use snippet::{Snippet, snippet};

/// One occurrence of a query in an article's body: `range` is a byte range of
/// `article.blocks[block].text`, never empty, always on `char` boundaries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Match {
    pub block: usize,
    pub range: Range<usize>,
}
