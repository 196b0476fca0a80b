"""Save SVG screenshots of the map and the overview for the README.

    python docs/screenshots.py [--db INDEX] [--out docs/]

Opens the app on an index (default: the user's), goes to each screen as a user would
(``w`` the map, ``v`` the overview), waits for it to draw, and saves
``docs/map.svg`` and ``docs/overview.svg`` with Textual's ``save_screenshot``.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from briefing import paths

SIZE = (140, 44)


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def shoot(db: Path, out: Path, flt: str) -> list[Path]:
    from briefing.index.filters import parse
    from briefing.tui.app import BriefingApp

    out.mkdir(parents=True, exist_ok=True)
    app = BriefingApp(db)
    saved = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if flt:
            app.filter = parse(flt)
        for key, name, keys in (("w", "map", ("n",)), ("v", "overview", ())):
            await pilot.press(key)
            await settle(pilot)
            await pilot.press(*keys)
            await settle(pilot)
            saved.append(Path(app.save_screenshot(f"{name}.svg", str(out))))
            await pilot.press("escape")
            await settle(pilot)
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="index file (default: the user's)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--filter", default="", help="e.g. since:2016 type:ASSAULT")
    args = parser.parse_args()
    for path in asyncio.run(shoot(args.db or paths.default_db(), args.out, args.filter)):
        print(path)


if __name__ == "__main__":
    main()
