"""Reading feeds: the three formats and the broken ones."""

from __future__ import annotations

import random
from xml.sax.saxutils import escape

import pytest

from briefing.feeds import parse
from briefing.feeds.parse import NotAFeed, ParsedFeed, html_text, parse_feed
from tests.feeds.feeds import DATA, rss, seed_feed


def test_rss2_with_full_content():
    feed = parse_feed(seed_feed("http://example.org"))
    assert feed.title == "Levant Wire" and len(feed.entries) == 5
    first = feed.entries[0]
    assert first.guid == "seed-0" and first.url == "http://example.org/story/0"
    assert first.published == "2026-12-01T08:00:00Z"
    assert not first.teaser_only and "Syrian warplanes" in first.content


def test_atom_drops_script_and_keeps_paragraphs():
    feed = parse_feed((DATA / "atom.xml").read_bytes())
    (entry,) = feed.entries
    assert feed.title == "Idlib Observer" and entry.url == "http://example.org/maarat-market"
    assert "alert" not in entry.content and "killing at least twelve" in entry.content
    assert "\n\n" in entry.content  # two paragraphs


def test_rss1():
    feed = parse_feed((DATA / "rss1.rdf").read_bytes())
    (entry,) = feed.entries
    assert entry.title == "Shelling kills four in Deir ez-Zor countryside"
    assert entry.published == "2026-12-03T07:30:00Z" and entry.teaser_only


def test_entries_without_links_or_dates_are_kept_without_them():
    feed = parse_feed((DATA / "no_links_no_dates.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["Ceasefire talks resume in Astana", None]
    assert all(e.url is None and e.published is None for e in feed.entries)
    assert len({e.guid for e in feed.entries}) == 2  # each its own id, from its words


def test_duplicate_guids_keep_the_first():
    items = [
        {"title": "First", "guid": "same", "description": "a"},
        {"title": "Second", "guid": "same", "description": "b"},
    ]
    feed = parse_feed(rss(items))
    assert [e.title for e in feed.entries] == ["First"] and feed.duplicates == 1


@pytest.mark.parametrize(
    "data, reason",
    [
        ((DATA / "malformed.xml").read_bytes(), "malformed XML"),
        (b"<!DOCTYPE html><html><body><p>Welcome</p></body></html>", "an HTML page"),
        (b"", "not a feed"),
        (b"\x00\x01\x02 binary", "not a feed"),
    ],
)
def test_not_a_feed(data, reason):
    with pytest.raises(NotAFeed, match=reason):
        parse_feed(data)


def test_wrong_and_missing_charset():
    title = "Raqqa: the SDF advances"
    latin = rss(
        [{"title": "Hama – Kafr Zita shelled", "guid": "1", "description": "Al-Lataminah, Ḥamāh"}]
    )
    # declared latin-1 in the header, but the bytes are UTF-8: still read
    feed = parse_feed(latin, "application/rss+xml; charset=iso-8859-1")
    assert feed.entries and feed.entries[0].guid == "1"
    # no XML declaration, no charset, cp1252 bytes
    raw = f'<rss version="2.0"><channel><title>{title}</title><item><guid>2</guid><title>Caf\xe9 shelled</title></item></channel></rss>'.encode(
        "cp1252"
    )
    feed = parse_feed(raw, "text/xml")
    assert feed.entries[0].title.startswith("Caf")


def test_html_text_is_plain():
    text = html_text("<p>One <b>[bold]</b> &amp; two</p><script>evil()</script><p>Three</p>")
    assert text == "One [bold] & two\n\nThree"


# the plain RSS 2.0 path: read with lxml exactly as feedparser reads it ---------------------

PIECES = [
    "<p>", "</p>", "<script>alert(1)</script>", "<style>x</style>", "<b>", "</b>", "</i>",
    "<iframe src=x>fallback</iframe>", "<object>obj</object>", "<svg><text>s</text></svg>",
    "<a href='/rel'>link</a>", "<img src=x alt=alt>", "<noscript>ns</noscript>", "word ",
    "Ã©", "café ", "\u0080\u0093", "&amp;", "&lt;b&gt;", "&nbsp;", "&#8217;", "&copy;",
    "&foo;", "  ", "\n", "\t", "Deir ez-Zor", "a&b", "?a=1&b=2",
]  # fmt: skip


def hostile_rss(rng: random.Random) -> bytes:
    def text(n: int = 20) -> str:
        return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, n)))

    items = []
    for i in range(rng.randint(1, 5)):
        fields = {
            "title": f"<title>{escape(text(4))}</title>",
            "cdata-title": f"<title><![CDATA[{text(3)}]]></title>",
            "link": "<link>{}</link>".format(escape(rng.choice(
                ["http://e.org/a?x=1&y=2", " http://e.org/b ", "", "rel/path",
                 "http://e.org/&amp;x;", "javascript:alert(1)"]
            ))),
            "guid": rng.choice([
                f"<guid>g{i}</guid>", f'<guid isPermaLink="false">g{i}</guid>',
                f"<guid>http://e.org/g{i}</guid>", "<guid></guid>",
            ]),
            "pubDate": "<pubDate>{}</pubDate>".format(rng.choice(
                ["Mon, 01 Dec 2026 08:00:00 GMT", "2026-12-01T08:00:00Z", "garbage", "",
                 "Tue, 2 Dec 2026 8:00 +0300"]
            )),
            "description": f"<description>{escape(text())}</description>",
            "content": f"<content:encoded><![CDATA[{text(40)}]]></content:encoded>",
            "category": "<category>War</category>",
        }  # fmt: skip
        chosen = [v for k, v in fields.items() if rng.random() < 0.7 and k != "cdata-title"]
        if rng.random() < 0.2 and not any(v.startswith("<title>") for v in chosen):
            chosen.append(fields["cdata-title"])
        rng.shuffle(chosen)
        items.append("<item>" + "".join(chosen) + "</item>")
    if rng.random() < 0.2:
        items.append(items[0])  # a duplicate guid
    channel = f"<title>{escape(text(3))}</title><link>http://e.org/?a=1&amp;b=2</link>"
    if rng.random() < 0.3:
        channel = '<atom:link href="http://e.org/f" rel="self"/>' + channel
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        f"{channel}{''.join(items)}</channel></rss>"
    ).encode()


