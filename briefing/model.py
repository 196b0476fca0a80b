"""The analyst's objects: articles, entities, mentions and events.

Pure data, no I/O. Every span (``start``/``end``) is a character offset into
``Article.text``, the clean text that is stored and shown.

The module is compiled with mypyc in a wheel, so the extraction engine builds and reads
these records natively. The ones an article has dozens of (mentions, participants,
locations, events) write their ``__init__`` out and are not frozen: a frozen dataclass
sets each field through ``object.__setattr__``, which made building them a tenth of
extraction. They still hash by value, and nothing changes them once extracted. Each
pickles as a constructor call (``__reduce__``): the indexer's workers send them to the
writer, and mypyc's native classes have no slot-by-slot pickle state.
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

    def __reduce__(self) -> tuple[Any, ...]:
        return Entity, (
            self.id,
            self.name,
            self.kind,
            self.type,
            self.country,
            self.sector,
            self.admin1,
            self.lat,
            self.lon,
            self.aliases,
            self.affiliation,
            self.origin,
        )


@dataclass(slots=True, unsafe_hash=True)
class Mention:
    """One place in an article's text that names an entity."""

    entity: Entity
    start: int
    end: int
    text: str
    sector: str | None = None  # role word override: "Syrian warplanes" -> MIL
    score: float = 1.0  # 1.0 exact; below for fuzzy matches

    # written out so that mypyc compiles it (the generated one stays interpreted): the
    # mention finder makes some forty an article
    def __init__(
        self,
        entity: Entity,
        start: int,
        end: int,
        text: str,
        sector: str | None = None,
        score: float = 1.0,
    ) -> None:
        self.entity = entity
        self.start = start
        self.end = end
        self.text = text
        self.sector = sector
        self.score = score

    def __reduce__(self) -> tuple[Any, ...]:
        return Mention, (
            self.entity,
            self.start,
            self.end,
            self.text,
            self.sector,
            self.score,
        )


@dataclass(slots=True, unsafe_hash=True)
class Participant:
    """An actor or target of an event (``text`` is the words in the article).

    ``inferred``: the article does not name it in the event's sentence; the engine took
    it from the article's context or a perpetrator prior (the event's ``rule`` says how).
    Its dict carries ``"inferred": true`` only then: an actor without it was read."""

    id: str | None
    name: str
    text: str
    type: str | None = None
    country: str | None = None
    sector: str | None = None
    inferred: bool = False

    def __init__(
        self,
        id: str | None,
        name: str,
        text: str,
        type: str | None = None,
        country: str | None = None,
        sector: str | None = None,
        inferred: bool = False,
    ) -> None:
        self.id = id
        self.name = name
        self.text = text
        self.type = type
        self.country = country
        self.sector = sector
        self.inferred = inferred

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id, "name": self.name, "text": self.text, "type": self.type,
            "country": self.country, "sector": self.sector,
        }  # fmt: skip
        if self.inferred:
            d["inferred"] = True
        return d

    def as_inferred(self) -> Participant:
        """This participant, marked as taken from context rather than read."""
        return Participant(
            self.id, self.name, self.text, self.type, self.country, self.sector, True
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return Participant, (
            self.id,
            self.name,
            self.text,
            self.type,
            self.country,
            self.sector,
            self.inferred,
        )


@dataclass(slots=True, unsafe_hash=True)
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

    def __init__(
        self,
        id: str | None,
        name: str,
        text: str,
        type: str | None = None,
        country: str | None = None,
        admin1: str | None = None,
        lat: float | None = None,
        lon: float | None = None,
        precision: str | None = None,
    ) -> None:
        self.id = id
        self.name = name
        self.text = text
        self.type = type
        self.country = country
        self.admin1 = admin1
        self.lat = lat
        self.lon = lon
        self.precision = precision

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "text": self.text, "type": self.type,
            "country": self.country, "admin1": self.admin1, "lat": self.lat, "lon": self.lon,
            "precision": self.precision,
        }  # fmt: skip

    def __reduce__(self) -> tuple[Any, ...]:
        return Location, (
            self.id,
            self.name,
            self.text,
            self.type,
            self.country,
            self.admin1,
            self.lat,
            self.lon,
            self.precision,
        )


@dataclass(slots=True)
class Event:
    """One event reported in one sentence (see the Event contract in DESIGN.md).

    ``modality`` is ``asserted`` (reported as having happened), ``negated`` ("did not
    strike"), ``future`` ("will strike"), ``hypothetical`` ("could strike", "if ..."),
    ``alleged`` ("accused Y of shelling") or ``historical``: reported as having happened
    but dated well before the article (a day more than 10 days, a month more than 40
    days, or an earlier year before it), or an attack told as what preceded the news
    ("days after a bombing killed 120"), so background rather than the news.

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
    # other sentences that report this same event: [start, end] spans of the article's
    # text (the headline, the lede, a recap); in the dict only when there are some
    reports: list[list[int]] = field(default_factory=list)

    def __init__(
        self,
        event_id: str,
        article_id: str,
        type: str,
        sentence: str,
        start: int,
        end: int,
        trigger: str,
        rule: str,
        mode: str | None = None,
        cameo: str | None = None,
        actors: list[Participant] | None = None,
        targets: list[Participant] | None = None,
        locations: list[Location] | None = None,
        date: str | None = None,
        date_text: str | None = None,
        date_precision: str | None = None,
        killed: int | None = None,
        wounded: int | None = None,
        modality: str = "asserted",
        confidence: float = 0.5,
        reports: list[list[int]] | None = None,
    ) -> None:
        self.event_id = event_id
        self.article_id = article_id
        self.type = type
        self.sentence = sentence
        self.start = start
        self.end = end
        self.trigger = trigger
        self.rule = rule
        self.mode = mode
        self.cameo = cameo
        self.actors = [] if actors is None else actors
        self.targets = [] if targets is None else targets
        self.locations = [] if locations is None else locations
        self.date = date
        self.date_text = date_text
        self.date_precision = date_precision
        self.killed = killed
        self.wounded = wounded
        self.modality = modality
        self.confidence = confidence
        self.reports = [] if reports is None else reports

    def to_dict(self) -> dict[str, Any]:
        """``dataclasses.asdict`` of the event, written out field by field: the indexer's
        workers call it for every event, and asdict's generic deep copy cost a tenth of
        indexing, and reading the fields by name (``getattr``) 1.4% of a worker's
        instructions more than this. A test holds it equal to asdict."""
        d: dict[str, Any] = {
            "event_id": self.event_id, "article_id": self.article_id, "type": self.type,
            "sentence": self.sentence, "start": self.start, "end": self.end,
            "trigger": self.trigger, "rule": self.rule, "mode": self.mode, "cameo": self.cameo,
            "actors": [p.to_dict() for p in self.actors],
            "targets": [p.to_dict() for p in self.targets],
            "locations": [x.to_dict() for x in self.locations],
            "date": self.date, "date_text": self.date_text,
            "date_precision": self.date_precision, "killed": self.killed,
            "wounded": self.wounded, "modality": self.modality, "confidence": self.confidence,
        }  # fmt: skip
        if self.reports:
            d["reports"] = [list(r) for r in self.reports]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        d = dict(d)
        d["actors"] = [Participant(**p) for p in d.get("actors", [])]
        d["targets"] = [Participant(**p) for p in d.get("targets", [])]
        d["locations"] = [Location(**p) for p in d.get("locations", [])]
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


@dataclass(slots=True)
class Extraction:
    """What ``briefing.extract.extract(article)`` returns."""

    article_id: str
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
