//! The list as it is shown: which articles, in what order, under which folder headings, and how
//! far each has been read.
//!
//! Pure: the keys articles are sorted and grouped by are taken once, as the articles arrive
//! (`Keys`); `order` sorts by them and `rows` filters and groups, so a key that changes the order,
//! a filter or a folder costs a sort or a pass over the articles, never a look at their text.
//! Benched at 100,000 articles in benches/render.rs.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use crate::article::Article;
use crate::positions::ReadMark;

/// The orders the list can be shown in, in the order `s` steps through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// By folder and file name: the order the files are found in (a folder's files in name
    /// order, the paths given in the order given).
    #[default]
    Path,
    /// Newest first; articles without a date last.
    Date,
    /// By title, ignoring case.
    Title,
    /// Most recently read first; articles never opened last.
    Read,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Path, Sort::Date, Sort::Title, Sort::Read];

    /// The name used by `--sort`, config.toml, state.json and the list's title.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Path => "path",
            Sort::Date => "date",
            Sort::Title => "title",
            Sort::Read => "read",
        }
    }

    pub fn parse(name: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|sort| sort.name() == name)
    }

    /// The order after this one, for the key that steps through them.
    pub fn next(self) -> Sort {
        let here = Sort::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Sort::ALL[(here + 1) % Sort::ALL.len()]
    }
}

/// How far an article has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadState {
    Unread,
    InProgress(u8),
    Finished,
}

impl ReadState {
    /// From a saved percentage and a mark set by hand: no position is unread, the end reached
    /// (or a "finished" mark) is finished, anything between is in progress.
    pub fn of(percent: Option<u8>, mark: Option<ReadMark>) -> ReadState {
        match (percent, mark) {
            (_, Some(ReadMark::Unread)) | (None, None) => ReadState::Unread,
            (_, Some(ReadMark::Finished)) | (Some(100..), None) => ReadState::Finished,
            (Some(percent), None) => ReadState::InProgress(percent),
        }
    }

    pub fn is_finished(self) -> bool {
        self == ReadState::Finished
    }

    /// The words `folio list --json` uses.
    pub fn name(self) -> &'static str {
        match self {
            ReadState::Unread => "unread",
            ReadState::InProgress(_) => "in progress",
            ReadState::Finished => "finished",
        }
    }
}

/// The folder an article belongs to: the folder of its file, or for a message of an mbox
/// (`list.mbox#3`) the mbox file itself.
pub fn folder_of(path: &str) -> &str {
    if let Some((file, number)) = path.rsplit_once('#')
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
    {
        return file;
    }
    match path.rfind(['/', '\\']) {
        Some(end) => &path[..end],
        None => ".",
    }
}

/// What each article is sorted and grouped by, taken once when it arrives.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    titles: Vec<Box<str>>,
    /// The first 16 bytes of each title in lower case, big-endian: most comparisons of titles
    /// end here, without following a pointer.
    title_prefix: Vec<u128>,
    /// `yyyymmdd` of an ISO date (`2018-06-18…`), 0 for none: a date as written cannot be
    /// ordered.
    dates: Vec<u32>,
    /// Each article's folder, an index into `folders`.
    folder: Vec<u32>,
    folders: Vec<String>,
    folder_ids: HashMap<String, u32>,
}

impl Keys {
    /// Room for `additional` more articles.
    pub fn reserve(&mut self, additional: usize) {
        self.titles.reserve(additional);
        self.title_prefix.reserve(additional);
        self.dates.reserve(additional);
        self.folder.reserve(additional);
    }

    pub fn extend(&mut self, articles: &[Article]) {
        for article in articles {
            let title = article.title.to_lowercase();
            let mut prefix = [0u8; 16];
            let head = &title.as_bytes()[..title.len().min(16)];
            prefix[..head.len()].copy_from_slice(head);
            self.title_prefix.push(u128::from_be_bytes(prefix));
            self.titles.push(title.into());
            self.dates.push(article.date.as_deref().map_or(0, iso_day));
            let folder = folder_of(&article.path);
            let id = match self.folder_ids.get(folder) {
                Some(&id) => id,
                None => {
                    let id = self.folders.len() as u32;
                    self.folder_ids.insert(folder.to_owned(), id);
                    self.folders.push(folder.to_owned());
                    id
                }
            };
            self.folder.push(id);
        }
    }