def by_feedparser(data: bytes, content_type: str, monkeypatch) -> ParsedFeed:
    with monkeypatch.context() as m:
        m.setattr(parse, "_plain_rss2", lambda *args: None)
        return parse_feed(data, content_type)


def test_plain_rss2_is_read_as_feedparser_reads_it(monkeypatch):
    rng = random.Random(22)
    docs = [seed_feed("http://example.org"), seed_feed("http://example.org", full=False)]
    docs += [hostile_rss(rng) for _ in range(300)]
    taken = 0
    for data in docs:
        for content_type in ("", "application/rss+xml; charset=utf-8"):
            fast = parse._plain_rss2(data, content_type)
            if fast is None:
                continue
            taken += 1
            assert fast == by_feedparser(data, content_type, monkeypatch), data
    assert taken > 500  # the path is taken: this compares something


@pytest.mark.parametrize(
    "data, content_type",
    [
        ((DATA / "atom.xml").read_bytes(), ""),
        ((DATA / "rss1.rdf").read_bytes(), ""),
        (seed_feed("http://example.org"), "text/xml"),  # no charset: US-ASCII by RFC 3023
        (seed_feed("http://example.org"), "application/rss+xml; charset=iso-8859-1"),
        (seed_feed("http://example.org").replace(b"utf-8", b"iso-8859-1"), ""),
        (seed_feed("http://example.org").replace(b"<item>", b"<item><dc:creator>A</dc:creator>"), ""),
        (seed_feed("http://example.org").replace(b"<item>", b'<item xml:base="http://b/">'), ""),
        (b'<!DOCTYPE rss [<!ENTITY x "y">]>' + seed_feed("http://example.org").split(b"?>", 1)[1], ""),
    ],
)  # fmt: skip
def test_what_the_plain_path_does_not_know_is_left_to_feedparser(data, content_type):
    assert parse._plain_rss2(data, content_type) is None
    assert parse_feed(data, content_type).entries  # feedparser reads it


# markup the sanitizer has nothing to take out of is not given to it ---------------------

PLAIN_PIECES = [
    "<p>", "</p>", "<P>", "<p >", "<p/>", "<br>", "<br/>", "<br />", "<BR>", "<b>", "</b>",
    "<i>", "</i>", "<em>", "<strong>", "</strong>", "<li>", "</li>", "<ul>", "</ul>", "<h2>",
    "</h6>", "<blockquote>", "<div>", "</div>", "<span>", "<sup>", "<small>", "word ",
    "café ", "Ã©", "â€™", "\x96", "&amp;", "&lt;b&gt;", "&quot;", "&#8217;", "&#39;",
    "&#65;", "&#150;", "&#169;", "&#55296;", "&#9;", "&#13;", "&#0032;", "&nbsp;", "&#x41;",
    "a&b", ">", "\"", "'", "  ", "\n", "\t", "\r\n", " \u00a0 ", "\u200b", "\ufeff",
    "\U0001f600", "\ufffe", "\U0010ffff", "<script>", "<a>", "<a href='x'>", "<p class=x>",
]  # fmt: skip


def read_html(html: str) -> str:
    try:
        return parse.html_text(parse._value(html, "html"))
    except ValueError as exc:  # (lxml refuses some characters: the same either way)
        return repr(exc)


def test_plainly_marked_html_is_read_as_the_sanitizer_leaves_it(monkeypatch):
    rng = random.Random(7)
    shortcut = parse._plainly_marked
    taken = passed = 0
    for _ in range(4000):
        html = "".join(rng.choice(PLAIN_PIECES) for _ in range(rng.randint(0, 25)))
        fast = read_html(html)
        with monkeypatch.context() as m:
            m.setattr(parse, "_plainly_marked", lambda html: False)
            sanitized = read_html(html)
        assert fast == sanitized, html
        if shortcut(html.strip()):
            taken += 1
        else:
            passed += 1
    assert taken > 300 and passed > 1000  # both ways are compared
    assert shortcut("<p>Rebels shelled Idlib &amp; Hama.</p><p>Two died.</p>")
    assert not shortcut("<p onclick='x()'>a</p>") and not shortcut("<script>x</script>")


@pytest.mark.parametrize(
    "fragment, text",
    [
        ("<p>Shelling hit Kharkiv.</p><script>x\x0b</script>", "Shelling hit Kharkiv."),
        ("<script>alert(1)</script>\ufffe<p>Two killed.</p>", "Two killed."),
        ("<p>Gunmen\x0b<script>b</script> attacked.</p>", "Gunmen attacked."),
    ],
)
def test_control_characters_beside_a_script_lose_no_text(fragment, text):
    assert html_text(fragment) == text
