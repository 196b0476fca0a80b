"""A web page's main text and metadata, through trafilatura (as ``briefing.ingest``
reads HTML files)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.ingest.decode import BinaryFile, decode

_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.I)


@dataclass(slots=True)
class Page:
    text: str
    title: str | None
    date: str | None
    sitename: str | None
    canonical: str | None  # the page's own <link rel=canonical>, if any


class NoText(ValueError):
    """The page has no article text to read."""


def html_to_str(data: bytes, content_type: str = "") -> str:
    """Bytes of an HTML page as text: the declared charset where it decodes them cleanly,
    else what ``briefing.ingest.decode`` makes of them (a wrong or missing charset)."""
    m = _CHARSET.search(content_type or "")
    if m:
        try:
            return data.decode(m.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)[0]


def read_page(data: bytes, content_type: str = "", url: str | None = None) -> Page:
    import trafilatura

    if content_type and not any(t in content_type.lower() for t in ("html", "xml", "text")):
        raise NoText(f"not a web page ({content_type.split(';')[0].strip()})")
    try:
        html = html_to_str(data, content_type)
    except BinaryFile as exc:
        raise NoText(str(exc)) from exc
    if not html.strip():
        raise NoText("empty page")
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        favor_precision=True,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise NoText("no article text found on the page")
    canonical = getattr(doc, "url", None)
    return Page(
        text=text,
        title=getattr(doc, "title", None),
        date=getattr(doc, "date", None),
        sitename=getattr(doc, "sitename", None),
        canonical=canonical
        if canonical and canonical.startswith(("http://", "https://"))
        else None,
    )
