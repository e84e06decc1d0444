//! Project Gutenberg books: the book between the `*** START OF …` and `*** END OF …` lines, its
//! title and author from the header above it, and the header and licence around it set apart.

/// A Gutenberg book taken apart: slices of the text it came from.
#[derive(Debug, PartialEq, Eq)]
pub struct Book<'a> {
    pub title: Option<String>,
    pub author: Option<String>,
    pub body: &'a str,
    /// The header before the book and the licence after it.
    pub front: &'a str,
    pub back: &'a str,
}

/// Takes a book apart, or `None` when `text` has no Gutenberg start line.
pub fn split(text: &str) -> Option<Book<'_>> {
    let start = marker_line(text, 0, "START OF")?;
    let body_start = start.end;
    let end = marker_line(text, body_start, "END OF");
    let (body_end, back) = match end {
        Some(line) => (line.start, &text[line.start..]),
        None => (text.len(), ""),
    };
    let front = &text[..start.end];
    Some(Book {
        title: field(front, "Title:"),
        author: field(front, "Author:"),
        body: &text[body_start..body_end],
        front,
        back,
    })
}

/// The byte range of the first line from `from` on that is a Gutenberg marker: `***`, then
/// `what` ("START OF", "END OF") and "PROJECT GUTENBERG", in any case.
fn marker_line(text: &str, from: usize, what: &str) -> Option<std::ops::Range<usize>> {
    let mut at = from;
    for line in text[from..].split_inclusive('\n') {
        let range = at..at + line.len();
        at = range.end;
        let trimmed = line.trim();
        if !trimmed.starts_with("***") || trimmed.len() > 200 {
            continue;
        }
        let upper = trimmed.to_uppercase();
        if upper.contains(what) && upper.contains("PROJECT GUTENBERG") {
            return Some(range);
        }
    }
    None
}

/// A `Name: value` line of the header, with the indented lines that continue it.
fn field(front: &str, name: &str) -> Option<String> {
    let mut lines = front.lines().skip_while(|l| !l.starts_with(name));
    let first = lines.next()?[name.len()..].trim();
    let mut value = first.to_owned();
    for more in lines.take_while(|l| l.starts_with(' ') && !l.trim().is_empty()) {
        value.push(' ');
        value.push_str(more.trim());
    }
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = "\
The Project Gutenberg eBook of The Tides, by Ann Example

This eBook is for the use of anyone anywhere in the United States.

Title: The Tides
       and the Moon

Author: Ann Example

*** START OF THE PROJECT GUTENBERG EBOOK THE TIDES ***

CHAPTER I

The sea rose.

*** END OF THE PROJECT GUTENBERG EBOOK THE TIDES ***

Updated editions will replace the previous one.
";

    #[test]
    fn the_book_is_found_between_its_markers_with_title_and_author() {
        let book = split(BOOK).unwrap();
        assert_eq!(book.title.as_deref(), Some("The Tides and the Moon"));
        assert_eq!(book.author.as_deref(), Some("Ann Example"));
        assert_eq!(book.body, "\nCHAPTER I\n\nThe sea rose.\n\n");
        assert!(book.front.starts_with("The Project Gutenberg eBook"));
        assert!(book.back.ends_with("replace the previous one.\n"));
        assert_eq!(split("An ordinary text.\n*** not a marker ***\n"), None);
    }
}
