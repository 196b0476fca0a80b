"""A dateline on a line of its own, before or after the headline, dates a .txt article and
is not part of its text (issue 26, item 5: the bundled seeds carry their dates that way)."""

from __future__ import annotations

from briefing.ingest import read_file
from tests.conftest import SEEDS

SEED_DATES = {
    "000": "2014-06-25",
    "001": "2021-06-28",
    "002": "2014-09-26",
    "003": "2015-09-30",
    "004": "2021-02-26",
}


def test_every_seed_has_its_publication_date():
    found = {p.name[:3]: a.date for p in sorted(SEEDS.glob("*.txt")) for a in read_file(p)}
    assert found == SEED_DATES


def test_dateline_line_before_or_after_the_headline(tmp_path):
    for name, text in (
        ("before.txt", "Published June 25, 2014\nRockets hit Erbil\n\nRockets hit Erbil."),
        ("after.txt", "Rockets hit Erbil\nPublished June 25, 2014\n\nRockets hit Erbil."),
        ("nohead.txt", "Published June 25, 2014\nRockets hit Erbil on Monday, officials said."),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        (article,) = read_file(path)
        assert article.date == "2014-06-25", name
        assert "Published" not in article.text and "Published" not in article.title, name
        assert article.text.startswith("Rockets hit Erbil"), name
