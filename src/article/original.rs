//! The text an article was made from, for the raw view (`r`) and `folio show --raw`: kept in
//! memory only when it cannot be read again; otherwise where it is on disk, and a digest of it,
//! so that reading it again can tell whether the file still holds it.
//!
//! Pure: `corpus` does the reading again, the interface asks for it through an `Effect`.

use std::hash::BuildHasher;
use std::path::PathBuf;

use super::{Article, Block, BlockKind, count_words, split_oversized_blocks};

/// Where the text an article was made from is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Original {
    /// The text itself, sanitized: a built-in article, a pipe's, one built in memory.
    Kept(String),
    /// In a file that `corpus` reads again when the text is asked for: holding every article's
    /// text twice over was a third of folio's memory.
    File {
        /// The path as the loader opened it (not the sanitized one shown).
        path: PathBuf,
        /// For a message of an mbox, its number in the file, from 1.
        message: Option<usize>,
        /// `digest` of the sanitized text the article was made from.
        digest: u64,
    },
}

impl Default for Original {
    fn default() -> Self {
        Original::Kept(String::new())
    }
}

impl Original {
    /// The text, when it is kept in memory.
    pub fn kept(&self) -> Option<&str> {
        match self {
            Original::Kept(text) => Some(text),
            Original::File { .. } => None,
        }
    }
}

/// A digest of an article's sanitized text: whether a file read again still holds what the
/// article was made from. Fixed seed, so it is the same wherever it is computed; not a
/// defence against anyone, only against edits.
pub fn digest(text: &str) -> u64 {
    foldhash::quality::FixedState::with_seed(0x666f_6c69_6f00).hash_one(text.as_bytes())
}

/// The text an article was made from, as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginalText {
    /// Sanitized, otherwise as written.
    pub text: String,
    /// The file no longer holds what the article was made from: this is what it holds now.
    pub changed: bool,
}

/// What the raw view says over the file as it is.
pub const AS_WRITTEN_NOTE: &str = "the file as it is, not cleaned";

/// What it says when the file no longer holds what the article was made from.
pub const CHANGED_NOTE: &str = "the file as it is now: changed since folio read it";

impl Article {
    /// Remembers that this article was read from `path` (message `message` of an mbox) and lets
    /// go of its text: the raw view reads the file again.
    pub fn read_from(&mut self, path: PathBuf, message: Option<usize>) {
        if let Original::Kept(text) = &self.original {
            self.original = Original::File {
                path,
                message,
                digest: digest(text),
            };
        }
    }

    /// `text` (the file as it is, sanitized) as an article for the reader's raw view, the
    /// counterpart of `folio show --raw`: preformatted blocks, one per run of lines between
    /// blank lines, under this article's title, with `note` saying what it is.
    pub fn as_written(&self, text: &str, note: &str) -> Article {
        let blocks: Vec<Block> = text
            .split("\n\n")
            .map(|run| run.trim_matches('\n'))
            .filter(|run| !run.trim().is_empty())
            .map(|run| Block::new(BlockKind::Code, run))
            .collect();
        let blocks = split_oversized_blocks(blocks);
        Article {
            id: self.id.clone(),
            title: self.title.clone(),
            title_original: None,
            byline: None,
            date: None,
            source: None,
            url: self.url.clone(),
            path: self.path.clone(),
            format: self.format,
            word_count: blocks.iter().map(|b| count_words(&b.text)).sum(),
            notes: vec![note.to_owned()],
            // The file as it is has no [n] markers; addresses written out in it still open.
            links: Vec::new(),
            blocks,
            original: Original::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Format;

    #[test]
    fn an_article_read_from_a_file_keeps_where_and_a_digest_not_the_text() {
        let mut article = Article::from_text("a.txt", "a", Format::Text, "Title\n\nBody.\n");
        assert_eq!(article.original.kept(), Some("Title\n\nBody.\n"));
        article.read_from(PathBuf::from("dir/a.txt"), None);
        assert_eq!(
            article.original,
            Original::File {
                path: PathBuf::from("dir/a.txt"),
                message: None,
                digest: digest("Title\n\nBody.\n"),
            }
        );
        assert_eq!(article.original.kept(), None);
    }

    #[test]
    fn digests_tell_texts_apart() {
        assert_eq!(digest("same"), digest("same"));
        assert_ne!(digest("Body."), digest("Body!"));
        assert_ne!(digest(""), digest(" "));
    }

    #[test]
    fn the_file_as_it_is_keeps_its_lines_in_runs_between_blank_lines() {
        let article = Article::from_text("a.md", "a", Format::Markdown, "# T\n\nx");
        let raw = article.as_written("# T\n\n\n\nline one\nline two\n\n", AS_WRITTEN_NOTE);
        let texts: Vec<_> = raw.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["# T", "line one\nline two"]);
        assert!(raw.blocks.iter().all(|b| b.kind == BlockKind::Code));
        assert_eq!(raw.notes, [AS_WRITTEN_NOTE]);
        assert_eq!(
            (raw.title.as_str(), raw.id.as_str()),
            ("T", article.id.as_str())
        );
        assert_eq!(raw.word_count, 6);
    }
}
