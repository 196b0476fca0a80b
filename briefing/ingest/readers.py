"""One reader per input format. Each yields Articles, or Problems for what it cannot read."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.ingest.boilerplate import strip_boilerplate
from briefing.ingest.clean import clean_text, one_line
from briefing.ingest.decode import BinaryFile, decode
from briefing.ingest.metadata import (
    find_dateline,
    find_source,
    parse_date,
    split_headline,
    take_dateline,
    title_from_text,
)
from briefing.model import Article

MAX_FILE_BYTES = 20 * 1024 * 1024  # one article file; JSONL collections are streamed
MAX_LINE_BYTES = 5 * 1024 * 1024


def _human(size: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} MB"


@dataclass(slots=True, frozen=True)
class Problem:
    """An input that could not be indexed, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


def file_id(path: Path) -> str:
    """An article id from a file name: its stem, made safe."""
    stem = re.sub(r"[^\w.-]+", "-", path.stem).strip("-.") or "article"
    return stem[:80]


def build_article(
    *,
    id: str,
    body: str,
    path: str,
    title: str | None = None,
    date: object = None,
    source: str | None = None,
    url: str | None = None,
    headline_line: bool = False,
) -> Article:
    """Clean the body, cut boilerplate, and fill in what metadata the text carries."""
    body = clean_text(body)
    dateline = None
    if headline_line:  # a dateline line before or after the headline is metadata too
        dateline, body = take_dateline(body)
        if not title:
            title, body = split_headline(body)
        if dateline is None:
            dateline, body = take_dateline(body)
    text, cuts, revealed = strip_boilerplate(body)
    if cuts:  # (clean_text leaves a clean text as it is)
        text = clean_text(text)
    iso = parse_date(date) or dateline or find_dateline(text)
    return Article(
        id=id,
        title=one_line(title) if title else title_from_text(text),
        text=text,
        source=(one_line(str(source), 80) if source else None) or revealed or find_source(text),
        date=iso,
        url=str(url).strip() if url else None,
        path=path,
        cuts=tuple(cuts),
    )


def read_text_file(path: Path, data: bytes) -> Iterator[Article | Problem]:
    text, _ = decode(data)
    if not text.strip():
        yield Problem(str(path), "empty file")
        return
    yield build_article(id=file_id(path), body=text, path=str(path), headline_line=True)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def read_markdown(path: Path, data: bytes) -> Iterator[Article | Problem]:
    import yaml

    text, _ = decode(data)
    meta: dict = {}
    m = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if m:
        try:
            loaded = yaml.safe_load(m.group(1))
        except yaml.YAMLError as exc:
            yield Problem(str(path), f"invalid YAML front matter: {str(exc).splitlines()[0]}")
            loaded = None
        meta = loaded if isinstance(loaded, dict) else {}
        text = text[m.end() :]
    body = _strip_markdown(text)
    if not body.strip():
        yield Problem(str(path), "empty file")
        return
    title = meta.get("title")
    if not title:
        h = re.match(r"\s*#\s+(.+)\n", text)
        if h:
            title, body = h.group(1), _strip_markdown(text[h.end() :])
    yield build_article(
        id=str(meta.get("id") or file_id(path)),
        body=body,
        path=str(path),
        title=str(title) if title else None,
        date=meta.get("date"),
        source=meta.get("source"),
        url=meta.get("url"),
        headline_line=not title,
    )


def _strip_markdown(text: str) -> str:
    """Plain text from markdown: drop heading marks, emphasis, link targets and images."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^#{1,6}\s+", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return text


def read_html(path: Path, data: bytes) -> Iterator[Article | Problem]:
    import trafilatura

    text, _ = decode(data)
    if not text.strip():
        yield Problem(str(path), "empty file")
        return
    doc = trafilatura.bare_extraction(
        text, include_comments=False, include_tables=False, with_metadata=True, favor_precision=True
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        yield Problem(str(path), "no article text found in the HTML")
        return
    yield build_article(
        id=file_id(path),
        body=body,
        path=str(path),
        title=getattr(doc, "title", None),
        date=getattr(doc, "date", None),
        source=getattr(doc, "sitename", None),
        url=getattr(doc, "url", None),
    )


def read_jsonl(path: Path, stream) -> Iterator[Article | Problem]:
    """A JSONL collection, streamed: one article a line; a bad line is reported, not fatal."""
    seen: set[str] = set()
    for lineno, raw in enumerate(stream, 1):
        item = read_jsonl_line(path, lineno, raw)
        if isinstance(item, Article) and item.id in seen:
            yield duplicate_line(path, item.id, lineno)
        elif item is not None:
            if isinstance(item, Article):
                seen.add(item.id)
            yield item


def read_jsonl_line(path: Path, lineno: int, raw: bytes | str) -> Article | Problem | None:
    """One line of a JSONL collection: its article, why it cannot be read, or None for a
    blank line. Whether its id was met earlier in the file is the caller's to check (see
    ``read_jsonl``); the indexer's workers read lines apart."""
    if len(raw) > MAX_LINE_BYTES:
        return Problem(str(path), f"line longer than {MAX_LINE_BYTES // 1024 // 1024} MB", lineno)
    if not raw.strip():
        return None
    try:
        line = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        line = raw.decode("utf-8", errors="replace")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(str(path), f"malformed JSON ({exc.msg} at column {exc.colno})", lineno)
    if "\\ud" in line or "\\uD" in line:  # a lone surrogate ("\ud800") is no character
        obj = _without_surrogates(obj)
    if not isinstance(obj, dict):
        return Problem(str(path), "not a JSON object", lineno)
    return read_record(path, lineno, obj)


