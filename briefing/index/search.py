"""Fuzzy lookup of actors, places, articles and events, tolerant of typos and transliteration.

Names and aliases are folded the same way mentions are (case, diacritics, al-/el-,
hyphens), and the Arabic article is dropped from names and queries alike (``lookup_key``:
"Al Mawsil", "al-Mawsil" and "Mawsil" are one key). A place from GeoNames is also found by
its GeoNames alternate names ("Halab", "Tadmur", "Emesa"; the compiled gazetteer's
``lookup_name`` table), and any name by its consonant skeleton ("Haleb"/"Halab",
"Tadmor"/"Tadmur"). Names are matched with rapidfuzz WRatio and word by word; hits of every
kind share one ranking, on one 0-100 scale (``ranking``: the match plus how often the
collection names it). The table of
names is built once per index state and kept. A keystroke scores only the names, aliases
and titles that share a word with the query (or a word's beginning, or a close spelling of
it, found by one rapidfuzz pass over the distinct words): at most TITLE_CANDIDATES titles,
those with the most of the query's words, whatever the size of the collection.
"""

from __future__ import annotations

import bisect
import math
import re
import sqlite3
import weakref
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from briefing.index import store
from briefing.text.normalize import fold

if TYPE_CHECKING:
    from briefing.index.queries import Index

KINDS = ("actor", "place", "article", "event")
PREFIXES = {"@": "actor", "#": "place", "actor:": "actor", "place:": "place", "article:": "article",
            "event:": "event", "?": "text", "text:": "text"}  # fmt: skip


def parse_query(query: str) -> tuple[str, tuple[str, ...]]:
    """Split a prefix off a query: ``@kataib`` → ("kataib", ("actor",))."""
    q = query.strip()
    for prefix, kind in sorted(PREFIXES.items(), key=lambda kv: -len(kv[0])):
        if q.lower().startswith(prefix):
            return q[len(prefix) :].strip(), (kind,)
    return q, KINDS


@dataclass(slots=True)
class _Names:
    content: tuple  # what the table was built from (see _content), whichever connection
    seen: weakref.WeakKeyDictionary  # Index -> (data_version, total_changes) when it agreed
    keys: list[str]  # folded names and aliases, then folded titles (heaviest article first)
    owners: list[int]  # index into entries for each key
    entries: list[tuple[str, str, str, int]]  # (kind, id, display name, weight)
    about: list[dict[str, Any]]  # for each entry, what a result row says of it (see _about)
    first_title: int  # keys[first_title:] are article titles
    vocabulary: list[str]  # the distinct words of the keys (see _key_words), sorted
    entity_postings: list[list[int]]  # for each word, the names and aliases holding it
    title_postings: list[list[int]]  # for each word, the titles holding it (positions in keys)
    short: dict[str, list[int]]  # titles for a one- or two-letter prefix, filled on demand
    skeletons: dict[str, list[int]]  # skeleton (see skeleton()) -> entries of that shape


_CACHE: dict[str, _Names] = {}
_WORDS = re.compile(r"\w+")
TITLE_CANDIDATES = 800  # titles scored by WRatio per keystroke, at most (about 10 ms)


def _content(con: sqlite3.Connection) -> tuple:
    """The index's state as any connection sees it: the stamp every indexing run leaves, and
    the articles' count and last rowid (which move with every batch a run commits)."""
    updated = con.execute("SELECT value FROM meta WHERE key='updated'").fetchone()
    return (updated[0] if updated else None, *con.execute(
        "SELECT count(*), max(rowid) FROM articles"
    ).fetchone())  # fmt: skip


