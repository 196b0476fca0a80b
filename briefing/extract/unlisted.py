"""Places the gazetteer does not list: villages, counties, local government areas and
camps named in a report ("bandits attacked Tsayau village in Jibia Local Government Area
of Katsina State", "the village of Nanduli in Ancuabe district", "Kodyel, a locality in
Komandjari province").

GeoNames knows the towns of 500 people or more; the villages, local government areas,
counties and townships where much of the world's fighting happens are not among them.
A capitalised name that nothing resolved, announced as a settlement or a division by the
words around it, becomes a place of its own. It lies in the division or country that the
words right after it name (or a possessive or a demonym before it); it takes that
division's coordinates, and its precision says so (``admin1``, or ``country`` when only
the country is told). A name with no such place near it stays unknown: a village that
cannot be placed is no place on the map.

The words are data (``unlisted_*`` in ``data/grammar.toml``)."""

from __future__ import annotations

from typing import Final

from briefing.extract.vocab import UNLISTED_AFTER, UNLISTED_BEFORE, UNLISTED_BETWEEN, UNLISTED_NOT

# how far (in tokens) the place that places an unlisted one may lie after its noun
REACH: Final = 12
# division nouns that name a place even when capitalised ("Mayom County", "Bokkos Local
# Government Area"); a capitalised "Village" or "Town" is a headline's word
_DIVISION_NOUNS: Final = frozenset(
    ["county", "district", "lga", "township", "municipality", "commune", "woreda", "tehsil",
     "subdistrict", "sub-district", "sub-county", "subcounty", "chiefdom", "kebele"]
)  # fmt: skip
_APPOSITION_GAP: Final = 3  # modifiers between "a" and the noun: "a beleaguered Christian village"


def _noun_after(F: list[str], T: list[str], j: int, N: int, headline: bool) -> int:
    """The token after a settlement or division noun starting at ``j``, or -1."""
    if j >= N:
        return -1
    f = F[j]
    if f == "local" and j + 1 < N and F[j + 1] == "government":
        k = j + 2
        return k + 1 if k < N and F[k] in ("area", "council") else k
    if f == "council" and j + 1 < N and F[j + 1] == "area":
        return j + 2
    if f in ("refugee", "idp", "displacement") and j + 1 < N and F[j + 1] == "camp":
        return j + 2
    if f not in UNLISTED_AFTER:
        return -1
    if T[j][:1].isupper() and (headline or f not in _DIVISION_NOUNS) and f != "lga":
        return -1  # "Borno Village" in a headline: the word, not a name's part
    return j + 1


def announced(
    F: list[str], T: list[str], G: list[str], i: int, j: int, N: int, headline: bool
) -> int:
    """Whether the words around the unknown name ``i:j`` announce it as a settlement or a
    division: the token after those words, where the place that places it may follow;
    -1 if they do not."""
    if any(F[k] in UNLISTED_NOT for k in range(i, j)):
        return -1  # "a Christian village", "Fulani communities": a people
    end = _noun_after(F, T, j, N, headline)
    if end >= 0:
        if F[j] == "community" and i and F[i - 1] in ("the", "a", "an"):
            return -1  # "the Tiv community": a people
        return end
    if i >= 2 and F[i - 1] == "of" and F[i - 2] in UNLISTED_BEFORE and T[i - 2].islower():
        return j  # "the village of Nanduli"
    if j + 2 < N and G[j].strip() == "," and F[j] in ("a", "an"):
        for k in range(j + 1, min(N, j + 2 + _APPOSITION_GAP)):
            if F[k] in UNLISTED_AFTER and T[k].islower():
                return k + 1  # "Kodyel, a locality in Komandjari province"
            if not T[k].islower() and F[k] not in UNLISTED_NOT:
                break
    return -1


def between(F: list[str], T: list[str], G: list[str], k: int) -> bool:
    """Whether token ``k`` may stand between an unlisted place and the place after it that
    places it: a name, or one of ``unlisted_between``, after no more than a comma."""
    gap = G[k].strip()
    if gap not in ("", ",", "-", "'", "’"):
        return False
    return T[k][:1].isupper() or F[k] in UNLISTED_BETWEEN
