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
                # entries come after every command that matches, in a group of their own:
                # the palette sorts by score, so theirs are below any command's (which are
                # over 0), best lookup score (out of 100) first
                -1.0 + max(0.0, min(99.0, hit["score"] or 0)) / 100,
                Content.assemble((f"{hit['kind']}: ", "dim"))
                + render.highlighted(hit.get("name") or hit["id"], hit.get("spans") or []),
                partial(self.briefing.go, hit["kind"], hit["id"]),
                text=render.clean(f"{hit['kind']}: {hit.get('name') or hit['id']}", one_line=True),
                help=Content(f"go to this {hit['kind']} (an entry, not a command)"),
            )
