"""A tiny stand-in for the gazetteer's ``find_mentions``, so event tests pin the event
engine's own behaviour whatever the real dictionaries hold."""

from __future__ import annotations

import re

from briefing.model import Entity, Mention

_ROLE = r"(?:\s+(?:warplanes|jets|fighter jets|aircraft|helicopters|army|troops|forces|soldiers|military|air force|government|regime|officials|state media|defense ministry|defence ministry))?"


def _e(id, name, kind, type, country=None, sector=None, admin1=None):
    return Entity(
        id=id, name=name, kind=kind, type=type, country=country, sector=sector, admin1=admin1
    )


SYR = _e("actor:state:SYR", "Syria", "actor", "state", "SYR")
IRQ = _e("actor:state:IRQ", "Iraq", "actor", "state", "IRQ")
USA = _e("actor:state:USA", "United States", "actor", "state", "USA")
RUS = _e("actor:state:RUS", "Russia", "actor", "state", "RUS")
IRN = _e("actor:state:IRN", "Iran", "actor", "state", "IRN")
ISR = _e("actor:state:ISR", "Israel", "actor", "state", "ISR")
TUR = _e("actor:state:TUR", "Turkey", "actor", "state", "TUR")
SAU = _e("actor:state:SAU", "Saudi Arabia", "actor", "state", "SAU")
ISIS = _e("actor:islamic-state", "Islamic State", "actor", "armed_group", None, "REB")
KH = _e("actor:kataib-hezbollah", "Kataib Hezbollah", "actor", "armed_group", "IRQ", "REB")
KSS = _e(
    "actor:kataib-sayyid-al-shuhada",
    "Kataib Sayyid al-Shuhada",
    "actor",
    "armed_group",
    "IRQ",
    "REB",
)
NUSRA = _e("actor:nusra-front", "al-Nusra Front", "actor", "armed_group", "SYR", "REB")
REBELS = _e(
    "actor:generic:syrian-opposition",
    "Syrian armed opposition",
    "actor",
    "armed_group",
    "SYR",
    "REB",
)
YPG = _e("actor:ypg", "YPG", "actor", "armed_group", "SYR", "REB")
COAL = _e("actor:us-led-coalition", "US-led coalition", "actor", "igo", "USA", "MIL")
MIL = _e("actor:iran-backed-militias", "Iran-backed militias", "actor", "armed_group", "IRQ", "REB")
UN = _e("actor:un", "United Nations", "actor", "igo", None, "IGO")
SOHR = _e(
    "actor:sohr", "Syrian Observatory for Human Rights", "actor", "organization", "SYR", "NGO"
)


def _p(id, name, country, admin1=None, type="person"):
    return _e(id, name, "actor", type, country, "GOV", admin1)


def _pl(id, name, type, country, admin1=None):
    return _e(id, name, "place", type, country, None, admin1)


