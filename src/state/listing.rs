//! The list's rows on the state: kept current when what they are made from changes (the articles,
//! a search, the order, a filter, a folder opened or closed, a read mark), and the keys that
//! change them. The sorting and grouping themselves are `library`'s.

use crate::positions::ReadMark;
use crate::search::Hit;

use super::library::{self, ReadState, Row, Sort};
use super::{Effect, State};

impl State {
    /// How many rows the list shows.
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// The article shown on list row `row` (`None` on a folder's heading).
    pub fn article_at(&self, row: usize) -> Option<usize> {
        match self.rows.get(row)? {
            Row::Article { index, .. } => Some(*index),
            Row::Folder(_) => None,
        }
    }

    /// The list row that shows article `article`, if it is in the list.
    pub fn row_of(&self, article: usize) -> Option<usize> {
        self.rows
            .iter()
            .position(|row| matches!(row, Row::Article { index, .. } if *index == article))
    }

    /// Where list row `row` stands among the articles listed, counted from 1 (a folder's heading
    /// counts as the article after it), and how many articles are listed: what the status bar's
    /// counter says, folder headings left out.
    pub fn listed_position(&self, row: usize) -> (usize, usize) {
        let is_article = |r: &&Row| matches!(r, Row::Article { .. });
        let total = self.rows.iter().filter(is_article).count();
        let before = self.rows.iter().take(row).filter(is_article).count();
        ((before + 1).min(total), total)
    }

    /// The search hit shown on list row `row`, when the list is narrowed.
    pub fn hit_at(&self, row: usize) -> Option<&Hit> {
        let Some(Row::Article { hit: Some(hit), .. }) = self.rows.get(row) else {
            return None;
        };
        self.filter.as_ref()?.hits.get(*hit)
    }

    /// How far article `index` has been read (live for the one being read).
    pub fn read_state(&self, index: usize) -> ReadState {
        if index == self.open && self.engaged {
            return ReadState::of(Some(self.percent()), None);
        }
        self.reads.get(index).copied().unwrap_or(ReadState::Unread)
    }

    /// Takes article `index`'s read state from `positions` again, after its position changed.
    pub(super) fn note_read(&mut self, index: usize) {
        let saved = self
            .articles
            .get(index)
            .and_then(|article| self.positions.get(&article.id));
        let state = ReadState::of(saved.map(|p| p.percent), saved.and_then(|p| p.mark));
        let at = saved.map_or(0, |p| p.read_at);
        if index >= self.reads.len() {
            self.reads.resize(index + 1, ReadState::Unread);
            self.read_at.resize(index + 1, 0);
        }
        self.reads[index] = state;
        self.read_at[index] = at;
    }

    /// How many articles the list shows (not counting folder headings).
    pub fn listed_articles(&self) -> usize {
        match self.folders.as_slice() {
            [] => self.rows.len(),
            folders => folders.iter().map(|f| f.count).sum(),
        }
    }

    /// How many articles are unread.
    pub fn unread_count(&self) -> usize {
        let saved = self
            .reads
            .iter()
            .filter(|&&r| r == ReadState::Unread)
            .count();
        // The article being read is not unread, whatever was saved.
        let reading_unread = self.engaged && self.reads.get(self.open) == Some(&ReadState::Unread);
        saved - usize::from(reading_unread)
    }

    /// The order kept from an earlier run or config.toml.
    pub fn set_initial_sort(&mut self, sort: Sort) {
        self.sort = sort;
        self.refresh_order();
    }

    /// Folder headings on or off from the start (config.toml's `group`).
    pub fn set_initial_grouping(&mut self, grouped: bool) {
        self.choices.grouped = grouped;
        self.refresh_rows();
    }

    /// Sorts the articles again (the order changed, or articles arrived), then the rows.
    pub(super) fn refresh_order(&mut self) {
        let last_read: Vec<u64> = if self.sort == Sort::Read {
            let mut last_read = self.read_at.clone();
            if self.engaged
                && let Some(reading) = last_read.get_mut(self.open)
            {
                // The article being read is the most recent.
                *reading = u64::MAX;
            }
            last_read
        } else {
            Vec::new()
        };
        self.order = self.keys.order(self.sort, &last_read);
        self.refresh_rows();
    }

