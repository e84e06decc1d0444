//! The raw view: the reader shows the open file as it is (`Article::as_written`) in place of the
//! cleaned article, and back; the interface counterpart of `folio show --raw`.
//!
//! The article's reading position is kept while the file is shown (a place in the file is no
//! place in the article), and the reader returns to it.

use super::{State, top_spot_for};
use crate::wrap::{Layout, Spot};

impl State {
    /// Shows the open file as it is, or the article again.
    pub(super) fn toggle_raw(&mut self) {
        if self.as_written.is_some() {
            self.leave_raw();
            return;
        }
        self.remember_position();
        let Some(as_written) = self.articles.get(self.open).map(|a| a.as_written()) else {
            return;
        };
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
