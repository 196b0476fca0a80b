"""A feed's bytes as entries (feedparser reads RSS 0.9x/1.0/2.0 and Atom, and is lenient
with broken XML), and HTML fragments as plain text."""

from __future__ import annotations

import calendar
import contextlib
import hashlib
import re
from dataclasses import dataclass

# A feed entry whose content has fewer characters than this is a teaser: the linked page
# is fetched for the full text.
FULL_TEXT_CHARS = 700
_BLOCKS = re.compile(r"\n\s*\n+")


class NotAFeed(ValueError):
    """The bytes are no feed (an HTML page, broken XML with no entries, nothing)."""


@dataclass(slots=True)
class Entry:
    guid: str  # the entry's id in its feed (its guid, else its link, else a hash)
    url: str | None
    title: str | None
    published: str | None  # ISO 8601 (UTC) or None
    summary: str  # plain text
    content: str  # plain text of the fullest content the feed carries ("" if none)
    author: str | None = None

    @property
    def teaser_only(self) -> bool:
        return len(self.content) < FULL_TEXT_CHARS


@dataclass(slots=True)
class ParsedFeed:
    title: str | None
    site_url: str | None
    entries: list[Entry]
    duplicates: int  # entries whose guid came earlier in the feed (the first is kept)
    warning: str | None  # what was wrong with the XML, where feedparser read past it


def preload() -> None:
    """Import the parsers before threads parse feeds side by side: two threads importing
    feedparser's modules for the first time at once can fail with a deadlock error."""
    import feedparser  # noqa: F401
    import feedparser.datetimes  # noqa: F401
    import feedparser.html  # noqa: F401
    import feedparser.mixin  # noqa: F401
    import feedparser.sanitizer  # noqa: F401
    import lxml.etree  # noqa: F401
    import lxml.html  # noqa: F401


def parse_feed(data: bytes, content_type: str = "", url: str = "") -> ParsedFeed:
    fast = _plain_rss2(data, content_type)
    if fast is not None:
        return fast
    import feedparser

    headers = {"content-type": content_type} if content_type else {}
    # URIs in the entries' markup are not made absolute: only their text is kept (a fifth
    # of feedparser's time on feeds with their articles in full)
    parsed = feedparser.parse(
        data, response_headers=headers, sanitize_html=True, resolve_relative_uris=False
    )
    if not parsed.entries:
        head = data[:1024].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
            raise NotAFeed("not a feed: an HTML page")
        if parsed.get("bozo"):
            raise NotAFeed(f"not a feed: malformed XML ({_reason(parsed.get('bozo_exception'))})")
        if not parsed.get("version"):
            raise NotAFeed("not a feed (no RSS or Atom found)")
    feed = parsed.get("feed", {})
    entries, duplicates = _entries(parsed.entries)
    warning = _reason(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    return ParsedFeed(
        title=_one_line(feed.get("title")),
        site_url=feed.get("link") or None,
        entries=entries,
        duplicates=duplicates,
        warning=warning,
    )


def _entries(raws) -> tuple[list[Entry], int]:
    """The entries of feedparser's (or ``_plain_rss2``'s) entries, each guid once."""
    entries: list[Entry] = []
    seen: set[str] = set()
    duplicates = 0
    for raw in raws:
        entry = _entry(raw)
        if entry is None:
            continue
        if entry.guid in seen:
            duplicates += 1
            continue
        seen.add(entry.guid)
        entries.append(entry)
    return entries, duplicates


# The plain RSS 2.0 feeds most outlets serve, read with lxml as feedparser reads them.
# feedparser takes ~40 ms a feed of 50 articles in full (its SAX handlers, in Python, see
# every element and every piece of text), 4 s of CPU for 100 feeds: a quarter of what an
# update spends outside extraction. Anything this does not know to read exactly as
# feedparser does (another format, another encoding, a DTD, xml:base, an element in an
# item other than those below, one twice, markup inside one) is left to feedparser.
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_ATOM_LINK = "{http://www.w3.org/2005/Atom}link"
_ITEM_ONCE = frozenset({"title", "link", "guid", "pubDate", "description", _CONTENT})
_ITEM_IGNORED = frozenset({"category", "comments", "enclosure"})  # (no field of ours)
_PLAIN_TYPES = frozenset({"", "application/rss+xml", "application/xml", "text/xml"})
_HTML_LIKE = re.compile(r"</(\w+)>|&#?\w+;")


def _plain_rss2(data: bytes, content_type: str) -> ParsedFeed | None:
    """``parse_feed``'s answer for a plain RSS 2.0 feed in UTF-8, or None to ask feedparser.
    Each value goes through what feedparser's strict parser does to it (stripped, HTML
    sanitized by feedparser's own sanitizer, its date parser, its encoding repairs), and
    entries are made by the same ``_entry``; a test holds the two equal."""
    media, _, params = content_type.partition(";")
    charset = params.strip().lower().removeprefix("charset=").strip("\"' ")
    if media.strip().lower() not in _PLAIN_TYPES or charset not in ("", "utf-8"):
        return None
    if media.strip().lower() == "text/xml" and not charset:  # RFC 3023: us-ascii
        return None
    head = data[:200].lower()
    if b"<!doctype" in data[:4096].lower() or b"<!entity" in data or b"xml:base" in data:
        return None
    if b"encoding=" in head and not re.search(rb"encoding=[\"']utf-8[\"']", head):
        return None
    from lxml import etree

    try:
        root = etree.fromstring(data, _xml_parser())
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root.tag != "rss" or root.get("version") != "2.0" or len(root) != 1:
        return None
    channel = root[0]
    if channel.tag != "channel" or channel.attrib:
        return None
    title = link = None
    raws = []
    for child in channel:
        tag = child.tag
        if not isinstance(tag, str):  # a comment or a processing instruction
            continue
        if tag == "item":
            raw = _plain_item(child)
            if raw is None:
                return None
            raws.append(raw)
        elif tag in ("title", "link"):
            if (title if tag == "title" else link) is not None or len(child) or child.attrib:
                return None
            value = _value(child.text, "title" if tag == "title" else None)
            if tag == "title":
                title = value
            else:
                link = re.sub("&([A-Za-z0-9_]+);", r"&\g<1>", value)
        elif tag.startswith("{") and (tag != _ATOM_LINK or child.get("rel") != "self"):
            return None  # (feedparser reads some namespaces' elements as its own)
    if not raws:
        return None  # feedparser says why
    entries, duplicates = _entries(raws)
    return ParsedFeed(
        title=_one_line(title),
        site_url=link or None,
        entries=entries,
        duplicates=duplicates,
        warning=None,
    )


def _xml_parser():
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )


