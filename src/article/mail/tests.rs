use super::*;
use crate::article::BlockKind;
use crate::article::test_support::texts;

const NEWS_POST: &str = "\
From: decay@cbnewsj.cb.att.com (dean.kaflowitz)
Subject: Re: about the bible quiz answers
Organization: AT&T
Newsgroups: alt.atheism
Date: Tue, 20 Apr 1993 12:34:56 GMT
Lines: 3

The answers are in the back.
";

#[test]
fn a_header_block_makes_a_message_and_prose_does_not() {
    assert!(looks_like_message(NEWS_POST.as_bytes()));
    let crlf = NEWS_POST.replace('\n', "\r\n");
    assert!(looks_like_message(crlf.as_bytes()));
    let mail = "From: A <a@example.org>\nTo: b@example.org\nSubject: Hi\n\nBody\n";
    assert!(looks_like_message(mail.as_bytes()));
    for text in [
        "From: the desk of the editor\nAbout taxes, again.\n\nDear reader,\n",
        "Title: A book\nAuthor: Someone\nRelease Date: today\n\nChapter 1\n",
        "Subject: only\n\none field\n",
        "From: a@example.org\nSubject: Hi\nDate: today\nthis line is prose, not a field\n\nx\n",
        "A title\n\nFrom: a@example.org\nSubject: Hi\nDate: today\n\nx\n",
        "",
    ] {
        assert!(!looks_like_message(text.as_bytes()), "{text:?}");
    }
}

#[test]
fn a_news_post_gives_subject_author_date_and_newsgroup() {
    let (blocks, meta) = parse(NEWS_POST.as_bytes()).unwrap();
    assert_eq!(
        meta.title.as_deref(),
        Some("Re: about the bible quiz answers")
    );
    assert_eq!(meta.byline.as_deref(), Some("dean.kaflowitz"));
    assert_eq!(meta.date.as_deref(), Some("1993-04-20"));
    assert_eq!(meta.source.as_deref(), Some("alt.atheism"));
    assert_eq!(texts(&blocks), ["The answers are in the back."]);
}

#[test]
fn the_address_stands_in_for_a_missing_name_and_list_or_organization_for_groups() {
    let mail = "From: a@example.org\nTo: b@example.org\nSubject: Hi\n\
                List-Id: Python development <python-dev.python.org>\nOrganization: PSF\n\nBody\n";
    let (_, meta) = parse(mail.as_bytes()).unwrap();
    assert_eq!(meta.byline.as_deref(), Some("a@example.org"));
    assert_eq!(meta.source.as_deref(), Some("Python development"));
    let mail = "From: a@example.org\nTo: b@example.org\nSubject: Hi\nOrganization: PSF\n\nBody\n";
    assert_eq!(
        parse(mail.as_bytes()).unwrap().1.source.as_deref(),
        Some("PSF")
    );
}

#[test]
fn encoded_words_quoted_printable_and_charsets_are_decoded() {
    let mail = "From: =?iso-8859-1?q?Andr=E9?= <andre@example.org>\n\
                To: b@example.org\n\
                Subject: =?utf-8?b?Q2Fmw6kgb3V2ZXJ0?=\n\
                MIME-Version: 1.0\n\
                Content-Type: text/plain; charset=koi8-r\n\
                Content-Transfer-Encoding: quoted-printable\n\n\
                =F0=D2=C9=D7=C5=D4, =\nmir.\n";
    let (blocks, meta) = parse(mail.as_bytes()).unwrap();
    assert_eq!(meta.title.as_deref(), Some("Café ouvert"));
    assert_eq!(meta.byline.as_deref(), Some("André"));
    assert_eq!(texts(&blocks), ["Привет, mir."]);
}

#[test]
fn an_undeclared_eight_bit_body_is_decoded_by_folio_not_replaced() {
    let mut mail =
        b"From: a@example.org\nSubject: Hi\nDate: Tue, 20 Apr 1993 12:00:00 GMT\n\n".to_vec();
    mail.extend_from_slice(b"Le caf\xe9 est ouvert, la cr\xe8me est fra\xeeche.\n");
    let (blocks, _) = parse(&mail).unwrap();
    assert_eq!(
        texts(&blocks),
        ["Le café est ouvert, la crème est fraîche."]
    );
}

const NEWSLETTER: &str = "\
From: The Tides Weekly <news@tides.example>
To: reader@example.org
Subject: This week: the spring tides
Date: Mon, 02 Mar 2026 08:00:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=\"outer\"

--outer
Content-Type: multipart/alternative; boundary=\"inner\"

--inner
Content-Type: text/plain; charset=utf-8

Plain fallback text.

--inner
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

