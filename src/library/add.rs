//! Adding one page to the library: from a web address (through `fetch`), a local file, or
//! standard input. The page is extracted as the reader extracts it (for its title, and to be
//! sure folio can read it), then saved with folio's header, once per address.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::Library;
use super::saved::{Header, insert_header};
use crate::article::{Article, Format};
use crate::decode::{NotText, decode_with_hint, sniff_html_charset};
use crate::fetch::{self, Limits};
use crate::timestamp::Timestamp;

/// Where a page comes from, as named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Url(String),
    File(PathBuf),
    Stdin,
}

impl Source {
    /// `-` is standard input, anything with `://` an address, the rest a file.
    pub fn parse(arg: &str) -> Source {
        if arg == "-" {
            Source::Stdin
        } else if arg.contains("://") {
            Source::Url(arg.trim().to_owned())
        } else {
            Source::File(PathBuf::from(arg))
        }
    }
}

/// How to add.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub limits: Limits,
    /// Save again what is already saved (replacing the earlier file).
    pub force: bool,
}

/// What adding a page did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Saved {
        file: PathBuf,
        title: String,
    },
    /// The address is in the library already, in this file.
    AlreadySaved {
        file: PathBuf,
    },
}

/// What an import knows about a page besides its HTML.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    pub labels: Vec<String>,
    /// When the person saved it (the import's date); now when `None`.
    pub saved: Option<Timestamp>,
}

/// The pages already in the library, by address, kept up to date as pages are added so one
/// command never saves an address twice.
pub struct Adder<'a> {
    library: &'a Library,
    known: HashMap<String, PathBuf>,
    options: Options,
}