def read_record(path: Path | str, lineno: int, obj: dict[str, Any]) -> Article | Problem:
    """One record of a collection (a JSONL line's object, a Parquet row): its article, or
    why it cannot be read. ``lineno`` numbers it in its file, from 1."""
    body = obj.get("text") or obj.get("content") or obj.get("body")
    if not isinstance(body, str) or not body.strip():
        return Problem(str(path), "no 'text' or 'content'", lineno)
    if len(body) > MAX_LINE_BYTES:  # (a Parquet row's: a JSONL line is shorter)
        return Problem(str(path), f"text longer than {MAX_LINE_BYTES // 1024 // 1024} MB", lineno)
    raw_id = obj.get("id")
    art_id = re.sub(r"\s+", "-", str(raw_id).strip())[:120] if raw_id not in (None, "") else ""
    if not art_id:
        art_id = f"{file_id(Path(path))}-{lineno}"
    title = obj.get("title") or obj.get("headline")
    return build_article(
        id=art_id,
        body=body,
        path=f"{path}#{lineno}",
        title=str(title) if title else None,
        date=obj.get("date") or obj.get("published"),
        source=obj.get("source") or obj.get("outlet"),
        url=obj.get("url"),
    )


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: Any) -> Any:
    """``value`` with each lone surrogate a JSON escape made replaced by U+FFFD (pairs
    are decoded into their character by ``json``): text that cannot be stored as UTF-8."""
    if isinstance(value, str):
        return _SURROGATE_RE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    return value


def read_parquet(path: Path) -> Iterator[Article | Problem]:
    """A Parquet table of records (the columns JSONL's objects have), a row group at a
    time; a bad row is reported, not fatal, and an unreadable file is one problem."""
    from briefing.ingest import parquet

    seen: set[str] = set()
    try:
        for rowno, record in parquet.rows(str(path)):
            item = read_record(path, rowno, record)
            if isinstance(item, Article) and item.id in seen:
                yield duplicate_line(path, item.id, rowno)
                continue
            if isinstance(item, Article):
                seen.add(item.id)
            yield item
    except parquet.Unreadable as exc:
        yield Problem(str(path), str(exc))


def duplicate_line(path: Path | str, art_id: str, lineno: int) -> Problem:
    return Problem(str(path), f"duplicate id {art_id!r}; the first is kept", lineno)


READERS = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
}
JSONL = (".jsonl", ".ndjson")  # streamed one line at a time
PARQUET = (".parquet",)  # a table of records, as JSONL's; read with pyarrow (briefing[scale])
SUPPORTED = frozenset(READERS) | set(JSONL) | set(PARQUET)


def read_file(path: Path) -> Iterator[Article | Problem]:
    """Every article in one file. Never raises for bad content: problems are yielded."""
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL:
            with path.open("rb") as stream:
                yield from read_jsonl(path, stream)
            return
        if suffix in PARQUET:
            yield from read_parquet(path)
            return
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield Problem(
                str(path),
                f"file larger than the limit of {_human(MAX_FILE_BYTES)} ({_human(size)})",
            )
            return
        data = path.read_bytes()
        if not data.strip():
            yield Problem(str(path), "empty file")
            return
        yield from READERS[suffix](path, data)
    except BinaryFile as exc:
        yield Problem(str(path), str(exc))
    except KeyError:
        yield Problem(str(path), f"unsupported file type {suffix or '(none)'}")
    except OSError as exc:
        yield Problem(str(path), f"cannot read: {exc.strerror or exc}")


def content_hash(article: Article) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in (
        article.title,
        article.text,
        article.source or "",
        article.date or "",
        article.url or "",
    ):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()
