"""``briefing remove ID|PATH|--seeds`` (issue 26, item 5): the index forgets articles."""

from __future__ import annotations

import json

import briefing.tui.app
from briefing import cli
from briefing.cli import main
from tests.conftest import SEEDS


def ids(capsys) -> list[str]:
    capsys.readouterr()
    assert main(["articles", "--format", "jsonl"]) == 0
    return sorted(json.loads(line)["id"] for line in capsys.readouterr().out.splitlines())


def own_articles(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Rockets hit Erbil\n\nRockets hit Erbil on Monday.\n")
    (folder / "b.txt").write_text("Strike near Albu Kamal\n\nA strike hit Albu Kamal.\n")
    return folder


def test_remove_by_id_path_and_seeds(tmp_path, capsys):
    folder = own_articles(tmp_path)
    assert main(["index", str(SEEDS), str(folder)]) == 0
    every = ids(capsys)
    assert {"a", "b"} < set(every) and len(every) == 7
    seed = next(i for i in every if i.startswith("000_"))
    assert main(["remove", seed]) == 0
    assert "removed 1 article" in capsys.readouterr().err
    assert seed not in ids(capsys)
    assert main(["remove", str(folder / "a.txt")]) == 0
    assert "a" not in ids(capsys)
    assert main(["remove", "--seeds"]) == 0
    assert ids(capsys) == ["b"]
    # a folder removed is read again when indexed again
    assert main(["remove", str(folder)]) == 0
    assert ids(capsys) == []
    assert main(["index", str(folder)]) == 0
    assert ids(capsys) == ["a", "b"]
    # what was removed no longer shows in events or entities' counts
    capsys.readouterr()
    main(["events", "--format", "jsonl", "--modality", "all"])
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {e["article_id"] for e in events} <= {"a", "b"}


def test_unknown_id_or_path_is_a_clear_error_and_removes_nothing(tmp_path, capsys):
    assert main(["index", str(SEEDS)]) == 0
    before = ids(capsys)
    assert main(["remove", before[0], "no-such-article"]) == 1
    err = capsys.readouterr().err
    assert "no article with id no-such-article" in err and "briefing articles" in err
    assert ids(capsys) == before
    assert main(["remove", str(tmp_path)]) == 1  # a folder nothing was indexed from
    assert f"no article indexed from {tmp_path}" in capsys.readouterr().err
    assert main(["remove"]) == 1
    assert "remove what?" in capsys.readouterr().err
    assert ids(capsys) == before


def test_seeds_removed_stay_removed_when_the_app_opens(monkeypatch, capsys):
    monkeypatch.setattr(briefing.tui.app, "run", lambda db, paths: 0)
    monkeypatch.setattr(cli, "_terminal", lambda: True)  # pytest's stdin is not one
    assert cli.main([]) == 0  # first run: the seeds are indexed
    assert len(ids(capsys)) == 5
    assert main(["remove", "--seeds"]) == 0
    assert cli.main([]) == 0  # the app's next start does not put them back
    assert ids(capsys) == []
