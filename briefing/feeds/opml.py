"""OPML 2.0 subscription lists: read (nested outlines are tags) and written (one outline
a feed, its tags in ``category``), so that an export imports back to the same feeds."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr


class OpmlError(ValueError):
    """The file is no OPML list of feeds."""


@dataclass(slots=True)
class Subscription:
    url: str
    name: str | None = None
    tags: list[str] = field(default_factory=list)
    site_url: str | None = None


def read_opml(data: bytes) -> list[Subscription]:
    from lxml import etree

    if b"<!entity" in data.lower():  # entity expansion ("billion laughs"): not read
        raise OpmlError("declares XML entities, which an OPML list has no need of")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, recover=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise OpmlError(f"not well-formed XML: {exc}") from exc
    if not isinstance(root.tag, str) or root.tag.lower() != "opml":
        raise OpmlError(f"not OPML (the root element is <{root.tag}>)")
    body = root.find("body")
    if body is None:
        raise OpmlError("OPML without a <body>")
    out: list[Subscription] = []
    seen: set[str] = set()

    def walk(node, tags: list[str]) -> None:
        for outline in node.iterfind("outline"):
            url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
            label = (outline.get("title") or outline.get("text") or "").strip() or None
            if label == url:  # written so for a feed without a name
                label = None
            if url:
                own = [t.strip().lstrip("/") for t in (outline.get("category") or "").split(",")]
                merged = list(dict.fromkeys([*tags, *(t for t in own if t)]))
                if url not in seen:
                    seen.add(url)
                    out.append(Subscription(url, label, merged, outline.get("htmlUrl") or None))
            walk(outline, [*tags, label] if label and not url else tags)

    walk(body, [])
    return out


def write_opml(subscriptions: list[Subscription], title: str = "briefing feeds") -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{_text(title)}</title></head>",
        "  <body>",
    ]
    for s in subscriptions:
        attrs = {"type": "rss", "text": s.name or s.url, "xmlUrl": s.url}
        if s.name:
            attrs["title"] = s.name
        if s.site_url:
            attrs["htmlUrl"] = s.site_url
        if s.tags:
            attrs["category"] = ",".join(s.tags)
        lines.append(
            "    <outline " + " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items()) + "/>"
        )
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