ALIASES: list[tuple[str, Entity, str | None]] = [
    # (alias regex, entity, sector override)
    (r"Syrian Observatory for Human Rights|Observatory", SOHR, None),
    (r"Syrian" + _ROLE, SYR, "MIL"),
    (
        r"(?:Syrian )?regime forces|government forces|Syrian army|Syrian Army|Assad regime|the regime|pro-government forces",
        SYR,
        "MIL",
    ),
    (r"Iraqi(?: government| defense ministry)?", IRQ, "GOV"),
    (
        r"(?:the )?U\.S\.(?: State Department)?|US|American|United States|the State Department|Pentagon",
        USA,
        None,
    ),
    (r"Russian(?: jets| warplanes| forces| aircraft)?|Moscow", RUS, "MIL"),
    (r"Iranian", IRN, None),
    (r"Israeli", ISR, None),
    (r"ISIS|ISIL|IS|Islamic State|Daesh|Daish|jihadist group", ISIS, None),
    (r"Kataib[- ]Hezbollah", KH, None),
    (r"Kataib Sayyid al-Shu(?:h|sh)ada", KSS, None),
    (r"(?:al-)?Nusra Front|Jabhat al-Nusra|Nusra", NUSRA, None),
    (r"[Rr]ebels|[Ii]nsurgents|opposition fighters|Free Syrian Army|[Tt]errorists", REBELS, None),
    (r"YPG|Kurdish forces|SDF", YPG, None),
    (r"(?:US-led )?coalition", COAL, None),
    (r"Iran-backed militias?|Iran militants|Iranian militants|Iran militias", MIL, None),
    (r"U\.N\.|United Nations", UN, None),
    (
        r"(?:President )?(?:Bashar al-)?Assad",
        _p("actor:person:assad", "Bashar al-Assad", "SYR"),
        None,
    ),
    (
        r"(?:President )?(?:Vladimir )?Putin",
        _p("actor:person:putin", "Vladimir Putin", "RUS"),
        None,
    ),
    (r"(?:President )?(?:Barack )?Obama", _p("actor:person:obama", "Barack Obama", "USA"), None),
    (r"(?:President )?(?:Joe )?Biden", _p("actor:person:biden", "Joe Biden", "USA"), None),
    (
        r"King Salman(?: bin Abdul-Aziz Al Saud)?",
        _p("actor:person:salman", "King Salman", "SAU"),
        None,
    ),
    (
        r"(?:Prime Minister )?Mustafa al-Kadhimi",
        _p("actor:person:kadhimi", "Mustafa al-Kadhimi", "IRQ"),
        None,
    ),
    (r"(?:Sergei )?Lavrov", _p("actor:person:lavrov", "Sergei Lavrov", "RUS"), None),
    (
        r"(?:Iraqi Prime Minister )?Haider al-Abadi",
        _p("actor:person:abadi", "Haider al-Abadi", "IRQ"),
        None,
    ),
    (
        r"(?:U\.N\. Secretary-General )?Ban Ki-moon",
        _p("actor:person:ban", "Ban Ki-moon", None),
        None,
    ),
    (r"Gondor", _e("actor:state:GON", "Gondor", "actor", "state", "GON"), None),
    (r"Arnor", _e("actor:state:ARN", "Arnor", "actor", "state", "ARN"), None),
    (r"Syria", _pl("place:country:SYR", "Syria", "country", "SYR"), None),
    (r"Iraq", _pl("place:country:IRQ", "Iraq", "country", "IRQ"), None),
    (r"Iran", _pl("place:country:IRN", "Iran", "country", "IRN"), None),
    (r"Russia", _pl("place:country:RUS", "Russia", "country", "RUS"), None),
    (r"Israel", _pl("place:country:ISR", "Israel", "country", "ISR"), None),
    (r"Saudi Arabia", _pl("place:country:SAU", "Saudi Arabia", "country", "SAU"), None),
    (r"Anbar", _pl("place:admin1:IQ-AN", "Al Anbar", "admin1", "IRQ", "Al Anbar"), None),
    (r"Raqqa", _pl("place:city:raqqa", "Raqqa", "city", "SYR", "Ar-Raqqah"), None),
    (r"Hasakah|Hasaka", _pl("place:city:hasakah", "Al-Hasakah", "city", "SYR", "Al-Hasakah"), None),
    (r"Aleppo", _pl("place:city:aleppo", "Aleppo", "city", "SYR", "Aleppo"), None),
    (r"Idlib", _pl("place:city:idlib", "Idlib", "city", "SYR", "Idlib"), None),
    (r"Homs", _pl("place:city:homs", "Homs", "city", "SYR", "Homs"), None),
    (r"Damascus", _pl("place:city:damascus", "Damascus", "city", "SYR", "Damascus"), None),
    (r"Douma", _pl("place:city:douma", "Douma", "city", "SYR", "Rif Dimashq"), None),
    (
        r"Deir Ezzor|Deir ez-Zor",
        _pl("place:city:deir-ezzor", "Deir ez-Zor", "city", "SYR", "Deir ez-Zor"),
        None,
    ),
    (
        r"Erbil air base",
        _pl("place:facility:erbil-air-base", "Erbil air base", "facility", "IRQ", "Erbil"),
        None,
    ),
    (r"Erbil", _pl("place:city:erbil", "Erbil", "city", "IRQ", "Erbil"), None),
    (
        r"(?:the )?Balad air base",
        _pl("place:facility:balad-air-base", "Balad air base", "facility", "IRQ", "Salah ad Din"),
        None,
    ),
    (r"Baghdad", _pl("place:city:baghdad", "Baghdad", "city", "IRQ", "Baghdad"), None),
    (r"Kirkuk", _pl("place:city:kirkuk", "Kirkuk", "city", "IRQ", "Kirkuk"), None),
    (r"New York", _pl("place:city:new-york", "New York", "city", "USA", "New York"), None),
    (r"California", _pl("place:admin1:US-CA", "California", "admin1", "USA", "California"), None),
    (r"eastern Syria", _pl("place:region:eastern-syria", "eastern Syria", "region", "SYR"), None),
    (
        r"(?:the )?Iraq-Syria border|(?:the )?Syria-Iraq border|(?:the )?Iraqi-Syria border",
        _pl("place:region:iraq-syria-border", "Iraq-Syria border", "region", None),
        None,
    ),
    (
        r"Minas Tirith",
        _pl("place:city:minas-tirith", "Minas Tirith", "city", "GON", "Anorien"),
        None,
    ),
    (r"Osgiliath", _pl("place:city:osgiliath", "Osgiliath", "city", "GON", "Anorien"), None),
]

_RE = re.compile(
    "|".join(f"(?P<g{i}>(?<!\\w)(?:{a})(?!\\w))" for i, (a, _, _) in enumerate(ALIASES))
)


def find_mentions(text: str) -> list[Mention]:
    out = []
    for m in _RE.finditer(text):
        k = int(m.lastgroup[1:])
        _, ent, sector = ALIASES[k]
        out.append(Mention(entity=ent, start=m.start(), end=m.end(), text=m.group(), sector=sector))
    return out
