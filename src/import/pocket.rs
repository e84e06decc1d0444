//! Pocket's exports, and lists of links like them: the CSV (`title,url,time_added,tags,status`;
//! Instapaper's `URL,Title,Selection,Folder,Timestamp,Tags` reads the same way) and the older
//! HTML list (`<a href time_added tags>` under "Unread" and "Read Archive"
//! headings), which is also the shape of a browser's bookmarks file (`ADD_DATE`, `TAGS`).
//! Pure: text in, links out; fetching them is the importer's job.

use scraper::{Html, Selector};

use crate::timestamp::Timestamp;

/// One saved link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub title: String,
    pub saved: Option<Timestamp>,
    pub labels: Vec<String>,
    /// Pocket's "archive": the person read it.
    pub archived: bool,
}

/// Reads Pocket's CSV. Columns are found by their header names, so their order does not matter;
/// a file without a `url` column is not a Pocket export.
pub fn parse_csv(text: &str) -> Result<Vec<Link>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let url_column = column("url").ok_or("has no \"url\" column: not a Pocket export")?;
    let (title, time, tags, status, folder) = (
        column("title"),
        column("time_added").or_else(|| column("timestamp")),
        column("tags"),
        column("status"),
        column("folder"),
    );
    let mut links = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        let url = field(Some(url_column));
        if url.is_empty() {
            continue;
        }
        links.push(Link {
            url: url.to_owned(),
            title: field(title).to_owned(),
            saved: unix_time(field(time)),
            labels: csv_tags(field(tags)),
            archived: field(status).eq_ignore_ascii_case("archive")
                || field(folder).eq_ignore_ascii_case("archive"),
        });
    }
    Ok(links)
}

/// Reads Pocket's older HTML export or a bookmarks file: every link, archived when it comes
/// after a heading that says "archive".
pub fn parse_html_list(text: &str) -> Vec<Link> {
    let document = Html::parse_document(text);
    let selector = Selector::parse("h1, h2, h3, a[href]").expect("a valid selector");
    let mut archived = false;
    let mut links = Vec::new();
    for element in document.select(&selector) {
        let name = element.value().name();
        if name != "a" {
            archived = element
                .text()
                .collect::<String>()
                .to_lowercase()
                .contains("archive");
            continue;
        }
        let attr = |name: &str| element.value().attr(name).map(str::trim).unwrap_or("");
        let url = attr("href");
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            continue;
        }
        let time = [attr("time_added"), attr("add_date")]
            .into_iter()
            .find(|t| !t.is_empty())
            .unwrap_or("");
        links.push(Link {
            url: url.to_owned(),
            title: element.text().collect::<String>().trim().to_owned(),
            saved: unix_time(time),
            labels: split_tags(attr("tags"), ','),
            archived,
        });
    }
    links
}

fn unix_time(text: &str) -> Option<Timestamp> {
    let seconds: i64 = text.parse().ok()?;
    seconds.checked_mul(1000).map(Timestamp)
}

/// Pocket writes `a|b`; Instapaper a JSON list, `["a","b"]`.
fn csv_tags(text: &str) -> Vec<String> {
    if text.starts_with('[') {
        serde_json::from_str(text).unwrap_or_default()
    } else {
        split_tags(text, '|')
    }
}

fn split_tags(text: &str, separator: char) -> Vec<String> {
    text.split(separator)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_export_gives_every_link_with_its_tags_and_state() {
        let csv = "title,url,time_added,tags,status\n\
            \"Trains, at night\",https://example.com/a,1700000000,travel|rail,archive\n\
            ,https://example.com/b,,,unread\n\
            No address,,1700000000,,unread\n";
        let links = parse_csv(csv).unwrap();
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].title, "Trains, at night");
        assert_eq!(links[0].labels, ["travel", "rail"]);
        assert!(links[0].archived);
        assert_eq!(links[0].saved, Some(Timestamp(1_700_000_000_000)));
        assert_eq!(links[1].url, "https://example.com/b");
        assert!(!links[1].archived && links[1].saved.is_none());
    }

    #[test]
    fn an_instapaper_csv_reads_the_same_way() {
        let csv = "URL,Title,Selection,Folder,Timestamp,Tags\n\
            https://e.com/a,A,,Archive,1700000000,\"[\"\"x\"\",\"\"y\"\"]\"\n\
            https://e.com/b,B,,Unread,1700000001,\n";
        let links = parse_csv(csv).unwrap();
        assert_eq!(links[0].labels, ["x", "y"]);
        assert!(links[0].archived && !links[1].archived);
        assert_eq!(links[1].saved, Some(Timestamp(1_700_000_001_000)));
        assert_eq!(links[1].title, "B");
    }

    #[test]
    fn a_csv_without_urls_is_refused() {
        assert!(parse_csv("a,b\n1,2\n").unwrap_err().contains("\"url\""));
    }

    #[test]
    fn the_html_list_marks_what_follows_the_archive_heading() {
        let html = "<h1>Unread</h1><ul><li><a href=\"https://e.com/1\" time_added=\"1700000000\" tags=\"x,y\">One</a></li>\
            <li><a href=\"javascript:alert(1)\">bad</a></li></ul>\
            <h1>Read Archive</h1><ul><li><a href=\"https://e.com/2\">Two</a></li></ul>";
        let links = parse_html_list(html);
        assert_eq!(links.len(), 2);
        assert_eq!((links[0].title.as_str(), links[0].archived), ("One", false));
        assert_eq!(links[0].labels, ["x", "y"]);
        assert_eq!(
            (links[1].url.as_str(), links[1].archived),
            ("https://e.com/2", true)
        );
    }

    #[test]
    fn a_bookmarks_file_reads_the_same_way() {
        let html = "<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><p><DT><A HREF=\"https://e.com/3\" ADD_DATE=\"1600000000\" TAGS=\"t\">Three</A></DL>";
        let links = parse_html_list(html);
        assert_eq!(links[0].saved, Some(Timestamp(1_600_000_000_000)));
        assert_eq!(links[0].labels, ["t"]);
    }
}
