//! A mail or news message (RFC 5322 headers, MIME) to metadata and blocks: the subject is the
//! title, the sender the byline, `Date` the date, the newsgroups, list or organization the
//! source. The body is the message's HTML part read through the web-page extractor, or its text
//! part read as plain text; attachments are named, never shown.
//!
//! MIME itself (multipart, quoted-printable, base64, RFC 2047 words, charsets) is `mail-parser`'s
//! work. Pure: bytes in, blocks out; the header block is left to the raw view.

use mail_parser::{Message, MessageParser, MessagePart, MimeHeaders, PartType};

use super::{Block, Metadata, clean, html, plain};
use crate::decode::{decode, normalize_line_endings};
use crate::sanitize::sanitize;

/// How far into a file the header block is looked for: real header blocks are a few KB.
const HEADER_SNIFF_LEN: usize = 64 * 1024;

/// Fields that mark a header block as mail or news rather than front matter (`Title:`,
/// `Author:`) or a form someone typed.
const MAIL_FIELDS: &[&[u8]] = &[
    b"from",
    b"to",
    b"cc",
    b"subject",
    b"date",
    b"message-id",
    b"newsgroups",
    b"path",
    b"mime-version",
    b"content-type",
    b"received",
    b"return-path",
    b"reply-to",
    b"sender",
    b"in-reply-to",
    b"references",
    b"x-mailer",
];

/// Whether `bytes` start with an RFC 5322 header block that makes them a message: every line up
/// to the first blank one a header field (`Name: value`) or the continuation of one, and at
/// least two of them fields only mail and news carry (a news post's `From:`, `Subject:`,
/// `Newsgroups:`; a mail's `From:`, `Date:`, `Subject:`, `Message-ID:`). Prose that happens to
/// start with "From: " is not taken for mail.
pub fn looks_like_message(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(HEADER_SNIFF_LEN)];
    let mut mail_fields = 0;
    for (index, line) in head.split(|b| *b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            return index > 0 && mail_fields >= 2;
        }
        if line[0] == b' ' || line[0] == b'\t' {
            if index == 0 {
                return false;
            }
            continue;
        }
        let Some(name) = field_name(line) else {
            return false;
        };
        if MAIL_FIELDS.iter().any(|f| name.eq_ignore_ascii_case(f)) {
            mail_fields += 1;
        }
    }
    false
}

/// The `Message-ID` of a message, from its header block, without the angle brackets.
pub fn message_id(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(HEADER_SNIFF_LEN)];
    for line in head.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            break;
        }
        if field_name(line).is_some_and(|n| n.eq_ignore_ascii_case(b"message-id")) {
            let value = String::from_utf8_lossy(&line[b"message-id:".len()..]);
            let id = value
                .trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .trim();
            return (!id.is_empty()).then(|| id.to_owned());
        }
    }
    None
}

/// The name of a header field line (`Subject: …`): printable ASCII without spaces, then a colon.
fn field_name(line: &[u8]) -> Option<&[u8]> {
    let colon = line.iter().position(|b| *b == b':')?;
    let name = &line[..colon];
    let valid = !name.is_empty() && name.iter().all(|b| (33..=126).contains(b));
    valid.then_some(name)
}

/// A message's body as blocks and what its headers say; `None` when `bytes` are not a message.
pub fn parse(bytes: &[u8]) -> Option<(Vec<Block>, Metadata)> {
    let message = MessageParser::default().parse(bytes)?;
    let (mut blocks, mut meta) = body(&message);
    blocks.extend(attachments(&message).into_iter().map(Block::paragraph));
    // The headers say who wrote it and when; a newsletter's page only fills what they leave out.
    let headers = header_metadata(&message);
    meta.title = headers.title.or(meta.title.take());
    meta.byline = headers.byline.or(meta.byline.take());
    meta.date = headers.date.or(meta.date.take());
    meta.source = headers.source.or(meta.source.take());
    meta.title_original = None;
    Some((blocks, meta))
}

