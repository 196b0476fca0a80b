"""Feeds made from the seed articles, and the fixture files in ``data/``."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from tests.conftest import SEEDS

DATA = Path(__file__).parent / "data"


def seed_articles() -> list[tuple[str, str]]:
    """(headline, body) of each seed article."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        out.append((title.strip(), body.strip()))
    return out


def html_paragraphs(body: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in body.split("\n") if p.strip())


def rss(items: list[dict], title: str = "Levant Wire") -> bytes:
    """An RSS 2.0 feed; each item: title, link, guid, date, description, content."""
    parts = []
    for it in items:
        xml = "<item>"
        for tag in ("title", "link", "guid", "pubDate", "description"):
            if it.get(tag) is not None:
                xml += f"<{tag}>{escape(it[tag])}</{tag}>"
        if it.get("content") is not None:
            xml += f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>"
        parts.append(xml + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>http://example.org/</link>"
        f"{''.join(parts)}</channel></rss>"
    ).encode()


def seed_feed(
    base: str,
    *,
    full: bool = True,
    guid_prefix: str = "seed",
    count: int = 5,
    title: str = "Levant Wire",
) -> bytes:
    """The seed articles as a feed: their whole text in the feed, or a teaser and a link."""
    items = []
    for i, (headline, body) in enumerate(seed_articles()[:count]):
        items.append(
            {
                "title": headline,
                "link": f"{base}/story/{i}",
                "guid": f"{guid_prefix}-{i}",
                "pubDate": f"Mon, 0{i + 1} Dec 2026 08:00:00 GMT",
                "description": body.split("\n")[0][:200],
                "content": html_paragraphs(body) if full else None,
            }
        )
    return rss(items, title)


def story_page(i: int) -> bytes:
    headline, body = seed_articles()[i]
    return (
        f"<html><head><meta charset='utf-8'><title>{escape(headline)}</title></head><body>"
        f"<nav>Home | World | Middle East</nav><article><h1>{escape(headline)}</h1>"
        f"{html_paragraphs(body)}</article><footer>Copyright</footer></body></html>"
    ).encode()