def _plain_item(item) -> dict | None:
    """An item's fields as feedparser's entry holds them, or None if it holds more."""
    found: dict[str, object] = {}
    for child in item:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag in _ITEM_IGNORED:
            continue
        if tag not in _ITEM_ONCE or tag in found or len(child):
            return None
        if child.attrib and not (tag == "guid" and set(child.attrib) == {"isPermaLink"}):
            return None
        found[tag] = child
    raw: dict[str, object] = {}
    if "title" in found:
        raw["title"] = _value(found["title"].text, "title")
    permalink = False
    if "guid" in found:
        guid = found["guid"]
        permalink = guid.get("isPermaLink", "true") == "true"
        raw["id"] = _value(guid.text, None)
    if "link" in found:
        value = _value(found["link"].text, None).replace("&amp;", "&")
        raw["link"] = re.sub("&([A-Za-z0-9_]+);", r"&\g<1>", value)
    elif permalink:
        raw["link"] = raw["id"]
    if "pubDate" in found:
        from feedparser.datetimes import _parse_date

        raw["published_parsed"] = _parse_date(_value(found["pubDate"].text, None))
    content = _value(found[_CONTENT].text, "html") if _CONTENT in found else None
    if "description" in found:
        raw["summary"] = _value(found["description"].text, "html")
    elif content is not None:
        raw["summary"] = content
    if content is not None:
        raw["content"] = [{"value": content}]
    return raw


def _value(text: str | None, kind: str | None) -> str:
    """An element's text as feedparser's ``pop`` leaves it: stripped; a title that looks
    like HTML and any HTML sanitized; repaired as it repairs UTF-8 read as Latin-1 and
    cp1252's characters."""
    from feedparser.html import _cp1252

    output = (text or "").strip()
    html = kind == "html" or (kind == "title" and _looks_like_html(output))
    if html and not (kind == "html" and _plainly_marked(output)):
        from feedparser.sanitizer import _sanitize_html

        output = _sanitize_html(output, "utf-8", "text/html")
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        output = output.encode("iso-8859-1").decode("utf-8")
    return output.translate(_cp1252)


