//! An mbox file to its messages: a message starts at a `From ` line at the top of the file or
//! after a blank line, and `>From ` lines in a body are unquoted (mboxrd, which also reads mboxo).
//!
//! Pure: bytes in, byte slices out; each message is then read like any `.eml` file.

use std::borrow::Cow;

/// Whether `bytes` are an mbox: a `From ` separator line, then a header field.
pub fn looks_like_mbox(bytes: &[u8]) -> bool {
    let mut lines = bytes.split(|b| *b == b'\n');
    let is_separator = lines.next().is_some_and(|l| l.starts_with(b"From "));
    is_separator && lines.next().is_some_and(is_header_field)
}

/// A header field line, `Name: value`: what follows a separator.
fn is_header_field(line: &[u8]) -> bool {
    let Some(colon) = line.iter().position(|b| *b == b':') else {
        return false;
    };
    colon > 0 && line[..colon].iter().all(|b| (33..=126).contains(b))
}

/// The messages of an mbox, in order, each without its `From ` line, `>From ` unquoted. Text
/// before the first separator is not a message and is left out.
pub fn messages(bytes: &[u8]) -> Vec<Cow<'_, [u8]>> {
    let mut starts = Vec::new();
    let mut at = 0;
    let mut previous_blank = true;
    while at < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i + 1);
        let line = &bytes[at..end];
        if previous_blank && line.starts_with(b"From ") {
            starts.push((at, end));
        }
        previous_blank = matches!(line, b"\n" | b"\r\n");
        at = end;
    }
    let mut out = Vec::with_capacity(starts.len());
    for (index, &(_, body_start)) in starts.iter().enumerate() {
        let end = starts.get(index + 1).map_or(bytes.len(), |&(next, _)| next);
        let message = &bytes[body_start..end];
        // The blank line before the next separator belongs to the separator.
        let message = if message.ends_with(b"\r\n\r\n") {
            &message[..message.len() - 2]
        } else if message.ends_with(b"\n\n") {
            &message[..message.len() - 1]
        } else {
            message
        };
        // A message never opens with a blank line; some archives write one after the separator,
        // which would leave the headers looking like a body.
        let blank_lines = message
            .split_inclusive(|b| *b == b'\n')
            .take_while(|line| line.iter().all(u8::is_ascii_whitespace))
            .map(<[u8]>::len)
            .sum::<usize>();
        out.push(unquote(&message[blank_lines..]));
    }
    out
}

/// `>From ` to `From `, `>>From ` to `>From `: one `>` less on every quoted separator.
fn unquote(message: &[u8]) -> Cow<'_, [u8]> {
    if memchr::memmem::find(message, b">From ").is_none() {
        return Cow::Borrowed(message);
    }
    let mut out = Vec::with_capacity(message.len());
    for line in message.split_inclusive(|b| *b == b'\n') {
        let quotes = line.iter().take_while(|b| **b == b'>').count();
        if quotes > 0 && line[quotes..].starts_with(b"From ") {
            out.extend_from_slice(&line[1..]);
        } else {
            out.extend_from_slice(line);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MBOX: &str = "\
From alice@example.org Mon Mar  2 08:00:00 2026
From: Alice <alice@example.org>
Subject: First

One.
>From here on, quoted.
>>From twice.

From bob@example.org Mon Mar  2 09:00:00 2026
From: Bob <bob@example.org>
Subject: Second

Two.
From the start of a line, but no blank line before: not a separator.
";

    #[test]
    fn separators_split_and_quoted_froms_are_unquoted() {
        let found = messages(MBOX.as_bytes());
        let found: Vec<&str> = found
            .iter()
            .map(|m| std::str::from_utf8(m).unwrap())
            .collect();
        assert_eq!(
            found,
            [
                "From: Alice <alice@example.org>\nSubject: First\n\nOne.\nFrom here on, quoted.\n>From twice.\n",
                "From: Bob <bob@example.org>\nSubject: Second\n\nTwo.\nFrom the start of a line, but no blank line before: not a separator.\n",
            ]
        );
    }

    #[test]
    fn an_mbox_is_recognised_by_its_first_lines() {
        assert!(looks_like_mbox(MBOX.as_bytes()));
        assert!(looks_like_mbox(MBOX.replace('\n', "\r\n").as_bytes()));
        assert!(!looks_like_mbox(b"From the start, a story.\nIt goes on.\n"));
        assert!(!looks_like_mbox(b"Subject: x\n\nbody\n"));
        assert!(messages(b"no separator at all\n").is_empty());
    }

    #[test]
    fn blank_lines_after_a_separator_are_not_the_message() {
        let found =
            messages(b"From a Mon Mar  2 2026\n   \n\nFrom: a@example.org\nSubject: x\n\nbody\n");
        assert_eq!(&*found[0], b"From: a@example.org\nSubject: x\n\nbody\n");
    }

    #[test]
    fn crlf_mboxes_split_too() {
        let crlf = MBOX.replace('\n', "\r\n");
        let found = messages(crlf.as_bytes());
        assert_eq!(found.len(), 2);
        assert!(found[0].ends_with(b">From twice.\r\n"));
    }
}