impl<'a> Adder<'a> {
    pub fn new(library: &'a Library, options: Options) -> Adder<'a> {
        Adder {
            known: library.saved(),
            library,
            options,
        }
    }

    /// The file an address is saved in, if it is.
    pub fn saved_file(&self, url: &str) -> Option<&Path> {
        self.known.get(url).map(PathBuf::as_path)
    }

    /// Adds the page `source` names. The error is a sentence for the person (unsanitized: it
    /// may quote a path).
    pub fn add(&mut self, source: &Source, extra: &Extra) -> Result<Outcome, String> {
        match source {
            Source::Url(url) => {
                if let Some(file) = self.already(url) {
                    return Ok(Outcome::AlreadySaved { file });
                }
                let page = fetch::fetch(url, self.options.limits).map_err(|e| e.to_string())?;
                self.save_page(url, &page.final_url, &page.html, extra)
            }
            Source::File(path) => {
                let html = read_page(std::fs::File::open(path), self.options.limits.max_bytes)?;
                let address = file_address(path);
                self.save_page("", &address, &html, extra)
            }
            Source::Stdin => {
                let html = read_page(Ok(std::io::stdin().lock()), self.options.limits.max_bytes)?;
                self.save_page("", "stdin", &html, extra)
            }
        }
    }

    fn already(&self, url: &str) -> Option<PathBuf> {
        (!self.options.force)
            .then(|| self.known.get(url).cloned())
            .flatten()
    }

    /// Saves `html`, fetched from `url` (empty for a file or standard input, whose address is
    /// the page's own if it says one, else a file's `file://` location), `location` naming
    /// where it came from.
    pub fn save_page(
        &mut self,
        url: &str,
        location: &str,
        html: &str,
        extra: &Extra,
    ) -> Result<Outcome, String> {
        let article = Article::from_text(location, &fallback_title(location), Format::Html, html);
        // A local file without an address of its own is known by its path.
        let url = if url.is_empty() {
            article
                .url
                .clone()
                .or_else(|| location.starts_with("file://").then(|| location.to_owned()))
                .unwrap_or_default()
        } else {
            url.to_owned()
        };
        if !url.is_empty()
            && let Some(file) = self.already(&url)
        {
            return Ok(Outcome::AlreadySaved { file });
        }
        let saved = extra.saved.unwrap_or_else(Timestamp::now);
        let header = Header {
            url: url.clone(),
            saved,
            labels: extra.labels.clone(),
        };
        let replacing = self.known.get(&url).filter(|_| !url.is_empty()).cloned();
        let file = self
            .library
            .save(
                &article.title,
                saved,
                &insert_header(html, &header, web_address(location)),
                replacing.as_deref(),
            )
            .map_err(|e| e.to_string())?;
        if !url.is_empty() {
            self.known.insert(url, file.clone());
        }
        Ok(Outcome::Saved {
            file,
            title: article.title,
        })
    }
}

/// Reads a page from a file or standard input, at most `limit` bytes, and decodes it.
fn read_page(reader: std::io::Result<impl Read>, limit: u64) -> Result<String, String> {
    let mut bytes = Vec::new();
    reader
        .and_then(|r| r.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| crate::store::without_os_error(&e))?;
    if bytes.len() as u64 > limit {
        return Err(format!("larger than {} MB", limit / 1024 / 1024));
    }
    let decoded =
        decode_with_hint(&bytes, sniff_html_charset(&bytes)).map_err(|reason| match reason {
            NotText::Binary => "not a web page (binary data)".to_owned(),
        })?;
    if decoded.text.trim().is_empty() {
        return Err("empty".to_owned());
    }
    Ok(decoded.text)
}

/// `location` when it is a web address (where a fetched page came from).
fn web_address(location: &str) -> Option<&str> {
    let lower = location.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(location)
}

fn file_address(path: &Path) -> String {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    format!("file://{}", absolute.to_string_lossy())
}

/// A title for a page that has none: the last part of its address or file name.
fn fallback_title(location: &str) -> String {
    location
        .trim_end_matches('/')
        .rsplit(['/', '\\'])
        .find(|part| !part.is_empty())
        .map(|part| part.trim_end_matches(".html").trim_end_matches(".htm"))
        .filter(|part| !part.is_empty())
        .unwrap_or("page")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_name_their_source() {
        assert_eq!(Source::parse("-"), Source::Stdin);
        assert_eq!(
            Source::parse(" https://example.com/a "),
            Source::Url("https://example.com/a".to_owned())
        );
        assert_eq!(Source::parse("page.html"), Source::File("page.html".into()));
    }

    #[test]
    fn a_page_without_a_title_is_named_after_its_address() {
        assert_eq!(
            fallback_title("https://example.com/posts/hello.html"),
            "hello"
        );
        assert_eq!(fallback_title("https://example.com/"), "example.com");
        assert_eq!(fallback_title("/tmp/x/saved.htm"), "saved");
        assert_eq!(fallback_title(""), "page");
    }

    #[test]
    fn a_page_is_saved_once_per_address_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library {
            dir: dir.path().to_owned(),
        };
        let page = "<html><head><title>Night trains</title>\
            <meta name=\"author\" content=\"Ada Byline\"></head>\
            <body><article><p>The sleeper leaves at ten and arrives at dawn.</p></article></body></html>";
        let url = "https://example.com/trains";
        let mut adder = Adder::new(&library, Options::default());
        let Outcome::Saved { file, title } =
            adder.save_page(url, url, page, &Extra::default()).unwrap()
        else {
            panic!("not saved")
        };
        assert_eq!(title, "Night trains");
        assert!(
            file.file_name()
                .unwrap()
                .to_string_lossy()
                .ends_with("-night-trains.html")
        );
        assert_eq!(
            adder.save_page(url, url, page, &Extra::default()),
            Ok(Outcome::AlreadySaved { file: file.clone() })
        );
        // A new adder finds it on disk, and the file reads back as the same article.
        assert_eq!(
            Adder::new(&library, Options::default()).saved_file(url),
            Some(file.as_path())
        );
        let text = std::fs::read_to_string(&file).unwrap();
        let article = Article::from_text("x", "x", Format::Html, &text);
        assert_eq!(article.title, "Night trains");
        assert_eq!(article.byline.as_deref(), Some("Ada Byline"));
        assert_eq!(article.url.as_deref(), Some(url));

        let mut forced = Adder::new(
            &library,
            Options {
                force: true,
                ..Options::default()
            },
        );
        let again = forced.save_page(url, url, page, &Extra::default()).unwrap();
        assert_eq!(
            again,
            Outcome::Saved {
                file,
                title: "Night trains".to_owned()
            }
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
