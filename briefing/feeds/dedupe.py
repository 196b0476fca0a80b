"""The same story met twice: by canonical URL first, then by near-duplicate text
(MinHash signatures in an LSH index)."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

NUM_PERM = 64
THRESHOLD = 0.8  # estimated Jaccard similarity of word shingles above which two texts are one story
SHINGLE = 3  # words
MIN_WORDS = 40  # shorter texts are too short to judge by their words: URL only
TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_|ref$|ref_src$|cmpid$|ocid$|at_)", re.I)
_WORD = re.compile(r"\w+")


def canonical_url(url: str | None) -> str | None:
    """A URL as one story's key: scheme and host lower-cased, ``www.`` and the fragment,
    tracking parameters and a trailing slash dropped, the query sorted."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", host, path, urlencode(query), ""))


# MinHash as datasketch 2 makes it with scheme "affine32", seed 1 and CRC-32 (the
# signatures stored by earlier versions were made so, and still compare): each shingle's
# CRC-32 mixed by the MurmurHash3 finalizer, then NUM_PERM affine maps h -> a*h + b
# modulo 2**32, the minimum of each kept. Made here with numpy: datasketch's import
# pulls in scipy (0.4-1 s of CPU in each process of an update, for an integral that
# picks the number of bands; ours are fixed below).
SEED = 1
# LSH bands: datasketch's optimum for THRESHOLD 0.8 and 64 permutations (equal weights
# of false positives and negatives): 5 bands of 11 values, candidates that share a band.
BANDS, ROWS = 5, 11


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of ``text``'s word shingles (None when it is too short).
    Shingles are hashed with CRC-32 (stable across runs, as stored signatures need)."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return None
    # the shingles of SHINGLE words made and hashed by map and zip, in C: a comprehension
    # slicing the list took three times as long (0.5 ms an article of 330 words)
    assert SHINGLE == 3
    shingles = set(map(" ".join, zip(words, words[1:], words[2:], strict=False)))
    hashed = np.fromiter(map(zlib.crc32, map(str.encode, shingles)), np.uint32, len(shingles))
    a, b = _permutations()
    return (_fmix32(hashed).reshape(-1, 1) * a + b).min(axis=0)


def to_blob(values: np.ndarray) -> bytes:
    return values.astype(np.uint64).tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint64)


class Stories:
    """The stories stored, by canonical URL and by text, to ask whether one is new."""

    def __init__(self, known: Iterable[tuple[str, str | None, bytes | None]] = ()):
        self.by_url: dict[str, str] = {}
        self.bands: list[dict[bytes, list[str]]] = [{} for _ in range(BANDS)]
        self.signatures: dict[str, np.ndarray] = {}
        for article, url, blob in known:
            self.add(article, url, from_blob(blob) if blob else None)

    def find(self, url: str | None, sig: np.ndarray | None) -> str | None:
        """The article already stored for this story, if any."""
        if url and url in self.by_url:
            return self.by_url[url]
        if sig is None:
            return None
        candidates = dict.fromkeys(
            article
            for band, key in zip(self.bands, _band_keys(sig), strict=True)
            for article in band.get(key, ())
        )
        best, best_score = None, THRESHOLD
        for article in candidates:
            score = float(np.mean(self.signatures[article] == sig))
            if score >= best_score:
                best, best_score = article, score
        return best

    def add(self, article: str, url: str | None, sig: np.ndarray | None) -> None:
        if url:
            self.by_url.setdefault(url, article)
        if sig is not None and article not in self.signatures:
            self.signatures[article] = sig
            for band, key in zip(self.bands, _band_keys(sig), strict=True):
                band.setdefault(key, []).append(article)


def _band_keys(sig: np.ndarray) -> list[bytes]:
    values = sig.astype(np.uint64)  # as stored, whatever it was read from
    return [values[i * ROWS : (i + 1) * ROWS].tobytes() for i in range(BANDS)]


def signatures(texts: list[str | None]) -> list[bytes | None]:
    """Signatures of many texts as stored (None: too short, or no text to judge), for a
    worker process to make."""
    out: list[bytes | None] = []
    for text in texts:
        sig = signature(text) if text else None
        out.append(None if sig is None else to_blob(sig))
    return out
