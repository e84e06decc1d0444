//! Reads the text an article was made from again, for the raw view and `folio show --raw`: the
//! loader lets go of it (see `article::original`), so the file is read, decoded and sanitized
//! again as the loader did, and its digest says whether it still holds the same text.

use super::{MAX_FILE_BYTES, declared_charset, io_reason, mbox, read_at_most};
use crate::article::original::{OriginalText, digest};
use crate::article::{Article, Original};
use crate::decode::{decode, decode_with_hint};
use crate::sanitize::sanitize_owned;

/// The text `article` was made from: kept in memory, or read from its file again. `Err` says
/// why the file cannot be read, in a few words for the person.
pub fn read_original(article: &Article) -> Result<OriginalText, String> {
    let (path, message, digest_then) = match &article.original {
        Original::Kept(text) => {
            return Ok(OriginalText {
                text: text.clone(),
                changed: false,
            });
        }
        Original::File {
            path,
            message,
            digest,
        } => (path, *message, *digest),
    };
    let too_large = || format!("now larger than {} MB", MAX_FILE_BYTES / 1024 / 1024);
    let bytes = read_at_most(path, 0, MAX_FILE_BYTES)
        .map_err(|error| io_reason(&error))?
        .ok_or_else(too_large)?;
    // Decoded as `load_file` decodes: a message of an mbox by its own charset, a web page with
    // the charset it declares, anything else as it comes.
    let decoded = match message {
        Some(number) => {
            let messages = mbox::messages(&bytes);
            let message = number
                .checked_sub(1)
                .and_then(|index| messages.get(index))
                .ok_or_else(|| format!("it no longer holds a message #{number}"))?;
            decode(message).map(|d| d.text).unwrap_or_default()
        }
        None => {
            decode_with_hint(&bytes, declared_charset(article.format, &bytes))
                .map_err(|_| "it is now a binary file".to_owned())?
                .text
        }
    };
    let text = sanitize_owned(decoded);
    Ok(OriginalText {
        changed: digest(&text) != digest_then,
        text,
    })
}
