//! Search: what a query means (`query`) and where it matches in an article's blocks.
//!
//! Pure: no disk, no terminal, no threads. Matches are byte ranges in `Block::text` (not in wrapped
//! screen lines), so a phrase cut by a wrap point is still one match; the reader maps ranges onto
//! lines with `wrap::Layout`, whose lines cover each block's text contiguously.

pub mod query;
mod smart_case;

use std::ops::Range;

pub use query::{Query, QueryError};

/// One occurrence of a query in an article's body: `range` is a byte range of
/// `article.blocks[block].text`, never empty, always on `char` boundaries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Match {
    pub block: usize,
    pub range: Range<usize>,
}
