"""Actor and place mentions in an article, resolved with document context.

``find_mentions(text)`` scans the text's tokens once, left to right, and at each token
takes the longest name that starts there (so "Kataib Hezbollah" wins over "Hezbollah"):

1. dictionary names (actors, people, curated places, countries, admin1 regions, fixed
   phrases such as "the Kremlin"), folded as in :func:`briefing.text.normalize.fold`,
   with the case the dictionary asks for ("IS", "WHO" and "US" only in capitals);
2. GeoNames cities, for capitalised words only, never for stop words, titles, months or
   weekdays;
3. role words: a demonym or country name with role nouns ("Syrian warplanes" -> the
   Syrian state, sector MIL; "Iraqi government" -> Iraq, GOV), "X-backed N" / "pro-X N"
   ("Iran-backed militias" -> ``actor:iran-backed-militias``), "X-led" (-> the state X);
4. what is left capitalised and unknown is tried without spaces ("Albukamal" ->
   "Albu Kamal"), then fuzzily against the dictionary and the larger Syrian and Iraqi
   towns ("Kataib Sayyid al-Shushada" -> Kataib Sayyid al-Shuhada); a name that acts
   like an actor ("X said", "called X", "X Brigade") becomes ``actor:unresolved:<slug>``.

Then each mention is resolved with the whole document in view (CLIFF/Mordecai style):
the focus country (most mentioned) and the countries and governorates mentioned favour
candidate towns there; a person's surname is a person, not a town ("Austin said" after
"Lloyd Austin"); a country is a place after "in/into/across/..." and otherwise the
state; a capital is its state when it acts ("Moscow is ready", "Tehran's interests",
"Washington-led"); "regime"/"government forces" stand for the focus country's state.

:func:`role_mention` is the role-word helper for other extractors: it reads the words
at a span ("Syrian jets", "Iran-backed militias") and returns the actor mention, if any.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from operator import itemgetter
from typing import Any, Final, TypeAlias

from briefing.extract.unlisted import REACH, announced, between
from briefing.extract.vocab import (
    ASIDE_WORDS,
    DIVISION_WORDS,
    TOWN_MODIFIERS,
    UNLISTED_AFTER,
    UNLISTED_BEFORE,
    incident_head,
)
from briefing.gazetteer import ANY, CAP, STRICT, UPPER, Gazetteer, load, skeleton, slug
from briefing.gazetteer._build import ADMIN1_ALSO, MIN_POP_WORLD, REGION, SMALL_TOWN, Core
from briefing.model import Entity, Mention
from briefing.text.normalize import WORD_CACHE, fold, fold_word
from briefing.text.offsets import bisect_left
from briefing.text.tokens import WORD_RE  # noqa: F401  (the token rules this scanner follows)

# A fast form of the tokenizer's rules for Latin-script text: dotted initialisms, words
# with inner apostrophes; a possessive "'s" comes out as the word "s" after an apostrophe.
_L: Final = "A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff\u02be\u02bf"
_SUN_FORMS: Final = {
    "ar": "r", "as": "s", "ash": "sh", "ad": "d", "adh": "dh", "at": "t", "ath": "th", "az": "z",
    "an": "n", "ez": "z", "es": "s", "esh": "sh", "ed": "d", "er": "r", "et": "t", "en": "n",
}  # fmt: skip
_SUN_KEYS: Final = frozenset(_SUN_FORMS)
_HYPHENS: Final = frozenset("-‐‑")
TOKEN_RE: Final = re.compile(
    r"[A-Z](?:\.[A-Z])+\.|[" + _L + r"]+(?:['’`](?![sS]\b)[" + _L + r"]+)*"
)
# a letter or digit that is not one of _L's: a run of letters and digits is one token
# only when it has none of these
_FOREIGN_RE: Final = re.compile(r"[^\W_" + _L + r"]")
# one character around a plain word that is never part of a token (see split_tokens)
_HEADS: Final = frozenset("(\"“‘'[")
_TAILS: Final = frozenset(".,;:!?)\"”’'`]")


def split_tokens(text: str) -> tuple[list[str], list[int], list[int], list[str]]:
    """TOKEN_RE's tokens of ``text``, where they start and end, and the characters
    before each (one more: the characters after the last token).

    A token never holds white space, so the text is read one run between white space at
    a time. Most runs are one plain word; most others a word with a bracket, a quote or a
    punctuation mark at its ends, a possessive "'s" or inner hyphens, taken apart by
    hand; the expression reads only the rest (splitting the whole text with it cost
    twice as much)."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    gaps: list[str] = []
    latin = text.isascii() or _FOREIGN_RE.search(text) is None
    last = 0  # end of the last token
    pos = -1
    for chunk in text.split():
        # the next run starts right after the white space that ended the last one unless
        # more white space follows (see briefing.extract.document.tokenize)
        at = pos + 1 if pos >= 0 and 32 < ord(text[pos + 1]) < 127 else text.find(chunk, pos + 1)
        pos = at + len(chunk)
        if chunk.isalnum() and (latin or chunk.isascii()):
            gaps.append(text[last:at])
            words.append(chunk)
            starts.append(at)
            ends.append(pos)
            last = pos
            continue
        a, b = at, pos  # the run without one head and one tail mark
        if chunk[0] in _HEADS:
            a += 1
        if chunk[-1] in _TAILS:
            b -= 1
        s_at = -1  # where the "s" of a possessive "'s" is
        if b - a > 2 and text[b - 1] in "sS" and text[b - 2] in "'’":
            s_at = b - 1
            b -= 2
        core = text[a:b]
        if core.isascii() and (core.isalnum() or _hyphenated(core)):
            for p in core.split("-"):
                gaps.append(text[last:a])
                words.append(p)
                starts.append(a)
                last = a + len(p)
                ends.append(last)
                a = last + 1
            if s_at >= 0:
                gaps.append(text[last:s_at])
                words.append(text[s_at])
                starts.append(s_at)
                last = s_at + 1
                ends.append(last)
        else:
            for m in TOKEN_RE.finditer(text, at, pos):
                gaps.append(text[last : m.start()])
                words.append(m.group())
                starts.append(m.start())
                last = m.end()
                ends.append(last)
    gaps.append(text[last:])
    return words, starts, ends, gaps


def _hyphenated(core: str) -> bool:
    """Words of letters and digits joined by single hyphens ("Iran-backed")."""
    return "-" in core and all(p.isalnum() for p in core.split("-"))


__all__ = ["find_mentions", "role_mention"]

# a dictionary entry of a folded key: (entity id, case requirement, sector override)
_Cand: TypeAlias = tuple[str, int, str | None]
# a GeoNames city named by a key: (entity, population, 0 primary name / 1 alternate name)
_City: TypeAlias = tuple[Entity, int, int]
# what a candidate list says whatever the document (see _static_info): entities with
# their sector override, people's ids, the one country, its weight, the one admin1 code
_Static: TypeAlias = tuple[
    list[tuple[Entity, str | None]], tuple[str, ...], str | None, float | None, str | None
]
# a scan item (i, j, kind, payload); the payload's type depends on kind: "dict" a
# list[_Cand] (a _Static once resolve() has started), "city" a tuple[_City, ...], "state"
# (iso3, sector), "entity" (entity, sector, score)
_Item: TypeAlias = tuple[int, int, str, Any]
# a fuzzy match: the entity ids of the matched key, the score (0-100)
_FuzzyHit: TypeAlias = tuple[tuple[str, ...], float]


# Prepositions a title-case headline capitalises ("Car Bomb Kills 8 In Mogadishu"): no
# unknown name's word, which would make the town after them a surname
_HEADLINE_PREPS: Final = frozenset(
    [
        "in",
        "on",
        "at",
        "near",
        "from",
        "into",
        "outside",
        "inside",
        "across",
        "after",
        "amid",
        "over",
    ]
)


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


JOIN: Final = frozenset(("", " ", "-", "‐", "‑", "'", "’", "' ", "’ "))  # ("Workers' Party")
LOC_PREP: Final = _words(
    "in into inside across throughout within to from near at toward towards via over around "
    "through entering outside beyond along reach reached entered visited visit leave left "
    "back return returned fled flee"
)
SKIP_BEFORE: Final = _words(
    "the northern southern eastern western central northeastern northwestern southeastern "
    "southwestern north south east west war-torn neighbouring neighboring neighbouring all "
    "entire whole rebel-held government-held occupied mainland war torn rural "
    "northeast northwest southeast southwest far north-central south-central restive "
    "ne nw se sw n s e w"  # headline abbreviations: "in NE Syria"
)
GEO_NOUNS: Final = _words(
    "part parts areas area province provinces city cities outskirts border borders capital "
    "territory territories rest region regions north south east west northeast northwest "
    "southeast southwest centre center heart interior map coast towns villages skies airspace "
    "countryside desert soil"
)
# parts of a city after its possessive: "Tripoli's Abu Salim district" is in Tripoli
_CITY_PARTS: Final = _words(
    "district districts neighborhood neighbourhood neighborhoods neighbourhoods suburb suburbs "
    "airport port streets street quarter downtown market camp old"
)
# the words between a town and the division that places it: "Bijapur district of
# Chhattisgarh", "the Beni territory of North Kivu", "Maru in Zamfara"
_NEAR_DIVISION: Final = _words(
    "district province state region territory county department governorate zone area in of "
    "township tehsil municipality lga woreda commune subdistrict local government council"
)
# what a town lends its name to: "Tikrit University", "Mosul Dam", "Aleppo Airport"
_FACILITIES: Final = _words(
    "university airport dam hospital base refinery stadium prison bridge road highway mosque "
    "church market port gate square hotel station school college centre center camp"
)
# what announces a place: "in Rutshuru", "the town of Kiwanja"
# Words that make a division's name a bearing or a kind of land: "Northwest" (Iceland's,
# Cameroon's), "Northeastern Governorate" (Oman's), "Sahel" (Burkina Faso's)
_COMPASS: Final = _words(
    "north south east west northeast northwest southeast southwest northern southern "
    "eastern western northeastern northwestern southeastern southwestern central centre "
    "center far upper lower middle littoral coast coastal sahel capital region province "
    "governorate district state division"
)
_COMPASS_SEEN: Final[dict[str, bool]] = {}


def compass_division(e: Entity) -> bool:
    """A first-level division named only by a bearing or a kind of land, which names it
    only in a story about its country ("the anglophone Northwest province" of Cameroon
    is not Iceland's, "northeastern Colombia" not Oman's governorate)."""
    if e.type != "admin1":
        return False
    got = _COMPASS_SEEN.get(e.id)
    if got is None:
        got = _COMPASS_SEEN[e.id] = all(
            w in _COMPASS for w in fold(e.name).replace("-", " ").split()
        )
    return got