    pub fn len(&self) -> usize {
        self.folder.len()
    }

    pub fn is_empty(&self) -> bool {
        self.folder.is_empty()
    }

    /// The folder of article `index`, as an id.
    pub fn folder(&self, index: usize) -> u32 {
        self.folder[index]
    }

    /// How many folders the articles come from.
    pub fn folder_count(&self) -> usize {
        self.folders.len()
    }

    /// A folder's name for the list: its path less what every folder's path starts with, so
    /// `/home/me/news/sci.space` reads `sci.space` beside `/home/me/news/rec.arts`.
    pub fn folder_name(&self, folder: u32) -> &str {
        let path = self.folders[folder as usize].as_str();
        let common = self.common_prefix();
        let rest = path[common..].trim_start_matches(['/', '\\']);
        if rest.is_empty() {
            path.rsplit(['/', '\\']).next().unwrap_or(path)
        } else {
            rest
        }
    }

    /// The folder's full path, as given.
    pub fn folder_path(&self, folder: u32) -> &str {
        &self.folders[folder as usize]
    }

    /// The id of the folder at `path` or named `name` (as the list shows it), if there is one.
    pub fn find_folder(&self, name: &str) -> Option<u32> {
        let name = name.trim_end_matches(['/', '\\']);
        (0..self.folders.len() as u32)
            .find(|&f| self.folder_path(f) == name || self.folder_name(f) == name)
    }

    /// The length of the folder path every folder shares, cut at a separator.
    fn common_prefix(&self) -> usize {
        let Some(first) = self.folders.first() else {
            return 0;
        };
        if self.folders.len() == 1 {
            return first.rfind(['/', '\\']).unwrap_or(0);
        }
        let mut common = first.len();
        for folder in &self.folders[1..] {
            common = first
                .bytes()
                .zip(folder.bytes())
                .take(common)
                .take_while(|(a, b)| a == b)
                .count();
        }
        // Whole folders only: `news/sci.space` and `news/sci.math` share `news`, not `news/sci.`.
        let shared = &first[..common];
        let whole = self
            .folders
            .iter()
            .all(|f| f.len() == common || f[common..].starts_with(['/', '\\']));
        if whole {
            common
        } else {
            shared.rfind(['/', '\\']).unwrap_or(0)
        }
    }

    /// The articles in `sort` order. `last_read` gives each article's last reading (0: never).
    /// Each order sorts numbers with the article's index as the last key, so equal keys keep
    /// the order the files were found in and the sort need not be stable.
    pub fn order(&self, sort: Sort, last_read: &[u64]) -> Vec<u32> {
        let indices = 0..self.len() as u32;
        match sort {
            Sort::Path => indices.collect(),
            Sort::Date => {
                // Newest first, and no date (0) last.
                let mut keyed: Vec<u64> = indices
                    .map(|i| (u64::from(u32::MAX - self.dates[i as usize]) << 32) | u64::from(i))
                    .collect();
                keyed.sort_unstable();
                keyed.into_iter().map(|k| k as u32).collect()
            }
            Sort::Read => {
                let mut keyed: Vec<(Reverse<u64>, u32)> = indices
                    .map(|i| (Reverse(last_read.get(i as usize).copied().unwrap_or(0)), i))
                    .collect();
                keyed.sort_unstable();
                keyed.into_iter().map(|(_, i)| i).collect()
            }
            Sort::Title => {
                let mut keyed: Vec<(u128, u32)> = indices
                    .map(|i| (self.title_prefix[i as usize], i))
                    .collect();
                keyed.sort_unstable();
                // Titles alike in their first 16 bytes: the rest decides.
                for run in keyed.chunk_by_mut(|a, b| a.0 == b.0) {
                    if run.len() > 1 {
                        run.sort_by(|a, b| {
                            let (x, y) = (&self.titles[a.1 as usize], &self.titles[b.1 as usize]);
                            x.cmp(y).then(a.1.cmp(&b.1))
                        });
                    }
                }
                keyed.into_iter().map(|(_, i)| i).collect()
            }
        }
    }
}

