"""The command palette: every actor, place, article and event by name, and the app's actions."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.command import Hit, Hits, Provider
from textual.content import Content

from briefing.tui import render

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp


class EntryProvider(Provider):
    """Go to an actor, place, article or event (the same fuzzy lookup as ``/``)."""

    @property
    def briefing(self) -> BriefingApp:
        return self.app  # type: ignore[return-value]

    async def search(self, query: str) -> Hits:
        if not query.strip():
            return
        hits = await asyncio.to_thread(self.briefing.library.search, query, 20)
        for hit in hits:
            yield Hit(
                # lookup scores are out of 100 (full-text hits score 0): on the palette's
                # scale a weak lookup hit ranks below a command whose name matches
                max(0.01, min(1.0, (hit["score"] or 1) / 100)),
                render.highlighted(hit.get("name") or hit["id"], hit.get("spans") or []),
                partial(self.briefing.go, hit["kind"], hit["id"]),
                text=render.clean(hit["name"], one_line=True),
                help=Content(f"go to {hit['kind']}"),
            )
