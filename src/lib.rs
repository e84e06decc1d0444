//! folio: a terminal article reader.
//!
//! How the pieces fit:
//! - `corpus` walks paths and reads files (`decode`, then `article` builds the model from plain
//!   text, Markdown or a saved web page, sanitized by `sanitize` and cleaned of saved-page debris
//!   by `article::clean`).
//! - `wrap` lays an article out in lines for a width; the reader and `folio show` share it.
//! - `search` parses queries and finds their matches as byte ranges in an article's blocks, and
//!   ranks the matching articles of a corpus; the reader and `folio search` share it.
//! - `cli` parses the command line and runs the non-interactive subcommands.
//! - `config` says where folio keeps its files; `store` is the only code that writes them
//!   (lock, re-read, merge, atomic replace, or a one-line reason the file cannot be used).
//! - `bookmarks` (passages, their anchors, `BookmarkStore`) and `positions` (`PositionStore`) are
//!   the two saved files: pure models and merges on top of `store`. `timestamp` writes their times.
//!
//! Only `corpus` reads article files; nothing built from file content is written to the terminal
//! except through sanitized strings.

pub mod action;
pub mod app;
pub mod article;
pub mod bookmarks;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod decode;
pub mod keymap;
pub mod positions;
pub mod sanitize;
pub mod screen;
pub mod scroll;
pub mod search;
pub mod state;
pub mod store;
pub mod terminal;
pub mod timestamp;
pub mod ui;
pub mod wrap;

pub use cli::{Cli, run};
