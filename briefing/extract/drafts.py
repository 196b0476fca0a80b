"""Draft events: one per group of trigger hits in a clause, with its arguments, places,
toll, modality, date and mode, before the document pass merges and completes them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from briefing.extract.arguments import CIVILIANS, appositives_out, arguments, dedupe
from briefing.extract.dating import event_date
from briefing.extract.modality import is_historical, read_modality
from briefing.extract.modes import attack_mode, consult_mode
from briefing.extract.patterns import Hit
from briefing.extract.places import (
    across_border,
    demonym_country,
    focus_country,
    institution_town,
    locative_country,
    one_side,
    party_country,
    provinces_only,
    rank_places,
    unknown_settlement,
)
from briefing.extract.tolls import (
    cumulative,
    read_toll,
    recent_since,
    running_toll,
    since_ranks,
    unnamed_victims,
)
from briefing.extract.triggers import anchor_hit
from briefing.extract.vocab import ANAPHOR_ADJ, DAY_POSS, DETERMINERS
from briefing.model import Event, Participant
from briefing.text.dates import parse_iso

if TYPE_CHECKING:
    from briefing.extract.document import Doc, Placed


@dataclass(slots=True, init=False, eq=False)
class Draft:
    event: Event
    sent: int
    paragraph: int
    anaphoric: bool
    toll_only: bool
    has_own_place: bool
    explicit_date: bool
    hits: list[Hit] = field(default_factory=list)
    trigger_start: int = 0  # of the anchor, in the article text
    bare: bool = False  # "the strike" with nothing of its own: only ever merged
    fresh: bool = False  # "In another development ...": never merged into what came before
    background: bool = False  # in a clause after "in retaliation for", "following" ...
    victims: Participant | None = None  # "killed 35 people": civilians unless named

    # written out so that mypyc compiles it (the generated one stays interpreted)
    def __init__(
        self,
        event: Event,
        sent: int,
        paragraph: int,
        anaphoric: bool,
        toll_only: bool,
        has_own_place: bool,
        explicit_date: bool,
        hits: list[Hit] | None = None,
        trigger_start: int = 0,
        bare: bool = False,
        fresh: bool = False,
        background: bool = False,
        victims: Participant | None = None,
    ) -> None:
        self.event = event
        self.sent = sent
        self.paragraph = paragraph
        self.anaphoric = anaphoric
        self.toll_only = toll_only
        self.has_own_place = has_own_place
        self.explicit_date = explicit_date
        self.hits = hits if hits is not None else []
        self.trigger_start = trigger_start
        self.bare = bare
        self.fresh = fresh
        self.background = background
        self.victims = victims


def build(
    doc: Doc,
    si: int,
    a: int,
    b: int,
    sa: int,
    sb: int,
    typ: str,
    hs: list[Hit],
    sent_ms: list[Placed],
    emb: str | None,
    embed_hit: Hit | None,
) -> Draft | None:
    """The draft event of one group of trigger hits in the clause ``words[sa:sb]`` of
    sentence ``si`` (``words[a:b]``)."""
    words, text = doc.words, doc.text
    # a trigger that is also an actor's name ("Gunmen abduct ...") is not the verb
    in_actor = {t for x in sent_ms if x.kind == "actor" for t in range(x.i, x.j)}
    anchor = anchor_hit([h for h in hs if h.j - 1 not in in_actor] or hs)  # "rebel fire" is
    rule = anchor.rule
    ai = anchor.i
    seg_ms = [x for x in sent_ms if sa <= x.i < sb]
    args = arguments(doc, sa, sb, typ, hs, anchor, sent_ms, seg_ms, emb, embed_hit)
    if args is None:
        return None
    actors, targets, passive, pos, k0 = args.actors, args.targets, args.passive, args.pos, args.k0
    # places
    used = {id(x) for x in actors} | {id(x) for x in targets}
    places = [
        x for x in seg_ms if x.kind == "place" and not x.skip and not x.poss and id(x) not in used
    ]
    places = one_side(places, words, [h.i for h in hs], sa, sb)
    neighbours = [x for x in places if across_border(words, x)]
    if neighbours:  # "killed near the Mali border": on this side of it
        places = [x for x in places if x not in neighbours]
    filed = doc.filed_near.get(si)
    if filed is not None and all(x.location.precision == "country" for x in places):
        places.insert(0, filed)  # "DIYARBAKIR - ... killed in Turkey's southeast"
    has_own_place = bool(places)
    if not places:
        places = [
            x
            for x in sent_ms
            if x.kind == "place"
            and not x.skip
            and not x.poss
            and not x.speaker
            and id(x) not in used
            and x.i not in doc.quiet
            and not across_border(words, x)
        ]
    locs = rank_places(
        places, ai, focus_country(doc), doc.words, rule.pos == "noun", typ != "ASSAULT"
    )
    if locs and not has_own_place and unknown_settlement(doc, sa, sb):
        locs = provinces_only(locs)  # "seize four villages after victory near Baghdad"
    if not locs:
        locs = demonym_country(doc, seg_ms, sa, sb)  # "in the Malian village of Ogossagou"
    if not locs:
        locs = locative_country(doc, seg_ms, used)  # "killed in Kenya attack"
    if not locs:
        locs = institution_town(seg_ms, sa, sb)  # "gunmen attacked Tikrit University"
    if not locs and neighbours:  # the country of the sides, else the border's other side
        locs = party_country(actors + targets, neighbours) or rank_places(neighbours, ai)
    # toll
    killed = wounded = None
    if typ == "ASSAULT":
        killed, wounded = read_toll(doc, si, hs, sa, sb, passive)
        only_toll = all(h.rule.pos == "toll" for h in hs)
        if killed or wounded or only_toll:
            war = cumulative(doc, sa, sb)
            if war and only_toll:
                return None  # "The conflict has killed more than 14,000": a war's toll only
            if (
                war
                or (
                    sb < b
                    and doc.words[sb] == "since"
                    and not recent_since(doc.words, sb, b)
                    and not since_ranks(doc.words, sb, sa)
                )
                # (a count of a few told so is one report's: "Six soldiers have been
                # killed in fighting with the ELN"; so is the count a story opens with)
                or (
                    (killed or 0) >= 20
                    and (si > 0 or words[sa] == "another")
                    and running_toll(doc, si, sa, sb, locs)
                )
            ):
                killed = wounded = None  # "since April", "have been killed in clashes"
        if killed is None and wounded is None and all(_toll_noun(doc, h) for h in hs):
            return None  # "updating an earlier toll", "casualties unknown": no attack told
        if words[sa] == "among" and all(h.rule.pos == "toll" for h in hs):
            return None  # "Among those killed were 105 children": the parts of a toll told
    # modality
    modality = read_modality(doc, anchor, sa, sb, pos, k0)
    if emb == "alleged" and modality == "asserted":
        modality = "alleged"
    elif emb == "negated":
        modality = "negated"
    # date
    date_iso, date_text, prec, explicit = event_date(doc, si, sa, sb, a, b)
    if modality == "asserted" and explicit and doc.ref and date_iso:
        d = parse_iso(date_iso)
        if d and is_historical(d, prec, doc.ref):
            modality = "historical"
    # mode
    mode = attack_mode(doc, hs, sa, sb, actors)
    conf = rule.confidence + (0.1 if actors else 0.0)
    sent = doc.sents[si]
    trig = text[anchor.start : anchor.end]
    ev = Event(
        event_id="",  # set for the events kept (see event_id)
        article_id=doc.article.id,
        type=typ,
        sentence=sent.text,
        start=sent.start,
        end=sent.end,
        trigger=trig,
        rule=rule.id,
        mode=mode
        if typ == "ASSAULT"
        else (rule.mode or consult_mode(doc, sa, sb) if typ == "CONSULT" else rule.mode),
        cameo=rule.cameo,
        actors=dedupe([x.participant for x in appositives_out(actors)]),
        targets=dedupe([x.participant for x in appositives_out(targets)]),
        locations=locs,
        date=date_iso,
        date_text=date_text,
        date_precision=prec,
        killed=killed,
        wounded=wounded,
        modality=modality,
        confidence=_round2(min(conf, 0.95)),
    )
    victims = None
    if typ == "ASSAULT" and killed and not ev.targets:
        # (a count with no noun counts people only where no state's forces struck:
        # "Gunmen kill 4", not "Army kills 30")
        bare = not any(p.type == "state" or p.sector in _FORCES for p in ev.actors)
        k = unnamed_victims(doc, si, sa, sb, bare)
        if k is not None:  # "gunmen killed 35 people": civilians, as coders count them
            text_k = text[doc.starts[k] : doc.ends[k]]
            victims = Participant(CIVILIANS, "civilians", text_k, "organization", None, "CVL", True)
    anaphoric = False
    if rule.pos == "noun":  # "the strike", "this attack", "Sunday's Russian raid"
        k = ai - 1
        in_mention = {t for x in seg_ms for t in range(x.i, x.j)}
        while k >= sa and (k in in_mention or words[k] in ANAPHOR_ADJ):
            k -= 1
        anaphoric = k >= sa and (words[k] in DETERMINERS or words[k] in DAY_POSS)
    toll_only = all(h.rule.pos == "toll" for h in hs) and (
        killed is not None or wounded is not None
    )
    if anaphoric and not (actors or targets or has_own_place or killed or wounded):
        return Draft(
            ev, si, sent.paragraph, True, toll_only, False, explicit, hs, anchor.start, bare=True
        )
    return Draft(
        ev,
        si,
        sent.paragraph,
        anaphoric,
        toll_only,
        has_own_place,
        explicit,
        hs,
        anchor.start,
        victims=victims,
    )


def _toll_noun(doc: Doc, h: Hit) -> bool:
    """A noun that only counts ("toll", "casualties"): with no count it tells no attack
    ("Casualties unknown.", "fatalities unknown", "No casualties were reported")."""
    return doc.words[h.j - 1] in _TOLL_NOUNS


_TOLL_NOUNS: Final = frozenset(("toll", "tolls", "casualties", "fatalities", "deaths", "injuries"))
_FORCES: Final = frozenset(
    ("MIL", "COP", "GOV", "SPY")
)  # a state's forces: their dead are fighters


# round(x, 2) of the few confidences the rules give (round() of a float is slow)
_ROUNDED: Final[dict[float, float]] = {}


def _round2(x: float) -> float:
    r = _ROUNDED.get(x)
    if r is None:
        if len(_ROUNDED) > 10_000:
            _ROUNDED.clear()
        r = _ROUNDED[x] = round(x, 2)
    return r


def event_id(ev: Event, trig_start: int) -> str:
    """Stable id of an event: its article, sentence, type and trigger position."""
    key = f"{ev.article_id}|{ev.start}|{ev.type}|{trig_start}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]
