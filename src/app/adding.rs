//! Fetching and saving a page the person asked for in the interface, on a thread of its own so
//! the interface never waits for the network. A page stopped meanwhile is not saved, and its
//! result is never sent.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::article::Article;
use crate::corpus;
use crate::fetch::{self, Limits};
use crate::library::Library;
use crate::library::add::{Adder, Extra, Options, Outcome};

/// Fetches `url` into `library` and hands `done` the saved article (or the one saved before),
/// unless `stop` was set first.
pub fn spawn(
    library: Library,
    url: String,
    stop: Arc<AtomicBool>,
    done: impl FnOnce(Result<Article, String>) + Send + 'static,
) {
    std::thread::spawn(move || {
        let result = add(&library, &url, &stop);
        if !stop.load(Ordering::SeqCst) {
            done(result);
        }
    });
}

fn add(library: &Library, url: &str, stop: &AtomicBool) -> Result<Article, String> {
    let mut adder = Adder::new(library, Options::default());
    let file = match adder.saved_file(url) {
        Some(file) => file.to_owned(),
        None => {
            let page = fetch::fetch(url, Limits::default()).map_err(|e| e.to_string())?;
            // The last moment to honour Esc: after this the page is in the library.
            if stop.load(Ordering::SeqCst) {
                return Err("stopped".to_owned());
            }
            match adder.save_page(url, &page.final_url, &page.html, &Extra::default())? {
                Outcome::Saved { file, .. } | Outcome::AlreadySaved { file } => file,
            }
        }
    };
    // Loaded as the list loads the library, so it has the id the list knows it by.
    corpus::load(&[file])
        .articles
        .pop()
        .ok_or_else(|| "the saved page could not be read back".to_owned())
}