_STREET_NOUNS: Final = _words("street avenue boulevard st. ave. blvd")
# words after a town's name that make it an outlet's: "Dogan News Agency", "Kyiv Post"
_OUTLET_NOUNS: Final = _words("news agency post times tribune herald radio tv gazette")
# quarters every old town has: no town of their own name ("Nablus' crowded Old City")
_QUARTERS: Final = frozenset(["old city", "new city", "old town", "new town", "city centre"])
_SPEECH_AFTER: Final = _words("said says told tells added adds explained")
# "the province of Aleppo", "the Russian border region of Belgorod": a division's name
_DIVISION_OF: Final = _words("province governorate region oblast state department prefecture")
_HIT_VERBS: Final = frozenset(
    ["hit", "hits", "struck", "strikes", "shelled", "shells", "bombed", "bombs", "attacked",
     "attacks", "stormed", "storm", "pounded", "pound", "raided", "raid", "on"]
)  # fmt: skip
_LOCATIVE_WORDS: Final = _words("in near outside inside around at towards toward into")
_PLACE_NOUNS: Final = _words(
    "town village city district province region area camp suburb municipality state department "
    "commune township county territory governorate oblast prefecture zone neighbourhood "
    "neighborhood"
)
# words that may follow a place's name without being part of it: "Aleppo Governorate"
_DIVISIONS: Final = _words(
    "governorate governorates district districts municipality subdistrict township townships "
    "county counties lga lgas chiefdom chiefdoms commune communes woreda woredas tehsil "
    "taluka raion territory subcounty sub-county"
)
# nouns a division's name comes before: "Bam province", "Beni territory", "Abadam LGA"
_ADMIN_NOUNS: Final = _DIVISIONS | _words(
    "province state region county division territory zone township department prefecture "
    "commune lga oblast raion"
)
VERBS: Final = _words(
    "said says say told tells announced announces claimed claims stated added reported "
    "reports confirmed confirms denied denies warned warns accused accuses urged urges called "
    "calls insisted insists explained noted wrote tweeted declared responded admitted "
    "acknowledged threatened threatens vowed vows pledged pledges launched launches attacked "
    "attacks killed kills bombed bombs struck strikes shelled shells sent sends began begins "
    "started starts is was has have had will would can could may might must should does did "
    "wants wanted seeks sought supports supported backs condemned condemns rejected rejects "
    "agreed agrees refused refuses demanded demands blamed blames hopes hoped believes "
    "believed fears feared considers considered plans planned continues continued remains "
    "remained appears appeared also already still hit hits carried conducted conducts "
    "deployed deploys opposes opposed maintains argued argues sees saw knows knew made makes "
    "took takes gave gives retaliated responded intervened withdrew helped helps needs needed "
    "expects expected announce deny say insist"
)
OF_ACTOR: Final = _words(
    "interests interest policy policies government leaders leadership ally allies support "
    "backing behalf approval consent side role influence demands position stance request "
    "orders proxies proxy forces troops army military officials"
)
ACTOR_PREV: Final = _words("with against by between and versus than support backing")
# Attack nouns that read as verbs after a name: "Baghdad bombs against Shiites kill 25",
# "Kabul attacks kill 12" are the city's bombs when a verb follows them (HEADLINE_VERBS).
ATTACK_NOUNS: Final = _words("bombs attacks strikes blasts raids shells")
# attacks that befall a city rather than what its government does (strikes, raids)
CITY_ATTACKS: Final = _words("bombs attacks blasts bombings explosions violence")
HEADLINE_VERBS: Final = _words(
    "kill kills killed hit hits rock rocks wound wounds leave leaves claim claims target "
    "targets shake shakes"
)
SPEECH: Final = _words(
    "said says told announced claimed stated added reported confirmed denied warned accused "
    "urged insisted explained noted wrote tweeted declared responded admitted acknowledged "
    "threatened vowed pledged"
)
ORG_HEADS: Final = _words(
    "group brigade brigades battalion battalions militia front army movement division "
    "regiment corps council committee party organization organisation agency company "
    "institute network union alliance league legion foundation association society commission "
    "directorate ministry"
)
ORG_FIRST: Final = _words(
    "jaish jaysh liwa kataib harakat saraya ansar jabhat faylaq failaq firqat ahrar jund "
    "usbat asaib tajammu katibat"
)
ORG_NAMES: Final = _words(
    "institute university hospital council committee center centre agency company foundation "
    "network college school academy museum studies times post journal"
)
CALLED: Final = _words("called named dubbed")
# unknown names that are armed groups: "X Brigade", "Liwa X", "X, an opposition faction"
ARMED_HEADS: Final = _words(
    "brigade brigades battalion battalions division divisions regiment corps front legion "
    "militia army"
)
ARMED_ADJ: Final = _words(
    "rebel opposition armed islamist jihadist militant fsa free moderate local islamic "
    "hardline salafist salafi insurgent"
)
ARMED_NOUNS: Final = _words(
    "group faction brigade militia battalion formation unit alliance coalition movement "
    "groups factions"
)
PERSON_FIRST: Final = _words("abu abdul abd abdel sheikh")
# what a named group's members are called after its name ("Nusra fighters")
MEMBERS: Final = _words(
    "fighters militants militiamen terrorists gunmen jihadists insurgents members forces "
    "extremists loyalists units operatives"
)
ABBREV: Final = _words("gen lt col maj dr mr mrs ms st sen rep adm capt sgt brig jr no mt gov prof")
AFFILIATED: Final = _words(
    "militia militias proxies proxy groups group factions paramilitaries fighters militants "
    "targets armed groups militia groups militia group shiite militias shia militias militia "
    "fighters"
)
ADJ_SKIP: Final = _words(
    "iraqi syrian shiite shia sunni kurdish arab islamist palestinian afghan local armed"
)
_ARTICLES: Final = frozenset(("al", "el", "ash", "as", "ar", "ad", "az", "an"))
# lower-case words inside Romance place names: "Mocimboa da Praia", "Rio de Janeiro"
_PARTICLES: Final = frozenset(("da", "de", "do", "dos", "das", "del", "di", "du", "des", "la"))
CALL_ON: Final = _words("call calls called calling urge urges urged urging prevail prevailed")
_BEARINGS: Final = _words(
    "the northern southern eastern western central north south east west northeastern "
    "northwestern southeastern southwestern northeast northwest southeast southwest far"
)
_FIRST: Final = itemgetter(0)
# words of what happens that open a headline before a verb of saying
_EVENT_NOUNS: Final = _words(
    "clashes clash fighting violence attacks attack bombings bombing explosions explosion "
    "airstrikes strikes shelling protests riots gunfire ambush"
)
_ADMIN1: Final = "place:admin1:"
PLACE_TYPES: Final = {"city": 0, "facility": 1, "region": 2, "admin1": 3, "country": 4}