fn header_metadata(message: &Message) -> Metadata {
    let title = message
        .subject()
        .map(|subject| repaired(message, "Subject", subject))
        .map(|subject| subject.trim().to_owned())
        .filter(|s| !s.is_empty());
    let byline = message
        .from()
        .and_then(|from| from.first())
        .and_then(|addr| {
            let name = addr
                .name()
                .map(|name| match repaired(message, "From", name) {
                    // The whole field was decoded again: its name, without the address.
                    repaired if repaired != name => display_name(&repaired),
                    _ => name.to_owned(),
                })
                .map(|name| name.trim().to_owned())
                .filter(|n| !n.is_empty());
            name.or(addr.address().map(str::to_owned))
        });
    let date = message
        .date()
        .filter(|d| (1..=12).contains(&d.month) && (1..=31).contains(&d.day))
        .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day));
    let text_header = |name: &str| {
        message
            .header_raw(name)
            .map(|raw| raw.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    let source = text_header("Newsgroups")
        .or_else(|| text_header("List-Id").map(|id| list_name(&id)))
        .or_else(|| {
            message
                .header("Organization")
                .and_then(|v| v.as_text())
                .map(str::to_owned)
        })
        .filter(|s| !s.is_empty());
    Metadata {
        title,
        byline,
        date,
        source,
        ..Metadata::default()
    }
}

/// `parsed`, the value of header `name`, or when it holds replacement characters (8-bit bytes
/// in a header, which old news software wrote without RFC 2047) the field's raw bytes decoded
/// the way folio decodes a file: Latin-1, Windows-1252 or Mac Roman as the bytes say.
fn repaired(message: &Message, name: &str, parsed: &str) -> String {
    if !parsed.contains('\u{fffd}') {
        return parsed.to_owned();
    }
    let raw = message.raw_message();
    let field = message
        .root_part()
        .headers()
        .iter()
        .find(|h| h.name().eq_ignore_ascii_case(name));
    let Some(field) = field else {
        return parsed.to_owned();
    };
    let start = (field.offset_start() as usize).min(raw.len());
    let end = (field.offset_end() as usize).clamp(start, raw.len());
    match decode(&raw[start..end]) {
        Ok(decoded) => decoded
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        Err(_) => parsed.to_owned(),
    }
}

/// The name in a From field as written: `Name <address>`, `"Name" <address>` or
/// `address (Name)`.
fn display_name(field: &str) -> String {
    if let Some((name, _)) = field.split_once('<') {
        return name.trim().trim_matches('"').trim().to_owned();
    }
    match (field.find('('), field.rfind(')')) {
        (Some(open), Some(close)) if open < close => field[open + 1..close].trim().to_owned(),
        _ => field.trim().to_owned(),
    }
}

/// A list's name from its `List-Id`: the phrase before the `<id>`, or the id itself.
fn list_name(list_id: &str) -> String {
    let phrase = list_id.split('<').next().unwrap_or_default().trim();
    let phrase = phrase.trim_matches('"').trim();
    if phrase.is_empty() {
        list_id
            .trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_owned()
    } else {
        phrase.to_owned()
    }
}

/// The body: the message's inline parts in order, preferring the HTML alternative when there is
/// one (a newsletter): HTML through the web-page extractor, text as plain text. When the HTML
/// holds nothing the extractor keeps, the text alternative is read instead.
fn body(message: &Message) -> (Vec<Block>, Metadata) {
    let has_html = message
        .html_bodies()
        .any(|part| matches!(part.body, PartType::Html(_)));
    if has_html {
        let read = read_parts(message, message.html_bodies());
        if !read.0.is_empty() {
            return read;
        }
    }
    let read = read_parts(message, message.text_bodies());
    if read.0.is_empty() && message.text_body_count() == 0 {
        // No inline part at all: mail-parser's rendering of whatever body there is.
        let text = message
            .body_text(0)
            .map(|t| t.into_owned())
            .unwrap_or_default();
        return (plain::parse(&as_shown(&text)), Metadata::default());
    }
    read
}

/// The blocks of `parts`, one after another; the metadata of the first HTML part.
fn read_parts<'a>(
    message: &Message,
    parts: impl Iterator<Item = &'a MessagePart<'a>>,
) -> (Vec<Block>, Metadata) {
    let mut blocks = Vec::new();
    let mut meta: Option<Metadata> = None;
    for part in parts {
        match &part.body {
            PartType::Html(page) => {
                let (page_blocks, page_meta) = html::parse(&as_shown(page));
                let (page_blocks, page_meta) = clean::clean(page_blocks, page_meta);
                blocks.extend(page_blocks);
                meta.get_or_insert(page_meta);
            }
            PartType::Text(text) => {
                blocks.extend(plain::parse(&as_shown(&part_text(message, part, text))));
            }
            _ => {}
        }
    }
    (blocks, meta.unwrap_or_default())
}

