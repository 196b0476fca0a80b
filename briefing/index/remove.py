"""Taking articles out of the index: ``briefing remove ID|PATH|--seeds``.

An article goes with its mentions, events, links and full-text entry (``store.delete_articles``);
removed by file or folder, the files are forgotten too, so that indexing them again reads
them again; removed by id, the article stays out until its file changes.
Removing the bundled seeds is remembered: the app does not put them back on its next start.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from briefing.index import store

SEEDS_REMOVED = "seeds_removed"  # meta key: the analyst took the seeds out; do not re-add


class RemoveError(ValueError):
    """Nothing in the index answers to what was named (nothing was removed)."""


@dataclass(slots=True)
class Removed:
    articles: list[str] = field(default_factory=list)  # ids, in the order named

    def lines(self) -> list[str]:
        n = len(self.articles)
        return [f"removed {n} article{'s' * (n != 1)}"]


def _roots(path: Path) -> list[str]:
    """The forms a path may be stored under: absolute as given, and resolved."""
    return list(dict.fromkeys((os.path.abspath(path), os.path.realpath(path))))


def _under(file: str, roots: list[str]) -> bool:
    return any(file == r or file.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def seeds_dir() -> Path:
    from briefing import paths

    return paths.bundled("seeds")


def remove(
    con: sqlite3.Connection,
    *,
    ids: list[str] | tuple[str, ...] = (),
    paths: list[Path] | tuple[Path, ...] = (),
    seeds: bool = False,
) -> Removed:
    """Remove the articles with these ids, those read from these files or folders, and
    (``seeds``) the bundled seed articles. Raises RemoveError, removing nothing, when an
    id or a path matches no article (the seeds may be gone already: that is no error)."""
    stored = con.execute("SELECT rowid, id, file FROM articles").fetchall()
    by_id = {art_id: (rowid, file) for rowid, art_id, file in stored}
    chosen: dict[int, str] = {}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise RemoveError(
            f"no article with id {', '.join(unknown)} (`briefing articles` lists the ids)"
        )
    for art_id in ids:
        chosen[by_id[art_id][0]] = art_id
    roots: list[str] = []
    for path in paths:
        found = _roots(path)
        hits = [(r, i) for r, i, f in stored if _under(f, found)]
        if not hits:
            raise RemoveError(f"no article indexed from {path}")
        chosen.update(hits)
        roots += found
    if seeds:
        found = _roots(seeds_dir())
        chosen.update((r, i) for r, i, f in stored if _under(f, found))
        roots += found
    rowids = list(chosen)
    with store.transaction(con):
        store.delete_articles(con, rowids)
        files = [r[0] for r in con.execute("SELECT path FROM files")]
        gone_files = [f for f in files if _under(f, roots)]
        con.executemany("DELETE FROM files WHERE path = ?", [(f,) for f in set(gone_files)])
        if seeds:
            store.set_meta(con, SEEDS_REMOVED, "1")
        if rowids:
            from briefing.index.indexer import _refresh_entity_counts

            touched = {r[0] for r in con.execute("SELECT id FROM entities WHERE mentions > 0")}
            _refresh_entity_counts(con, touched)
    if rowids:
        from briefing.index import link

        link.update_links(con, changed=[], removed=rowids, terms=False)
    return Removed(list(chosen.values()))


def seeds_removed(con: sqlite3.Connection) -> bool:
    return store.get_meta(con, SEEDS_REMOVED) == "1"