def _names(index: Index) -> _Names:
    """The name table for the index's current state, built once and shared by every
    connection to the same file (the app searches from a new worker thread, with a new
    connection, at each keystroke). A connection that already agreed with the table
    re-checks only its data_version (moves when another connection commits) and its
    total_changes (when it writes); another compares _content, a few ms at 100k articles."""
    con = index.con
    mark = (con.execute("PRAGMA data_version").fetchone()[0], con.total_changes)
    cached = _CACHE.get(str(index.path))
    if cached is not None:
        if cached.seen.get(index) == mark:
            return cached
        if cached.content == _content(con):
            cached.seen[index] = mark
            return cached
    content = _content(con)
    import json

    keys, owners, entries, about = [], [], [], []
    skeletons: defaultdict[str, list[int]] = defaultdict(list)
    countries = dict(
        con.execute(
            "SELECT country, name FROM entities WHERE type = 'country' AND country IS NOT NULL"
        )
    )
    rows = con.execute(
        "SELECT id, name, kind, aliases, mentions, type, country, articles FROM entities"
        " WHERE mentions > 0"
    ).fetchall()
    alternates = geonames_alternates(
        [int(r["id"].rsplit(":", 1)[1]) for r in rows if r["id"].startswith("place:geonames:")]
    )
    for r in rows:
        n = len(entries)
        entries.append((r["kind"], r["id"], r["name"], r["mentions"]))
        about.append(
            {
                "type": r["type"],
                "country": _country(countries, r["country"]),
                "articles": r["articles"],
            }  # fmt: skip
        )
        seen = set()
        more = alternates.get(r["id"], ())
        for name in [r["name"], *json.loads(r["aliases"] or "[]"), *more]:
            k = lookup_key(fold(name))
            if k and k not in seen:
                seen.add(k)
                keys.append(k)
                owners.append(n)
                sk = skeleton(k)
                if len(sk) >= 3 and n not in skeletons[sk]:
                    skeletons[sk].append(n)
    entity_words: dict[str, list[int]] = {}
    for pos, key in enumerate(keys):
        for word in _key_words(key):
            entity_words.setdefault(word, []).append(pos)
    first_title = len(keys)
    words: defaultdict[str, list[int]] = defaultdict(list)
    find_words = _WORDS.findall
    for art_id, title, events, day, source in con.execute(
        "SELECT id, title, events, date, source FROM articles ORDER BY events DESC, rowid"
    ):
        pos = len(keys)
        entries.append(("article", art_id, title, events or 0))
        about.append({"date": day, "source": source, "events": events or 0})
        key = fold(title)
        for word in set(find_words(key)):
            words[word].append(pos)
        keys.append(key)
        owners.append(len(entries) - 1)
    vocabulary = sorted(words.keys() | entity_words.keys())
    names = _Names(
        content, weakref.WeakKeyDictionary({index: mark}), keys, owners, entries, about, first_title,
        vocabulary,
        [entity_words.get(w, []) for w in vocabulary], [words.get(w, []) for w in vocabulary], {},
        dict(skeletons),
    )  # fmt: skip
    _CACHE[str(index.path)] = names
    return names


def geonames_alternates(gids: list[int]) -> dict[str, list[str]]:
    """GeoNames alternate names of these cities ("Halab", "Tadmur", "Al Mawsil"), from the
    compiled gazetteer (``lookup_name``), by entity id. Empty when the gazetteer has none."""
    if not gids:
        return {}
    from briefing import gazetteer

    try:  # never built here: a keystroke must not wait the ~20 s a build takes (indexing
        # builds it; until then, after an upgrade, places are found by their own names)
        path = gazetteer.compiled_path(build_if_missing=False)
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return {}
    out: defaultdict[str, list[str]] = defaultdict(list)
    try:
        db.execute("CREATE TEMP TABLE wanted(gid INTEGER PRIMARY KEY)")
        db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", [(g,) for g in gids])
        for gid, name in db.execute(
            "SELECT l.gid, l.name FROM lookup_name l JOIN wanted w ON w.gid = l.gid"
        ):
            out[f"place:geonames:{gid}"].append(name)
    except sqlite3.Error:
        return {}  # a gazetteer compiled before lookup names were kept
    finally:
        db.close()
    return out


# Arabic article before a sun letter, written without a hyphen: "ar raqqah", "as suwayda"
# (fold already turns "ar-Raqqah" and "al-" into "al ")
_SUN_ARTICLE = re.compile(r"\b(?:a|e)(sh|dh|th|[tdrszn]) (?=\1)")
_ARTICLE_WORDS = re.compile(r"\b(?:al|el) (?=\w)")


def lookup_key(folded: str) -> str:
    """The form names and queries are compared in: the folded name without the Arabic
    article, so that "al-Mawsil", "Al Mawsil" and "Mawsil", or "Ar Raqqah" and "Raqqah",
    are one key. A name that is only the article keeps it."""
    if "a" not in folded and "e" not in folded:
        return folded
    key = _ARTICLE_WORDS.sub("", _SUN_ARTICLE.sub("", folded)).strip()
    return key or folded


