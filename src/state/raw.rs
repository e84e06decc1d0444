//! The raw view: the reader shows the open file as it is (`Article::as_written`) in place of the
//! cleaned article, and back; the interface counterpart of `folio show --raw`.
//!
//! The text is not kept in memory for most articles: `r` asks the app to read the file again
//! (`Effect::ReadOriginal`) and the view opens when the text arrives (`original_read`). A file
//! that changed since it was loaded is shown as it is now, and the view says so; one that cannot
//! be read is reported, and the article stays.
//!
//! The article's reading position is kept while the file is shown (a place in the file is no
//! place in the article), and the reader returns to it.

use super::{Effect, State, top_spot_for};
use crate::article::original::{CHANGED_NOTE, OriginalText};
use crate::article::{AS_WRITTEN_NOTE, Article, Original};
use crate::wrap::{Layout, Spot};

impl State {
    /// Shows the open file as it is, or the article again.
    pub(super) fn toggle_raw(&mut self) -> Option<Effect> {
        if self.as_written.is_some() {
            self.leave_raw();
            return None;
        }
        let article = self.articles.get(self.open)?;
        match &article.original {
            Original::Kept(text) => {
                let as_written = article.as_written(text, AS_WRITTEN_NOTE);
                self.show_as_written(as_written);
                None
            }
            Original::File { .. } => Some(Effect::ReadOriginal {
                id: article.id.clone(),
            }),
        }
    }

    /// The text of article `id` read again for the raw view, or why it could not be.
    pub fn original_read(&mut self, id: &str, read: Result<OriginalText, String>) {
        // Keys that came with `r` may have moved on to another article, or out of the reader.
        let Some(article) = self.articles.get(self.open).filter(|a| a.id == id) else {
            return;
        };
        if self.as_written.is_some() {
            return;
        }
        match read {
            Ok(OriginalText { text, changed }) => {
                let note = if changed {
                    CHANGED_NOTE
                } else {
                    AS_WRITTEN_NOTE
                };
                let as_written = article.as_written(&text, note);
                self.show_as_written(as_written);
            }
            Err(reason) => {
                self.message = Some(format!(
                    "cannot show the file as it is: {}: {reason}",
                    article.path
                ));
            }
        }
    }

    fn show_as_written(&mut self, as_written: Article) {
        self.remember_position();
        self.layout = Layout::new(&as_written, usize::from(self.text_area().width));
        self.as_written = Some(as_written);
        self.top = Spot::default();
        self.find = None;
        self.clamp_top();
        self.reset_cursor();
    }

    /// Back from the file as it is to the article, where the reader left it.
    pub(super) fn leave_raw(&mut self) {
        if self.as_written.take().is_none() {
            return;
        }
        let Some(article) = self.articles.get(self.open) else {
            return;
        };
        let saved = self.positions.get(&article.id).copied();
        self.layout = Layout::new(article, usize::from(self.text_area().width));
        let view = self.layout.view(article);
        self.top = saved.map_or(Spot::default(), |p| top_spot_for(view, p.block, p.offset));
        self.find = None;
        self.clamp_top();
        self.reset_cursor();
    }
}
