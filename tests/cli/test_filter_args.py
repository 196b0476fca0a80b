"""Filters on the command line (issues 23 and 26 item 2): ``briefing events`` and
``briefing export`` read the same filter text; relative dates count back from today and
say which day they meant; a fuzzy name says what it was taken to mean; bad values exit 2
with the accepted forms and print nothing on stdout."""

from __future__ import annotations

import json
from datetime import date

import pytest

from briefing import paths
from briefing.cli import main
from tests.tui import fixture


class FixedDay(date):
    @classmethod
    def today(cls) -> date:
        return date(2021, 3, 2)  # the day after the fixture's newest article


@pytest.fixture
def db(isolated_home, tmp_path, monkeypatch) -> str:
    import briefing.index.filters as filters

    monkeypatch.setattr(filters, "date", FixedDay)
    return str(fixture.build(paths.default_db(), tmp_path / "collection"))


def events(capsys, db: str, *args: str) -> tuple[list[str], str]:
    assert main(["events", "--db", db, "--format", "jsonl", *args]) == 0
    out, err = capsys.readouterr()
    return sorted(json.loads(line)["event_id"] for line in out.splitlines()), err


@pytest.mark.parametrize(
    ("since", "day", "expected"),
    [
        ("yesterday", "2021-03-01", ["hostile:e0"]),
        ("2w", "2021-02-16", ["erbil-2021:e0", "hostile:e0", "strike-2021:e0", "strike-2021:e1"]),
        ("7d", "2021-02-23", ["hostile:e0", "strike-2021:e0", "strike-2021:e1"]),
        (
            "2021-02",
            "2021-02-01",
            ["erbil-2021:e0", "hostile:e0", "strike-2021:e0", "strike-2021:e1"],
        ),
        ("2021-02-26", None, ["hostile:e0", "strike-2021:e0", "strike-2021:e1"]),
    ],
)
def test_relative_dates_count_back_from_today_and_say_the_day(capsys, db, since, day, expected):
    found, err = events(capsys, db, "--since", since)
    assert found == expected
    if day:
        assert f"since: {day}" in err
    else:
        assert err == ""  # a whole date needs no word


def test_a_fuzzy_name_says_what_it_was_taken_to_mean(capsys, db):
    found, err = events(capsys, db, "--actor", "Islamic Stat")
    assert "actor: Islamic State" in err
    assert found == ["hostile:e0", "russia-2015:e0"]
    found, err = events(capsys, db, "--actor", "actor:isis")  # an id: nothing to say
    assert found == ["hostile:e0", "russia-2015:e0"] and err == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--since", "2016-13-45"], "yyyy-mm-dd"),
        (["--since", "2016-02-30"], "day is out of range"),
        (["--since", "soon"], "7d, 2w"),
        (["--until", "2016-1-1x"], "not a date"),
        (["--since", "2021-03", "--until", "2021-02"], "is after until"),
        (["--since", "yesterday", "--until", "1w"], "is after until"),
        (["--type", "BOMBING"], "one of ASSAULT"),
        (["--modality", "rumoured"], "alleged"),
        (["--place", "Atlantis"], "nothing matches"),
        (["--source", "Nowhere Gazette"], "no article comes from"),
        (["--filter", 'actor:"Islamic State'], "unbalanced quotes"),
        (["--filter", "colour:red"], "keys are place, actor"),
    ],
)
@pytest.mark.parametrize("command", ["events", "export"])
def test_bad_values_exit_2_with_the_accepted_forms(capsys, db, command, args, words):
    extra = ["--format", "json"] if command == "export" else []
    assert main([command, "--db", db, *extra, *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"briefing {command}: ") and words in err and err.count("\n") == 1


FILTER = 'place:"Deir ez-Zor" actor:"Islamic State" since:2015-01 type:ASSAULT'


def test_events_and_export_read_the_same_filter_text(capsys, db, tmp_path):
    found, _ = events(capsys, db, "--filter", FILTER)
    assert found == ["hostile:e0"]  # Russia's strikes are placed in Syria, not Deir ez-Zor
    target = tmp_path / "out.json"
    assert (
        main(["export", "--db", db, "--format", "json", "--filter", FILTER, "-o", str(target)]) == 0
    )
    exported = sorted(e["event_id"] for e in json.loads(target.read_text(encoding="utf-8")))
    assert exported == found
    # the flags say the same as the text
    flags, _ = events(capsys, db, "--place", "Deir ez-Zor", "--actor", "Islamic State",
                      "--since", "2015-01", "--type", "ASSAULT")  # fmt: skip
    assert flags == found
    # modality too: the future attack on Deir ez-Zor, in both
    future, _ = events(capsys, db, "--filter", 'place:"Deir ez-Zor" modality:future')
    assert future == ["strike-2021:e3"]
    assert main(["export", "--db", db, "--format", "json", "--filter",
                 'place:"Deir ez-Zor" modality:future']) == 0  # fmt: skip
    assert [e["event_id"] for e in json.loads(capsys.readouterr().out)] == future


def test_related_to_an_id_that_names_nothing_is_an_error(capsys, db):
    assert main(["related", "--db", db, "nonexistent-id"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "nonexistent-id" in err
    assert main(["related", "--db", db, "strike-2021"]) == 0  # a real id still works
    assert capsys.readouterr().out


def test_profile_says_what_a_fuzzy_name_meant_and_refuses_a_name_of_nothing(capsys, db):
    assert main(["profile", "--db", db, "Islamic Stat"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Islamic State") and err == "briefing profile: actor: Islamic State\n"
    assert main(["profile", "--db", db, "zzqqxx"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "no actor or place matches 'zzqqxx'" in err and err.count("\n") == 1
