"""Events: who did what to whom, where, when, with what toll, on what evidence.

``extract_events(article, mentions)`` codes the events of one article from its clean
text and its resolved mentions, without a parser:

1. **Triggers.** Every sentence is matched against the trigger patterns of
   ``data/triggers.toml`` (one dict lookup per word). Null patterns suppress false
   triggers ("hunger strike", "strike a deal", "training accident").
2. **Clauses.** A sentence is cut into clauses at boundaries ("while", "but",
   "in retaliation for", ";" ...) and verbs of saying. In a clause all ASSAULT triggers
   form one event ("45 people were killed and 30 wounded by a suicide bombing"); other
   types give one event each. "threatened to bomb" is THREATEN only; "accused Y of
   shelling" is ACCUSE plus an *alleged* ASSAULT by Y; "denied carrying out strikes" is
   REJECT plus a *negated* ASSAULT.
3. **Arguments** from the sequence of mentions around the trigger: the "by" phrase of a
   passive, the modifier of a nominal trigger ("Syrian warplanes", "Russia's bombing"),
   the subject of an active verb (a pronoun right after "X said" is X), the object or
   the "on/against" phrase as target, "ISIS-held" as target. Compounds joined by "and"
   or commas become lists. Speakers ("X said", "according to X") are never actors.
   Agentless events keep ``actors == []``. CONSULT puts *every* party in ``actors``
   (PLOVER's convention for two-sided events) and leaves ``targets`` empty.
4. **Places**, primary first: the most specific place of the clause (point < city <
   admin1 < country < region), else of the sentence, else the nearest place in the
   previous sentences of the paragraph, else the article's focus place.
5. **Date**: the first date expression of the clause or sentence, resolved against the
   article's date; without one, the article's date with ``date_text=None`` (the dateline
   is a strong default for what an article reports). An event dated more than 45 days
   before the article gets modality ``historical``.
6. **Toll** from death and injury words and the number bound to them, killed and wounded
   apart (see ``read_toll``); a clause that only reports a toll ("An Iraqi member ... was
   killed") is merged into the ASSAULT it follows (step 8).
7. **Modality** from cue words before the trigger (``lexicon.toml``): negated, future,
   hypothetical, alleged; asserted otherwise.
8. **Document pass.** An anaphoric or incomplete ASSAULT ("the strike", "this attack",
   a toll alone) within three sentences of a compatible ASSAULT (same modality, no
   conflicting actor or place) is merged into it: its targets, more specific place,
   larger toll and date fill the earlier event. An ASSAULT still lacking a mode takes
   one from the cues of nearby sentences or the title, else the article's most reported
   kind; one placed no more precisely than a country or region ("northern Syria") also
   takes the article's focus governorate or province. One lacking an actor takes one
   from the article (see ``infer_actors``), with ``rule`` suffixed and lower
   confidence: a group claiming it (``+claimed``), the actor of the article's other
   attacks of the same kind (``+ctx-actor``), the one actor such attacks are blamed on
   (``+alleged-actor``), else a perpetrator prior of ``data/priors.toml`` by weapon,
   wording, target, place and outlet (``+prior:<id>``: "barrel bombs" -> the Syrian air
   force, shelling of "regime-held" districts -> the armed opposition). Rebels fly no
   aircraft: an armed group read as the actor of an air strike is its target.

The steps live in one module each: ``document`` (token grid, mentions placed on it),
``triggers`` (1), ``clauses`` (2: speakers, boundaries), ``arguments`` (3), ``places``
(4), ``dating`` (5), ``tolls`` (6), ``modality`` (7), ``modes``, ``drafts`` (one draft
event per group of hits), ``merge`` (8) and ``attribution`` (implied actors); ``vocab``
holds the role words they read (data: ``grammar.toml``, ``reports.toml``, ``tolls.toml``,
``parties.toml``). This module runs them in order.
"""

from __future__ import annotations

from briefing.extract.clauses import clause_spans, mark_speakers
from briefing.extract.document import Doc, Placed
from briefing.extract.drafts import Draft, build
from briefing.extract.merge import document_pass
from briefing.extract.patterns import Hit, load
from briefing.extract.places import location, participant
from briefing.extract.triggers import find_hits, find_phrase
from briefing.extract.vocab import BACKGROUND, BEFORE_LEADS, FRESH, TOLD_BEFORE
from briefing.model import Article, Event, Mention

__all__ = ["extract_events", "participant", "location"]


def extract_events(article: Article, mentions: list[Mention]) -> list[Event]:
    """The events of one article (see the module docstring)."""
    lex = load()
    doc = Doc(article, mentions, lex)
    drafts: list[Draft] = []
    for si, sent in enumerate(doc.sents):
        if sent.dateline:
            continue
        a, b = doc.sent_tok[si]
        if a >= b:
            continue
        drafts.extend(sentence_events(doc, si, a, b))
    events = document_pass(doc, drafts)
    return events


# --------------------------------------------------------------------------- sentence


