//! folio: a terminal article reader.
//!
//! How the pieces fit:
//! - `corpus` walks paths and reads files (`decode`, then `article` builds the model from plain
//!   text, Markdown or a saved web page, sanitized by `sanitize` and cleaned of saved-page debris
//!   by `article::clean`).
//! - `wrap` lays an article out in lines for a width; the reader and `folio show` share it.
//! - `cli` parses the command line and runs the non-interactive subcommands.
//! - `config` says where folio keeps its files.
//!
//! Only `corpus` reads article files; nothing built from file content is written to the terminal
//! except through sanitized strings.

pub mod article;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod decode;
pub mod sanitize;
pub mod wrap;

pub use cli::{Cli, run};
