"""The fixed queries the benchmarks type: lookups (with the entity that should come first) and
full-text searches."""

from __future__ import annotations

import re

# (what the analyst types, the name the first actor or place should have; None: any).
# Most are misspellings or other transliterations of what the corpus writes.
LOOKUPS: list[tuple[str, re.Pattern[str] | None]] = [
    (query, re.compile(expected) if expected else None)
    for query, expected in [
        ("kataib sayid", r"kata.?ib sayy?id"),
        ("albukamal", r"(abu|al-?bu) ?kamal"),
        ("deir ezzor", r"deir"),
        ("hezbolla", r"hez?b[ou]llah|hizb"),
        ("suleimani", r"s[ou]leimani"),
        ("raqa", r"raqq?a"),
        ("aleppo", r"aleppo"),
        ("russian", r"russia"),
        ("white helmets", r"white helmets|civil defen[cs]e"),
        ("nusra", r"nusra"),
        ("lattakia", r"latt?akia"),
        ("jaish al islam", r"jaysh|jaish"),
        ("erdogan", r"erdo"),
        ("ghuta", r"ghouta"),
        ("assad", None),
        ("damascus", r"damascus"),
    ]
]

FULL_TEXT: list[str] = [
    "sarin",
    "chlorine attack",
    "white helmets",
    "ceasefire",
    "barrel bomb",
    "Palmyra",
    "hospital",
    "Khan Sheikhoun",
    "Hezbollah fighters",
    "Deir",
]
