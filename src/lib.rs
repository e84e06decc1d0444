//! folio: a terminal article reader.
//!
//! The interface is an Elm-style loop, synchronous, with no component tree:
//!
//! ```text
//! key / resize / signal / loaded articles  (app: the only code that touches the terminal)
//!   -> Keymap::resolve(context, key) -> Action        (pure: the key table is data, config.toml on top)
//!   -> State::update(action) -> Option<Effect>         (pure: memory only)
//!   -> app carries out the Effect                     (the store on disk, the clipboard, suspend)
//!   -> ui::render(frame, &state, &theme)              (reads the state, never changes it)
//! ```
//!
//! Beneath it:
//! - `corpus` walks paths and reads files, in order, on every core, all at once or streamed to the
//!   interface, and splits an mbox into its messages; it reads a file again for the raw view (an
//!   article keeps where its text came from and a digest of it, `article::original`, not the
//!   text); `decode` turns bytes into text and `article` builds the model from plain text (its
//!   quotes, signatures and preformatted runs kept by `article::plain`), Markdown, a saved web page
//!   (the article chosen by dom_smoothie, a port of Readability.js, behind folio's own guards) or
//!   a mail or news message (`article::mail`), sanitized by `sanitize` and cleaned of saved-page
//!   debris.
//! - `wrap` lays an article out in lines for a width, lazily, block by block; the reader and
//!   `folio show` share it. `screen` and `scroll` are the pure geometry and scroll arithmetic.
//! - `search` parses queries and finds matches as byte ranges in blocks, and ranks the matching
//!   articles of a corpus in bounded steps; the reader and `folio search` share it.
//! - `state::library` sorts, filters and groups the list by folder, and says how far each
//!   article has been read, from keys taken once per article (pure; benched at 100,000);
//!   `state::outline` lists the open article's headings for `t`; `state::find` searches the
//!   open article near the screen first and counts the rest in bounded steps between keys.
//! - `bookmarks` and `positions` are the two saved files, pure models and merges on top of
//!   `store`, the only code that writes to disk (lock, re-read, merge, atomic replace).
//! - `library` is the folder of saved pages (`folio add`, `folio import`): which folder, what
//!   it holds, safe names for new files; each file is the page's HTML with folio's header.
//!   `fetch` is the only code that touches the network: one page, bounded in time and size.
//!   `import` brings Omnivore and Pocket exports in through the same adding, with bookmarks
//!   for highlights and read marks in the two saved files.
//! - `input_line` is the one line of typed text (search, note, filter): a cursor moved by grapheme
//!   and word, sanitized input, and a view that scrolls to keep the cursor visible.
//! - `opener` opens a link with the platform's opener when there is a display here, and says to
//!   copy it otherwise; the only code in the reader that starts a process.
//! - `cli` runs the non-interactive subcommands, printing through `output` (never a panic, JSON
//!   escaped for a terminal); `config` says where files are kept; `terminal`
//!   enters and leaves the full-screen mode, on every way out.
//!
//! - `cache` keeps the parsed articles of each folder named in one file in the platform's cache
//!   folder, keyed by each file's path, size and time, so the next run reads one file instead of
//!   parsing them all; `corpus` reads through it, and parses what changed.
//!
//! Only `corpus` reads article files (and `library` the header of its own); nothing built from file content reaches the terminal except
//! as sanitized strings drawn through ratatui (and base64 in an OSC 52 copy, and with
//! `hyperlinks = true` a link's address percent-encoded to printable ASCII in OSC 8, by `ui::hyperlinks`).

pub mod action;
pub mod app;
pub mod article;
pub mod bookmarks;
pub mod cache;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod decode;
pub mod fetch;
pub mod import;
pub mod input_line;
pub mod keymap;
pub mod library;
pub mod opener;
pub mod output;
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
