"""Article text placed in markdown renders as exactly its words: no markup, HTML or links."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from briefing.export.escape import cell, clean, code, inline
from tests.export.mdcheck import PARSER, plain

PIECES = list("ab1 |#*_`~<>[]^\\&;!-+=.():/\n\t\r\x00\u202e") + [
    "<script>", "</script>", "[^1]", "http://x.io/a|b", "www.evil.com", "&amp;", "1. ", "- ",
]  # fmt: skip
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


def seen(markdown: str) -> tuple[list[str], list]:
    """The plain text of each inline token, and every token, as a viewer would parse it."""
    tokens = PARSER.parse(markdown, {})
    return [plain(t) for t in tokens if t.type == "inline"], tokens


def same_words(shown: str, text: str) -> bool:
    """What is shown equals the text, links aside (their ``|`` and backtick are %-encoded)."""
    return shown.replace("%7C", "|").replace("%60", "`") == clean(text)


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("a | b", "a \\| b"),
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("see [^1] and *this*", "see \\[^1\\] and \\*this\\*"),
        ("# not a heading", "\\# not a heading"),
        ("- not an item", "\\- not an item"),
        ("1. not a list", "1\\. not a list"),
        ("two\nlines\r\n\tand tabs", "two lines and tabs"),
        ("AT&T &amp; co", "AT&T \\&amp; co"),
        ("read https://evil.example/x?a=1. Then", "read `https://evil.example/x?a=1`. Then"),
        ("mail me at a@b.org", "mail me at `a@b.org`"),
        ("bidi\u202etxt.exe", "biditxt.exe"),
    ],
)
def test_inline_escapes(text, markdown):
    assert inline(text) == markdown


def test_code_spans_hold_no_backtick_or_pipe():
    assert code("http://x.io/a|b`c") == "`http://x.io/a%7Cb%60c`"
    assert code("") == "" and cell(None) == "–"


@settings(max_examples=150, deadline=None)
@given(HOSTILE)
def test_every_context_shows_exactly_the_words(text):
    assume(clean(text))  # empty text shows nothing, as it should
    escaped = inline(text)
    contexts = {
        "paragraph": escaped,
        "heading": f"## {escaped}",
        "item": f"- {escaped}",
        "table": f"| h | h2 |\n|---|---|\n| {cell(text)} | x |",
        "footnote": f"ref[^1]\n\n[^1]: {escaped}",
    }
    for name, markdown in contexts.items():
        shown, tokens = seen(markdown)
        kinds = [t.type for t in tokens]
        assert "html_block" not in kinds and "html_inline" not in kinds, name
        for t in tokens:
            assert not any(
                c.type in ("link_open", "html_inline", "image") for c in t.children or ()
            )
        if name == "table":
            assert kinds.count("tr_open") == 2 and kinds.count("td_open") == 2
            assert same_words(shown[2], text), shown
        elif name == "footnote":
            assert same_words(shown[-1], text), shown
        else:
            assert kinds.count("inline") == 1, (name, kinds)
            assert same_words(shown[0], text), (name, shown)
        if name == "item":
            assert kinds.count("list_item_open") == 1
        if name == "heading":
            assert kinds.count("heading_open") == 1
