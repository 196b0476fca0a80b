"""Each input format yields articles with the metadata the text or file carries."""

from __future__ import annotations

import json

import pytest

from briefing.ingest import read_file
from briefing.ingest.boilerplate import parse_rules, strip_boilerplate
from briefing.ingest.metadata import find_dateline


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def test_markdown_front_matter(tmp_path):
    p = tmp_path / "a.md"
    p.write_text(
        "---\ntitle: Strike near Deir ez-Zor\ndate: 2017-09-14\nsource: Reuters\nurl: https://example.org/a\n---\n"
        "# Ignored heading\n\nAir strikes hit **Deir ez-Zor** on Thursday, [the monitor](http://x) said.\n",
        encoding="utf-8",
    )
    a = only(read_file(p))
    assert (a.title, a.date, a.source, a.url) == (
        "Strike near Deir ez-Zor",
        "2017-09-14",
        "Reuters",
        "https://example.org/a",
    )
    assert "Air strikes hit Deir ez-Zor on Thursday, the monitor said." in a.text


def test_markdown_heading_is_the_title_without_front_matter(tmp_path):
    p = tmp_path / "b.md"
    p.write_text("# Shelling in Idlib\n\nShelling killed three people.\n", encoding="utf-8")
    a = only(read_file(p))
    assert a.title == "Shelling in Idlib"
    assert a.text == "Shelling killed three people."


def test_html_main_text_through_trafilatura(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>Raqqa strikes</title><script>var x = '<p>evil</p>';</script></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Raqqa strikes</h1>"
        + "<p>Coalition aircraft struck positions in Raqqa on Monday, a monitor said, killing 12 fighters.</p>"
        * 3
        + "</article><footer>Copyright 2017</footer><script>alert('x')</script></body></html>",
        encoding="utf-8",
    )
    a = only(read_file(p))
    assert "Coalition aircraft struck positions in Raqqa" in a.text
    assert "alert" not in a.text and "var x" not in a.text and "Home | World" not in a.text
    assert a.title == "Raqqa strikes"