/// `yyyymmdd` from a date that starts as ISO 8601 does (`2018-06-18`), 0 otherwise.
fn iso_day(date: &str) -> u32 {
    let bytes = date.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .filter(|b| b.iter().all(u8::is_ascii_digit))
            .map(|b| b.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    match (
        digits(0..4),
        bytes.get(4),
        digits(5..7),
        bytes.get(7),
        digits(8..10),
    ) {
        (Some(y), Some(b'-'), Some(m), Some(b'-'), Some(d)) => y * 10_000 + m * 100 + d,
        _ => 0,
    }
}

/// One row of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A folder's heading: an index into `Shelf::folders`.
    Folder(usize),
    /// An article, and the search hit it is (an index into the filter's hits) when searching.
    Article { index: usize, hit: Option<usize> },
}

/// A folder's heading as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderRow {
    pub folder: u32,
    /// Articles in it that are listed (that pass the filters).
    pub count: usize,
    pub unread: usize,
    pub open: bool,
}

/// How the list is filtered and grouped: the person's choices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// Only articles not finished (unread or in progress).
    pub unfinished_only: bool,
    /// Folder headings (when the articles come from more than one folder).
    pub grouped: bool,
    /// Folders whose articles are hidden under their heading.
    pub closed: HashSet<u32>,
    /// Only this folder's articles.
    pub folder: Option<u32>,
}

