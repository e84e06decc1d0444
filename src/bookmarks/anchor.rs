//! Passages: what a bookmark saves of the text it marks, and how it is found again after the
//! article changed.
//!
//! A passage keeps its block range, its text (the quote) and about 80 characters either side (the
//! context). Finding it again searches for the quote, not the index, so a paragraph inserted above
//! only moves it; the context picks the right one when the quote occurs more than once. Text is
//! compared with whitespace collapsed, so re-wrapping a file does not orphan anything. Pure.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::article::Block;

/// Characters of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 80;

/// Occurrences of a quote considered at most; a quote that occurs more often than this ("the") is
/// placed among the first ones.
const MAX_CANDIDATES: usize = 1000;

/// The text a bookmark marks and where it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Index of the first block the selection touches.
    pub first_block: usize,
    /// Index of the last block (the same as `first_block` for a selection inside one block).
    pub last_block: usize,
    /// The selected text; blocks are separated by a blank line.
    pub quote: String,
    /// Up to `CONTEXT_CHARS` characters before the quote, whitespace collapsed.
    #[serde(default)]
    pub before: String,
    /// Up to `CONTEXT_CHARS` characters after the quote, whitespace collapsed.
    #[serde(default)]
    pub after: String,
    /// Fields a newer folio wrote that this one does not know: kept, and written back.
    #[serde(flatten, default, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

/// A selection in the reader: from byte `start` of block `first_block` to byte `end` (exclusive)
/// of block `last_block`. An `end` past the block's text means its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub first_block: usize,
    pub start: usize,
    pub last_block: usize,
    pub end: usize,
}

impl Selection {
    /// Whole blocks `first..=last`.
    pub fn blocks(first: usize, last: usize) -> Selection {
        Selection {
            first_block: first,
            start: 0,
            last_block: last,
            end: usize::MAX,
        }
    }
}

/// Where a passage is in the article as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Anchor {
    /// The quote is where it was saved.
    Exact {
        first_block: usize,
        last_block: usize,
    },
    /// The quote was found elsewhere: the article changed around it.
    Moved {
        first_block: usize,
        last_block: usize,
    },
    /// The quote is no longer in the article; the bookmark keeps its saved text.
    Orphaned,
}

impl Anchor {
    /// The blocks to highlight, when the passage was found.
    pub fn blocks(&self) -> Option<(usize, usize)> {
        match *self {
            Anchor::Exact {
                first_block,
                last_block,
            }
            | Anchor::Moved {
                first_block,
                last_block,
            } => Some((first_block, last_block)),
            Anchor::Orphaned => None,
        }
    }
}

/// The passage a selection marks, or `None` when the selection is out of range, splits a
/// character, or holds only whitespace.
pub fn capture(blocks: &[Block], selection: Selection) -> Option<Passage> {
    let Selection {
        first_block: first,
        start,
        last_block: last,
        end,
    } = selection;
    if first > last || last >= blocks.len() {
        return None;
    }
    let first_text = &blocks[first].text;
    let last_text = &blocks[last].text;
    let end = end.min(last_text.len());
    if !first_text.is_char_boundary(start) || !last_text.is_char_boundary(end) {
        return None;
    }
    let quote = if first == last {
        first_text.get(start..end)?.to_owned()
    } else {
        let mut parts = vec![&first_text[start..]];
        parts.extend(blocks[first + 1..last].iter().map(|b| b.text.as_str()));
        parts.push(&last_text[..end]);
        parts.join("\n\n")
    };
    let quote = quote.trim();
    if quote.is_empty() {
        return None;
    }

    // Context: enough neighbouring blocks to fill CONTEXT_CHARS, then collapsed and cut.
    let mut before = first_text[..start].to_owned();
    for block in blocks[..first].iter().rev() {
        if before.chars().count() > 2 * CONTEXT_CHARS {
            break;
        }
        before = format!("{} {before}", block.text);
    }
    let mut after = last_text[end..].to_owned();
    for block in &blocks[last + 1..] {
        if after.chars().count() > 2 * CONTEXT_CHARS {
            break;
        }
        after = format!("{after} {}", block.text);
    }
    Some(Passage {
        first_block: first,
        last_block: last,
        quote: quote.to_owned(),
        before: last_chars(&collapse(&before), CONTEXT_CHARS)
            .trim_start()
            .to_owned(),
        after: first_chars(&collapse(&after), CONTEXT_CHARS)
            .trim_end()
            .to_owned(),
        extra: Map::new(),
    })
}

/// Finds `passage` in `blocks`: exact when the best match is at the saved blocks, moved when it
/// is elsewhere, orphaned when the quote is gone.
pub fn resolve_passage(passage: &Passage, blocks: &[Block]) -> Anchor {
    let quote = collapse(&passage.quote);
    if quote.is_empty() {
        // Nothing to search for (a hand-edited file): trust the saved position if it exists.
        return if passage.last_block < blocks.len() && passage.first_block <= passage.last_block {
            Anchor::Exact {
                first_block: passage.first_block,
                last_block: passage.last_block,
            }
        } else {
            Anchor::Orphaned
        };
    }
    let flat = Flat::new(blocks);
    let before = collapse(&passage.before);
    let after = collapse(&passage.after);
    let best = flat
        .occurrences(&quote)
        .into_iter()
        .map(|start| {
            let end = start + quote.len();
            let blocks = (flat.block_at(start), flat.block_at(end - 1));
            let score = common_suffix(flat.text[..start].trim_end(), &before)
                + common_prefix(flat.text[end..].trim_start(), &after);
            let distance = blocks.0.abs_diff(passage.first_block);
            (score, distance, start, blocks)
        })
        // Most context in common; then nearest the saved place; then the earliest.
        .min_by_key(|&(score, distance, start, _)| (std::cmp::Reverse(score), distance, start));
    match best {
        None => Anchor::Orphaned,
        Some((.., (first_block, last_block)))
            if (first_block, last_block) == (passage.first_block, passage.last_block) =>
        {
            Anchor::Exact {
                first_block,
                last_block,
            }
        }
        Some((.., (first_block, last_block))) => Anchor::Moved {
            first_block,
            last_block,
        },
    }
}

/// The body as one whitespace-collapsed string, and where each block starts in it. The space
/// between two blocks belongs to the earlier one.
struct Flat {
    text: String,
    starts: Vec<usize>,
}

impl Flat {
    fn new(blocks: &[Block]) -> Flat {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(blocks.len());
        for block in blocks {
            starts.push(text.len());
            for word in block.text.split_whitespace() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(word);
            }
        }
        Flat { text, starts }
    }

    /// The block holding byte `pos`. An empty block starts where the next one does, so the search
    /// lands on the later, non-empty one.
    fn block_at(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    /// Start offsets of `needle`, overlapping ones included.
    fn occurrences(&self, needle: &str) -> Vec<usize> {
        let step = needle.chars().next().map_or(1, char::len_utf8);
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = self.text[from..].find(needle) {
            found.push(from + at);
            if found.len() == MAX_CANDIDATES {
                break;
            }
            from += at + step;
        }
        found
    }
}

/// Whitespace runs (newlines included) as single spaces, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn last_chars(text: &str, n: usize) -> &str {
    let skip = text.chars().count().saturating_sub(n);
    text.char_indices()
        .nth(skip)
        .map_or("", |(i, _)| &text[i..])
}

fn first_chars(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or(text, |(i, _)| &text[..i])
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests;
