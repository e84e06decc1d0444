//! Titles as pages write them ("Ministry opens archive | The Daily Ledger") to titles as a reader
//! wants them: the site's name cut off, carefully, since titles contain dashes of their own.

/// Separators between a title and the site name after it ("Title | Site", "Title — Site").
const SEPARATORS: &[&str] = &[" | ", " - ", " — ", " – ", " · ", " :: ", " // "];

/// "Ministry opens archive | The Daily Ledger" → "Ministry opens archive". The site's own name is
/// cut from either end; without one, a short last part after " | " or a dash is taken for it only
/// when what is left is still a title of several words.
pub fn trim_site_name(title: &str, site: Option<&str>) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) {
        for separator in SEPARATORS {
            let suffix = format!("{separator}{site}");
            if title.len() > suffix.len()
                && title
                    .get(title.len() - suffix.len()..)
                    .is_some_and(|end| end.eq_ignore_ascii_case(&suffix))
            {
                return title[..title.len() - suffix.len()].trim().to_owned();
            }
            let prefix = format!("{site}{separator}");
            if title.len() > prefix.len()
                && title
                    .get(..prefix.len())
                    .is_some_and(|start| start.eq_ignore_ascii_case(&prefix))
            {
                return title[prefix.len()..].trim().to_owned();
            }
        }
    }
    for separator in [" | ", " — ", " – "] {
        if let Some((head, tail)) = title.rsplit_once(separator)
            && tail.split_whitespace().count() <= 4
            && head.split_whitespace().count() >= 3
        {
            return head.trim().to_owned();
        }
    }
    title
}

/// True when `title` is `heading` with something after or before it, across a separator.
pub fn is_part_of_title(heading: &str, title: &str) -> bool {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    !heading.is_empty()
        && SEPARATORS.iter().any(|separator| {
            title.starts_with(&format!("{heading}{separator}"))
                || title.ends_with(&format!("{separator}{heading}"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_names_are_trimmed_from_titles() {
        for (title, site, expected) in [
            (
                "Ministry opens archive | Ledger",
                Some("Ledger"),
                "Ministry opens archive",
            ),
            (
                "Ministry opens archive - Ledger",
                Some("ledger"),
                "Ministry opens archive",
            ),
            (
                "Ledger — Ministry opens archive",
                Some("Ledger"),
                "Ministry opens archive",
            ),
            (
                "Ministry opens archive | The Daily Ledger",
                None,
                "Ministry opens archive",
            ),
            ("Spider-Man - a review", None, "Spider-Man - a review"),
            ("Q&A | Ledger", None, "Q&A | Ledger"),
        ] {
            assert_eq!(trim_site_name(title, site), expected, "{title}");
        }
    }
}