_SKELETON_PAIRS = (("kh", "h"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("th", "t"),
                   ("dh", "d"), ("ph", "f"), ("dzh", "j"), ("dj", "j"), ("zh", "j"))  # fmt: skip
_SKELETON_LETTERS = str.maketrans({"q": "k", "c": "k", "p": "b", "v": "w", "'": None, " ": None,
                                   "-": None, "a": None, "e": None, "i": None, "o": None,
                                   "u": None, "y": None, "w": None})  # fmt: skip


def skeleton(key: str) -> str:
    """A name's consonants as transliterations of Arabic (and Persian, Turkish, Kurdish)
    agree on them: the first letter, then the consonants without vowels, w and y, digraphs
    as one letter (kh/h, sh/s, dh/d, zh/dzh/j), q as k, p as b, doubled letters once.
    "Halab", "Haleb" and "Halep" are "hlb"; "Hims" and "Homs" "hms"; "Mosul" and "Mawsil"
    "msl". Equal skeletons make a name a candidate whatever its vowels."""
    if not key:
        return ""
    for a, b in _SKELETON_PAIRS:
        if a in key:
            key = key.replace(a, b)
    head, rest = key[0], key[1:].translate(_SKELETON_LETTERS)
    if head in "aeiouy":
        head = "a"  # "Idlib" and "Edlib", "Omari" and "Amiri"
    out = [head]
    for ch in rest:
        if ch != out[-1] and ch.isalpha():
            out.append(ch)
    return "".join(out)


def _country(names: dict[str, str], code: str | None) -> str | None:
    """A country's name for its ISO code: the collection's own (a country entity), else
    ISO 3166's common name; the code itself if neither knows it."""
    if not code:
        return None
    if code not in names:
        import pycountry

        found = pycountry.countries.get(alpha_3=code) or pycountry.countries.get(alpha_2=code)
        names[code] = getattr(found, "common_name", None) or getattr(found, "name", code)
    return names[code]


def _key_words(key: str) -> set[str]:
    """The words a name is found by: each word, and all of them run together, so that
    "deirezzor" finds "deir ez zor" and "albukamal" finds "abu kamal"."""
    words = _WORDS.findall(key)
    return {*words, "".join(words)}


def _matching_words(names: _Names, w: str) -> list[int]:
    """Positions in the vocabulary of the words that start with ``w`` or are spelled like it."""
    vocabulary = names.vocabulary
    lo = bisect.bisect_left(vocabulary, w)
    found = list(range(lo, bisect.bisect_left(vocabulary, w + "\U0010ffff", lo)))
    if len(w) >= 3:
        found += [
            i
            for _word, _score, i in process.extract(
                w, vocabulary, scorer=fuzz.ratio, limit=None, score_cutoff=65
            )
        ]
    return found


def _candidates(names: _Names, q: str) -> list[int]:
    """Keys worth scoring for ``q``: those with a word that starts with, or is spelled like,
    a word of the query (or the query run together). Every such name or alias; of titles,
    at most TITLE_CANDIDATES, those with more of the query's words, then heavier ones,
    first. Words of one or two letters pick titles only when the query has nothing longer.
    Keeps a keystroke's WRatio pass small however many articles there are."""
    words = sorted(_key_words(q)) if " " in q else _WORDS.findall(q)
    if not words:
        return []
    entities: set[int] = set()
    per_word: list[set[int]] = []
    for w in words:
        matched = _matching_words(names, w)
        for i in matched:
            entities.update(names.entity_postings[i])
        if len(w) > 2:
            titles: set[int] = set()
            for i in matched:
                titles.update(names.title_postings[i])
            per_word.append(titles)
    if not per_word:
        return sorted(entities) + _short_prefix_titles(names, words[-1])
    union = set().union(*per_word)
    if len(union) <= TITLE_CANDIDATES:
        return sorted(entities) + sorted(union)
    if len(per_word) > 2:  # those with the most of the query's words
        hits: Counter[int] = Counter()
        for titles in per_word:
            hits.update(titles)
        return sorted(entities) + sorted(t for t, _n in hits.most_common(TITLE_CANDIDATES))
    every = sorted(set.intersection(*per_word))[:TITLE_CANDIDATES]
    if len(every) < TITLE_CANDIDATES:
        taken = set(every)
        every += [t for t in sorted(union) if t not in taken][: TITLE_CANDIDATES - len(every)]
    return sorted(entities) + sorted(every)


def _short_prefix_titles(names: _Names, prefix: str) -> list[int]:
    """The heaviest TITLE_CANDIDATES titles with a word starting with a one- or two-letter
    ``prefix``; kept with the name table, as there are few such prefixes and each is costly."""
    found = names.short.get(prefix)
    if found is None:
        titles: set[int] = set()
        for i in _matching_words(names, prefix):
            titles.update(names.title_postings[i])
        found = names.short[prefix] = sorted(titles)[:TITLE_CANDIDATES]
    return found


def match_spans(name: str, query: str) -> list[list[int]]:
    """Character ranges of ``name`` that the query's characters match (for highlighting)."""
    spans: list[list[int]] = []
    low = name.lower()
    for word in query.lower().split():
        i = low.find(word)
        if i < 0:
            for length in range(len(word) - 1, 2, -1):
                i = low.find(word[:length])
                if i >= 0:
                    spans.append([i, i + length])
                    break
            continue
        spans.append([i, i + len(word)])
    spans.sort()
    merged: list[list[int]] = []
    for s in spans:
        if merged and s[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], s[1])
        else:
            merged.append(s)
    return merged


