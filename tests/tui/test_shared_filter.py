"""One filter for the article list, the map and the overview (issue 23): key:value words
typed in the list's box narrow it to the articles with events in the filter, and the map
and the overview follow; a filter set on the map shows in the list's box."""

from __future__ import annotations

from briefing.index.filters import Filter
from briefing.tui.widgets.article_list import ArticleList
from tests.tui.test_map import settle


def listed(app) -> list[str]:
    return sorted(r["id"] for r in app.main.query_one(ArticleList).table.rows)


async def type_filter(pilot, text: str) -> None:
    await pilot.press("F")
    box = pilot.app.main.query_one("#article-filter")
    box.value = text
    await pilot.press("enter")
    await settle(pilot)


ALL = ["erbil-2021", "hostile", "russia-2015", "strike-2021"]


async def test_the_list_the_map_and_the_overview_share_one_filter(geo_app):
    app = geo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.query_one("#article-table").focus()
        assert listed(app) == ALL
        await type_filter(pilot, "actor:russia")
        assert app.filter == Filter(actor="russia")
        assert listed(app) == ["russia-2015"]
        await pilot.press("w")  # the map follows
        await settle(pilot)
        view = app.screen.query_one("#map")
        assert [p.name for m in view.picture.markers for p in m.places] == ["Syria"]
        # a filter set on the map: the list follows when seen again
        app.screen.query_one("#filter-input").value = "place:Erbil"
        await pilot.press("F", "enter")
        await settle(pilot)
        await pilot.press("escape", "escape")  # out of the bar, then off the map
        await settle(pilot)
        assert app.screen is app.main
        assert listed(app) == ["erbil-2021"]
        box = app.main.query_one("#article-filter")
        assert box.value == "place:Erbil" and not box.has_class("hidden")
        # escape in the list clears it, for the map too
        app.main.query_one("#article-table").focus()
        await pilot.press("escape")
        await settle(pilot)
        assert listed(app) == ALL and not app.filter


async def test_plain_words_still_match_titles_and_a_bad_filter_changes_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.query_one("#article-table").focus()
        await type_filter(pilot, "rockets")
        assert listed(app) == ["erbil-2021"] and not app.filter
        await type_filter(pilot, "since:2016-13-45")
        assert not app.filter  # refused, said in a notification
        assert any("not a date" in n.message for n in app._notifications)
        assert app.main.query_one("#article-filter").value == "since:2016-13-45"
        await type_filter(pilot, "type:ASSAULT since:2021-02-20 strikes")
        assert app.filter == Filter(type="ASSAULT", since="2021-02-20")
        assert listed(app) == ["strike-2021"]  # ASSAULT after the 20th, 'strikes' in the title


async def test_hostile_text_in_the_list_s_filter_box_is_text(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.query_one("#article-table").focus()
        await type_filter(pilot, 'actor:"[/] [bold]\x1b[2J" [link=x]')
        assert not app.filter and listed(app) == ["hostile"]  # its title has [link=x]
        shown = [n.message for n in app._notifications]
        assert any("[/] [bold]" in m and "\x1b" not in m for m in shown), shown