/// The rows for `candidates` (articles in the order to show, each with its search hit), kept to
/// the filters and, when grouping, gathered under their folders in the order each folder first
/// appears. Also returns the folder headings.
pub fn rows(
    keys: &Keys,
    candidates: impl Iterator<Item = (usize, Option<usize>)>,
    read: impl Fn(usize) -> ReadState,
    choices: &Choices,
) -> (Vec<Row>, Vec<FolderRow>) {
    let kept = candidates.filter(|&(index, _)| {
        choices.folder.is_none_or(|f| keys.folder(index) == f)
            && !(choices.unfinished_only && read(index).is_finished())
    });
    if !choices.grouped || keys.folder_count() < 2 || choices.folder.is_some() {
        return (
            kept.map(|(index, hit)| Row::Article { index, hit })
                .collect(),
            Vec::new(),
        );
    }
    // Gather by folder, keeping the order within each.
    let mut slot_of: Vec<Option<usize>> = vec![None; keys.folder_count()];
    let mut groups: Vec<(FolderRow, Vec<Row>)> = Vec::new();
    for (index, hit) in kept {
        let folder = keys.folder(index);
        let slot = *slot_of[folder as usize].get_or_insert_with(|| {
            groups.push((
                FolderRow {
                    folder,
                    count: 0,
                    unread: 0,
                    open: !choices.closed.contains(&folder),
                },
                Vec::new(),
            ));
            groups.len() - 1
        });
        let (heading, members) = &mut groups[slot];
        heading.count += 1;
        if read(index) == ReadState::Unread {
            heading.unread += 1;
        }
        if heading.open {
            members.push(Row::Article { index, hit });
        }
    }
    let mut rows = Vec::with_capacity(keys.len() + groups.len());
    let mut folders = Vec::with_capacity(groups.len());
    for (slot, (heading, members)) in groups.into_iter().enumerate() {
        rows.push(Row::Folder(slot));
        rows.extend(members);
        folders.push(heading);
    }
    (rows, folders)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Format;

    fn article(path: &str, title: &str, date: Option<&str>) -> Article {
        let mut article = Article::from_text(path, title, Format::Text, "Some words.");
        article.title = title.to_owned();
        article.date = date.map(str::to_owned);
        article
    }

    fn keys(articles: &[Article]) -> Keys {
        let mut keys = Keys::default();
        keys.extend(articles);
        keys
    }

    fn library() -> Vec<Article> {
        vec![
            article("news/sci.space/1", "orbits", Some("2020-01-02")),
            article("news/sci.space/2", "Apollo", None),
            article("news/rec.arts/1", "banjo", Some("2021-05-06")),
            article("news/list.mbox#1", "Moon", Some("1999-01-01")),
        ]
    }

    #[test]
    fn folders_are_named_by_what_sets_them_apart() {
        let keys = keys(&library());
        let names: Vec<&str> = (0..3).map(|f| keys.folder_name(f)).collect();
        assert_eq!(names, ["sci.space", "rec.arts", "list.mbox"]);
        assert_eq!(keys.find_folder("rec.arts"), Some(1));
        assert_eq!(keys.find_folder("news/sci.space/"), Some(0));
        assert_eq!(keys.find_folder("nowhere"), None);
    }

    #[test]
    fn an_mbox_message_is_in_its_mbox_and_a_lone_folder_is_named_by_itself() {
        assert_eq!(folder_of("a/b/list.mbox#12"), "a/b/list.mbox");
        assert_eq!(folder_of("a/b/c#d.txt"), "a/b");
        assert_eq!(folder_of("notes.txt"), ".");
        let keys = keys(&[article("/home/me/news/a.txt", "a", None)]);
        assert_eq!(keys.folder_name(0), "news");
    }

    #[test]
    fn each_order_and_undated_articles_last() {
        let keys = keys(&library());
        assert_eq!(keys.order(Sort::Date, &[]), [2, 0, 3, 1]);
        assert_eq!(keys.order(Sort::Title, &[]), [1, 2, 3, 0]);
        assert_eq!(keys.order(Sort::Path, &[]), [0, 1, 2, 3]);
        assert_eq!(keys.order(Sort::Read, &[0, 7, 0, 9]), [3, 1, 0, 2]);
    }

    #[test]
    fn titles_alike_in_their_first_sixteen_bytes_sort_by_the_rest() {
        let keys = keys(&[
            article("a/1", "the history of folding b", None),
            article("a/2", "The history of folding a", None),
            article("a/3", "the history of folding b", None),
        ]);
        assert_eq!(keys.order(Sort::Title, &[]), [1, 0, 2]);
    }

    #[test]
    fn only_iso_dates_are_ordered() {
        assert_eq!(iso_day("2018-06-18"), 20_180_618);
        assert_eq!(iso_day("2018-06-18T10:00:00Z"), 20_180_618);
        assert_eq!(iso_day("June 2018"), 0);
        assert_eq!(iso_day("2018-6-18"), 0);
    }

    #[test]
    fn sorts_step_round_and_read_by_name() {
        assert_eq!(Sort::Read.next(), Sort::Path);
        assert_eq!(Sort::parse("title"), Some(Sort::Title));
        assert_eq!(Sort::parse("size"), None);
    }

    #[test]
    fn read_state_from_percent_and_mark() {
        use ReadMark::{Finished, Unread};
        assert_eq!(ReadState::of(None, None), ReadState::Unread);
        assert_eq!(ReadState::of(Some(0), None), ReadState::InProgress(0));
        assert_eq!(ReadState::of(Some(40), None), ReadState::InProgress(40));
        assert_eq!(ReadState::of(Some(100), None), ReadState::Finished);
        assert_eq!(ReadState::of(Some(40), Some(Finished)), ReadState::Finished);
        assert_eq!(ReadState::of(Some(100), Some(Unread)), ReadState::Unread);
    }

    #[test]
    fn grouped_rows_gather_by_folder_and_hide_closed_ones() {
        let keys = keys(&library());
        let read = |i: usize| {
            if i == 0 {
                ReadState::Finished
            } else {
                ReadState::Unread
            }
        };
        let all = || (0..4).map(|i| (i, None));
        let mut choices = Choices {
            grouped: true,
            ..Choices::default()
        };
        let (rows, folders) = rows(&keys, all(), read, &choices);
        let art = |index| Row::Article { index, hit: None };
        assert_eq!(
            rows,
            [
                Row::Folder(0),
                art(0),
                art(1),
                Row::Folder(1),
                art(2),
                Row::Folder(2),
                art(3)
            ]
        );
        assert_eq!((folders[0].count, folders[0].unread), (2, 1));
        choices.closed.insert(0);
        choices.unfinished_only = true;
        let (rows, folders) = super::rows(&keys, all(), read, &choices);
        assert_eq!(
            rows,
            [
                Row::Folder(0),
                Row::Folder(1),
                art(2),
                Row::Folder(2),
                art(3)
            ]
        );
        assert_eq!((folders[0].count, folders[0].open), (1, false));
        choices.folder = Some(1);
        let (rows, folders) = super::rows(&keys, all(), read, &choices);
        assert_eq!(rows, [art(2)]);
        assert!(folders.is_empty());
    }
}
