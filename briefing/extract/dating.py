"""An event's date: the first date expression of its clause, else of its sentence,
else the article's date (``date_text=None``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.text.offsets import bisect_left

if TYPE_CHECKING:
    from briefing.extract.document import Doc


# nouns whose day a date before them gives ("the June 3 poll", "the March 2016 truce")
_OTHER_DAY = re.compile(
    r"\s*(?:presidential |parliamentary |general |local )?(?:polls?|elections?|votes?|ballot|"
    r"referendum|deadline|summit|talks|meeting|conference|ceasefire|truce|agreement|deal|"
    r"accord|anniversary|holiday|festival)\b",
    re.I,
)


def _names_other_day(text: str, end: int) -> bool:
    return _OTHER_DAY.match(text, end) is not None


def event_date(
    doc: Doc, si: int, sa: int, sb: int, a: int, b: int
) -> tuple[str | None, str | None, str | None, bool]:
    dates, ds = doc.sent_dates(si)
    found = dates[bisect_left(ds, doc.starts[sa]) : bisect_left(ds, doc.ends[sb - 1])]
    if not found:
        found = dates[bisect_left(ds, doc.starts[a]) : bisect_left(ds, doc.ends[b - 1])]
    for d in found:
        if _names_other_day(doc.text, d.end):
            continue  # "a rally ahead of the June 3 poll": the poll's day, not the attack's
        if d.date or not doc.ref:
            return d.date, d.text, d.precision, True
    if doc.ref:
        return doc.ref_iso, None, "day", False
    return None, None, None, False