def search(
    index: Index, query: str, *, kinds: tuple[str, ...] | None = None, limit: int = 20
) -> list[dict[str, Any]]:
    """Search hits (``kind``, ``id``, ``name``, ``score``, ``spans``), best first."""
    text, parsed_kinds = parse_query(query)
    kinds = kinds or parsed_kinds
    if not text:
        return []
    if "text" in kinds:
        return full_text(index, text, limit=limit)
    names = _names(index)
    q = fold(text)
    if not q:
        return []
    qk = lookup_key(q)  # names are compared without the Arabic article; titles as written
    candidates = _candidates(names, qk)  # names and aliases, then titles
    split = bisect.bisect_left(candidates, names.first_title)
    entities, titles = candidates[:split], candidates[split:]
    if "article" not in kinds:
        titles = []
    elif qk != q:  # titles keep their articles: "al-Nusra" is in them as written
        with_article = _candidates(names, q)
        titles = with_article[bisect.bisect_left(with_article, names.first_title) :]
    found = []
    # every name worth it, and of titles the best few: each is then scored word by word
    for part, query, pool in (
        (entities, qk, min(max(limit * 8, 50), 120)),
        (titles, q, max(limit * 2, 20)),
    ):
        words = _WORDS.findall(query)
        found += [
            (key, score, part[i], words)
            for key, score, i in process.extract(
                query, [names.keys[k] for k in part], scorer=fuzz.WRatio, limit=pool, score_cutoff=60
            )
        ]  # fmt: skip
    best: dict[int, float] = {}
    for key, score, pos, words in found:
        owner = names.owners[pos]
        kind = names.entries[owner][0]
        if kind not in kinds:
            continue
        score = (score + word_coverage(words, key)) / 2
        if score >= SCORE_CUTOFF and score > best.get(owner, 0):
            best[owner] = score
    shape = skeleton(qk)
    if len(shape) >= 3:  # the same consonants: another transliteration ("Haleb", "Hims")
        for owner in names.skeletons.get(shape, ()):
            if names.entries[owner][0] in kinds and best.get(owner, 0) < SKELETON_SCORE:
                best[owner] = SKELETON_SCORE
    ranked = sorted(
        ((owner, ranking(score, names.entries[owner][3])) for owner, score in best.items()),
        key=lambda kv: kv[1],
        reverse=True,
    )[:limit]
    hits = []
    for owner, score in ranked:
        kind, id_, name, _weight = names.entries[owner]
        hits.append(
            {
                "kind": kind,
                "id": id_,
                "name": name,
                "score": score,
                "spans": match_spans(name, text),
                **names.about[owner],
            }
        )
    if "event" in kinds and len(hits) < limit:
        hits += _event_hits(index, hits, limit - len(hits))
        hits.sort(key=lambda h: -h["score"])  # stable: an event stays below its actor or place
    return hits


SCORE_CUTOFF = 60
SKELETON_SCORE = 80  # a name with the query's consonants, whatever the vowels
WEIGHT = 4  # points per tenfold of mentions (an article: of events) a name has
SCALE = 1.2  # (100 + WEIGHT × 5) / 100: a match of 100 with 100,000 mentions scores 100
EVENT_BELOW = 10  # an event found through its actor or place scores this much below it


def ranking(match: float, weight: int) -> float:
    """The one score every lookup hit is ranked and shown by, 0–100: how well the name
    matches (0–100), plus WEIGHT points per tenfold of how often the collection names it,
    scaled back to 100."""
    return round(min(100.0, (match + WEIGHT * math.log10(1 + weight)) / SCALE), 1)


