"""Read an exported briefing back the way a markdown viewer would, and say what it shows.

markdown-it-py with GFM tables, footnotes and front matter (mdit-py-plugins), as
reference/reader-ux.md section 3 asks: every export in the tests goes through here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

PARSER = MarkdownIt("gfm-like").use(front_matter_plugin).use(footnote_plugin)


@dataclass
class Parsed:
    meta: dict
    headings: list[tuple[int, str]] = field(default_factory=list)
    timeline: list[list[str]] = field(default_factory=list)  # body rows, cells as plain text
    timeline_refs: list[list[str]] = field(default_factory=list)  # footnote labels per row
    notes: dict[str, str] = field(default_factory=dict)  # label -> plain text of the note
    referenced: dict[str, int] = field(default_factory=dict)  # label -> times referenced
    html_tokens: int = 0  # raw HTML that reached the output
    links: int = 0  # clickable links
    tokens: list[Token] = field(default_factory=list)


def plain(inline: Token) -> str:
    """The text a reader sees in an inline token (code spans included, markup dropped)."""
    out = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "footnote_ref":
            out.append(f"[^{child.meta['label']}]")
    return "".join(out)


def parse(text: str) -> Parsed:
    env: dict = {}
    tokens = PARSER.parse(text, env)
    front = [t for t in tokens if t.type == "front_matter"]
    assert len(front) == 1 and tokens[0].type == "front_matter", "front matter must come first"
    meta = yaml.safe_load(front[0].content)
    assert isinstance(meta, dict)
    out = Parsed(meta=meta, tokens=tokens)
    footnotes = env.get("footnotes", {})
    for key, ident in footnotes.get("refs", {}).items():
        assert ident != -1, f"footnote {key} is defined but never referenced"
    section = None
    row: list[str] | None = None
    refs: list[str] = []
    note: str | None = None
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            title = plain(tokens[i + 1])
            out.headings.append((int(tok.tag[1]), title))
            if tok.tag == "h2":
                section = title
        elif tok.type in ("html_block", "html_inline"):
            out.html_tokens += 1
        elif tok.type == "footnote_open":
            note = tok.meta["label"]
            out.notes[note] = ""
        elif tok.type == "footnote_close":
            note = None
        elif tok.type == "inline":
            kids = tok.children or []
            out.html_tokens += sum(1 for c in kids if c.type == "html_inline")
            out.links += sum(1 for c in kids if c.type == "link_open")
            for c in kids:
                if c.type == "footnote_ref":
                    label = c.meta["label"]
                    out.referenced[label] = out.referenced.get(label, 0) + 1
                    if row is not None:
                        refs.append(label)
            if note is not None:
                out.notes[note] += plain(tok)
            if row is not None:
                row.append(plain(tok))
        elif tok.type == "tr_open" and section == "Timeline":
            row, refs = [], []
        elif tok.type == "tr_close" and row is not None:
            if tokens[i - 1].type == "td_close":
                out.timeline.append(row)
                out.timeline_refs.append(refs)
            row = None
    for label in out.referenced:
        assert label in out.notes, f"footnote [^{label}] is referenced but not defined"
    for label in out.notes:
        assert label in out.referenced, f"footnote [^{label}] is never referenced"
    return out