/// A decoded part as the parsers take it: CRLF line endings (the rule in mail) made LF, then
/// sanitized.
fn as_shown(text: &str) -> String {
    sanitize(&normalize_line_endings(text.to_owned()))
}

/// A text part's text. A part that declares no charset and is not UTF-8 (an old news post in
/// Latin-1 or Mac Roman) is decoded by folio's own detection rather than with replacement
/// characters.
fn part_text(message: &Message, part: &MessagePart, text: &str) -> String {
    let declared = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .is_some();
    let transfer = part.content_transfer_encoding().unwrap_or("7bit");
    let unencoded = !matches!(
        transfer.to_ascii_lowercase().as_str(),
        "base64" | "quoted-printable"
    );
    if !declared && unencoded && text.contains('\u{fffd}') {
        let raw = message.raw_message();
        let start = (part.raw_body_offset() as usize).min(raw.len());
        let end = (part.raw_end_offset() as usize).clamp(start, raw.len());
        if let Ok(decoded) = decode(&raw[start..end]) {
            return decoded.text;
        }
    }
    text.to_owned()
}

/// "[attachment: report.pdf, 120 KB]" for every part that is not the body.
fn attachments(message: &Message) -> Vec<String> {
    message
        .attachments()
        .filter(|part| !is_body(message, part) && !is_embedded(part))
        .map(|part| {
            let name = match &part.body {
                PartType::Message(inner) => {
                    format!("message: {}", inner.subject().unwrap_or("(no subject)"))
                }
                _ => part
                    .attachment_name()
                    .map(str::to_owned)
                    .or_else(|| {
                        part.content_type().map(|ct| match ct.subtype() {
                            Some(sub) => format!("{}/{sub}", ct.ctype()),
                            None => ct.ctype().to_owned(),
                        })
                    })
                    .unwrap_or_else(|| "unnamed".to_owned()),
            };
            format!("[attachment: {name}, {}]", size(part.contents().len()))
        })
        .collect()
}

/// A picture or style sheet a newsletter's HTML shows by its Content-ID (multipart/related):
/// part of the page, which reads it as `[image: …]`, not something sent along.
fn is_embedded(part: &MessagePart) -> bool {
    let sent_along = part
        .content_disposition()
        .is_some_and(|d| d.ctype().eq_ignore_ascii_case("attachment"));
    part.content_id().is_some() && !sent_along
}

/// Whether `part` is one of the parts shown as the body.
fn is_body(message: &Message, part: &MessagePart) -> bool {
    let same = |candidate: Option<&MessagePart>| candidate.is_some_and(|c| std::ptr::eq(c, part));
    same(message.html_part(0))
        || (0..message.text_body_count() as u32).any(|i| same(message.text_part(i)))
}

/// A size in words a person reads: "820 bytes", "120 KB", "3.4 MB".
fn size(bytes: usize) -> String {
    const KB: usize = 1024;
    if bytes < KB {
        format!("{bytes} bytes")
    } else if bytes < KB * KB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        format!("{:.1} MB", bytes as f64 / (KB * KB) as f64)
    }
}

#[cfg(test)]
mod tests;
