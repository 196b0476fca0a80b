"""Scaled collections for benchmarks: the real corpus repeated with seeded variation.

Copy 0 of each article is the corpus as it is. Every further copy gets a new id and a
light, deterministic variation (seeded by the run's seed, the copy and the article) so
that no text is byte-identical to another and content hashes differ:

- place and group names switch between spellings analysts actually meet
  (Deir ez-Zor / Deir Ezzor / Deir al-Zour, Hezbollah / Hizbollah, Raqqa / Raqa, ...);
- small counts move by up to a quarter ("at least 70" may become "at least 81"), and
  counts in words by one ("six" may become "seven");
- reporting verbs vary ("said" / "stated" / "added");
- the publication date moves by up to three months either way;
- a text with none of these gets an "Updated 14:05 GMT" line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

# Spellings of the same name; any one may replace any other.
SPELLINGS: list[tuple[str, ...]] = [
    ("Deir ez-Zor", "Deir Ezzor", "Deir al-Zor", "Deir el-Zour", "Deir Ez-Zor"),
    ("Raqqa", "Raqa", "Rakka"),
    ("Hezbollah", "Hizbollah", "Hizbullah"),
    ("Latakia", "Lattakia", "Ladhiqiyah"),
    ("Daraa", "Deraa", "Dara'a"),
    ("Abu Kamal", "Albukamal", "Al-Bukamal"),
    ("Idlib", "Idleb"),
    ("Hama", "Hamah"),
    ("Homs", "Hims"),
    ("Palmyra", "Tadmur"),
    ("Daesh", "ISIS", "ISIL"),
    ("Nusra Front", "al-Nusra Front", "Jabhat al-Nusra"),
    ("Eastern Ghouta", "East Ghouta"),
    ("Erdogan", "Erdoğan"),
]
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# A count of one to three digits, not part of 2,000 / 3.5 / a year, not a day before a month.
_COUNT = re.compile(rf"(?<![\d,.:/-])\b(\d{{1,3}})\b(?![,.:/-]?\d)(?!\s+{_MONTH})")
_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")
_WORD = re.compile(rf"\b({'|'.join(_WORDS)})\b", re.I)
_SAID = re.compile(r"\bsaid\b")
_VERBS = ("said", "said", "stated", "added")


def _spelling_patterns() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    out = []
    for group in SPELLINGS:
        alternatives = "|".join(re.escape(s) for s in sorted(group, key=len, reverse=True))
        out.append((re.compile(rf"\b(?:{alternatives})\b"), group))
    return out


_PATTERNS = _spelling_patterns()


def vary_text(text: str, rng: random.Random, spellings: dict[int, str], rate: float = 0.5) -> str:
    """One copy's variation of ``text``; ``spellings`` fixes one spelling per group per copy.

    ``rate`` is the share of counts that move.
    """
    for n, (pattern, group) in enumerate(_PATTERNS):
        if n not in spellings:
            spellings[n] = rng.choice(group)
        text = pattern.sub(spellings[n], text)

    def count(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if n < 2 or rng.random() >= rate:
            return m.group(0)
        moved = max(2, round(n * rng.uniform(0.8, 1.25)))
        return str(moved if moved != n else n + 1)

    def word(m: re.Match[str]) -> str:
        if rng.random() >= rate:
            return m.group(0)
        n = _WORDS.index(m.group(1).lower())
        moved = _WORDS[n + 1 if n == 0 or (n + 1 < len(_WORDS) and rng.random() < 0.5) else n - 1]
        return moved.capitalize() if m.group(1)[0].isupper() else moved

    text = _COUNT.sub(count, text)
    text = _WORD.sub(word, text)
    return _SAID.sub(lambda _m: rng.choice(_VERBS), text)


def vary_date(date: str | None, rng: random.Random) -> str | None:
    if not date:
        return date
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        return date
    return (day + dt.timedelta(days=rng.randint(-90, 90))).isoformat()


def load_corpus(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def scaled(records: list[dict], size: int, seed: int) -> Iterator[dict]:
    """``size`` articles: the records, then varied copies of them, in a stable order."""
    for i in range(size):
        copy, n = divmod(i, len(records))
        original = records[n]
        if copy == 0:
            yield original
            continue
        rng = random.Random(f"{seed}:{copy}:{n}")
        spellings: dict[int, str] = {}
        out = dict(original)
        out["id"] = f"{original.get('id') or n}-v{copy}"
        title, text = original.get("title") or "", original.get("text") or ""
        out["title"] = vary_text(title, rng, spellings)
        out["text"] = vary_text(text, rng, spellings)
        if out["text"] == text:  # nothing moved by chance: move every count this time
            out["text"] = vary_text(text, rng, spellings, rate=1.0)
        if out["text"] == text:  # nothing to move: a wire service's update line
            out["text"] = f"{text}\nUpdated {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} GMT"
        out["date"] = vary_date(original.get("date"), rng)
        yield out


def build(corpus: Path, size: int, seed: int, folder: Path) -> Path:
    """Write (or reuse) the collection of ``size`` articles as JSONL in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    stat = corpus.stat()
    target = folder / f"collection-{size}-seed{seed}.jsonl"
    stamp = target.with_suffix(".source")
    generator = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=8).hexdigest()
    source = f"{corpus.resolve()} {stat.st_size} {stat.st_mtime_ns} {generator}"
    if target.exists() and stamp.exists() and stamp.read_text() == source:
        return target
    build_from(load_corpus(corpus), size, seed, target)
    stamp.write_text(source)
    return target


def build_from(records: list[dict], size: int, seed: int, target: Path) -> Path:
    """Write ``size`` articles scaled from ``records`` to ``target`` (JSONL), atomically."""
    tmp = target.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for record in scaled(records, size, seed):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(target)
    return target
