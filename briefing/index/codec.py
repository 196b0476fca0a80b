"""Events to rows and back, storing each fact once (see the schema in ``store``).

An event's evidence sentence, trigger and participants' words are spans of its article's
text; a participant's name, type and country are its entity's. Only what differs from
those is stored (``sentence``, ``trigger``, ``text`` and the ``extra`` JSON columns), so
that ``decode(encode(event))`` gives back exactly the event extraction made.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import fields
from typing import Any

from briefing.index import eventkey
from briefing.index.store import ROLES, Labels, dumps
from briefing.model import Event, Location, Participant

# the fields with columns of their own; the rest (``reports``) go to the extra column
EVENT_FIELDS = [f.name for f in fields(Event) if f.name != "reports"]
_EVENT_KEYS = frozenset(EVENT_FIELDS)  # what is not one of them goes to the extra column
# what every participant dict has (``inferred`` is there only when true, see Participant)
PARTICIPANT_FIELDS = [f.name for f in fields(Participant) if f.name != "inferred"]
LOCATION_FIELDS = [f.name for f in fields(Location)]
ROLE_NAMES = {number: name for name, number in ROLES.items()}

# entities.rowid, name, type, country, sector, admin1, lat, lon, origin
ENTITY_COLUMNS = "rowid, id, name, type, country, sector, admin1, lat, lon, origin"
EntityRow = tuple  # (rowid, id, name, type, country, sector, admin1, lat, lon, origin)

# Entities whose row a participant cannot rely on: an unresolved name's row keeps the
# spelling of the last article that named it; a participant's own row (an id no mention
# named yet) is overwritten when a mention names it.
BARE = frozenset({"unresolved", "participant"})

# A participant's fields whose values come from the dictionaries (no free text): an extra
# of these only is stored as a number in ``labels`` (few kinds, repeated thousands of times).
LABELLED = frozenset({"sector", "admin1", "type", "country", "precision"})

EVENT_COLUMNS = (
    "event_id, article, type, mode, cameo, date, date_text, date_precision, killed, wounded,"
    " modality, start, end, sentence, trigger_offset, trigger_length, trigger, rule, confidence,"
    " evidence, extra"
)


def _base(entity: EntityRow | None, location: bool) -> dict[str, Any]:
    """What a participant naming ``entity`` says unless told otherwise."""
    if entity is None:
        return {}
    base = {"id": entity[1]}
    if entity[9] in BARE:
        return base
    base.update(name=entity[2], type=entity[3], country=entity[4])
    if location:
        base.update(admin1=entity[6], lat=entity[7], lon=entity[8])
        base["precision"] = "point" if entity[3] == "facility" else entity[3]
    else:
        base["sector"] = entity[5]
    return base


def _span(text: str, words: str | None, start: int, end: int) -> tuple[int, int] | None:
    """Where ``words`` are in ``text``: within [start, end) if there, else anywhere."""
    if words is None:
        return None
    at = text.find(words, start, end)
    if at < 0:
        at = text.find(words)
    return (at, at + len(words)) if at >= 0 else None


def _hundredths(value: Any) -> int | None:
    if type(value) is float and round(value * 100) / 100 == value:
        return round(value * 100)
    return None


def encode(
    event: dict[str, Any],
    article: int,
    text: str,
    entity: Callable[[dict[str, Any], bool], EntityRow],
    labels: Labels,
    evidence: int | None,
) -> tuple[tuple, list[tuple]]:
    """The ``events`` row (EVENT_COLUMNS) and the ``participants`` rows (without the
    event's rowid) of one event dict shaped as the data contract says."""
    start, end = event["start"], event["end"]
    extra: dict[str, Any] = {}
    sentence = event["sentence"]
    trigger = _span(text, event["trigger"], start, end) if event["trigger"] else None
    confidence = _hundredths(event["confidence"])
    if confidence is None:
        extra["confidence"] = event["confidence"]
    extra.update((k, v) for k, v in event.items() if k not in _EVENT_KEYS)
    row = (
        eventkey.key(event["event_id"]), article, labels.id(event["type"]), labels.id(event["mode"]),
        labels.id(event["cameo"]), event["date"], event["date_text"],
        labels.id(event["date_precision"]), event["killed"], event["wounded"],
        labels.id(event["modality"]), start, end,
        None if text[start:end] == sentence else sentence,
        trigger and trigger[0] - start, trigger and trigger[1] - trigger[0],
        None if trigger else event["trigger"],
        labels.id(event["rule"]), confidence, evidence, dumps(extra) if extra else None,
    )  # fmt: skip
    participants = []
    for role_name, role in ROLES.items():
        location = role_name == "locations"
        for position, p in enumerate(event[role_name]):
            found = entity(p, location) if p.get("id") else None
            base = _base(found, location)
            if len(base) > 1:
                differs = {k: v for k, v in p.items() if k != "text" and base.get(k, v) != v}
                differs.update((k, v) for k, v in p.items() if k not in base and k != "text")
            else:  # nothing to take from the entity: every field kept
                differs = {k: v for k, v in p.items() if k not in ("text", "id")}
            span = _span(text, p.get("text"), start, end)
            own = dumps(differs) if differs else None
            participants.append(
                (role, position, found and found[0], span and span[0] - start,
                 span and span[1] - span[0],
                 None if span else p.get("text"),
                 labels.id(own) if own and differs.keys() <= LABELLED else own)
            )  # fmt: skip
    return row, participants


def extra_of(stored: int | str, labels: Labels) -> dict[str, Any]:
    """A participant's ``extra`` fields, stored as JSON or as its number in ``labels``."""
    return json.loads(labels.word[stored] if isinstance(stored, int) else stored)


def decode(
    row: Mapping[str, Any],
    article_id: str,
    text: str,
    participants: list[Any],  # sequences: tuples or lists
    entities: Mapping[int, EntityRow],
    labels: Labels,
) -> dict[str, Any]:
    """The event dict of an ``events`` row, its ``participants`` rows (role, position,
    entity, offset, length, text, extra; in order) and its article's text."""
    word = labels.word
    start, end = row["start"], row["end"]
    t0 = row["trigger_offset"]
    confidence = row["confidence"]
    values = {
        "event_id": eventkey.name(row["event_id"]),
        "article_id": article_id,
        "type": word[row["type"]],
        "sentence": text[start:end] if row["sentence"] is None else row["sentence"],
        "start": start,
        "end": end,
        "trigger": row["trigger"]
        if t0 is None
        else text[start + t0 : start + t0 + row["trigger_length"]],
        "rule": word[row["rule"]],
        "mode": word.get(row["mode"]),
        "cameo": word.get(row["cameo"]),
        "actors": [],
        "targets": [],
        "locations": [],
        "date": row["date"],
        "date_text": row["date_text"],
        "date_precision": word.get(row["date_precision"]),
        "killed": row["killed"],
        "wounded": row["wounded"],
        "modality": word[row["modality"]],
        "confidence": confidence / 100 if type(confidence) is int else confidence,
    }
    if row["extra"]:
        values.update(json.loads(row["extra"]))
    for role, _position, entity, offset, length, p_text, p_extra in participants:
        role_name = ROLE_NAMES[role]
        names = LOCATION_FIELDS if role_name == "locations" else PARTICIPANT_FIELDS
        found = _base(entities.get(entity), role_name == "locations")
        found["text"] = p_text if offset is None else text[start + offset : start + offset + length]
        if p_extra:
            found.update(extra_of(p_extra, labels))
        values[role_name].append({k: found.get(k) for k in names} | found)
    return {k: values[k] for k in EVENT_FIELDS} | values
