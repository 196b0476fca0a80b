"""Convert the Phoenix (PETRARCH2) actor dictionaries into the gazetteer's TOML shape.

The Phoenix dictionaries (Open Event Data Alliance, MIT) list about a thousand non-state
armed groups (``Phoenix.MilNonState.actors.txt``) and the international organisations
and NGOs (``Phoenix.International.actors.txt``) of event coding, each with CAMEO codes::

    AL-SHABAAB	[SOMREB]
    +AL-SHABAB
    +HARAKAT_AL-SHABAAB_AL-MUJAHIDEEN

What is sound is kept: groups and organisations (not the people some entries list as
aliases), in the display case news uses, with the country of their CAMEO code when it is
a state's; names the curated files already know, abbreviations of two letters and single
common words are left out. Run from a checkout::

    python -m briefing.gazetteer.phoenix PHOENIX_DIR --words CORPUS.jsonl \\
        > briefing/gazetteer/data/actors_phoenix.toml

``--words`` names a text or JSONL file of news: a one-word alias written there in lower
case ("unity", "resistance") is a common word, not a name.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from briefing.gazetteer._build import DATA_DIR, slug
from briefing.text.tokens import key as name_key

# CAMEO role codes -> the project's sectors (armed groups are REB unless coded otherwise)
SECTORS = {"REB": "REB", "INS": "REB", "SEP": "REB", "MIL": "MIL", "OPP": "OPP", "UAF": "REB"}
# NGO subject codes worth knowing in conflict news: aid, health, refugees, human rights
NGO_KEEP = ("HLH", "HRI", "REF", "MED", "DEV", "HUM")
LOWER = {"of", "the", "and", "for", "in", "on", "to", "at", "by", "de", "del", "la", "el", "al",
         "du", "des", "le", "les", "y", "e", "wa", "wal", "an", "ash", "as", "ar", "ad", "az"}  # fmt: skip
# words a group's name holds and a person's never does
GROUP_WORDS = re.compile(
    r"\b(ARMY|FRONT|GROUP|GROUPS|BRIGADES?|MOVEMENT|ORGANI[SZ]ATION|PARTY|FORCES?|COUNCIL|LEAGUE|"
    r"UNION|COMMITTEE|CELLS?|NUCLEI|NUCLEUS|ALLIANCE|JIHAD|ISLAMI[CY]A?|LIBERATION|REVOLUTIONARY|"
    r"MUJAHIDEEN|MUJAHIDIN|JAMAAT|JAMA'AT|JAISH|JAYSH|LASHKAR|HARAKAT|TANZIM|KATAIB|ANSAR|SARAYA|"
    r"LIWA|JUND|HIZB|HEZB|TEHRIK|TEHREEK|FACTION|COMMANDOS?|RESISTANCE|SOLIDARITY|NATIONAL|PEOPLE'?S?|"
    r"BATTALIONS?|FIGHTERS|GUERRILLAS?|COMMAND|DEFEN[CS]E|POPULAR|UNITED|SQUADS?|BRIGADA|EJERCITO|"
    r"FUERZAS|FRENTE|MOVIMIENTO|ACTION|STRUGGLE|JUSTICE|SHABAAB|SHABAB|QAEDA|QAIDA|TALIBAN|"
    r"HAMAS|HEZBOLLAH|HIZBALLAH|MAOIST|COMMUNIST|TIGERS|ASSOCIATION|FOUNDATION|INSTITUTE|FUND|"
    r"AGENCY|COMMISSION|BANK|PROGRAM|PROGRAMME|OFFICE|BUREAU|CENTER|CENTRE|SOCIETY|NETWORK|WATCH|"
    r"INTERNATIONAL|WORLD|CROSS|CRESCENT|RELIEF|AID|RESCUE|DOCTORS|MEDECINS)\b"
)
DATED = re.compile(r"\d{6}|[<>]\s*\d")
ABBREVIATIONS = {
    "UN",
    "EU",
    "US",
    "AU",
    "UK",
    "USA",
    "NATO",
    "OSCE",
    "OAS",
    "ASEAN",
    "WHO",
    "FAO",
    "ILO",
}


@dataclass
class Entry:
    """One dictionary entry: its name, its aliases and its CAMEO codes."""

    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


def parse(text: str) -> list[Entry]:
    """The entries of one Phoenix actors file (comments and blank lines skipped)."""
    entries: list[Entry] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", line)
        words = re.sub(r"\[[^\]]*\]", " ", line).strip()
        if raw[:1] in " \t" and not words:  # a code line of the entry above
            if entries:
                entries[-1].codes += codes
            continue
        if words.startswith("+"):
            if entries:
                entries[-1].aliases += [w for w in words.split("+") if w.strip()]
                entries[-1].codes += codes
            continue
        entries.append(Entry(words, [], codes))
    return entries


def display(name: str) -> tuple[str, str | None]:
    """The name as news writes it, and an abbreviation given in brackets:
    ``ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_`` -> ("Aden Abyan Islamic Army", "AAIA")."""
    s = name.replace("_", " ").strip()
    abbr = None
    m = re.search(r"\(([^)]*)\)", s)
    if m:
        inner = m.group(1).strip()
        if re.fullmatch(r"[A-Z][A-Z0-9-]{2,7}", inner):
            abbr = inner
        s = (s[: m.start()] + s[m.end() :]).strip()
    s = re.sub(r"\s+", " ", s).strip(" -,")
    if not s:
        return "", abbr
    if s.isupper() and (len(s) > 6 or " " in s or "-" in s):
        s = _title(s)
    return s, abbr


def _title(s: str) -> str:
    out = []
    for i, w in enumerate(s.split(" ")):
        parts = []
        for j, p in enumerate(w.split("-")):
            lo = p.lower()
            if p in ABBREVIATIONS or "." in p:
                parts.append(p)
            elif (i or j) and lo in LOWER:
                parts.append(lo)
            elif "'" in p:
                a, _, b = p.partition("'")
                parts.append(a.capitalize() + "'" + b.lower())
            else:
                parts.append(p.capitalize())
        out.append("-".join(parts))
    return " ".join(out)


def _person(alias: str) -> bool:
    """A leader listed among a group's names or as an entry ("AHMED_ABDI_GODANE")."""
    toks = alias.replace("_", " ").split()
    return 2 <= len(toks) <= 4 and not GROUP_WORDS.search(alias.replace("_", " ").upper())


