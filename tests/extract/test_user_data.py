"""A user teaches the event engine new words and patterns by dropping TOML files of the
bundled shape into ``<config dir>/extract/`` (DESIGN.md principle 2), no code change."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.extract import patterns
from briefing.extract.events import extract_events
from briefing.model import Article

HERE = Path(__file__).resolve().parent
# "orchestrated" is no light verb of the bundled grammar: the nominal trigger
# "bombardment" after it names no actor until the user adds it.
SENTENCE = "Russian forces orchestrated a bombardment of Islamic State positions near Raqqa."
ACTORS = f"""
import sys
sys.path.insert(0, {str(HERE)!r})
from stub_gazetteer import find_mentions
from briefing.extract.events import extract_events
from briefing.model import Article
text = {SENTENCE!r}
(event,) = extract_events(Article(id="a", title="", text=text), find_mentions(text))
print(",".join(p.name for p in event.actors))
"""


def _user_file(home: Path, name: str, text: str) -> None:
    folder = home / "config" / "extract"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_user_lists_extend_the_bundled_ones(isolated_home):
    _user_file(
        isolated_home,
        "grammar-local.toml",
        'light_verbs = ["orchestrated"]\n[modals]\nshall = "future"\n',
    )
    lists = patterns.word_lists("grammar.toml")
    assert {"orchestrated", "launched", "carried"} <= set(lists["light_verbs"])
    assert lists["modals"]["shall"] == "future"
    assert lists["modals"]["would"] == "hypothetical"  # the bundled table is kept


def _actors(home: Path) -> str:
    # the role words are read once, when the engine is first imported: a fresh process
    env = {**os.environ, "BRIEFING_HOME": str(home)}
    out = subprocess.run(
        [sys.executable, "-c", ACTORS], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_a_user_light_verb_names_the_actor(isolated_home):
    assert _actors(isolated_home) == ""
    _user_file(isolated_home, "grammar-local.toml", 'light_verbs = ["orchestrated"]\n')
    assert _actors(isolated_home) == "Russia"


@pytest.fixture
def fresh_lexicon():
    patterns._load_cached.cache_clear()
    yield
    patterns._load_cached.cache_clear()  # the next test reads its own config


def test_a_user_trigger_pattern_codes_events(isolated_home, fresh_lexicon):
    from stub_gazetteer import find_mentions

    text = "Islamic State fighters looted homes near Raqqa."
    article = Article(id="a", title="", text=text)
    assert extract_events(article, find_mentions(text)) == []
    patterns._load_cached.cache_clear()
    _user_file(
        isolated_home,
        "triggers-local.toml",
        '[[trigger]]\nid = "assault.user.looting"\ntype = "ASSAULT"\ncameo = "180"\n'
        'patterns = ["looted"]\n',
    )
    (event,) = extract_events(article, find_mentions(text))
    assert (event.type, event.rule, event.trigger) == ("ASSAULT", "assault.user.looting", "looted")
    assert [p.name for p in event.actors] == ["Islamic State"]