    /// Builds the rows again from the order (or the search's hits) and the choices, keeping the
    /// selection within them.
    pub(super) fn refresh_rows(&mut self) {
        let (rows, folders) = {
            let read = |index| self.read_state(index);
            match &self.filter {
                Some(filter) => library::rows(
                    &self.keys,
                    filter
                        .hits
                        .iter()
                        .enumerate()
                        .map(|(i, hit)| (hit.article, Some(i))),
                    read,
                    &self.choices,
                ),
                None => library::rows(
                    &self.keys,
                    self.order.iter().map(|&i| (i as usize, None)),
                    read,
                    &self.choices,
                ),
            }
        };
        self.rows = rows;
        self.folders = folders;
        self.unread = self.unread_count();
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        self.list_offset = self.list_offset_for(self.selected);
    }

    /// Rebuilds the rows after a choice changed, keeping the selected article (or folder)
    /// selected when it is still listed.
    fn refresh_keeping_selection(&mut self) {
        let before = self.rows.get(self.selected).copied();
        let folder = match before {
            Some(Row::Folder(slot)) => self.folders.get(slot).map(|f| f.folder),
            _ => None,
        };
        self.refresh_rows();
        let row = match before {
            Some(Row::Article { index, .. }) => self
                .row_of(index)
                .or_else(|| self.heading_row(self.keys.folder(index))),
            Some(Row::Folder(_)) => folder.and_then(|f| self.heading_row(f)),
            None => None,
        };
        // Gone from the list: the row that took its place.
        self.select(row.unwrap_or(self.selected));
    }

    /// The row of folder `folder`'s heading, when headings are shown.
    fn heading_row(&self, folder: u32) -> Option<usize> {
        self.rows.iter().position(
            |row| matches!(row, Row::Folder(slot) if self.folders[*slot].folder == folder),
        )
    }

    /// `s`: the next order.
    pub(super) fn next_sort(&mut self) -> Option<Effect> {
        self.sort = self.sort.next();
        let before = self.article_at(self.selected);
        self.refresh_order();
        if let Some(row) = before.and_then(|a| self.row_of(a)) {
            self.select(row);
        }
        self.message = Some(format!("sorted by {}", self.sort.name()));
        Some(Effect::SavePositions)
    }

    /// `U`: only what is not finished, or everything again.
    pub(super) fn toggle_unfinished_only(&mut self) {
        self.choices.unfinished_only = !self.choices.unfinished_only;
        self.refresh_keeping_selection();
        self.message = Some(
            if self.choices.unfinished_only {
                "showing unread and in-progress articles (U: all)"
            } else {
                "showing every article"
            }
            .to_owned(),
        );
    }

    /// `F`: folder headings, or one flat list.
    pub(super) fn toggle_grouping(&mut self) {
        self.choices.grouped = !self.choices.grouped;
        self.refresh_keeping_selection();
        self.message = Some(
            match (self.choices.grouped, self.keys.folder_count() > 1) {
                (true, true) => "grouped by folder",
                (true, false) => "grouped by folder (the articles are all in one)",
                (false, _) => "one flat list",
            }
            .to_owned(),
        );
    }

    /// Enter on a folder's heading: opens or closes it.
    pub(super) fn toggle_folder_at_selection(&mut self) -> bool {
        let Some(Row::Folder(slot)) = self.rows.get(self.selected).copied() else {
            return false;
        };
        let folder = self.folders[slot].folder;
        if !self.choices.closed.remove(&folder) {
            self.choices.closed.insert(folder);
        }
        self.refresh_keeping_selection();
        true
    }

    /// `h`: closes the selected folder, or the folder of the selected article.
    pub(super) fn close_folder(&mut self) {
        let folder = match self.rows.get(self.selected).copied() {
            Some(Row::Folder(slot)) => self.folders[slot].folder,
            Some(Row::Article { index, .. }) if !self.folders.is_empty() => self.keys.folder(index),
            _ => return,
        };
        self.choices.closed.insert(folder);
        self.refresh_rows();
        if let Some(row) = self.heading_row(folder) {
            self.select(row);
        }
    }