def test_jsonl_fields_and_text_or_content(tmp_path):
    p = tmp_path / "c.jsonl"
    rows = [
        {"id": "x1", "title": "One", "text": "Fri 07 Apr 2017 Body one.", "source": "nna"},
        {"id": "x2", "title": "Two", "content": "Body two.", "date": "2016-01-02", "url": "u"},
        {"title": "Three", "text": "Body three."},
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    arts = list(read_file(p))
    assert [a.id for a in arts] == ["x1", "x2", "c-3"]
    assert arts[0].date == "2017-04-07"  # from the dateline
    assert arts[1].date == "2016-01-02" and arts[1].url == "u" and arts[1].text == "Body two."
    assert arts[0].source == "nna"


def test_txt_title_and_dateline(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text(
        "Bomb blast kills 60 in Damascus suburb\n\nFri Sep 27 2013 At least 60 people were killed.",
        encoding="utf-8",
    )
    a = only(read_file(p))
    assert a.title == "Bomb blast kills 60 in Damascus suburb"
    assert a.date == "2013-09-27"


def test_datelines_of_the_corpus_outlets():
    cases = {
        "Wed 05 Apr 2017 Syria attack": "2017-04-05",
        "Published August 3 2015 People inspect": "2015-08-03",
        "Date of publication 25 April 2017 Airstrikes": "2017-04-25",
        "Tue Oct 7 2014 Hundreds killed": "2014-10-07",
        "24.08.2013 Syrian state media": "2013-08-24",
        "04-09-2014 Syrian Army Kills": "2014-09-04",
        "Monday 21 November 2016 19:18 Over 500": "2016-11-21",
        "No date here at all": None,
        "31 Feb 2017 impossible": None,
    }
    for text, expected in cases.items():
        assert find_dateline(text) == expected, text


def test_boilerplate_rules_cut_corpus_furniture():
    text = (
        "Rebels shelled the town. Reporting by Oliver Holmes; Editing by John Stonestreet "
        "Our Standards:The Thomson Reuters Trust Principles."
    )
    clean, cuts, source = strip_boilerplate(text)
    assert clean.strip().endswith("Editing by John Stonestreet")
    assert cuts[0].rule == "reuters-standards" and source == "Reuters"
    text = "Ten died. Subscribe TRT World on Facebook Like Follow Follow Copyright © 2018 TRT World. TRT World Watch Live TV"
    clean, cuts, source = strip_boilerplate(text)
    assert clean.strip() == "Ten died. Subscribe TRT World on Facebook"
    assert source == "TRT World"


def test_boilerplate_needles_any_of_and_ignoring_case_for_icase_rules():
    """A rule's needle may be a list (any of them lets the rule run) and, for an icase rule,
    matches whatever the case; a rule whose needles are all absent does not run."""
    (rule,) = parse_rules(
        {
            "rule": [
                {
                    "id": "promo",
                    "pattern": r"^.*(?:newsletter|sign up).*$",
                    "scope": "line",
                    "icase": True,
                    "needle": ["newsletter", "Sign Up"],
                }
            ]
        },
        "test",
    )
    text = "Shelling hit Douma.\nSIGN UP for our daily briefing\nTwo were killed."
    clean, cuts, _ = strip_boilerplate(text, (rule,))
    assert clean == "Shelling hit Douma.\n\nTwo were killed." and cuts[0].text.startswith("SIGN UP")
    # the needle is a pre-check only: without it in the text, the pattern is not tried
    (strict,) = parse_rules(
        {"rule": [{"id": "x", "pattern": "killed", "needle": "wounded"}]}, "test"
    )
    assert strip_boilerplate(text, (strict,))[0] == text


@pytest.mark.parametrize("needle", [[], [""], "", 7, ["ok", 3], {"a": 1}])
def test_boilerplate_rule_with_a_bad_needle_is_refused_with_its_place(needle):
    with pytest.raises(ValueError, match=r"mine.toml: rule 1: needle must be"):
        parse_rules({"rule": [{"id": "x", "pattern": "a", "needle": needle}]}, "mine.toml")


@pytest.mark.parametrize(
    "text, story",
    [
        (
            "Strikes on a market. Tags Syria Idlib regime airstrikes Khan Sheikhun Sixteen "
            "civilians were killed on Monday in Maarat.",
            "Sixteen civilians were killed on Monday in Maarat.",
        ),
        (
            "Tags Syria Islamic State activists Palmyra The Islamic State group has released "
            "a video.",
            "The Islamic State group has released a video.",
        ),
        (
            "Tags Aleppo Syria United States Russia At least 12 civilians died in Aleppo.",
            "At least 12 civilians died in Aleppo.",
        ),
        ("Tags Nusra Front Aleppo Syria war. A suicide bomber struck.", "A suicide bomber struck."),
    ],
)
def test_a_keyword_list_run_into_the_first_sentence_is_cut(text, story):
    """A flattened page's "Tags ..." list names places and groups that are no part of the
    story: it is cut (and kept aside) up to where the story's sentence opens."""
    clean, cuts, _ = strip_boilerplate(text)
    assert clean.strip().endswith(story) and "Tags" not in clean
    assert [c.rule for c in cuts] == ["tags"] and "Syria" in cuts[0].text


def test_tags_without_a_sentence_after_them_and_related_headlines():
    text = "Two were killed in Homs. Tags Syria Homs shelling civilians"
    assert strip_boilerplate(text)[0] == text  # no story follows: nothing is cut by the guess
    text = "Two were killed in Homs. Related News Iraq vote violations | Slovenian elections"
    clean, cuts, _ = strip_boilerplate(text)
    assert clean.strip() == "Two were killed in Homs." and cuts[0].rule == "related-news"


@pytest.mark.parametrize("until", [None, [], "were", ["in", 3]])
def test_a_tags_rule_needs_its_list_of_opening_words(until):
    raw = {"id": "t", "pattern": "Tags", "scope": "tags"}
    if until is not None:
        raw["until"] = until
    with pytest.raises(ValueError, match=r"mine.toml: rule 1: "):
        parse_rules({"rule": [raw]}, "mine.toml")


@pytest.mark.parametrize(
    "text, headline, story",
    [
        (
            "Air raids kill 18 civilians in Aleppo Monitor AFP Saturday 16 Jul 2016 Air raids "
            "on rebel-held districts killed 18.",
            "Air raids kill 18 civilians in Aleppo.",
            "Air raids on rebel-held districts killed 18.",
        ),
        (
            "Army says rebels shelled Aleppo Reuters Monday 31 Oct 2016 Syria's army said so.",
            "Army says rebels shelled Aleppo.",
            "Syria's army said so.",
        ),
    ],
)
def test_a_wire_byline_run_into_the_headline_ends_it(text, headline, story):
    """ "<headline> Monitor AFP Saturday 16 Jul 2016 <story>": the byline is cut and the
    headline and the story's first sentence become two sentences, not one."""
    clean, cuts, _ = strip_boilerplate(text)
    assert clean == f"{headline}\n\n{story}"
    assert [c.rule for c in cuts] == ["wire-byline"] and "2016" in cuts[0].text


def test_a_wire_named_inside_a_sentence_is_no_byline():
    text = "AFP reported on Monday that 12 people were killed, Reuters said 14."
    assert strip_boilerplate(text)[0] == text
