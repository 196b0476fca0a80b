"""Extraction: the pure function from an article to its mentions and events."""

from __future__ import annotations

from briefing.model import Article, Extraction

# Bump when extraction output changes so that the indexer re-extracts stored articles.
EXTRACTOR_VERSION = "0"


def extract(article: Article) -> Extraction:
    """Mentions and events of one article. Pure: depends only on the article and the dictionaries."""
    return Extraction(article_id=article.id)