# Markup the sanitizer has nothing to take out of: tags of text blocks and emphasis with no
# attributes, the XML entities and decimal character references of printable characters.
# An "html" value is only ever read by ``html_text``, which reads such markup as it reads
# the sanitizer's copy of it (tests/feeds/test_parse.py holds the two equal): feedparser's
# sanitizer, an SGML parser in Python, took two fifths of reading a feed of full articles.
_PLAIN_TAGS = "p|br|b|i|em|strong|u|li|ul|ol|h[1-6]|blockquote|div|span|sup|sub|small"
_NOT_PLAIN = re.compile(
    rf"</?(?:{_PLAIN_TAGS})\s*/?>|&(?:amp|lt|gt|quot|#[1-9][0-9]{{0,4}});"
    "|[<>&\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]",
    re.IGNORECASE,
)


def _plainly_marked(html: str) -> bool:
    """Whether ``html`` holds only markup of ``_PLAIN_TAGS`` and plain references."""
    for m in _NOT_PLAIN.finditer(html):
        token = m.group()
        if len(token) == 1:  # a character no tag or reference above accounts for
            return False
        if token[1] == "#" and not (
            32 <= int(token[2:-1]) < 0x7F or 0x9F < int(token[2:-1]) < 0xD800
        ):
            return False
    return True


def _looks_like_html(text: str) -> bool:
    if not _HTML_LIKE.search(text):  # (what feedparser asks first, cheaply)
        return False
    from feedparser.mixin import _FeedParserMixin

    return bool(_FeedParserMixin.looks_like_html(text))


def _entry(raw) -> Entry | None:
    url = raw.get("link") or None
    if url and not url.startswith(("http://", "https://")):
        url = None
    summary = html_text(raw.get("summary", ""))
    contents = [html_text(c.get("value", "")) for c in raw.get("content", []) or []]
    content = max(contents, key=len, default="")
    if len(summary) > len(content):
        content = summary if len(summary) >= FULL_TEXT_CHARS else content
    title = _one_line(raw.get("title"))
    if not (title or summary or content or url):
        return None
    guid = raw.get("id") or url
    if not guid:
        digest = hashlib.blake2b(f"{title}\0{summary}".encode(), digest_size=10).hexdigest()
        guid = f"hash:{digest}"
    # (dict.get: feedparser's own get maps a missing "updated_parsed" to the published
    # date with a deprecation warning)
    published = raw.get("published_parsed") or dict.get(raw, "updated_parsed")
    return Entry(
        guid=str(guid)[:500],
        url=url,
        title=title,
        published=_iso(published),
        summary=summary,
        content=content,
        author=_one_line(raw.get("author")),
    )


def _iso(parsed_time) -> str | None:
    if not parsed_time:
        return None
    try:
        import datetime as dt

        stamp = calendar.timegm(parsed_time)
        return dt.datetime.fromtimestamp(stamp, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, ValueError, TypeError, OSError):
        return None


def html_text(fragment: str) -> str:
    """Plain text of an HTML fragment: paragraphs kept apart, scripts and styles dropped."""
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment and "&" not in fragment:
        return _squeeze(fragment)
    import lxml.html

    fragment = _NOT_XML.sub("", fragment)  # lxml refuses to hold them ("<script>\x0b")
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises a handful of types for hostile markup
        return _squeeze(re.sub(r"<[^>]*>", " ", fragment))
    for bad in list(root.iter(*_DROPPED)):  # (iter: a quarter faster than xpath)
        bad.drop_tree()
    for block in root.iter(*_BLOCK_TAGS):
        block.tail = "\n\n" + (block.tail or "")
    return _squeeze(root.text_content())


_DROPPED = ("script", "style", "noscript", "iframe", "object", "embed")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def _squeeze(text: str) -> str:
    return "\n\n".join(p.replace("\n", " ") for p in map(_spaces, _BLOCKS.split(text)) if p)


def _spaces(paragraph: str) -> str:
    """Runs of spaces and tabs as one space, the ends stripped. The regular expression
    only where it changes something: run on every paragraph, it was a third of reading a
    feed (sre tries the class at each character: ~65 ns a character here)."""
    p = paragraph
    if "  " in p or "\t" in p or "\r" in p or "\f" in p or "\v" in p or "\u00a0" in p:
        p = _SPACES.sub(" ", p)
    return p.strip()


def _one_line(value) -> str | None:
    if not value:
        return None
    text = re.sub(r"\s+", " ", html_text(str(value)) if "<" in str(value) else str(value)).strip()
    return text[:300] or None


def _reason(exc) -> str:
    text = str(exc or "unknown error").strip().splitlines()[0] if exc else "unknown error"
    return text[:200]