def _word_ok(name: str, common: set[str]) -> bool:
    """A one-word name that is a name: not a number or a common word, and a group's
    plural ("Montoneros") or an abbreviation rather than a person's name ("Hambali")."""
    if "," in name or not re.search(r"[A-Za-z]{3}", name):
        return False
    if " " in name or "-" in name:
        return True
    if name.lower() in common:
        return False
    return name.isupper() or name.endswith("s")


def known_keys() -> set[str]:
    """Lookup keys the curated dictionaries already give an entity."""
    keys: set[str] = set()
    for p in DATA_DIR.glob("*.toml"):
        if p.name == "actors_phoenix.toml":
            continue
        with open(p, "rb") as f:
            data = tomllib.load(f)
        for kind in ("actor", "person", "generic"):
            for a in data.get(kind, ()):
                keys.update(name_key(n) for n in (a.get("name", ""), *a.get("aliases", ())))
        for v in data.values():
            if isinstance(v, dict) and "names" in v:
                keys.update(name_key(n) for n in (*v.get("names", ()), *v.get("demonyms", ())))
    keys.discard("")
    return keys


def common_words(path: Path | None) -> set[str]:
    if path is None:
        return set()
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = line
        if path.suffix == ".jsonl":
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            text = " ".join(str(rec.get(k) or "") for k in ("title", "text"))
        words.update(re.findall(r"\b[a-z][a-z'-]+\b", text))
    return words


