"""An event's date: the first date expression of its clause, else of its sentence,
else the article's date (``date_text=None``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.text.offsets import bisect_left

if TYPE_CHECKING:
    from briefing.extract.document import Doc


def event_date(doc: Doc, si, sa, sb, a, b):
    dates, ds = doc.sent_dates(si)

    def within(lo: int, hi: int):
        return dates[bisect_left(ds, lo) : bisect_left(ds, hi)]

    found = within(doc.starts[sa], doc.ends[sb - 1])
    if not found:
        found = within(doc.starts[a], doc.ends[b - 1])
    for d in found:
        if d.date or not doc.ref:
            return d.date, d.text, d.precision, True
    if doc.ref:
        return doc.ref.isoformat(), None, "day", False
    return None, None, None, False