def sentence_events(doc: Doc, si: int, a: int, b: int) -> list[Draft]:
    """The draft events of sentence ``si`` (tokens ``a:b``), clause by clause."""
    hits = find_hits(doc, a, b)
    if not hits:
        return []
    sent_ms = doc.sent_mentions(a, b)
    in_mention = {t for x in sent_ms for t in range(x.i, x.j)}
    # a word of a name is no trigger: "the Rapid Support Forces shelled El Fasher" tells no
    # SUPPORT (an attacker's noun still tells how: "Gunmen killed 5", "Snipers killed 3")
    hits = [
        h for h in hits if h.rule.type == "ASSAULT" or not in_mention.issuperset(range(h.i, h.j))
    ]
    if not hits:
        return []
    mark_speakers(doc, sent_ms, a, b, hits, in_mention)
    segments = clause_spans(doc, a, b, hits, in_mention)
    story = doc.story_start.get(si, a)
    if story > segments[0][0] and story < segments[0][1]:
        segments[0] = (story, segments[0][1])  # "KHARKIV, Ukraine - A Russian missile ..."
    for sa, sb in segments:
        if sb < b and doc.words[sb] in doc.lex.speech and not any(sa <= h.i < sb for h in hits):
            doc.quiet.update(range(sa, sb))
    out: list[Draft] = []
    fresh = find_phrase(doc.words, a, b, FRESH) > 0
    words = doc.words
    carried = -1  # a background word before a clause with no event: "after the UN said"
    history = False
    prev = a
    for n, (sa, sb) in enumerate(segments):
        gap = [k for k in range(prev, sa) if words[k] in BACKGROUND]
        prev = sb
        told = sa - 1 if n and sa > a and words[sa - 1] in BACKGROUND else -1
        if told < 0 or carried >= 0 and told_before(words, carried, a):
            told = carried if carried >= 0 else gap[-1] if n and gap else -1
        seg_hits = [h for h in hits if sa <= h.i < sb]
        if not seg_hits:
            carried = told
            continue
        carried = -1
        # "comes a day after convoys were suspended after an airstrike killed 12": what
        # came before what came before the news is history too
        history = told >= 0 and (history or told_before(words, told, a))
        drafts = segment_events(doc, si, a, b, sa, sb, seg_hits, sent_ms)
        if fresh:
            for d in drafts:
                d.fresh = True
        if told >= 0:
            for d in drafts:
                d.background = True
                if history and d.event.type == "ASSAULT" and d.event.modality == "asserted":
                    # "The attack came days after a bombing killed 120", "The deaths came a
                    # day after the UN said 22 children had been killed": an attack told as
                    # what preceded the news is not the news (a meeting told so still is)
                    d.event.modality = "historical"
        out.extend(drafts)
    _fought_with(out)
    _killed_after(out)
    return out


def _killed_after(drafts: list[Draft]) -> None:
    """ "Three policemen were killed after Taliban insurgents attacked their checkpoint":
    the dead the sentence opens with fell in the attack its "after" clause tells (not
    history: "came days after" marks that), whose attackers killed them."""
    if len(drafts) < 2:
        return
    first = drafts[0].event
    if first.type != "ASSAULT" or first.actors or first.killed is None:
        return
    for d in drafts[1:]:
        ev = d.event
        if (
            d.background
            and ev.type == "ASSAULT"
            and ev.modality == "asserted"
            and ev.actors
            and ev.killed is None
        ):
            first.actors = list(ev.actors)
            return


def _fought_with(drafts: list[Draft]) -> None:
    """ "M23 rebels seized Bunagana after heavy fighting with Congolese troops": fighting
    told as what came before the sentence's own event was fought by its subject."""
    if len(drafts) < 2 or not drafts[0].event.actors:
        return
    first = drafts[0].event
    for d in drafts[1:]:
        ev = d.event
        if (
            d.background
            and ev.type == "ASSAULT"
            and not ev.actors
            and ev.rule in ("assault.firearms", "assault.combat")
            and not {p.id for p in first.actors} & {p.id for p in ev.targets}
        ):
            ev.actors = list(first.actors)


def told_before(words: list[str], k: int, a: int) -> bool:
    """ "came days after", "a day after": the background word at k tells what came before
    the news ("the death toll following the attack" is the attack's)."""
    return words[k] in TOLD_BEFORE and any(w in BEFORE_LEADS for w in words[max(a, k - 3) : k])


def segment_events(
    doc: Doc,
    si: int,
    a: int,
    b: int,
    sa: int,
    sb: int,
    seg_hits: list[Hit],
    sent_ms: list[Placed],
) -> list[Draft]:
    """The drafts of one clause: all its ASSAULT hits form one event (or one per
    embedding: "accused Y of shelling", "denied carrying out strikes"), any other type
    one event per type."""
    groups: dict[tuple[str, str | None], list[Hit]] = {}
    embed: str | None = None
    embed_hit: Hit | None = None
    for h in seg_hits:
        r = h.rule
        if r.type == "ASSAULT":
            if embed == "absorb":
                continue
            emb = embed
            if emb == "negated" and embed_hit is not None and h.i - embed_hit.j > 5:
                emb = None
            key = ("ASSAULT", emb)
        else:
            key = (r.type, None)
            if r.embed:
                embed, embed_hit = r.embed, h
        groups.setdefault(key, []).append(h)
    out: list[Draft] = []
    for (typ, emb), hs in groups.items():
        d = build(doc, si, a, b, sa, sb, typ, hs, sent_ms, emb, embed_hit)
        if d:
            out.append(d)
    return out
