"""Extraction: the pure function from an article to its mentions and events.

``extract(article)`` finds the article's actors and places (the gazetteer's
``briefing.extract.mentions.find_mentions``) and codes its events from them
(``briefing.extract.events.extract_events``). It depends only on the article and the
dictionaries, so the indexer can run it in worker processes and skip articles whose
content hash and ``EXTRACTOR_VERSION`` are unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from briefing.model import Article, Extraction, Mention

# Bump when extraction output changes so that the indexer re-extracts stored articles.
EXTRACTOR_VERSION = "11"

__all__ = ["EXTRACTOR_VERSION", "compiled", "extract", "find_mentions"]


def compiled() -> bool:
    """Whether the engine runs compiled with mypyc (a wheel build) or as pure Python."""
    from briefing.extract import drafts

    return not drafts.__file__.endswith(".py")


def _no_mentions(text: str) -> list[Mention]:
    return []


def _mention_finder() -> Callable[[str], list[Mention]]:
    try:
        from briefing.extract.mentions import find_mentions as finder
    except ImportError:  # the gazetteer is not installed yet: events without arguments
        return _no_mentions
    return finder


def find_mentions(text: str) -> list[Mention]:
    """Actors and places in ``text`` (resolved with the document as context)."""
    global _finder
    if _finder is None:
        _finder = _mention_finder()
    return _finder(text)


_finder: Callable[[str], list[Mention]] | None = None


def extract(
    article: Article, mention_finder: Callable[[str], list[Mention]] | None = None
) -> Extraction:
    """Mentions and events of one article. Pure: depends only on the article and the dictionaries.

    ``mention_finder`` replaces the gazetteer lookup (tests pass a stub).
    """
    from briefing.extract.events import extract_events

    mentions = (mention_finder or find_mentions)(article.text)
    events = extract_events(article, mentions)
    return Extraction(article_id=article.id, mentions=mentions, events=events)