def find_mentions(text: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """All actor and place mentions in ``text``, sorted by start and non-overlapping."""
    g = gazetteer or load()
    return _Doc(text, g).run()


def role_mention(
    text: str, start: int = 0, end: int | None = None, gazetteer: Gazetteer | None = None
) -> Mention | None:
    """The actor named by role words in ``text[start:end]`` ("Syrian warplanes",
    "Iran-backed militias", "the Kremlin", "regime forces"), offsets relative to ``text``."""
    g = gazetteer or load()
    sub = text[start:end]
    for m in _Doc(sub, g).run():
        if m.entity.kind == "actor":
            return Mention(m.entity, m.start + start, m.end + start, m.text, m.sector, m.score)
    return None


class _Doc:
    __slots__ = (
        "text",
        "g",
        "c",
        "tb",
        "T",
        "S",
        "E",
        "F",
        "G",
        "N",
        "items",
        "unknown",
        "_unknown_set",
        "_admin1s",
        "_near",
        "_country_at",
        "_country_end",
        "_division_at",
        "_city_codes",
        "_place_end",
        "_place_code",
        "_place_start",
        "changed",
        "flags",
        "city_alt",
        "seats",
    )

    def __init__(self, text: str, g: Gazetteer) -> None:
        self.text = text
        self.g = g
        self.c = g.core
        self.tb = _tables(g.core)
        # a division's name that is also a town elsewhere ("Beni": El Beni in Bolivia, the
        # town in Congo): token -> the towns, chosen by the article's countries
        self.city_alt: dict[int, tuple[_City, ...]] = {}
        self.seats: set[int] = set()  # tokens naming a division and its town alike
        words, self.S, self.E, gaps = split_tokens(text)
        n = self.N = len(words)
        self.G = gaps  # G[i]: the characters before token i
        # each word's fold and whether it may start a name, looked up together (one
        # lookup a token; see _Doc.scan for the flags)
        folds: list[str] = []
        flags: list[bool] = []
        known = self.tb.words
        lower = self.c.lower_first
        for w in words:
            got = known.get(w)
            if got is None:
                if len(known) > 300_000:
                    known.clear()
                f = WORD_CACHE.get(w)
                if f is None:
                    f = fold_word(w)
                # candidate first words: capitalised, or a name's first word in lower case
                got = known[w] = (f, f in lower or w[0].isupper())
            folds.append(got[0])
            flags.append(got[1])
        self.flags = flags
        changed: list[int] = []  # tokens folded otherwise in context
        self.changed = changed
        for k in range(n):
            w = words[k]
            if w == "s" or w == "S":
                # "Syria's" is "Syria" + "s" after an apostrophe: the possessive token
                if gaps[k][-1:] in ("'", "’"):
                    folds[k] = "'s"
                    changed.append(k)
            elif (
                len(folds[k]) < 4  # (the articles are two or three letters)
                and folds[k] in _SUN_KEYS
                and k + 1 < n
                and gaps[k + 1] in _HYPHENS
                and folds[k + 1].startswith(_SUN_FORMS[folds[k]])
            ):
                # the article assimilated before a hyphen: "ar-Raqqa", "ez-Zor" -> "al"
                folds[k] = "al"
                changed.append(k)
        self.T = words
        self.F = folds
        # (i, j, kind, payload): kind "dict" (candidates), "city" (cities), "state"
        # (iso3, sector), "entity" (entity, sector, score)
        self.items: list[_Item] = []
        self.unknown: list[int] = []

    # --- helpers ------------------------------------------------------------------

    def joinable(self, i: int) -> bool:
        """Tokens i and i+1 may be parts of one name."""
        return self.G[i + 1] in JOIN

    def sentence_start(self, i: int) -> bool:
        if i == 0:
            return True
        gap = self.G[i]
        if "\n" in gap:
            return True
        if any(ch in '.!?:;"“”' for ch in gap):
            return self.F[i - 1] not in ABBREV or "\n" in gap
        return False

    def case_ok(self, i: int, j: int, case: int, stem: bool = False) -> bool:
        if case == ANY:
            return True
        T = self.T
        if case == CAP:
            k = i
            while k < j - 1 and self.F[k] in ("al", "el"):
                k += 1
            return T[k][0].isupper()
        for k in range(i, j):
            t = T[k][:-1] if stem and k == j - 1 else T[k]
            if not t.isupper():
                return False
        if case == STRICT:
            before = i > 0 and len(T[i - 1]) > 1 and T[i - 1].isupper()
            after = j < self.N and len(T[j]) > 1 and T[j].isupper()
            if before or after:
                return False
            if i > 0 and self.sentence_start(i) and j < self.N and T[j][0].isupper():
                return False
        return True

    def prev_word(self, i: int, skip: bool = True) -> tuple[int, str]:
        k = i - 1
        while k >= 0 and skip and self.F[k] in SKIP_BEFORE:
            k -= 1
        return k, (self.F[k] if k >= 0 else "")

    # --- scan ---------------------------------------------------------------------

    def run(self) -> list[Mention]:
        self.scan()
        return self.resolve()

    def dict_match(self, i: int) -> tuple[int, list[_Cand]] | None:
        F, G = self.F, self.G
        f = F[i]
        index = self.c.index
        prefixes = self.tb.prefixes
        if f in prefixes and i + 1 < self.N and G[i + 1] in JOIN:
            node = self.tb.keys.get(f)
            if node is None:
                return self._dict_match_joined(i)
            # the keys "f", "f F[i+1]", ... that the index may hold, walked down the key
            # tree (no key string built and hashed a word)
            path = [(i + 1, node)]
            j = i + 1
            n = self.N
            while j < n and node.prefix and G[j] in JOIN:
                w = F[j]
                nxt = node.next.get(w)
                if nxt is None:
                    if " " in w:  # a fold with a space is no edge of the tree
                        return self._dict_match_joined(i)
                    break  # no key goes on with w (nor any longer one)
                node = nxt
                j += 1
                path.append((j, node))
            return self._longest_known(i, [(j, node.key) for j, node in reversed(path)])
        cands = index.get(f)
        if cands:
            ok = self.case_filter(i, i + 1, f, cands)
            if ok:
                return i + 1, ok
        return None

    def _dict_match_joined(self, i: int) -> tuple[int, list[_Cand]] | None:
        """:meth:`dict_match` of a name of several words, the keys built by joining the
        words (the key tree's answer, for the folds the tree cannot walk)."""
        F, G = self.F, self.G
        f = F[i]
        prefixes = self.tb.prefixes
        keys = [(i + 1, f)]
        k, j = f, i + 1
        n = self.N
        while j < n and k in prefixes and G[j] in JOIN:
            k = k + " " + F[j]
            j += 1
            keys.append((j, k))
        return self._longest_known(i, keys[::-1])

    def _longest_known(
        self, i: int, spans: list[tuple[int, str]]
    ) -> tuple[int, list[_Cand]] | None:
        """The first of the names ``spans`` (the token after it, its key) from token i that
        the index knows in the case the words have: the longest, given longest first."""
        index = self.c.index
        for j, k in spans:
            cands = index.get(k)
            if cands:
                ok = self.case_filter(i, j, k, cands)
                if ok:
                    return j, ok
        return None

    def case_filter(self, i: int, j: int, k: str, cands: list[_Cand]) -> list[_Cand]:
        """The entries of key ``k`` whose case the words at i..j have."""
        mc = self.tb.max_case[k]
        if mc == ANY or mc == CAP and self.case_ok(i, j, CAP):
            return cands
        return [x for x in cands if not x[1] or self.case_ok(i, j, x[1])]

    def city_match(self, i: int, longer_than: int) -> tuple[int, tuple[_City, ...]] | None:
        F, c, G = self.F, self.c, self.G
        if i + 2 < self.N and F[i + 1] in ("'s", "’s") and self.T[i + 2][:1].isupper():
            named = self.g.cities(F[i] + " 's " + F[i + 2])  # "Cox's Bazar"
            if named:
                return i + 3, named
        if i + 1 >= self.N or G[i + 1] not in JOIN or not self._name_goes_on(i + 1):
            # one word: the common case
            f = F[i]
            if longer_than > i or f in self.tb.no_city or len(f) < 3:
                return None
            res = self.g._city_cache.get(f)
            if res is None:
                res = self.g.cities(f)
            return (i + 1, res) if res else None
        city_cache = self.g._city_cache
        keys = [(i + 1, F[i])]
        k, j = F[i], i + 1
        while j < self.N and j - i < 4 and G[j] in JOIN and self._name_goes_on(j):
            if F[j] in _DIVISIONS or (
                F[j] == "local" and j + 1 < self.N and F[j + 1] == "government"
            ):
                break  # "Bokkos Local Government Area", "Kyauktaw Township": the town's
            k = k + " " + F[j]
            j += 1
            keys.append((j, k))
        longest = keys[-1][0]
        for j, k in reversed(keys):
            if j <= longer_than:
                return None
            if j < longest and self._unknown_longer_name(i, j):
                return None  # "the Iraqi town of Qara Tappa" is not Qara
            if j == i + 1 and (
                k in c.stop or k in c.never or k in c.titles or k in c.given or len(k) < 3
            ):
                continue
            if k in _QUARTERS:
                continue
            if F[j - 1] in ("al", "el") or F[j - 1] in _PARTICLES:
                continue
            res = city_cache.get(k)
            if res is None:
                res = self.g.cities(k)
            if res:
                return j, res
        return None

    def _town_before_in(self, items: list[_Item], i: int, cands: list[_Cand]) -> bool:
        """The item before token i is a town that may lie in the division ``cands`` names
        ("Villa Hidalgo, Zacatecas"; not "Homs, Hama and Idlib")."""
        if not items or items[-1][1] != i or items[-1][2] != "city":
            return False
        codes = {eid[len(_ADMIN1) :] for eid, _c, _s in cands if eid.startswith(_ADMIN1)}
        g = self.g
        return any(g.admin1_code(e) in codes for e, _p, _a in items[-1][3])

    def _unknown_longer_name(self, i: int, j: int) -> bool:
        """The name at i..j goes on with a capitalised word that is no place noun ("Qara
        Tappa"), in running text (a lower-case word of some length shortly before): the
        place is one the gazetteer does not know, not the shorter name it starts with."""
        T, F = self.T, self.F
        if (
            not T[j][0].isupper()
            or F[j] in _ARTICLES
            or F[j] in self.c.never  # "in Datu Paglas Wednesday"
            or F[j] in GEO_NOUNS
            or F[j] in _DIVISIONS
            or F[j] in _FACILITIES
            or (F[j] == "local" and j + 1 < self.N and F[j + 1] == "government")
        ):
            return False  # "Aleppo Governorate", "Tikrit University": the town's
        return any(
            len(T[k]) > 3 and T[k].isalpha() and T[k].islower() for k in range(max(0, i - 4), i)
        )

    def _name_goes_on(self, j: int) -> bool:
        """Token j continues a place name: a capitalised word, an Arabic article, a
        particle before a capitalised word ("Mocimboa da Praia"), or any word inside a
        hyphenated name ("Port-au-Prince", "Aix-en-Provence")."""
        return (
            self.T[j][0].isupper()
            or self.F[j] in _ARTICLES
            or self.F[j] in _PARTICLES
            and j + 1 < self.N
            and self.T[j + 1][0].isupper()
            or self.G[j] == "-"
            and j + 1 < self.N
            and self.G[j + 1] == "-"
        )

    def scan(self) -> None:
        c, T, F, G, N, tb = self.c, self.T, self.F, self.G, self.N, self.tb
        items, unknown = self.items, self.unknown
        lower, never, maxlen, index = c.lower_first, c.never, c.maxlen, c.index
        demonyms, country_keys, capital_keys = c.demonyms, c.country_keys, c.capital_keys
        prefixes, max_case, no_city, titles = tb.prefixes, tb.max_case, tb.no_city, c.titles
        city_cache, cities = self.g._city_cache, self.g.cities
        # candidate first words: capitalised, or a name's first word in lower case (read
        # with the folds, see __init__)
        flags = self.flags
        for k in self.changed:
            flags[k] = F[k] in lower or T[k][0].isupper()
        starts = [k for k in range(N) if flags[k]]
        pos = 0  # the next token not yet consumed
        for i in starts:
            if i < pos:
                continue
            t = T[i]
            f = F[i]
            cap = t[0].isupper()
            # months and weekdays are not names
            if cap and f in never:
                continue
            dm: tuple[int, list[_Cand]] | None = None
            if f in maxlen:
                if f in prefixes and i + 1 < N and G[i + 1] in JOIN:
                    dm = self.dict_match(i)
                elif (cs := index.get(f)) is not None:  # one word: dict_match inlined
                    mc = max_case[f]
                    if mc == ANY or mc == CAP and cap:
                        dm = (i + 1, cs)
                    elif ok := [x for x in cs if not x[1] or self.case_ok(i, i + 1, x[1])]:
                        dm = (i + 1, ok)
            dj = dm[0] if dm else i
            # role words: demonym or country (+ role nouns, -backed, -led)
            iso3 = demonyms.get(f) if cap else None
            if iso3 is not None and i and self.G[i] == " ":
                # "South Sudanese army": the demonym of two words names the other country
                iso3 = demonyms.get(F[i - 1] + " " + f, iso3)
            if iso3 is None and cap and dj <= i + 1:
                iso3 = country_keys.get(f) or capital_keys.get(f)
                if iso3 is not None and f in capital_keys and not self._acts_as_state_prefix(i):
                    iso3 = None
            if iso3 is not None and dj <= i + 1:
                r = self.role_words(i, iso3, demonym=f in demonyms)
                if r is not None:
                    pos = r
                    continue
            elif iso3 is None and cap and i + 1 < N and G[i + 1] == " " and dj <= i + 2:
                # "Sri Lankan navy", "South Korean troops": a demonym of two words
                iso3 = demonyms.get(f + " " + F[i + 1])
                if iso3 is not None:
                    n = len(items)
                    r = self.role_words(i + 1, iso3, demonym=True)
                    if r is not None:
                        for k in range(n, len(items)):  # the name starts at its first word
                            if items[k][0] == i + 1:
                                items[k] = (i, items[k][1], items[k][2], items[k][3])
                        pos = r
                        continue
            # "pro-Iranian militias"
            if f == "pro" and i + 2 < N and self.G[i + 1] == "-":
                iso = c.demonyms.get(F[i + 1]) or c.country_keys.get(F[i + 1])
                if iso and dj <= i + 1:
                    j = i + 2
                    noun, nj = self.noun_at(j, c.group_nouns)
                    if noun:
                        items.append(
                            (i, nj, "entity", (self.g.backed(iso, _noun_class(noun)), None, 1.0))
                        )
                        pos = nj
                        continue
            cm: tuple[int, tuple[_City, ...]] | None = None
            if (
                (cap and not (1 < len(t) < 5 and t.isupper()))
                or (f in ("al", "el") and i + 1 < N and T[i + 1][:1].isupper())
            ) and not (cap and f in titles and dj <= i + 1):
                longer_than = (
                    dj - 1
                    if dm and dm[1][0][0].startswith(_ADMIN1) and self._admin1_only(dm[1])
                    else dj
                )
                if (i + 1 >= N or G[i + 1] not in JOIN or not self._name_goes_on(i + 1)) and not (
                    F[i + 1] in ("'s", "’s") if i + 2 < N else False
                ):
                    # one word: city_match inlined (not before a possessive: "Cox's Bazar")
                    if longer_than <= i and f not in no_city and len(f) > 2:
                        res = city_cache.get(f)
                        if res is None:
                            res = cities(f)
                        if res:
                            cm = (i + 1, res)
                else:
                    cm = self.city_match(i, longer_than)
            if (
                dm
                and cm
                and cm[0] == dj
                and dm[1][0][0].startswith(_ADMIN1)
                and self._admin1_only(dm[1])
                and self._same_country(dm[1], cm[1])
                # (but "Sadao in Songkhla", "Sungai Kolok in Narathiwat", "Villa Hidalgo,
                # Zacatecas": after a town and "in" or a comma, the division it lies in)
                and not (
                    i >= 2
                    and F[i - 1] == "in"
                    and items
                    and items[-1][1] == i - 1
                    and items[-1][2] == "city"  # (not "villagers in Kaduna")
                )
                and not (G[i].strip() == "," and self._town_before_in(items, i, dm[1]))
                # ("Garissa County", "Kaduna State", "the state of Guanajuato": the
                # division its noun names)
                and not (
                    dj < N and F[dj] in _ADMIN_NOUNS and F[dj] not in ("district", "districts")
                )
                and not self.division_before(i)
            ):
                if all(eid in c.known for eid, _c, _s in dm[1]):
                    self.seats.add(i)  # "Kherson": a known division's own town is expected
                dm = None  # "Moscow", "Tehran": the city, not its region
            elif dm and cm and cm[0] == dj and self._admin1_only(dm[1]):
                self.city_alt[i] = cm[1]  # "Beni": Bolivia's division or Congo's town
            if dm and (cm is None or cm[0] <= dj):
                j = dj
                # a place followed by "Institute", "University": an organisation
                if (
                    j < N
                    and T[j][0].isupper()
                    and F[j] in ORG_NAMES
                    and self.joinable(j - 1)
                    and all(eid.startswith("place:") for eid, _c, _s in dm[1])
                ):
                    name = self.text[self.S[i] : self.E[j]]
                    ent = Entity(
                        f"actor:unresolved:{slug(name)}",
                        name,
                        "actor",
                        "organization",
                        origin="unresolved",
                    )
                    items.append((i, j + 1, "entity", (ent, None, 0.5)))
                    pos = j + 1
                    continue
                # "Al-Nusra fighters", "ISIS militants": one mention of the group
                if j < N and F[j] in MEMBERS and G[j] == " " and self._armed(dm[1]):
                    j += 1
                items.append((i, j, "dict", dm[1]))
                if unknown and unknown[-1] == i - 1:
                    self._absorb_first_names(i, dm[1])
                pos = j
                continue
            if cm:
                items.append((i, cm[0], "city", cm[1]))
                pos = cm[0]
                continue
            if cap:
                # "Syrias", "Assads": a possessive written without its apostrophe
                if f.endswith("s") and (len(f) > 3 or t[:2].isupper() and t[2:] == "s"):
                    stem = f[:-1]
                    cands = c.index.get(stem)
                    if cands and self._admin1_only(cands):
                        res = self.g.cities(stem)
                        # None for an id that no entry defines: AttributeError, as ever
                        region = self.g.get(cands[0][0])
                        if res and res[0][0].country == region.country:  # type: ignore[union-attr]
                            items.append((i, i + 1, "city", res))
                            pos = i + 1
                            continue
                    if cands:
                        ok = [x for x in cands if self.case_ok(i, i + 1, x[1], stem=True)]
                        if ok:
                            items.append((i, i + 1, "dict", ok))
                            pos = i + 1
                            continue
                    iso = c.demonyms.get(stem)
                    if iso is None and stem not in c.stop:
                        res = self.g.cities(stem) if len(stem) > 3 else ()
                        if res and res[0][0].country in ("SYR", "IRQ"):
                            items.append((i, i + 1, "city", res))
                            pos = i + 1
                            continue
                if (
                    f not in c.titles
                    and f not in _HEADLINE_PREPS
                    and (f not in c.stop or f in c.surnames or not self.sentence_start(i))
                ):
                    unknown.append(i)
            pos = i + 1

    def _towns_over_foreign_divisions(self, items: list[_Item]) -> None:
        """A division's name that is also a town of a country the article's other names
        point to is the town ("near Beni in North Kivu province": the Congolese town, not
        Bolivia's El Beni), unless they point to the division's own country."""
        g = self.g
        evidence: list[tuple[int, set[str]]] = []
        for i, _j, kind, p in items:
            got: set[str] = set()
            if kind == "dict":
                got = {e.country for eid, _c, _s in p if (e := g.get(eid)) and e.country}
            elif kind == "state":
                got = {p[0]}
            elif kind == "entity" and p[0].country:
                got = {p[0].country}
            evidence.append((i, got))
        for k, (i, j, kind, _p) in enumerate(items):
            alt = self.city_alt.get(i)
            if kind != "dict" or alt is None:
                continue
            others: set[str] = set()
            for i2, got in evidence:
                if i2 != i:
                    others |= got
            own = evidence[k][1]
            if not (own & others) and any(e.country in others for e, _p, _a in alt):
                items[k] = (i, j, "city", alt)

    def _armed(self, cands: list[_Cand]) -> bool:
        """Every entry is a named armed group (not "rebels", "militants")."""
        g = self.g
        return all(
            (e := g.get(eid)) is not None and e.type == "armed_group" and e.name[:1].isupper()
            for eid, _c, _s in cands
        )

    def _same_country(self, cands: list[_Cand], cities: tuple[_City, ...]) -> bool:
        """A town of the divisions' country, by its own name or a big one's other name
        ("Idlib", "Kherson", "Mecca"; not "Jawf", another name of a small town in the
        governorate of al-Jawf)."""
        countries = {e.country for eid, _c, _s in cands if (e := self.g.get(eid)) is not None}
        return any(e.country in countries and (not alt or pop >= 100_000) for e, pop, alt in cities)

    def _admin1_only(self, cands: list[_Cand]) -> bool:
        return all(eid.startswith("place:admin1:") for eid, _c, _s in cands)

    def _acts_as_state_prefix(self, i: int) -> bool:
        """A capital followed by "-backed"/"-led" or a role noun acts as its state."""
        if i + 1 >= self.N:
            return False
        gap = self.G[i + 1]
        return gap == "-" and self.F[i + 1] in self.c.backed

    def noun_at(self, j: int, table: dict[str, str]) -> tuple[str | None, int]:
        F = self.F
        best: str | None = None
        bj = j
        k = ""
        for n in range(min(self.c.noun_maxlen, self.N - j)):
            if n and not self.joinable(j + n - 1):
                break
            k = F[j + n] if not n else k + " " + F[j + n]
            if k in table:
                best, bj = k, j + n + 1
        return best, bj

    def role_words(self, i: int, iso3: str, demonym: bool) -> int | None:
        """Demonym/country at i with what follows; returns the next index or None."""
        c, F, T, N, items = self.c, self.F, self.T, self.N, self.items
        j = i + 1
        gap = self.G[j] if j < N else ""
        if gap == "-" and j < N:
            suffix = F[j]
            if suffix in c.backed:
                if suffix == "led":
                    items.append((i, i + 1, "state", (iso3, "GOV")))
                    return j + 1
                k = j + 1
                skipped = 0
                while k < N and skipped < 3 and F[k] in ADJ_SKIP:
                    k += 1
                    skipped += 1
                if k < N and T[k][0].isupper():
                    dm = self.dict_match(k)
                    if dm and any(
                        (a := self.g.get(e)) is not None and a.kind == "actor"
                        for e, _c, _s in dm[1]
                    ):
                        return k  # "US-backed SDF": the named group carries it
                noun, nj = self.noun_at(k, c.group_nouns)
                if noun:
                    items.append(
                        (i, nj, "entity", (self.g.backed(iso3, _noun_class(noun)), None, 1.0))
                    )
                    return nj
                items.append((i, j + 1, "entity", (self.g.backed(iso3, "groups"), None, 1.0)))
                return j + 1
            if T[j][0].islower():
                return j + 1  # "Iranian-made", "Syrian-based": not an actor
            return None
        if not demonym and F[i] in c.capital_keys and F[i] not in c.country_keys:
            return None
        # role nouns: "Syrian warplanes", "Syrian government forces", "Iraqi government"
        k = j
        sector: str | None = None
        last: str | None = None
        while k < N and self.joinable(k - 1):
            noun, nk = self.noun_at(k, c.nouns)
            if not noun:
                noun, nk = self.noun_at(k, c.group_nouns)
                if noun:
                    sector, last, k = c.group_nouns[noun], noun, nk
                break
            sector, last, k = c.nouns[noun], noun, nk
        if (
            last is not None
            and sector in ("REB", "CRM")
            and last in c.nouns
            and (demonym or last not in AFFILIATED)
        ):
            # "Syrian rebels", "Libyan militants", "Haiti gang": the state's opponents, not
            # the state; the demonym alone, and the group after it takes its country ("Iran
            # militants" stay the Iran-backed ones)
            items.append((i, i + 1, "state", (iso3, None)))
            return i + 1
        if last is not None:
            if last in AFFILIATED or (last in c.group_nouns and last not in c.nouns):
                items.append((i, k, "entity", (self.g.backed(iso3, _noun_class(last)), None, 1.0)))
                return k
            # a title before a name: the person carries the country
            if (
                k < N
                and T[k][0].isupper()
                and last
                in (
                    "president",
                    "leader",
                    "prime minister",
                    "premier",
                    "foreign minister",
                    "ambassador",
                    "envoy",
                    "commander",
                    "defence minister",
                    "defense minister",
                )
            ):
                return k
            if F[k - 1] in AFFILIATED and not demonym:
                items.append((i, k, "entity", (self.g.backed(iso3, _noun_class(last)), None, 1.0)))
                return k
            items.append((i, k, "state", (iso3, sector)))
            return k
        if not demonym:
            return None
        # demonym before a title and a name ("Iranian General Qassem Soleimani")
        k = j
        while k < N and F[k] in c.titles and T[k][0].isupper():
            k += 1
        if k > j and k < N and T[k][0].isupper():
            return k
        # a demonym before a named actor adds nothing ("Kurdish YPG")
        if j < N and T[j][0].isupper() and self.joinable(i):
            dm = self.dict_match(j)
            if dm:
                return j
        items.append((i, i + 1, "state", (iso3, None)))
        return i + 1

    def _absorb_first_names(self, i: int, cands: list[_Cand]) -> None:
        """ "Kenneth “Frank” McKenzie": unknown capitalised words just before a person."""
        if not self.unknown or self.unknown[-1] != i - 1:
            return
        if not any(
            eid.startswith("actor:") and (e := self.g.get(eid)) and e.type == "person"
            for eid, _c, _s in cands
        ):
            return
        k = i
        while self.unknown and self.unknown[-1] == k - 1:
            gap = self.G[k].strip(" “”\"'‘’")
            f = self.F[k - 1]
            if gap or f in self.c.stop or f in self.c.titles:
                break
            k = self.unknown.pop()
        if k < i:
            it = self.items.pop()
            self.items.append((k, it[1], it[2], it[3]))

    # --- resolution ---------------------------------------------------------------

    def resolve(self) -> list[Mention]:
        g, c = self.g, self.c
        self._unknown_set = set(self.unknown)
        asides = aside_spans(self.text)
        if asides:  # "Daesh (outlawed in Russia)": no mention of the story's
            self.items = [it for it in self.items if not _inside(asides, self.S[it[0]])]
        items = self.items
        items.sort(key=_FIRST)  # each item starts at its own token
        if self.city_alt:
            self._towns_over_foreign_divisions(items)
        # document evidence: country -> weight (1 a place or a state, 0.5 another actor)
        countries: dict[str, float] = {}
        admin1s: Counter[str] = Counter()
        persons: set[str] = set()
        static = g._static
        for k, (_i, _j, kind, p) in enumerate(items):
            if kind == "dict":
                key = tuple(p)
                st: _Static | None = static.get(key)
                if st is None:
                    st = static[key] = _static_info(g, p)
                items[k] = (_i, _j, kind, st)
                _ents, pids, country, weight, code = st
                if pids:
                    persons.update(pids)
                if country and not (
                    len(_ents) == 1
                    and (
                        compass_division(_ents[0][0])
                        or (_ents[0][0].kind == "place" and self.in_name(_i, _j, _ents[0][0], -1))
                    )
                ):
                    assert weight is not None  # set with country
                    countries[country] = countries.get(country, 0) + weight
                    if code:
                        admin1s[code] += 1
            elif kind == "state":
                countries[p[0]] = countries.get(p[0], 0) + 1
        self._admin1s = admin1s
        # the countries bordering those named: a war's other side ("Israeli strikes on Khan
        # Younis", "Russian missiles hit Sloviansk")
        # (not around Syria and Iraq, whose every village the gazetteer knows: there an
        # unknown name is a village's, not a neighbour's town of another spelling)
        near: set[str] = set()
        if "SYR" not in countries and "IRQ" not in countries:
            for iso3 in countries:
                near.update(self.c.neighbours.get(iso3, ()))
        self._near = near
        self._city_codes: set[str] = set()  # governorates of the towns resolved so far
        self._place_end: dict[int, str] = {}  # token after a place resolved -> its country
        self._place_code: dict[int, str] = {}  # ... -> its admin1 code
        self._place_start: dict[int, Entity] = {}  # first token of a place resolved -> it
        # where a country or a division of one is named: "Tripoli in northern Lebanon"
        self._country_at = {
            it[0]: (it[3][2] if it[2] == "dict" else it[3][0])
            for it in items
            if it[2] in ("dict", "state") and (it[3][2] if it[2] == "dict" else it[3][0])
        }
        # ... and the token after it ("Iraq's Amerli": whose)
        self._country_end = {
            it[1]: (it[3][2] if it[2] == "dict" else it[3][0])
            for it in items
            if it[2] in ("dict", "state") and (it[3][2] if it[2] == "dict" else it[3][0])
        }
        # where a division is named: "Chhattisgarh's Bijapur", "Beni, North Kivu"
        # (of a name several countries' divisions share, the one its word fits: "Plateau
        # state" is Nigeria's, "the Plateau department" Benin's)
        self._division_at: dict[int, str] = {}
        for it in items:
            if it[2] == "dict":
                divs = [div for div, _sector in it[3][0] if div.type == "admin1"]
                if not divs:
                    continue
                called = DIVISION_WORDS.get(self.F[it[1] - 1], frozenset())
                div = next((d for d in divs if d.country in called), divs[0])
                code = g.admin1_code(div)
                if code:
                    self._division_at[it[0]] = self._division_at[it[1] - 1] = code
        surname_of: dict[str, str] = {}
        for pid in persons:
            e = g.get(pid)
            toks = e.name.split() if e else []
            if len(toks) >= 2:
                surname_of[fold_word(toks[-1].split("-")[-1])] = pid
                surname_of.setdefault(fold_word(toks[-1]), pid)
        # the most mentioned country, the first one mentioned of those tied
        focus = max(countries, key=countries.__getitem__) if countries else None
        # the actors named unambiguously (what a generic may stand for)
        named_ids = {it[3][0][0][0].id for it in items if it[2] == "dict" and len(it[3][0]) == 1}

        out: list[Mention] = []
        text = self.text
        dropped: list[int] = []
        capitals = c.capitals
        generic = self.tb.stands_for
        pending: list[int] = []  # "the army" in a story that names no country yet
        for i, j, kind, p in items:
            start, end = self.S[i], self.E[j - 1]
            ent: Entity | None = None
            sector: str | None = None
            score = 1.0
            if kind == "state":
                iso3, sector = p
                ent = g.state(iso3)
            elif kind == "entity":
                ent, sector, score = p
            elif kind == "dict":
                if len(p[0]) == 1 and p[0][0][0].id not in capitals:
                    ent, sector = p[0][0]  # one entity, not a capital: nothing to choose
                else:
                    ent, sector = self.pick_dict(i, j, p, focus, countries, surname_of)
            elif kind == "city":
                ent, sector = self.pick_city(i, j, p, focus, countries, admin1s, surname_of)
            if ent is not None and ent.type == "city" and self.division_before(i):
                ent = self.division_of(ent) or ent  # "the province of Aleppo"
                if ent is not None and ent.kind == "place":
                    code = g.admin1_code(ent)
                    if code:
                        self._city_codes.add(code)
            if (
                ent is not None
                and ent.kind == "place"
                and i
                and self.F[i - 1] in ("'s", "’s")
                and self._place_end.get(i - 1, ent.country) != ent.country
            ):
                ent = None  # "Mosul's al-Zahra district" is no place in another country
            if (
                ent is not None
                and ent.type in ("admin1", "city")
                and (told_in := self.division_near(i, j)) is not None
                and told_in[:2] != (g.admin1_code(ent) or told_in)[:2]
            ):
                # "the Beni region of North Kivu" is not Bolivia's El Beni, "Madaya
                # Township, Mandalay Region" not Syria's Madaya
                ent = None
            if (
                ent is not None
                and ent.type in ("city", "admin1")
                and self.in_name(
                    i, j, ent, next((n for x, n, _a in p if x is ent), 0) if kind == "city" else -1
                )
            ):
                ent = None
            if ent is not None and ent.kind == "place" and i and self.F[i - 1] == "ethnic":
                continue  # "ethnic Amhara civilians": a people, not their region
            if ent is None:
                if kind == "city":  # not a town after all: maybe part of a name
                    dropped.extend(k for k in range(i, j) if self.T[k][0].isupper())
                continue
            if ent.id in generic:
                fs = c.focus.get(ent.id)
                if fs is not None and self.named_before(i):
                    continue  # "Hamas police", "Wagner troops": someone else's forces
                if fs is not None:
                    if focus and (state := g.state(focus)) is not None:
                        ent, sector = state, fs
                    else:
                        sector = None
                        pending.append(len(out))
                else:  # "Kurdish forces": the YPG (in a story about Iraq, the Peshmerga)
                    target, by_focus = c.stands_for[ent.id]
                    # ("Philippine Maoist rebels": the demonym before says whose)
                    # (or the name's own: "Afghan Taliban" in a story about Pakistan)
                    whose = c.demonyms.get(self.F[i]) or (
                        c.demonyms.get(self.F[i - 1]) if i > 0 else None
                    )
                    # (else the country of a place right after: "Kurdish militants in
                    # northern Syria", else the story's)
                    where = whose or self.country_after(j) or focus
                    # ("Kurdish militants" in a story about Turkey that names the PKK: the
                    # PKK; the named group of the country where)
                    told = [
                        e
                        for t in c.named_for.get(ent.id, ())
                        if t in named_ids and (e := g.get(t)) is not None and e.country == where
                    ]
                    if told:
                        ent = told[0]
                    else:
                        ent = (
                            g.get(by_focus.get(where, target) if where is not None else target)
                            or ent
                        )
            if ent.kind == "place" and ent.country:
                self._place_start[i] = ent
                self._place_end[j] = ent.country
                code = g.admin1_code(ent) if ent.type == "city" else None
                if code:
                    self._place_code[j] = code  # "Bastar's Bijapur": Bastar's division
            out.append(Mention(ent, start, end, text[start:end], sector, score))
        if dropped:
            self.unknown = sorted(set(self.unknown).union(dropped))
        out.extend(self.resolve_unknown(focus, countries, surname_of))
        # a division named by a bearing only in a story that names its country
        if any(compass_division(m.entity) for m in out):
            named = {m.entity.country for m in out if m.entity.type != "admin1"}
            kept = [m for m in out if m.entity.country in named or not compass_division(m.entity)]
            pending = [kept.index(out[k]) for k in pending]  # (none is a division)
            out = kept
        if pending:  # "The army clashed with protesters in Khartoum": the places' country
            here: Counter[str] = Counter(
                m.entity.country for m in out if m.entity.kind == "place" and m.entity.country
            )
            if here:
                state = g.state(here.most_common(1)[0][0])
                if state is not None:
                    for k in pending:
                        m = out[k]
                        out[k] = Mention(
                            state, m.start, m.end, m.text, c.focus[m.entity.id], m.score
                        )
        # countries the article names by something other than a division of theirs
        named = {m.entity.country for m in out if m.entity.type != "admin1"}
        told_no = bool(named.intersection(REGION))  # (the region's villages: "in Haas")
        out = [
            m
            for m in out
            if not (
                " " not in m.text
                and self.unexpected_division(m.entity, named)
                and (told_no or not self.told_division(m))
            )
        ]
        # "Bokkos Local Government Area": a kind of division, no government acting
        out = [m for m in out if not self.local_government(m)]
        out.sort(key=lambda m: m.start)
        self.owners_to_divisions(out)
        _abbreviations_follow(out, text)
        # non-overlapping
        res: list[Mention] = []
        last = -1
        for m in out:
            if m.start >= last:
                res.append(m)
                last = m.end
        return res

    def owners_to_divisions(self, out: list[Mention]) -> None:
        """A town in the possessive before another town of its province, away from it,
        names the province: "In Hodeida's Hays town" (but "Aleppo's Sheikh Maqsoud" is a
        quarter of the city)."""
        g, text = self.g, self.text
        for n in range(len(out) - 1):
            m, nxt = out[n], out[n + 1]
            if m.entity.type != "city" or nxt.entity.type != "city":
                continue
            if text[m.end : nxt.start].strip() not in ("'s", "’s", "'", "’"):
                continue
            code = g.admin1_code(m.entity)
            if not code or code != g.admin1_code(nxt.entity):
                continue
            a, b = m.entity, nxt.entity
            if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
                continue
            if abs(a.lat - b.lat) + abs(a.lon - b.lon) < 0.2:  # some 20 km: its quarter
                continue
            adm = g.division(a)
            if adm is not None:
                out[n] = Mention(adm, m.start, m.end, m.text, m.sector, m.score)

    def named_before(self, i: int) -> bool:
        """A capitalised word no dictionary knows right before a common noun ("Kurdish
        police", "Hamas troops") names whose forces they are; a sentence's first word or
        a determiner does not."""
        if i == 0:
            return False
        w = self.T[i - 1]
        if not w[:1].isupper() or w in ("The", "A", "An", "Some", "Two", "Three"):
            return False
        if any(it[1] == i for it in self.items):
            return False  # a place or party the dictionaries know: "Nairobi police"
        return i >= 2 and self.T[i - 2] not in (".", "!", "?", '"', "\n")

    def division_before(self, i: int) -> bool:
        """ "the province of Aleppo", "the governorate of Homs": a division's name follows."""
        F = self.F
        return i >= 2 and F[i - 1] == "of" and F[i - 2] in _DIVISION_OF

    def division_of(self, e: Entity) -> Entity | None:
        """The first-level division a town gives its name to (Aleppo -> Aleppo governorate)."""
        adm = self.g.division(e)
        if adm is None:
            return None
        names = {fold(n) for n in (adm.name, *adm.aliases)}
        if fold(e.name) in names or any(fold(a) in names for a in e.aliases):
            return adm
        seat = self.g.seat(adm)  # "the province of Khost": Khowst province, its seat's
        return adm if seat is not None and seat.id == e.id else None

    def local_government(self, m: Mention) -> bool:
        """ "Local Government Area", "local government chairman": a division or its
        office, not the state acting."""
        if len(m.text) != 10 or m.entity.kind != "actor" or m.text.lower() != "government":
            return False
        i = bisect_left(self.S, m.start)
        return i > 0 and self.F[i - 1] == "local"

    def told_division(self, m: Mention) -> bool:
        """A division the words announce as a place ("clashes in Tshopo", "killed 3 in
        Manipur"), whose name is no town's anywhere ("talks in Safi" may be Morocco's)."""
        i = bisect_left(self.S, m.start)
        j = bisect_left(self.S, m.end)
        return (
            self.place_told(i)
            and fold(m.text) == fold(m.entity.name)
            # ("in Garissa County", "the state of Guanajuato": a town's name, but the
            # noun names the division)
            and (
                not self.g.may_be_city(self.F[i])
                or (j < self.N and self.F[j] in _ADMIN_NOUNS)
                or self.division_before(i)
            )
        )

    def unexpected_division(self, e: Entity, countries: set[str | None]) -> bool:
        """A one-word division outside the Middle East that the curated data does not
        know, in an article that does not name its country ("Safi", "Haas", "Michael")."""
        return (
            e.type == "admin1"
            and e.country not in REGION
            and e.country not in ADMIN1_ALSO
            and e.country not in countries
            and e.id not in self.c.known
        )

    def pick_dict(
        self,
        i: int,
        j: int,
        st: _Static,
        focus: str | None,
        countries: dict[str, float],
        surname_of: dict[str, str],
    ) -> tuple[Entity | None, str | None]:
        ents = st[0]
        if not ents:
            return None, None
        if len(ents) == 1:
            e, s = ents[0]
            return self._maybe_capital(i, j, e, s)
        actors = [x for x in ents if x[0].kind == "actor"]
        places = [x for x in ents if x[0].kind == "place"]
        if actors and places:
            states = [x for x in actors if x[0].type == "state"]
            if states and any(p[0].type == "country" for p in places):
                # "Congo": the DRC or the Republic, whichever the article's other names
                # are in (else the name's usual country, country_keys)
                usual = self.c.country_keys.get(" ".join(self.F[i:j]))

                def weight(x: tuple[Entity, str | None]) -> tuple[bool, float, bool]:
                    c = x[0].country
                    return (c == focus, countries.get(c or "", 0.0), c == usual)

                if self.place_context(i, j):
                    return max((p for p in places if p[0].type == "country"), key=weight)
                return max(states, key=weight)
            # a person or organisation beats a town of the same name
            persons = [x for x in actors if x[0].type == "person"]
            if (
                persons
                and self.place_context(i, j)
                and not any(x[0].id in surname_of.values() for x in persons)
            ):
                places.sort(key=lambda x: PLACE_TYPES.get(x[0].type, 9))
                return places[0]
            return actors[0]
        if places:
            # a city over the admin1 region of the same name, in the focus country first,
            # in a governorate the article names first
            admin1_code = self.c.admin1_code
            # "Plateau state": the division of a country whose divisions are states
            called = DIVISION_WORDS.get(self.F[j - 1] if j - i > 1 else "") or DIVISION_WORDS.get(
                self.F[j] if j < self.N else "", frozenset()
            )

            def rank(x: tuple[Entity, str | None]) -> tuple[int, int, int, int]:
                e = x[0]
                code = admin1_code.get(e.id) or self.g.admin1_code(e)
                named = self._admin1s.get(code, 0) if code is not None else 0
                if code is not None and code in self._city_codes:
                    named += 1  # the governorate of a town named before
                return (
                    0 if e.country == focus else 1 if e.country in countries else 2,
                    -named,  # the most named governorate
                    0 if e.type == "admin1" and e.country in called else 1,
                    PLACE_TYPES.get(e.type, 9),
                )

            places.sort(key=rank)
            e, s = places[0]
            return self._maybe_capital(i, j, e, s)
        actors.sort(key=lambda x: 0 if x[0].country == focus or x[0].country in countries else 1)
        return actors[0]

    def _maybe_capital(
        self, i: int, j: int, e: Entity, sector: str | None
    ) -> tuple[Entity, str | None]:
        """A capital that acts is its government: "Moscow is ready" -> Russia, GOV."""
        if e.kind == "place" and e.type == "city":
            iso3 = self.c.capitals.get(e.id)
            if iso3 and self.acts(i, j):
                st = self.g.state(iso3)
                if st is not None:
                    return st, "GOV"
        return e, sector

    def acts(self, i: int, j: int) -> bool:
        """The name at i..j is used as an actor: possessive, before a verb, after "with"."""
        F, N = self.F, self.N
        if self.after_locative(i):
            return False  # "fighting in Sudan's capital Khartoum killed 25": the city
        if j < N:
            nf = F[j]
            if nf == "'s":
                # "Tripoli's Abu Salim district", "Kabul's airport": a part of the city
                return not any(
                    F[k] in GEO_NOUNS or F[k] in _CITY_PARTS for k in range(j + 1, min(N, j + 5))
                )
            gap = self.G[j]
            if gap == "-" and nf in self.c.backed:
                return True
            if (
                gap.strip() in ("", ",")
                and gap.strip() == ""
                and (nf in VERBS or (len(nf) > 4 and nf.endswith("ed") and self.T[j].islower()))
            ):
                if nf in ATTACK_NOUNS and any(
                    F[k] in HEADLINE_VERBS for k in range(j + 1, min(N, j + 8))
                ):
                    return False  # "Baghdad bombs ... kill 25": the bombs are the city's
                if nf in CITY_ATTACKS and (j + 1 >= N or not self.T[j + 1][:1].isupper()):
                    return False  # "a wave of Baghdad attacks", "Baghdad bombs up to 25
                    # dead": nouns with no object ("Moscow bombs Aleppo" is a verb's)
                return not self.place_context(i, j)
        k, pw = self.prev_word(i, skip=False)
        if pw == "of":
            return self.prev_word(k, skip=False)[1] in OF_ACTOR
        if pw == "on" and self.prev_word(k, skip=False)[1] in CALL_ON:
            return True  # "calls on Baghdad to help": the government is asked
        return pw in ACTOR_PREV and pw != "and" or self.listed_with_actor(i, j)

    def after_locative(self, i: int) -> bool:
        """A locative word before the name, past a country's possessive and "capital" ("in
        Kabul", "in Sudan's capital Khartoum"), in the same phrase."""
        F, T, G = self.F, self.T, self.G
        k = i - 1
        while k >= 0 and i - k <= 4 and G[k + 1].strip() in ("", "'", "’"):
            if F[k] in _LOCATIVE_WORDS:
                return True
            if not (
                F[k] in ("capital", "the", "city", "'s", "’s")
                or (T[k][:1].isupper() and F[k + 1] in ("'s", "’s"))
            ):
                return False  # (not "Ceasefire in Syria Damascus Demands ...")
            k -= 1
        return False

    def listed_with_actor(self, i: int, j: int) -> bool:
        """Next to an actor in a list: "the Syrian government, Moscow and the coalition"."""
        F, G, N = self.F, self.G, self.N
        ends: dict[int, _Item] = {}
        starts: dict[int, _Item] = {}
        for item in self.items:
            ends[item[1]] = starts[item[0]] = item
        k = i - 1 if i > 0 and F[i - 1] in ("and", "or") else i
        if k > 0 and (k < i or G[i].strip() == ","):
            it = ends.get(k)
            if it is not None and _only_actors(it):
                return True
        k = j + 1 if j < N and F[j] in ("and", "or") else j
        if k < N and (k > j or G[j].strip() == ","):
            if k < N and F[k] == "the":
                k += 1
            it = starts.get(k)
            if it is not None and _only_actors(it):
                return True
        return False

    def place_context(self, i: int, j: int) -> bool:
        """A location preposition before the name ("in Syria", "across northern Syria")."""
        k, pw = self.prev_word(i)
        if pw in LOC_PREP:
            return True
        if pw == "of":
            _k2, ppw = self.prev_word(k, skip=False)
            return ppw in GEO_NOUNS
        # "near the Mali border"; "Pakistan blasts kill 30", "Iraq bombs": where, not who
        return bool(
            j < self.N
            and self.T[j].islower()
            and (self.F[j] in ("border", "borders", "frontier") or incident_head(self.F, j))
        )

    def pick_city(
        self,
        i: int,
        j: int,
        cands: tuple[_City, ...],
        focus: str | None,
        countries: dict[str, float],
        admin1s: Counter[str],
        surname_of: dict[str, str],
    ) -> tuple[Entity | None, str | None]:
        g, c, F = self.g, self.c, self.F
        key = " ".join(F[i:j])
        # a person's name, not a town: "Austin said" after "Lloyd Austin"
        if j == i + 1:
            pid = surname_of.get(key)
            if pid is not None:
                return g.get(pid), None
            k, pw = self.prev_word(i, skip=False)
            if pw in c.titles and key in c.surnames:
                return g.get(c.surnames[key][0]), None
            if pw in c.titles and k >= 0 and self.T[k][0].isupper():
                return None, None
        # "Matt Bradley": a foreign town right after an unknown capitalised word is a name
        # (but "in Southern Kaduna": a bearing; "Boko Haram Attacks Maiduguri": a title)
        if (
            j == i + 1
            and self.unknown_before(i)
            and self.F[i - 1] not in _BEARINGS
            and not self.title_case(i)
            and not any(e.country in ("SYR", "IRQ") for e, _p, _a in cands)
        ):
            return None, None
        best: _City | None = None
        best_s = -1e9
        within = self.country_after(j) or self.country_before(i)
        division = self.division_near(i, j)
        for e, pop, alt in cands:
            s = g.city_score(e, pop, alt)
            if within is not None and e.country == within:
                s += 5.0
            if division is not None and g.admin1_code(e) == division:
                s += 5.0  # "Chhattisgarh's Bijapur": the town of that division
            if focus and e.country == focus:
                s += 2.5
            elif e.country in countries:
                s += 1.0 + math.log(1 + countries[e.country]) / 2
            elif e.country in self._near:
                s += 0.5
            code = g.admin1_code(e) if admin1s or self._city_codes else None
            if code and code in admin1s:
                s += 1.5
            elif code and code in self._city_codes:
                s += 1.0  # the governorate of a town named before ("Homs ... Zahraa")
            if e.id in c.capitals:
                s += 1.5
            if s > best_s:
                best, best_s = (e, pop, alt), s
        if best is None:
            return None, None
        e, pop, alt = best
        if within is not None and e.country != within:
            return None, None  # "Mangu in Plateau state" is no Bangkok: a town elsewhere
        # noise guard: a foreign place the article gives no other reason to expect, unless
        # the article names no country at all and the words before say a place follows
        # ("Rebels attacked the town of Kiwanja near Rutshuru"); never another town's other
        # name ("in al-Nashwa" is no Nashua)
        # (a town of some size across the border of a country named is the war's other side)
        beyond = (
            e.country in self._near
            and e.country not in countries
            and (pop >= SMALL_TOWN or (pop >= MIN_POP_WORLD and self.place_told(i)))
        )
        named_with = (division is not None and g.admin1_code(e) == division) or e.country == within
        if (
            e.country not in countries
            and j < self.N
            and self.F[j] in _DIVISION_OF
            and self.division_of(e) is None
        ):
            # "near Djibo in the Soum province" is no Senegalese town Soum, "Kongoussi, Bam
            # province" no Iranian Bam (but "in Bokkos LGA" is the town's)
            return None, None
        if (
            e.country not in countries
            and not beyond
            and not named_with  # "Bastar's Bijapur", "Riyom, Plateau state": placed by its words
            and e.country not in ("SYR", "IRQ")
            and not (i in self.seats and not alt)  # "Kherson": a division's own town
            and (alt or bool(countries) or not self.place_told(i))
            # a story that names no country, the town of some size in the region that an
            # attack hits or that the words announce ("Rockets hit Sderot", "a strike in
            # Beit Hanoun")
            and not (
                not countries
                and (e.country in REGION or not alt)
                and pop >= SMALL_TOWN
                and (self.place_told(i) or (i > 0 and self.F[i - 1] in _HIT_VERBS))
            )
        ):
            if alt or (e.country not in REGION and pop < 500_000 and e.id not in c.capitals):
                return None, None
            if pop < 50000:  # "the Old City" of Homs is not the one in Jerusalem
                return None, None
            if j < self.N and self.F[j] in _ADMIN_NOUNS:
                return None, None  # "Kongoussi, Bam province" (Burkina Faso) is no Iranian Bam
        # a village or district seat far from the war the gazetteer was first made for (a
        # town under MIN_POP_WORLD, or one GeoNames counts no one in) only in a story about
        # its country: "in Riyom, Plateau state", "in Patikul, Sulu"
        if (
            pop < MIN_POP_WORLD
            and e.country not in REGION
            and e.country != within
            and e.country != focus
            and e.country not in countries
            and (division is None or g.admin1_code(e) != division)
        ):
            return None, None
        # a small town far from the war the gazetteer was first made for only where the
        # words say a place is named: "in Aguililla, Michoacan", "Zamfara state's Maru"
        # ("Fallon said" is a surname, even in a story that names the United States)
        if (
            pop < SMALL_TOWN
            and e.country not in REGION
            and not self.place_told(i)
            and within is None
            and (division is None or g.admin1_code(e) != division)
        ):
            return None, None
        # a foreign town's other name, outside the story's country ("Basic resources" is not
        # Henderson, Nevada; "al-Nashwa" is not Nashua)
        if (
            alt
            and not beyond
            and e.country != focus
            and e.country != within  # "the Russian city of Oryol" says whose
            and e.country not in REGION
            and e.id not in c.capitals
        ):
            return None, None
        return self._maybe_capital(i, j, e, None)

    def title_case(self, i: int) -> bool:
        """Token ``i`` stands among capitalised words, as in a headline written in title
        case ("Male Suicide Bomber Kills 12 In Maiduguri Mosque"): five of the six tokens
        around it, or every one of a line that short."""
        T, N = self.T, self.N
        lo, hi = max(0, i - 3), min(N, i + 3)
        window = [t for t in T[lo:hi] if t[:1].isalpha()]
        caps = sum(1 for t in window if t[:1].isupper())
        return len(window) >= 3 and caps >= len(window) - (1 if len(window) >= 6 else 0)

    def place_told(self, i: int) -> bool:
        """The words before token i announce a place: "in", "near", "the town of", and past
        a place's possessive ("in Kashmir's Shopian", "near Jammu and Kashmir's Kathua")."""
        F, T = self.F, self.T
        if i >= 4 and F[i - 2] in ("'s", "’s") and T[i - 1].isalpha() and T[i - 1].islower():
            i -= 1  # "in Chhattisgarh's restive Sukma district"
        if i >= 3 and F[i - 1] in ("'s", "’s"):
            k = i - 2
            while k > 0 and i - k < 6 and (T[k][:1].isupper() or F[k] == "and"):
                if F[k - 1] in _LOCATIVE_WORDS and T[k][:1].isupper():
                    return True
                k -= 1
            return False
        if i >= 2 and F[i - 1] == "of" and F[i - 2] in _PLACE_NOUNS:
            return True
        if (
            i >= 2
            and self.G[i].strip() == ","
            and F[i - 2] in _LOCATIVE_WORDS
            and i - 1 in self.unknown
        ):
            return True  # "in Ukhiya, Cox's Bazar": the place of a place named before
        if i >= 2 and F[i - 1] == "the" and F[i - 2] in _LOCATIVE_WORDS:
            # "in the Bungudu Local Government Area", "in the Datta Khel area" (not "the
            # Old City")
            return i + 1 < self.N and (F[i + 1] in _ADMIN_NOUNS or F[i + 1] in ("local", "area"))
        return i >= 1 and F[i - 1] in _LOCATIVE_WORDS

    def country_before(self, i: int) -> str | None:
        """The country a demonym gives the town noun before a name: "the Russian city of
        Oryol", "the Malian town of Boni"."""
        F = self.F
        if i >= 3 and F[i - 1] == "of" and F[i - 2] in _PLACE_NOUNS:
            k = i - 3  # past modifiers: "the Armenian border town of Jermuk"
            while k > 0 and i - k <= 5 and F[k] in TOWN_MODIFIERS:
                k -= 1
            return self.c.demonyms.get(F[k])
        return None

    def country_after(self, j: int) -> str | None:
        """The country of the place named right after a town: "Tripoli in northern
        Lebanon", "Tripoli, Libya", "Bunia in Ituri province"."""
        F, N = self.F, self.N
        k = j
        if k < N and (F[k] == "in" or self.G[k].strip() == ","):
            k += 1 if F[k] == "in" else 0
            while k < N and F[k] in _BEARINGS and k not in self._country_at:
                k += 1  # (a region may start with its bearing: "northern Syria")
            return self._country_at.get(k)
        return None

    def division_near(self, i: int, j: int) -> str | None:
        """The admin1 code of a division named right by a town: "Chhattisgarh's Bijapur",
        "Bijapur, Chhattisgarh", "Bijapur district of Chhattisgarh", "Beni in North Kivu"."""
        F, N, at = self.F, self.N, self._division_at
        if i >= 2 and F[i - 1] in ("'s", "’s"):
            code = at.get(i - 2) or self._place_code.get(i - 1)
            if code is not None:
                return code  # "Chhattisgarh's Bijapur", "Bastar's Bijapur district"
        k = j
        while k < N and k < j + 5 and F[k] in _NEAR_DIVISION:
            k += 1
        if k == j and not (j < N and self.G[j].strip() == ","):
            return None
        return at.get(k)

    def in_name(self, i: int, j: int, e: Entity, pop: int) -> bool:
        """A town's or division's one word inside a person's name ("commander Sadik Aden
        Ali"), a person named by it ("Bikram told reporters": a GeoNames town of ``pop``
        under 100,000 that is no capital) or a street named after it ("on Abelardo Medina
        street")."""
        F, N = self.F, self.N
        if j < N and (F[j] in _STREET_NOUNS or F[j] in _OUTLET_NOUNS and self.T[j][:1].isupper()):
            return True
        if j != i + 1 or e.country in ("SYR", "IRQ"):
            return False
        if (
            self.unknown_before(i)
            and j < N
            and self.T[j][:1].isupper()
            and self.G[j] == " "
            and F[j] not in self.c.never  # ("in Datu Paglas Wednesday")
        ):
            return True
        return (
            j < N
            and F[j] in _SPEECH_AFTER
            and 0 <= pop < 100_000
            and e.id not in self.c.capitals
            and not self.place_told(i)  # "speaking from the city of Dori said"
        )

    def unknown_before(self, i: int) -> bool:
        """An unknown capitalised word just before, in the same phrase ("Matt Bradley")."""
        return i > 0 and i - 1 in self._unknown_set and self.G[i] == " "

    def resolve_unknown(
        self, focus: str | None, countries: dict[str, float], surname_of: dict[str, str]
    ) -> list[Mention]:
        """Capitalised words left over: spellings, fuzzy matches, unresolved actors."""
        out: list[Mention] = []
        unknown = self.unknown
        if not unknown:
            return out
        F, N, c, g, text = self.F, self.N, self.c, self.g, self.text
        generic = _generic_words(c)
        runs: list[list[int]] = []
        for k in unknown:
            if runs and runs[-1][-1] == k - 1 and self.joinable(k - 1):
                runs[-1].append(k)
            elif (
                runs
                and runs[-1][-1] == k - 2
                and F[k - 1] in ("al", "el", "bin", "ibn", "abu", "abd")
                and self.joinable(k - 2)
                and self.joinable(k - 1)
            ):
                runs[-1] += [k - 1, k]
            else:
                runs.append([k])
        for run in runs:
            i, j = run[0], run[-1] + 1
            while j - i > 1 and (F[j - 1] in UNLISTED_AFTER or F[j - 1] == "local"):
                j -= 1  # "Fako County", "Jibia Local Government Area": the name before
            # "Austin said" after "Lloyd Austin": the person
            pid = surname_of.get(F[j - 1])
            if pid is not None:
                person = g.get(pid)
                assert person is not None  # surname_of holds people g.get found
                start, end = self.S[i], self.E[j - 1]
                out.append(Mention(person, start, end, text[start:end], None, 1.0))
                continue
            if j - i == 1 and self.sentence_start(i) and not (j < N and F[j] in SPEECH):
                continue
            if j - i == 1 and F[i] in _EVENT_NOUNS:
                continue  # "Clashes reported between ...": what happened, no one who speaks
            if all(f in generic for f in F[i:j]):
                continue  # "Brigade", "Defense Ministry", "Mustafa": no name in it
            compact = "".join(F[i:j])
            m = self._lookup_compact(compact, i, j, countries)
            if m is None and len(compact) >= 6:
                m = self._fuzzy(compact, i, j, focus, countries)
            # the country the words give the name ("Iraq's Amerli"), else the story's
            where = (
                self._country_end.get(i - 1) if i and F[i - 1] in ("'s", "’s") else None
            ) or focus
            if (
                m is None
                and where is not None
                and where not in REGION  # (whose every village is known, spellings and all)
                and j - i <= 2
                and len(compact) >= 5
                and self.place_told(i)
            ):
                m = self._spelt_like(i, j, where)  # "near Balochistan's Noshki"
            if m is None:  # "Tsayau village in Jibia LGA of Katsina State"
                m = self._unlisted(i, j, focus, countries)
            if m is not None:
                out.append(m)
                continue
            # unresolved actors
            nf = F[j] if j < N else ""
            head = nf if nf in ORG_HEADS and self.T[j].islower() and self.joinable(j - 1) else None
            if F[i] == "the" and j - i > 1:
                i += 1
            _k, pw = self.prev_word(i, skip=False)
            armed = (
                (head or F[j - 1]) in ARMED_HEADS
                or F[i] in ORG_FIRST
                and j - i > 1
                or self.armed_apposition(j)
                or F[i] not in c.given
                and F[i] not in PERSON_FIRST
                and self.armed_descriptor(i)
            )
            cue = (
                armed
                or nf in SPEECH
                or pw in CALLED
                or head is not None
                or F[j - 1] in ORG_HEADS
                or pw in c.titles
            )
            if not cue:
                continue
            if j - i == 1 and (F[i] in c.stop or len(F[i]) < 3):
                continue
            end_tok = j if head else j - 1
            start, end = self.S[i], self.E[end_tok]
            name = text[start:end]
            eid = f"actor:unresolved:{slug(name)}"
            if armed:  # "Sawaiq al-Rahman, an opposition faction": an armed group
                ent = Entity(eid, name, "actor", "armed_group", sector="REB", origin="unresolved")
                k = end_tok + 1
                if k < N and F[k] in MEMBERS and self.G[k] == " ":
                    end = self.E[k]  # "Jaish al-Nasr fighters"
            else:
                typ = (
                    "person"
                    if pw in c.titles and not head and F[j - 1] not in ORG_HEADS
                    else "organization"
                )
                ent = Entity(eid, name, "actor", typ, origin="unresolved")
            out.append(Mention(ent, start, end, text[start:end], None, 0.5))
        return out

    def armed_apposition(self, j: int) -> bool:
        """ "X, an opposition faction", "X, a rebel group": the name before is armed."""
        F, N = self.F, self.N
        if j >= N or self.G[j].strip() != ",":
            return False
        k = j + 1 if F[j] in ("a", "an", "the") else j
        adj = False
        while k < N and F[k] in ARMED_ADJ and self.T[k].islower() or F[k] == "fsa":
            k, adj = k + 1, True
        return (
            k < N
            and F[k] in ARMED_NOUNS
            and self.T[k].islower()
            and (adj or F[k] in ("faction", "brigade", "militia", "battalion"))
        )

    def armed_descriptor(self, i: int) -> bool:
        """ "the rebel group X", "FSA faction X": the name after is armed."""
        F, T = self.F, self.T
        if i < 1 or self.G[i] != " " or F[i - 1] not in ARMED_NOUNS or not T[i - 1].islower():
            return False
        if F[i - 1] in ("faction", "brigade", "militia", "battalion"):
            return True
        return i >= 2 and F[i - 2] in ARMED_ADJ and self.G[i - 1] in (" ", "-")

    def _lookup_compact(
        self, compact: str, i: int, j: int, countries: dict[str, float]
    ) -> Mention | None:
        c, g = self.c, self.g
        k = c.compact.get(compact)
        if k is None and compact in c.index:
            k = compact
        ent: Entity | None = None
        if k is not None:
            for eid, case, _s in c.index[k]:
                if case in (UPPER, STRICT):
                    continue
                ent = g.get(eid)
                if ent is not None:
                    break
        if ent is None:
            res = g.cities(compact)
            if res:
                e, pop, alt = res[0]
                # a big town's other name, in a country the article gives no reason to
                # expect, is no reading ("Zamfara state's Maru district" is not Mary); one
                # word the finder turned down is a town only under its own name, in a
                # country the article names if it names any ("Sagaing's Kani township" is
                # not Kani, Japan; "Gunmen stormed Goma" is Goma)
                foreign = bool(alt) and bool(countries) and e.country not in countries
                if j - i == 1 and e.country not in ("SYR", "IRQ"):
                    foreign = bool(alt) or bool(countries) and e.country not in countries
                if (e.country in ("SYR", "IRQ") or pop >= 100000) and not foreign:
                    ent = e
        if ent is None:
            return None
        start, end = self.S[i], self.E[j - 1]
        return Mention(ent, start, end, self.text[start:end], None, 0.95)

    def _spelt_like(self, i: int, j: int, iso3: str) -> Mention | None:
        """A town of the story's country in another transliteration of its name ("Noshki"
        for Nushki): the one town there whose name has the same consonants (a skeleton of
        three or more)."""
        name = " ".join(self.F[i:j])
        if len(skeleton(name)) < 3:
            return None
        town = self.g.town_spelt_like(name, iso3)
        if town is None:
            return None
        start, end = self.S[i], self.E[j - 1]
        return Mention(town, start, end, self.text[start:end], None, 0.8)

    def _unlisted(
        self, i: int, j: int, focus: str | None, countries: dict[str, float]
    ) -> Mention | None:
        """A village, county or camp the gazetteer does not list, announced as one by the
        words around it, in the division or country the words right after it (or a
        possessive or demonym before it) name, else the one division the story names, else
        the one country it is about (see ``briefing.extract.unlisted``). A place in a
        country the story is not about places nothing ("Beni's Beu district" is not in
        Bolivia's El Beni)."""
        F, T, G, N, g = self.F, self.T, self.G, self.N, self.g
        if F[i] in self.c.stop or len("".join(F[i:j])) < 3 or not T[i][:1].isupper():
            return None
        end = announced(F, T, G, i, j, N, self.title_case(i))
        if end < 0:
            return None
        where: Entity | None = None
        code = self.division_near(i, j)
        if code is not None:
            where = g.get(f"place:admin1:{code}")
        k = end
        while where is None and k < N and k < end + REACH and between(F, T, G, k):
            got = self._place_start.get(k)
            if got is not None and got.type in ("admin1", "city", "country", "region"):
                where = got
            k += 1
        if where is not None and countries and where.country not in countries:
            where = None
        iso3 = where.country if where is not None else self._country_named_before(i)
        if where is None:
            # "in Tsayau village, Jibia Local Government Area of the state": the one
            # division the story names (not a dateline's capital)
            codes = {
                g.admin1_code(e)
                for e in self._place_start.values()
                if e.type in ("admin1", "city")
                and e.id not in self.c.capitals
                and (iso3 is None or e.country == iso3)
            }
            if len(codes) == 1 and (one := codes.pop()) is not None:
                where = g.get(f"place:admin1:{one}")
                iso3 = where.country if where is not None else iso3
        if iso3 is None and len(countries) == 1:
            iso3 = focus
        if not iso3:
            return None
        code = g.admin1_code(where) if where is not None and where.type != "country" else None
        adm = g.get(f"place:admin1:{code}") if code else None
        home = adm or g.country(iso3)
        if home is None or home.country != iso3:
            return None
        start, end_ch = self.S[i], self.E[j - 1]
        name = self.text[start:end_ch]
        towns = [e for e, _p, _a in g.cities("".join(F[i:j])) if e.country == iso3]
        if code:
            towns = [e for e in towns if g.admin1_code(e) == code]
        if len(towns) == 1:  # "Jibia Local Government Area of Katsina": the town there
            return Mention(towns[0], start, end_ch, name, None, 0.9)
        eid = f"place:unlisted:{code or iso3}:{slug(name)}"
        ent = Entity(eid, name, "place", "city", country=iso3,
                     admin1=adm.name if adm else None, lat=home.lat, lon=home.lon,
                     origin="unlisted")  # fmt: skip
        return Mention(ent, start, end_ch, name, None, 0.7)

    def _country_named_before(self, i: int) -> str | None:
        """The country a demonym or a possessive gives the settlement noun before a name:
        "the Malian village of Boni", "Mali's northeastern village of Injagalane"."""
        got = self.country_before(i)
        if got is not None:
            return got
        F = self.F
        if i >= 3 and F[i - 1] == "of" and F[i - 2] in UNLISTED_BEFORE:
            k = i - 3
            while k > 0 and i - k <= 5 and F[k] in TOWN_MODIFIERS:
                k -= 1
            if F[k] in ("'s", "’s"):
                return self._country_end.get(k)
        return None

    def _fuzzy(
        self, compact: str, i: int, j: int, focus: str | None, countries: dict[str, float]
    ) -> Mention | None:
        cache = _fuzzy_cache(self.g)
        if compact in cache:
            hit = cache[compact]
        else:
            hit = _fuzzy_search(self.g, compact)
            cache = _fuzzy_cache(self.g)
            if len(cache) > 50_000:
                cache.clear()
            cache[compact] = hit
        if hit is None:
            return None
        ids, score = hit
        ents = [e for e in (self.g.get(x) for x in ids) if e is not None]
        if j - i == 1:
            ents = [e for e in ents if e.kind == "place"]
        if focus is not None:
            # "Northern Samar" in a story from the Philippines is no spelling of a Syrian
            # place: a close name counts in the countries the article is about
            ents = [e for e in ents if e.country is None or e.country in countries]
        if not ents:
            return None
        ents.sort(
            key=lambda e: (
                0 if e.country == focus else 1 if e.country in countries else 2,
                PLACE_TYPES.get(e.type, 0),
            )
        )
        start, end = self.S[i], self.E[j - 1]
        return Mention(ents[0], start, end, self.text[start:end], None, round(score / 100, 3))


class _KeyNode:
    """A word of the tree of the index's keys: the key the words down to it spell, whether
    a longer key starts with it, and the words that go on."""

    __slots__ = ("key", "prefix", "next")

    def __init__(self, key: str, prefix: bool) -> None:
        self.key = key
        self.prefix = prefix
        self.next: dict[str, _KeyNode] = {}


class _Tables:
    """What the scanner asks of a gazetteer core, in the shape that answers fastest
    (derived once per core)."""

    __slots__ = (
        "core",
        "prefixes",
        "keys",
        "max_case",
        "no_city",
        "generic",
        "words",
        "stands_for",
    )

    def __init__(self, c: Core) -> None:
        self.core = c
        # proper token prefixes of the multi-word keys: "kataib", "kataib sayyid", ...
        prefixes: set[str] = set()
        for k in c.index:
            while " " in k:
                k = k.rsplit(" ", 1)[0]
                prefixes.add(k)
        self.prefixes = frozenset(prefixes)
        # the keys as a tree of their words ("kataib" -> "sayyid" -> "al", ...): a name of
        # several words is looked up word by word (see _Doc.dict_match)
        self.keys: dict[str, _KeyNode] = {}
        for key in c.index:
            level = self.keys
            spelt = ""
            for n, part in enumerate(key.split(" ")):
                spelt = part if n == 0 else spelt + " " + part
                node = level.get(part)
                if node is None:
                    node = level[part] = _KeyNode(spelt, spelt in prefixes)
                level = node.next
        # the strictest case an entry of each key asks for (ANY: no case test needed)
        self.max_case = {k: max(x[1] for x in v) for k, v in c.index.items() if v}
        # words never looked up alone as a town
        self.no_city = frozenset(c.stop | c.never | c.titles | c.given | ORG_FIRST)
        # generic actors that stand for another: the focus state's organs, "Kurdish forces"
        self.stands_for = frozenset(c.focus) | frozenset(getattr(c, "stands_for", ()))
        # word -> its fold, and whether it may start a name (see _Doc.__init__)
        self.words: dict[str, tuple[str, bool]] = {}
        self.generic = frozenset(
            ORG_HEADS | ORG_NAMES | c.stop | c.titles | c.given | set(c.nouns) | c.never
        )


_TABLES: Final[dict[int, _Tables]] = {}


def _tables(c: Core) -> _Tables:
    t = _TABLES.get(id(c))
    if t is None or t.core is not c:
        if len(_TABLES) > 8:
            _TABLES.clear()
        t = _TABLES[id(c)] = _Tables(c)
    return t


def _generic_words(c: Core) -> frozenset[str]:
    return _tables(c).generic


def _only_actors(item: _Item) -> bool:
    """A resolved scan item names actors only (no place of the same name)."""
    kind, p = item[2], item[3]
    if kind == "state":
        return True
    if kind == "entity":
        return p[0].kind == "actor"
    if kind == "dict":
        return all(e.kind == "actor" for e, _s in p[0])
    return False


def _static_info(g: Gazetteer, cands: list[_Cand]) -> _Static:
    """What a candidate list says whatever the document: entities, people, country."""
    ents: list[tuple[Entity, str | None]] = []
    for eid, _case, sector in cands:
        e = g.get(eid)
        if e is not None:
            ents.append((e, sector))
    pids = tuple(e.id for e, _s in ents if e.type == "person")
    cs = {e.country for e, _s in ents}
    country: str | None = None
    weight: float | None = None
    code: str | None = None
    if len(cs) == 1 and (country := next(iter(cs))):
        e = ents[0][0]
        weight = 1 if e.kind == "place" or e.type == "state" else 0.5
        # one governorate whatever the entry ("Aleppo": the city and its governorate)
        codes = {g.core.admin1_code.get(x.id) for x, _s in ents if x.kind == "place"}
        if len(codes) == 1 and country in REGION and all(x.kind == "place" for x, _s in ents):
            code = next(iter(codes))
    return ents, pids, country, weight, code


_Buckets: TypeAlias = dict[str, tuple[list[str], list[int]]]
# id(gazetteer) -> (compact name -> fuzzy match or None, the fuzzy keys by first letter,
# the gazetteer)
_FUZZY: Final[dict[int, tuple[dict[str, _FuzzyHit | None], _Buckets, Gazetteer]]] = {}


def _fuzzy_cache(g: Gazetteer) -> dict[str, _FuzzyHit | None]:
    return _fuzzy_index(g)[0]


def _fuzzy_index(g: Gazetteer) -> tuple[dict[str, _FuzzyHit | None], _Buckets]:
    """Fuzzy choices bucketed by first letter (transliterations keep it)."""
    got = _FUZZY.get(id(g))
    if got is None or got[2] is not g:
        buckets: _Buckets = {}
        for n, k in enumerate(g.core.fuzzy_keys):
            b = buckets.setdefault(k[:1], ([], []))
            b[0].append(k)
            b[1].append(n)
        got = ({}, buckets, g)
        _FUZZY[id(g)] = got
    return got[0], got[1]


def _fuzzy_search(g: Gazetteer, compact: str) -> _FuzzyHit | None:
    from rapidfuzz import fuzz, process

    buckets = _fuzzy_index(g)[1]
    b = buckets.get(compact[:1])
    if not b:
        return None
    cutoff = 90 if len(compact) < 10 else 87
    r = process.extractOne(compact, b[0], scorer=fuzz.ratio, score_cutoff=cutoff)
    if r is None:
        return None
    _key, score, idx = r
    return g.core.fuzzy_ids[b[1][idx]], score


def _noun_class(noun: str) -> str:
    if noun in ("rebels", "rebel"):
        return "rebels"
    if noun in ("forces", "force", "troops"):
        return "forces"
    return "militias"


_PARENS: Final = re.compile(r"\(([^()]{1,80})\)")


def _abbreviations_follow(out: list[Mention], text: str) -> None:
    """An abbreviation in brackets right after a name stands for it: "the Peruvian National
    Police (PNP)" is no Philippine police, "the Arakan Army (AA)" no news agency."""
    for n in range(1, len(out)):
        prev, m = out[n - 1], out[n]
        if (
            m.text.isupper()
            and prev.entity.id != m.entity.id
            and prev.entity.kind == m.entity.kind
            and text[prev.end : m.start].strip() == "("
            and text[m.end : m.end + 1] == ")"
        ):
            out[n] = Mention(prev.entity, m.start, m.end, m.text, prev.sector, m.score)


def aside_spans(text: str) -> list[tuple[int, int]]:
    """Parenthetical asides that only qualify a group ("Daesh (outlawed in Russia)", "(a
    terrorist group banned in Russia)"): the names in them are none of the story's."""
    if "(" not in text:
        return []
    return [
        (m.start(), m.end())
        for m in _PARENS.finditer(text)
        if any(w.lower() in ASIDE_WORDS for w in m.group(1).split())
    ]


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)
