"""The analyst's objects: articles, entities, mentions and events.

Pure data, no I/O. Every span (``start``/``end``) is a character offset into
``Article.text``, the clean text that is stored and shown.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True, frozen=True)
class Cut:
    """A piece of boilerplate removed from an article: kept aside, never extracted from."""

    rule: str
    text: str

    def __reduce__(self) -> tuple[Any, ...]:
        return Cut, (self.rule, self.text)


@dataclass(slots=True)
class Article:
    id: str
    title: str
    text: str
    source: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd, publication or dateline date
    url: str | None = None
    path: str | None = None  # the file it was read from
    cuts: tuple[Cut, ...] = ()

    @property
    def words(self) -> int:
        return len(self.text.split())

    def __reduce__(self) -> tuple[Any, ...]:
        # a constructor call: the indexer's workers send articles back with their rows, and
        # dataclasses' own slot-by-slot state took 30 us an article to unpickle
        return Article, (self.id, self.title, self.text, self.source, self.date, self.url,
                         self.path, self.cuts)  # fmt: skip


@dataclass(slots=True, frozen=True)
class Entity:
    """A canonical actor or place (see the Entity contract in DESIGN.md).

    ``id`` is stable and prefixed by its kind, e.g. ``actor:kataib-hezbollah``.
    """

    id: str
    name: str
    kind: str  # "actor" | "place"
    type: str  # actor: state, armed_group, person, organization, igo; place: country, admin1, city, facility, region
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # GOV, MIL, REB, LEG, JUD, COP, SPY, IGO, CVL, ...
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None  # e.g. "IRN" for an Iran-backed group
    origin: str = "builtin"  # the data file the entry came from

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["aliases"] = list(self.aliases)
        return d


@dataclass(slots=True, frozen=True)
class Mention:
    """One place in an article's text that names an entity."""

    entity: Entity
    start: int
    end: int
    text: str
    sector: str | None = None  # role word override: "Syrian warplanes" -> MIL
    score: float = 1.0  # 1.0 exact; below for fuzzy matches


@dataclass(slots=True, frozen=True)
class Participant:
    """An actor or target of an event (``text`` is the words in the article)."""

    id: str | None
    name: str
    text: str
    type: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(slots=True, frozen=True)
class Location:
    id: str | None
    name: str
    text: str
    type: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None  # point, city, admin1, country, region


@dataclass(slots=True)
class Event:
    """One event reported in one sentence (see the Event contract in DESIGN.md).

    ``modality`` is ``asserted`` (reported as having happened), ``negated`` ("did not
    strike"), ``future`` ("will strike"), ``hypothetical`` ("could strike", "if ..."),
    ``alleged`` ("accused Y of shelling") or ``historical``: reported as having happened
    but dated well before the article (a day more than 10 days, a month more than 40
    days, or an earlier year before it), so background rather than the news.

    ``actors`` are those the text names, or, for an asserted ASSAULT that names none,
    one inferred from the article; ``rule`` then ends with how (``+claimed``,
    ``+ctx-actor``, ``+alleged-actor``, ``+prior:<id>``) and ``confidence`` is lower.
    """

    event_id: str
    article_id: str
    type: str  # PLOVER category
    sentence: str
    start: int
    end: int
    trigger: str
    rule: str
    mode: str | None = None
    cameo: str | None = None
    actors: list[Participant] = field(default_factory=list)
    targets: list[Participant] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    date: str | None = None
    date_text: str | None = None
    date_precision: str | None = None  # day, month, year
    killed: int | None = None
    wounded: int | None = None
    modality: str = "asserted"  # asserted, negated, future, hypothetical, alleged
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        """``dataclasses.asdict`` of the event, written out: the indexer's workers call
        it for every event and asdict's generic deep copy cost a tenth of indexing."""
        d = {f: getattr(self, f) for f in _EVENT_FIELDS}
        d["actors"] = [_flat(p) for p in self.actors]
        d["targets"] = [_flat(p) for p in self.targets]
        d["locations"] = [_flat(x) for x in self.locations]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        d = dict(d)
        d["actors"] = [Participant(**p) for p in d.get("actors", [])]
        d["targets"] = [Participant(**p) for p in d.get("targets", [])]
        d["locations"] = [Location(**p) for p in d.get("locations", [])]
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


_EVENT_FIELDS = tuple(Event.__dataclass_fields__)


def _flat(record: Participant | Location) -> dict[str, Any]:
    """The fields of a record whose fields are all plain values, as a dict."""
    return {f: getattr(record, f) for f in record.__dataclass_fields__}


@dataclass(slots=True)
class Extraction:
    """What ``briefing.extract.extract(article)`` returns."""

    article_id: str
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