PGh0bWw+PGJvZHk+PG5hdj48YSBocmVmPSIvIj5Ib21lPC9hPjwvbmF2PjxhcnRpY2xlPjxoMT5T
cHJpbmcgdGlkZXM8L2gxPjxwPlRoZSBtb29uIGFuZCB0aGUgc3VuIHB1bGwgdG9nZXRoZXIgdHdp
Y2UgYSBtb250aCwgYW5kIHRoZSBzZWEgYW5zd2VycyB3aXRoIGl0cyBoaWdoZXN0IHRpZGVzLjwv
cD48L2FydGljbGU+PC9ib2R5PjwvaHRtbD4=

--inner--

--outer
Content-Type: application/pdf; name=\"tide-table.pdf\"
Content-Disposition: attachment; filename=\"tide-table.pdf\"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K
--outer--
";

#[test]
fn a_newsletter_reads_as_its_html_part_with_attachments_named() {
    let (blocks, meta) = parse(NEWSLETTER.as_bytes()).unwrap();
    assert_eq!(meta.title.as_deref(), Some("This week: the spring tides"));
    assert_eq!(meta.byline.as_deref(), Some("The Tides Weekly"));
    assert_eq!(meta.date.as_deref(), Some("2026-03-02"));
    let shown = texts(&blocks);
    assert!(
        shown.iter().any(|t| t.starts_with("The moon and the sun")),
        "{shown:?}"
    );
    assert!(
        !shown.iter().any(|t| t.contains("Plain fallback")),
        "{shown:?}"
    );
    assert!(
        !shown.contains(&"Home"),
        "navigation is left out: {shown:?}"
    );
    assert_eq!(
        shown.last(),
        Some(&"[attachment: tide-table.pdf, 48 bytes]")
    );
}

#[test]
fn the_text_part_is_the_fallback_and_kept_as_plain_text() {
    let mail = NEWSLETTER.replace(
        "Content-Type: text/html; charset=utf-8\n",
        "Content-Type: text/x-other\n",
    );
    let (blocks, _) = parse(mail.as_bytes()).unwrap();
    assert_eq!(blocks[0].text, "Plain fallback text.");
    assert_eq!(blocks[0].kind, BlockKind::Paragraph);
}

#[test]
fn sizes_read_as_a_person_would_say_them() {
    assert_eq!(size(820), "820 bytes");
    assert_eq!(size(120 * 1024), "120 KB");
    assert_eq!(size(3_565_158), "3.4 MB");
}

#[test]
fn crlf_line_endings_of_a_decoded_part_are_line_breaks_not_controls() {
    let mail = "From: a@example.org\r\nSubject: Hi\r\nMIME-Version: 1.0\r\n\
                Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\
                VGhhbmtzLA0KQW5uDQo=\r\n";
    let (blocks, _) = parse(mail.as_bytes()).unwrap();
    assert_eq!(texts(&blocks), ["Thanks,\nAnn"]);
}

#[test]
fn eight_bit_headers_of_old_news_software_are_decoded_not_replaced() {
    let mut post =
        b"From: Andr\xe9 Martin <andre@example.org>\nSubject: Caf\xe9 cr\xe8me\n".to_vec();
    post.extend_from_slice(b"Newsgroups: fr.rec.cuisine\n\nBonjour.\n");
    let (_, meta) = parse(&post).unwrap();
    assert_eq!(meta.title.as_deref(), Some("Café crème"));
    assert_eq!(meta.byline.as_deref(), Some("André Martin"));
    let mut post = b"From: andre@example.org (Andr\xe9 Martin)\nSubject: x\n".to_vec();
    post.extend_from_slice(b"Newsgroups: fr.rec.cuisine\n\nBonjour.\n");
    assert_eq!(
        parse(&post).unwrap().1.byline.as_deref(),
        Some("André Martin")
    );
}

#[test]
fn pictures_a_page_embeds_are_part_of_it_not_attachments() {
    let mail = "From: news@tides.example\nSubject: Tides\nMIME-Version: 1.0\n\
                Content-Type: multipart/related; boundary=r\n\n\
                --r\nContent-Type: text/html\n\n\
                <p>The moon and the sun pull the sea together twice a month.</p><img src=\"cid:logo\" alt=\"logo\">\n\
                --r\nContent-Type: image/png\nContent-ID: <logo>\nContent-Transfer-Encoding: base64\n\n\
                iVBORw0KGgo=\n\
                --r\nContent-Type: application/pdf; name=t.pdf\nContent-ID: <t>\n\
                Content-Disposition: attachment; filename=t.pdf\n\nPDF\n--r--\n";
    let (blocks, _) = parse(mail.as_bytes()).unwrap();
    let shown = texts(&blocks);
    assert!(shown[0].starts_with("The moon and the sun"), "{shown:?}");
    assert_eq!(
        shown.last(),
        Some(&"[attachment: t.pdf, 3 bytes]"),
        "{shown:?}"
    );
    assert!(!shown.iter().any(|t| t.contains("image/png")), "{shown:?}");
}