def convert(
    groups: list[Entry], international: list[Entry], known: set[str], common: set[str]
) -> list[dict]:
    """Actor records in the gazetteer's shape, sorted by name."""
    iso3 = _iso3()
    demonyms = _demonyms()
    out: dict[str, dict] = {}
    for e, kind in [(g, "group") for g in groups] + [(i, "intl") for i in international]:
        if not e.codes or any(DATED.search(c) or c.strip() in ("ELI", "---") for c in e.codes):
            continue  # people hold dated offices
        code = e.codes[0].replace(" ", "")
        if _person(e.name):
            continue
        if kind == "intl":
            if code.startswith("IGO"):
                typ, sector, country = "igo", "IGO", None
            elif code.startswith("NGO") and any(k in code[3:] for k in NGO_KEEP):
                typ, sector, country = "organization", "NGO", None
            else:
                continue
        else:
            typ, country = "armed_group", code[:3] if code[:3] in iso3 else None
            country = _named_country(e.name, demonyms) or country  # "Syrian Mujahideen"
            roles = [code[i : i + 3] for i in range(3, len(code), 3)]
            sector = next((SECTORS[r] for r in roles if r in SECTORS), "REB")
        name, abbr = display(e.name)
        if len(name) < 3:
            continue
        names = [name] + ([abbr] if abbr else [])
        for a in e.aliases:
            if kind == "group" and _person(a):
                continue
            n, ab = display(a)
            names += [x for x in (n, ab) if x]
        keep: list[str] = []
        for n in dict.fromkeys(names):
            k = name_key(n)
            if len(k.replace(" ", "")) < 3 or not _word_ok(n, common):
                continue
            if k in demonyms and n != name:
                continue  # an alias that is a country's name ("COLOMBIA") names the country
            keep.append(n)
        if not keep or name_key(keep[0]) in known or name_key(name) in known:
            continue  # a group the curated files know (by its first name) is theirs
        keep = [n for n in keep if name_key(n) not in known]
        rec: dict = {"id": "phoenix-" + slug(keep[0]), "name": keep[0], "type": typ}
        if country:
            rec["country"] = country
        rec["sector"] = sector
        if len(keep) > 1:
            rec["aliases"] = keep[1:]
        if rec["id"] in out:
            prev = out[rec["id"]]
            prev["aliases"] = list(dict.fromkeys(prev.get("aliases", []) + keep[1:]))
            continue
        out[rec["id"]] = rec
    return sorted(out.values(), key=lambda r: r["name"].lower())


def _iso3() -> set[str]:
    rows = (DATA_DIR / "countryInfo.txt").read_text(encoding="utf-8").splitlines()
    return {r.split("\t")[1] for r in rows if r and not r.startswith("#") and "\t" in r}


def _demonyms() -> dict[str, str]:
    """Folded demonyms and country names of countries.toml -> ISO3."""
    with open(DATA_DIR / "countries.toml", "rb") as f:
        data = tomllib.load(f)
    out: dict[str, str] = {}
    for iso3, c in data.items():
        for n in (*c.get("demonyms", ()), *c.get("names", ()), c.get("short", "")):
            out[name_key(n)] = iso3
    return out


def _named_country(name: str, demonyms: dict[str, str]) -> str | None:
    """The country a group's name gives it ("Croatian Freedom Fighters" -> HRV)."""
    toks = name_key(display(name)[0]).split()
    for n in (2, 1):
        for i in range(len(toks) - n + 1):
            iso3 = demonyms.get(" ".join(toks[i : i + n]))
            if iso3:
                return iso3
    return None


def to_toml(records: list[dict]) -> str:
    lines = [
        "# Generated by `python -m briefing.gazetteer.phoenix` from the Phoenix (PETRARCH2) actor",
        "# dictionaries of the Open Event Data Alliance (MIT licence, see README.md): non-state",
        "# armed groups, IGOs and aid and rights NGOs. Do not edit by hand: curated entries in",
        "# the other files win over these, and the converter leaves out what they know.",
        "",
    ]
    for r in records:
        lines.append("[[actor]]")
        for k, v in r.items():
            lines.append(f"{k} = {json.dumps(v, ensure_ascii=False)}")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m briefing.gazetteer.phoenix", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    ap.add_argument("folder", type=Path, help="the folder of Phoenix.*.actors.txt")
    ap.add_argument("--words", type=Path, help="news text whose lower-case words are common words")
    a = ap.parse_args(argv)
    try:
        groups = parse((a.folder / "Phoenix.MilNonState.actors.txt").read_text(encoding="utf-8"))
        intl = parse((a.folder / "Phoenix.International.actors.txt").read_text(encoding="utf-8"))
        common = common_words(a.words)
    except OSError as exc:
        print(f"phoenix: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(to_toml(convert(groups, intl, known_keys(), common)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
