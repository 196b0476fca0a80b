"""The same story met twice: by canonical URL first, then by near-duplicate text
(MinHash signatures in an LSH index, from ``datasketch``)."""

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
SCHEME = "affine32"  # datasketch 2's hashing; signatures stored with it are read back with it
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


@cache
def _template():
    """A MinHash whose permutations every other shares (making them costs 0.2 ms each)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32, scheme=SCHEME)


def _minhash(hashvalues: np.ndarray | None = None):
    from datasketch import MinHash

    t = _template()
    return MinHash(
        num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32, hashvalues=hashvalues,
        permutations=t.permutations, scheme=SCHEME,
    )  # fmt: skip


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of ``text``'s word shingles (None when it is too short).
    Shingles are hashed with CRC-32 (stable across runs, as stored signatures need)."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}
    m = _minhash()
    m.update_batch(list(shingles))
    return m.hashvalues


def to_blob(values: np.ndarray) -> bytes:
    return values.astype(np.uint64).tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint64)


class Stories:
    """The stories stored, by canonical URL and by text, to ask whether one is new."""

    def __init__(self, known: Iterable[tuple[str, str | None, bytes | None]] = ()):
        from datasketch import MinHashLSH

        self.by_url: dict[str, str] = {}
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.signatures: dict[str, np.ndarray] = {}
        for article, url, blob in known:
            self.add(article, url, from_blob(blob) if blob else None)

    def find(self, url: str | None, sig: np.ndarray | None) -> str | None:
        """The article already stored for this story, if any."""
        if url and url in self.by_url:
            return self.by_url[url]
        if sig is None:
            return None
        probe = _minhash(sig)
        best, best_score = None, THRESHOLD
        for article in self.lsh.query(probe):
            score = float(np.mean(self.signatures[article] == sig))
            if score >= best_score:
                best, best_score = article, score
        return best

    def add(self, article: str, url: str | None, sig: np.ndarray | None) -> None:
        if url:
            self.by_url.setdefault(url, article)
        if sig is not None and article not in self.signatures:
            self.signatures[article] = sig
            self.lsh.insert(article, _minhash(sig))


def signatures(texts: list[str | None]) -> list[bytes | None]:
    """Signatures of many texts as stored (None: too short, or no text to judge), for a
    worker process to make."""
    out: list[bytes | None] = []
    for text in texts:
        sig = signature(text) if text else None
        out.append(None if sig is None else to_blob(sig))
    return out
