//! The only code that touches the network: fetching one web page for `folio add` and imports.
//!
//! Bounded in every way a page could hold folio up: a total timeout for the whole exchange
//! (connecting, redirects, the body), a limit on redirects, and a limit on the body's size,
//! checked as it streams in. Only web pages are kept: any other content type is refused before
//! its body is read. The text is decoded as a browser would: the charset in the Content-Type
//! header, else the page's own `<meta charset>`, else UTF-8 or a guess (`decode`).
//!
//! Errors say what happened in words for the person; the caller sanitizes them with the URL.

use std::time::Duration;

use ureq::ResponseExt;

use crate::decode::{NotText, decode_with_hint, sniff_html_charset};

/// What `folio add` allows a page by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Larger than any article page; a page past it is almost surely not one.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;
/// Redirects followed before giving up (browsers allow 20; real pages need two or three).
pub const MAX_REDIRECTS: u32 = 10;

/// How much one fetch may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub timeout: Duration,
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            timeout: DEFAULT_TIMEOUT,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// A fetched page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Where the page was found in the end, after redirects.
    pub final_url: String,
    /// The page decoded to text.
    pub html: String,
}

/// Why a page was not fetched.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    #[error("not a web address (folio fetches http:// and https:// addresses)")]
    NotHttp,
    #[error("the server answered HTTP {0}")]
    Status(u16),
    #[error("no complete answer within {} s", .0.as_secs_f32())]
    Timeout(Duration),
    #[error("not a web page ({0})")]
    NotHtml(String),
    #[error("larger than {} MB", .0 / 1024 / 1024)]
    TooLarge(u64),
    #[error("more than {MAX_REDIRECTS} redirects")]
    TooManyRedirects,
    #[error("{0}")]
    Network(String),
}

/// The User-Agent folio sends: it names itself, as a polite client does.
fn user_agent() -> String {
    format!(
        "folio/{} (terminal article reader)",
        env!("CARGO_PKG_VERSION")
    )
}

/// Fetches the web page at `url`.
pub fn fetch(url: &str, limits: Limits) -> Result<Page, FetchError> {
    let lower = url.trim_start().to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(FetchError::NotHttp);
    }
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(MAX_REDIRECTS)
        .user_agent(user_agent())
        .build()
        .new_agent();
    let explain = |error| explain(error, limits);
    let mut response = agent
        .get(url.trim())
        .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
        .call()
        .map_err(explain)?;
    let final_url = response.get_uri().to_string();
    let body = response.body_mut();
    let mime = body.mime_type().map(str::to_ascii_lowercase);
    if let Some(mime) = &mime
        && !is_html(mime)
    {
        return Err(FetchError::NotHtml(mime.clone()));
    }
    if body.content_length().is_some_and(|n| n > limits.max_bytes) {
        return Err(FetchError::TooLarge(limits.max_bytes));
    }
    let header_charset = body
        .charset()
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    let bytes = body
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(explain)?;
    // A server that names no type is believed only when the bytes look like a page.
    if mime.is_none() && !looks_like_html(&bytes) {
        return Err(FetchError::NotHtml(
            "no content type, and not HTML".to_owned(),
        ));
    }
    let declared = header_charset.or_else(|| sniff_html_charset(&bytes));
    let decoded = decode_with_hint(&bytes, declared).map_err(|reason| match reason {
        NotText::Binary => FetchError::NotHtml("binary data".to_owned()),
    })?;
    Ok(Page {
        final_url,
        html: decoded.text,
    })
}

/// Fetches `urls`, `jobs` at a time, handing each result to `done` (on this thread, in the order
/// they finish) with the URL's index.
pub fn fetch_all(
    urls: &[String],
    limits: Limits,
    jobs: usize,
    mut done: impl FnMut(usize, Result<Page, FetchError>),
) {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, urls.len().max(1)) {
            let (send, next) = (send.clone(), &next);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(url) = urls.get(index) else { return };
                    if send.send((index, fetch(url, limits))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(send);
        for (index, result) in receive {
            done(index, result);
        }
    });
}

fn is_html(mime: &str) -> bool {
    matches!(mime, "text/html" | "application/xhtml+xml")
}

/// Whether the start of a body reads as HTML: a doctype, `<html`, or `<head` in its first KB.
fn looks_like_html(bytes: &[u8]) -> bool {
    let start = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    ["<!doctype html", "<html", "<head"]
        .iter()
        .any(|tag| start.contains(tag))
}

fn explain(error: ureq::Error, limits: Limits) -> FetchError {
    match error {
        ureq::Error::StatusCode(code) => FetchError::Status(code),
        ureq::Error::Timeout(_) => FetchError::Timeout(limits.timeout),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            FetchError::Timeout(limits.timeout)
        }
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(limits.max_bytes),
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects,
        ureq::Error::HostNotFound => FetchError::Network("no such host".to_owned()),
        ureq::Error::ConnectionFailed => FetchError::Network("could not connect".to_owned()),
        ureq::Error::BadUri(uri) => FetchError::Network(format!("not a valid address: {uri}")),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            FetchError::Network("could not connect (connection refused)".to_owned())
        }
        ureq::Error::Io(io) => FetchError::Network(crate::store::without_os_error(&io)),
        other => FetchError::Network(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_fetched() {
        for url in [
            "file:///etc/passwd",
            "ftp://example.com/",
            "example.com",
            "",
        ] {
            assert_eq!(
                fetch(url, Limits::default()),
                Err(FetchError::NotHttp),
                "{url}"
            );
        }
    }

    #[test]
    fn web_pages_are_told_from_other_content() {
        assert!(is_html("text/html"));
        assert!(is_html("application/xhtml+xml"));
        assert!(!is_html("application/pdf"));
        assert!(looks_like_html(b"\n<!DOCTYPE HTML><p>x"));
        assert!(looks_like_html(b"<html><body>"));
        assert!(!looks_like_html(b"%PDF-1.7"));
        assert!(!looks_like_html(b"{\"json\": true}"));
    }

    #[test]
    fn errors_read_as_sentences() {
        assert_eq!(
            FetchError::Status(404).to_string(),
            "the server answered HTTP 404"
        );
        assert_eq!(
            FetchError::Timeout(Duration::from_millis(1500)).to_string(),
            "no complete answer within 1.5 s"
        );
        assert_eq!(
            FetchError::TooLarge(20 * 1024 * 1024).to_string(),
            "larger than 20 MB"
        );
        assert_eq!(
            FetchError::NotHtml("application/pdf".to_owned()).to_string(),
            "not a web page (application/pdf)"
        );
    }
}
