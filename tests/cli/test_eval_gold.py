"""`briefing eval` on FA-KES-style article gold and UCDP GED-style event gold."""

from __future__ import annotations

import json

import pytest

from briefing.cli import main

ARTICLES = [
    {"id": "a1", "title": "Syrian jets kill 12 civilians in Idlib", "date": "2017-03-14",
     "text": "Syrian government warplanes killed 12 civilians in air strikes on the town of "
             "Maarat al-Numan in Idlib province on Tuesday, rescuers said."},
    {"id": "a2", "title": "Car bomb kills 20 in Aleppo", "date": "2016-05-02",
     "text": "A car bomb exploded in the city of Aleppo on Monday, killing 20 people, a monitor "
             "said. Islamic State claimed the bombing."},
    {"id": "a3", "title": "Talks resume in Geneva", "date": "2016-05-06",
     "text": "Delegations met in Geneva on Friday to discuss a ceasefire."},
]  # fmt: skip


def _fakes(aid, loc, actor, cause, civ, typed):
    raw = {"actor": "x", "cause_of_death": "x", "date": "x"} if typed else {}
    return {"id": aid, "events": [{"location": loc, "actor": actor, "cause_of_death": cause,
            "nb_civilians": civ, "nb_noncivilians": 0, "date": "2017-03-14", "crowd_raw": raw}]}  # fmt: skip


FAKES = [
    _fakes("a1", "idlib", "syrian government or russian troops", "shelling", 12, True),
    _fakes("a2", "aleppo", "the organization of the islamic state in iraq and the levant - isis",
           "explosion", 20, False),
    _fakes("a3", "damascus", "unknown", "unknown", 0, False),
]  # fmt: skip


def _ucdp(uid, text, a, b, lat, lon, prec, where):
    return {"id": uid, "text": text, "sources": [{"date": "2014-06-02"}], "side_a": a,
            "side_b": b, "latitude": lat, "longitude": lon, "where_prec": prec,
            "where_coordinates": where}  # fmt: skip


UCDP = [
    _ucdp("u1", "Iraqi forces kill 15 IS militants near Ramadi", "Government of Iraq", "IS",
          33.42, 43.30, 1, "Ar Ramādī town"),
    _ucdp("u2", "Iraqi forces kill 15 IS militants near Ramadi", "Government of Iraq", "IS",
          33.45, 43.25, 2, "Ar Ramādī town"),
    _ucdp("u3", "Turkish jets strike PKK camps in northern Iraq", "Government of Turkey", "PKK",
          37.1, 43.5, 4, "Dahuk province"),
]  # fmt: skip


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path):
    return (
        _jsonl(tmp_path / "fakes_gold.jsonl", FAKES),
        _jsonl(tmp_path / "articles.jsonl", ARTICLES),
        _jsonl(tmp_path / "ucdp_gold.jsonl", UCDP),
    )


def _figures(capsys):
    return json.loads(capsys.readouterr().out)


def test_fakes_gold_scored_on_its_collection(files, capsys):
    gold, arts, _ = files
    assert main(["eval", str(gold), "--articles", str(arts), "--format", "jsonl"]) == 0
    got = _figures(capsys)
    assert got["articles"] == 3 and got["without_event"] == 1  # the talks are no attack
    assert got["governorate"] == pytest.approx(2 / 3, abs=1e-3)
    assert got["killed_exact"] == pytest.approx(2 / 3, abs=1e-3)
    assert got["perpetrator_typed"] == 1.0 and got["n"]["perpetrator_typed"] == 1  # typed only
    assert got["cause_typed"] == 1.0


def test_ucdp_gold_builds_articles_from_headlines(files, capsys):
    *_, gold = files
    assert main(["eval", str(gold), "--format", "jsonl"]) == 0
    got = _figures(capsys)
    assert got["place_named"] == 1.0 and got["n"]["place_named"] == 2  # u3 is a province
    assert got["iraq_side"] == 1.0 and got["is_side"] == 1.0
    assert got["turkey_side"] == 1.0 and got["pkk_side"] == 1.0
    assert got["n"]["side_named"] == 6 and got["side_named"] == 1.0


def test_table_misses_and_goals(files, capsys):
    gold, arts, _ = files
    args = ["eval", str(gold), "--articles", str(arts), "--show", "5"]
    assert main([*args, "--goals", '{"governorate": 0.9}']) == 1
    out, err = capsys.readouterr()
    assert "governorate" in out and "0.667" in out
    assert "MISS a3 no asserted ASSAULT" in err and "FALLS SHORT" in err
    assert main([*args, "--goals", '{"cause_typed": 0.9}']) == 0


@pytest.mark.parametrize(
    "lines, extra, code, says",
    [
        (['{"id": 1, "colour": "red"}'], [], 1, "unknown gold shape"),
        ([json.dumps(FAKES[0]), "{not json"], ["--articles", "A"], 1, ":2: malformed JSON"),
        ([json.dumps(FAKES[0]), json.dumps(UCDP[0])], ["--articles", "A"], 1, "a ucdp record"),
        ([json.dumps(FAKES[0])], [], 2, "--articles"),
        ([json.dumps(FAKES[0])], ["--articles", "nowhere.jsonl"], 1, "no such articles"),
        ([json.dumps({**FAKES[0], "id": "zz"})], ["--articles", "A"], 1, "'zz' not in"),
        ([json.dumps(UCDP[0])], ["--articles", "A"], 2, "--articles is for FA-KES"),
        ([json.dumps(UCDP[0])], ["--goals", "[1]"], 2, "--goals"),
        (["[1, 2]"], [], 1, "not a JSON object"),
        ([], [], 1, "no gold records"),
    ],
)
def test_hostile_gold_is_one_line(files, tmp_path, capsys, lines, extra, code, says):
    _, arts, _ = files
    gold = tmp_path / "bad.jsonl"
    gold.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    extra = [
        str(arts) if a == "A" else str(tmp_path / a) if a.endswith(".jsonl") else a for a in extra
    ]
    assert main(["eval", str(gold), *extra]) == code
    err = capsys.readouterr().err.strip()
    assert says in err and len(err.splitlines()) == 1 and "Traceback" not in err


def test_missing_gold_file(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "none.jsonl")]) == 1
    assert "no such file" in capsys.readouterr().err