    /// `r`: marks the selected article finished, or unread when it is finished.
    pub(super) fn toggle_read(&mut self) -> Option<Effect> {
        let index = self.article_at(self.selected)?;
        let mark = if self.read_state(index).is_finished() {
            ReadMark::Unread
        } else {
            ReadMark::Finished
        };
        if index == self.open {
            // Leaving it later must not put back the place read over the mark.
            self.remember_position();
            self.engaged = false;
        }
        self.read_clock += 1;
        let id = self.articles[index].id.clone();
        let position = self.positions.entry(id).or_default();
        position.mark = Some(mark);
        position.read_at = self.read_clock;
        self.note_read(index);
        self.message = Some(
            match mark {
                ReadMark::Finished => "marked read",
                ReadMark::Unread => "marked unread",
            }
            .to_owned(),
        );
        self.refresh_keeping_selection();
        Some(Effect::SavePositions)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use ratatui::layout::Rect;

    use super::*;
    use crate::action::Action;
    use crate::article::{Article, Format};
    use crate::state::Focus;

    fn article(path: &str, title: &str, date: Option<&str>) -> Article {
        let text = format!(
            "{title}\n\n{}",
            "A line of the article's text.\n\n".repeat(60)
        );
        let mut article = Article::from_text(path, title, Format::Text, &text);
        article.date = date.map(str::to_owned);
        article
    }

    /// Two newsgroups, two articles each, in the order a walk finds them; the rows are headed
    /// by folder.
    fn library() -> State {
        let articles = vec![
            article("news/rec.arts/1", "Banjo", Some("2021-05-06")),
            article("news/rec.arts/2", "Cello", Some("1999-01-01")),
            article("news/sci.space/1", "Orbits", Some("2020-01-02")),
            article("news/sci.space/2", "Apollo", None),
        ];
        State::new(articles, Rect::new(0, 0, 120, 35), HashMap::new(), None)
    }

    fn listed(s: &State) -> Vec<String> {
        (0..s.row_count())
            .map(|row| match s.rows[row] {
                Row::Folder(slot) => format!("[{}]", s.keys.folder_name(s.folders[slot].folder)),
                Row::Article { index, .. } => s.articles[index].title.clone(),
            })
            .collect()
    }

    #[test]
    fn folders_head_their_articles_and_open_and_close() {
        let mut s = library();
        assert_eq!(
            listed(&s),
            [
                "[rec.arts]",
                "Banjo",
                "Cello",
                "[sci.space]",
                "Orbits",
                "Apollo"
            ]
        );
        assert_eq!(s.article_at(0), None, "a heading is no article");
        s.update(Action::SelectNext);
        s.update(Action::CloseFolder);
        assert_eq!(
            listed(&s),
            ["[rec.arts]", "[sci.space]", "Orbits", "Apollo"]
        );
        assert_eq!(s.selected, 0, "the closed folder's heading is selected");
        s.update(Action::OpenSelected);
        assert_eq!(listed(&s).len(), 6, "Enter on a heading opens it");
        assert_eq!(s.focus, Focus::List);
        s.update(Action::ToggleGrouping);
        assert_eq!(listed(&s), ["Banjo", "Cello", "Orbits", "Apollo"]);
    }

    fn select_title(s: &mut State, title: &str) {
        let row = listed(s).iter().position(|t| t == title).unwrap();
        s.select(row);
    }

    #[test]
    fn the_order_steps_through_date_title_and_recently_read() {
        let mut s = library();
        s.update(Action::ToggleGrouping);
        assert_eq!(
            listed(&s),
            ["Banjo", "Cello", "Orbits", "Apollo"],
            "by path"
        );
        assert_eq!(s.update(Action::NextSort), Some(Effect::SavePositions));
        assert_eq!(s.sort, Sort::Date);
        assert_eq!(
            listed(&s),
            ["Banjo", "Orbits", "Cello", "Apollo"],
            "undated last"
        );
        s.update(Action::NextSort);
        assert_eq!(listed(&s), ["Apollo", "Banjo", "Cello", "Orbits"]);
        // Read Orbits, then Apollo: the most recent first, the unread after in path order.
        for title in ["Orbits", "Apollo"] {
            select_title(&mut s, title);
            s.update(Action::OpenSelected);
            s.update(Action::FocusList);
        }
        s.update(Action::NextSort);
        assert_eq!(s.sort, Sort::Read);
        assert_eq!(listed(&s), ["Apollo", "Orbits", "Banjo", "Cello"]);
        s.update(Action::NextSort);
        assert_eq!(s.sort, Sort::Path, "and round again");
    }

    #[test]
    fn opening_reading_to_the_end_and_marking_by_hand() {
        let mut s = library();
        s.update(Action::ToggleGrouping);
        assert_eq!(s.unread, 4);
        let (banjo, cello, orbits) = (0, 1, 2);
        assert_eq!(s.open, banjo, "the first listed is shown");
        assert_eq!(
            s.read_state(banjo),
            ReadState::Unread,
            "a preview is not a reading"
        );
        s.update(Action::SelectNext);
        assert_eq!(s.open, cello);
        s.update(Action::OpenSelected);
        assert_eq!(s.read_state(cello), ReadState::InProgress(0));
        s.update(Action::Bottom);
        assert_eq!(s.read_state(cello), ReadState::Finished);
        s.update(Action::FocusList);
        s.update(Action::SelectNext);
        assert_eq!(s.open, orbits);
        assert_eq!(
            s.read_state(cello),
            ReadState::Finished,
            "kept on leaving it"
        );
        assert_eq!(s.unread, 3);
        // By hand: Orbits read, then unread again.
        assert_eq!(s.update(Action::ToggleRead), Some(Effect::SavePositions));
        assert_eq!(s.read_state(orbits), ReadState::Finished);
        s.update(Action::ToggleRead);
        assert_eq!(s.read_state(orbits), ReadState::Unread);
        assert_eq!(
            s.positions[&s.articles[orbits].id].mark,
            Some(ReadMark::Unread)
        );
        // Reading it again clears the mark.
        s.update(Action::OpenSelected);
        s.update(Action::ScrollDown);
        assert!(matches!(s.read_state(orbits), ReadState::InProgress(_)));
    }

    #[test]
    fn the_unfinished_filter_hides_what_is_read() {
        let mut s = library();
        s.update(Action::ToggleGrouping);
        s.update(Action::SelectNext);
        s.update(Action::ToggleRead);
        s.update(Action::ToggleUnfinishedOnly);
        assert_eq!(listed(&s), ["Banjo", "Orbits", "Apollo"]);
        assert_eq!(listed(&s)[s.selected], "Orbits", "the next one listed");
        s.update(Action::ToggleUnfinishedOnly);
        assert_eq!(listed(&s).len(), 4);
    }

    #[test]
    fn next_article_steps_over_folder_headings() {
        let mut s = library();
        s.update(Action::SelectNext);
        s.update(Action::OpenSelected);
        assert_eq!(s.articles[s.open].title, "Cello");
        s.update(Action::NextArticle);
        assert_eq!(s.articles[s.open].title, "Orbits", "into the next folder");
        s.update(Action::PreviousArticle);
        assert_eq!(s.articles[s.open].title, "Cello", "and back");
    }

    #[test]
    fn a_click_on_a_heading_closes_its_folder() {
        let mut s = library();
        // The list's first row (a heading) is just inside its border.
        s.update(Action::Click { column: 3, row: 1 });
        assert_eq!(s.choices.closed.len(), 1);
        assert_eq!(listed(&s)[..2], ["[rec.arts]", "[sci.space]"]);
    }

    #[test]
    fn a_search_is_grouped_by_folder() {
        let mut s = library();
        s.update(Action::StartSearch);
        for c in "o".chars() {
            s.update(Action::PromptChar(c));
        }
        while s.search_pending() {
            s.update(Action::SearchStep);
        }
        let rows = listed(&s);
        assert!(rows.contains(&"[sci.space]".to_owned()), "{rows:?}");
        assert!(s.hit_at(1).is_some());
    }
}