def word_coverage(query_words: list[str], key: str) -> float:
    """How well every word of the query is spelled by some word of the name (0–100).

    WRatio alone scores "kataib sayid" the same against "Kataib Hezbollah" and "Kataib
    Sayyid al-Shuhada" (both share "kataib"); this tells them apart, word by word.
    """
    words = _WORDS.findall(key)
    if not query_words or not words:
        return 0.0
    starts = " " + " ".join(words)  # " w" in it: a word of the name starts with w
    joined = "".join(words) if len(words) > 1 else ""
    total = 0.0
    for w in query_words:
        if " " + w in starts:
            total += 100.0  # typing a prefix
            continue
        best = process.extractOne(w, words, scorer=fuzz.ratio)
        score = max(best[1] if best else 0.0, fuzz.ratio(w, joined) if joined else 0.0)
        if score < SWAP_SCORE and len(w) >= 4 and _swapped(w, words):
            score = SWAP_SCORE
        total += score
    return total / len(query_words)


SWAP_SCORE = 92.0  # two neighbouring letters typed in the wrong order: as close as it gets


def _swapped(w: str, words: list[str]) -> bool:
    """Whether ``w`` is one of ``words`` with two neighbouring letters exchanged ("Arfin",
    "Afrin"): one edit for a typist, two for the ratio, which then ties it with "Arbin"."""
    return any(
        len(k) == len(w)
        and OSA.distance(w, k, score_cutoff=1) == 1
        and Levenshtein.distance(w, k) == 2
        for k in words
    )


def _event_hits(index: Index, entity_hits: list[dict], limit: int) -> list[dict[str, Any]]:
    """The events of the best actor or place hit, each scored EVENT_BELOW under it."""
    through = next((h for h in entity_hits if h["kind"] in ("actor", "place")), None)
    if through is None or limit <= 0:
        return []
    score = max(0.0, round(through["score"] - EVENT_BELOW, 1))
    # the entity's latest events (by when they were indexed), in timeline order: reading
    # its events by date would sort all of them (80 ms for Aleppo at 10k articles); in
    # the index on (entity, role) each role's events come in order, so each is a short read
    row = index.con.execute("SELECT rowid FROM entities WHERE id = ?", (through["id"],)).fetchone()
    if row is None:
        return []
    latest: set[int] = set()
    for role in (store.ACTOR, store.TARGET, store.LOCATION):
        latest.update(r[0] for r in index.con.execute(
            "SELECT event FROM participants WHERE entity = ? AND role = ? ORDER BY event DESC"
            " LIMIT ?", (row[0], role, 2 * limit),
        ))  # fmt: skip
    latest_first = sorted(latest, reverse=True)[: 2 * limit]
    out = []
    for ev in index.events(rowids=latest_first, limit=limit) if latest_first else ():
        actors = ", ".join(p["name"] for p in ev["actors"]) or "?"
        targets = ", ".join(p["name"] for p in ev["targets"])
        name = f"{ev['type']} {actors}" + (f" → {targets}" if targets else "")
        out.append(
            {
                "kind": "event",
                "id": ev["event_id"],
                "name": name,
                "score": score,
                "spans": [],
                "date": ev.get("date"),
                "via": through["name"],
            }  # fmt: skip
        )
    return out


def full_text(index: Index, text: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Articles whose text matches the words of ``text`` (FTS5), best first."""
    # Words as FTS5 splits them (letters and digits; "_" parts too): each quoted word is one
    # token, so the query is a plain AND of words whatever the text holds.
    words = re.findall(r"[^\W_]+", text)
    if not words:
        return []
    fts = " ".join(f'"{w}"*' if i == len(words) - 1 else f'"{w}"' for i, w in enumerate(words))
    # Ordered by the table's own rank column (bm25, the same scores): FTS5 sorts the
    # matches itself, so that only the rows kept are joined and get a snippet (each
    # snippet decompresses and tokenises its article's text).
    rows = index.con.execute(
        "SELECT a.id, a.title, articles_fts.rank AS rank,"
        " snippet(articles_fts, 1, '\x02', '\x03', '…', 12) AS snip"
        " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY articles_fts.rank LIMIT ?",
        (fts, limit),
    ).fetchall()
    best = max((-r["rank"] for r in rows), default=1.0) or 1.0  # bm25: higher is better
    return [  # scored on lookup's scale, 0–100: the best match is 100
        {"kind": "article", "id": r["id"], "name": r["title"], "score": round(100 * -r["rank"] / best, 1),
         "spans": match_spans(r["title"], text), "snippet": r["snip"].replace("\x02", "").replace("\x03", "")}
        for r in rows
    ]  # fmt: skip
