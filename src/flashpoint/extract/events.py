"""Event typing and role assignment: which trigger words in a sentence code which PLOVER event,
and which actors fill the source and target roles.

Triggers, object constraints, modes and roles come from ``resources/events/`` (see
docs/patterns.md); this module only walks the dependency parse.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Span, Token

from flashpoint.extract.actors import ActorIndex
from flashpoint.extract.lexicon import Lexicon, Trigger, get_lexicon
from flashpoint.extract.roles import SUBJECT_DEPS, RoleReader, content_noun, same_side
from flashpoint.extract.triggers import match_trigger, trigger_pos
from flashpoint.model import Actor
from flashpoint.resources import read_tsv

# A trigger in the complement of one of these is the content of a claim, not an event by itself:
# "Russia accused HTS of rearming" is one ACCUSE; "threatened to strike" is one THREATEN.
_NESTING_ROLES = frozenset({"speaker_target"})
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj"})
_DECISION_TYPES = frozenset({"AGREE", "REQUEST"})
_JOINT_TYPES = frozenset({"ASSAULT", "MOBILIZE", "RETREAT", "AID"})
_EXERCISE_WORDS = frozenset({"exercise", "drill", "manoeuvre", "maneuver", "wargame"})
_NON_PARTIES = frozenset({"CVL", "REF", "JRN", "MED", "UAF"})
# Head nouns after which a trigger noun still names an event: "an aid convoy", "a peace deal".
_EVENT_CARRIERS = frozenset(
    {"package", "convoy", "shipment", "delivery", "flight", "drop", "deal", "campaign", "wave"}
)
_BACKGROUND_PREPS = frozenset({"since", "after", "before", "following", "amid", "despite", "over"})
_SPANS_OF_TIME = frozenset({"year", "month", "week", "day", "hour"})
_CAUSAL_NOUNS = frozenset({"response", "retaliation", "reprisal", "revenge", "reaction"})


@dataclass(frozen=True, slots=True)
class EventFrame:
    """An event read from one trigger: type and roles; later stages add the rest."""

    trigger: Token
    rule: Trigger
    event_type: str
    cameo: str
    mode: str | None
    actor1: Actor | None
    actor2: Actor | None
    verbal: bool
    # The one-sided decision this event was read from ("agreed to freeze", "ordered ... to
    # withdraw"): the decision makes the act asserted, so modality ignores it.
    decision: Token | None = None


def _mode(frame_tokens: Iterable[Token], trig: Trigger, lexicon: Lexicon) -> tuple[str | None, str]:
    """The PLOVER mode and the finer CAMEO code, from words around the trigger."""
    for tok in frame_tokens:
        keys = [tok.lemma_.lower(), tok.lower_]
        if tok.i > 0:  # two-word keywords: "air raid", "car bomb", "suicide bomber"
            keys.insert(0, f"{tok.doc[tok.i - 1].lemma_.lower()} {tok.lemma_.lower()}")
        for key in keys:
            for cue in lexicon.modes.get(key, []):
                if cue.event_type == trig.event_type:
                    return cue.mode, cue.cameo or trig.cameo
    return trig.mode, trig.cameo


def _mode_window(token: Token) -> list[Token]:
    window = [token, *token.children]
    for child in token.children:
        if child.dep_ in SUBJECT_DEPS | {"agent", "prep", "nsubjpass", "dobj"}:
            window.extend(child.subtree)
    return window


def find_events(sent: Span, actors: ActorIndex, lexicon: Lexicon | None = None) -> list[EventFrame]:
    """Every event coded in one sentence, before modality, tolls, dates and places."""
    lex = lexicon or get_lexicon()
    roles = RoleReader(actors, lex)
    matches: list[tuple[Token, Trigger]] = []
    for token in sent:
        trig = match_trigger(token, lex)
        if trig is not None:
            matches.append((token, trig))
    at = {tok.i for tok, _ in matches}
    matches = [(tok, _as_directive(tok, trig, lex, at)) for tok, trig in matches]
    absorbed, parent_of = _nesting(matches)
    framed: dict[int, list[EventFrame]] = {}
    for token, trig in matches:
        if token.i in absorbed or (trig.event_type == "ASSAULT" and _accidental(token)):
            continue
        verbal = trigger_pos(token) == "VERB"
        sources, targets = roles.verbal(token, trig) if verbal else roles.nominal(token, trig)
        mode, cameo = _mode(_mode_window(token), trig, lex)
        own = [
            EventFrame(
                token, trig, trig.event_type, cameo, mode, a1, _commanded(trig, a1, a2), verbal
            )
            for a1, a2 in _pairs(sources, targets, trig)
        ]
        joint = _joint_action(token, trig, sources, verbal)
        # Forces exercising together cooperate; none of them mobilises against anyone.
        framed[token.i] = joint if joint and _is_exercise(token) else own + joint
    parents = set(parent_of.values())
    yielding = {i for i in framed if i in parents and _yields_to_content(framed[i])}

    def coded(i: int) -> bool:
        if i in yielding:
            return False
        parent = parent_of.get(i)
        return parent is None or parent in yielding or parent not in framed

    frames: list[EventFrame] = []
    for i, group in framed.items():
        if coded(i):
            parent = parent_of.get(i)
            decision = sent.doc[parent] if parent in yielding else None
            content = [f for c, p in parent_of.items() if p == i for f in framed.get(c, [])]
            frames.extend(replace(_aimed(f, content), decision=decision) for f in group)
    return _merge_duplicates(frames)


def _commanded(trig: Trigger, source: Actor | None, target: Actor | None) -> Actor | None:
    """'Israel's defence minister ordered troops to ...': forces whose country was only guessed
    from where the story happens belong to the state whose official commands them."""
    if trig.event_type != "REQUEST" or source is None or target is None:
        return target
    if not source.country or source.org:
        return target
    if target.sector not in {"MIL", "COP"} or not target.rule.endswith("+context"):
        return target
    c = source.country
    return replace(target, country=c, code=f"{c}{target.sector}", rule=target.rule + "+commander")


def _as_directive(token: Token, trig: Trigger, lex: Lexicon, trigger_at: set[int]) -> Trigger:
    """'Russia ordered its troops to withdraw': an order whose complement is itself an event is
    a directive about that event (the lemma's demand row), not the deployment its object
    ('troops') would otherwise make it."""
    if trig.pos != "VERB" or trig.roles in _NESTING_ROLES:
        return trig
    content = any(
        t.i in trigger_at and t.i != token.i
        for c in token.children
        if c.dep_ in {"xcomp", "ccomp"}
        for t in c.subtree
    )
    if not content:
        return trig
    directive = [
        row
        for row in lex.candidates(trig.lemma, "VERB")
        if row.roles in _NESTING_ROLES and not row.objects
    ]
    return directive[0] if directive else trig


def _aimed(frame: EventFrame, content: list[EventFrame]) -> EventFrame:
    """A threat or demand with no stated addressee is aimed at whoever its content acts on
    ('threatened to strike Israel' → Israel); an accusation at whoever the content says acted
    ('accused them of blowing it up')."""
    if frame.actor2 is not None or not content:
        return frame
    if frame.event_type == "ACCUSE":
        target = next((c.actor1 for c in content if c.actor1 is not None), None)
    else:
        target = next((c.actor2 for c in content if c.actor2 is not None), None)
    if target is None or (frame.actor1 and _party(target) == _party(frame.actor1)):
        return frame
    return replace(frame, actor2=target)


def _joint_action(
    token: Token, trig: Trigger, sources: list[Actor], verbal: bool
) -> list[EventFrame]:
    """Forces of two states acting together ('Rwandan and Mozambican troops recaptured ...')
    also cooperate with each other (PLOVER COOPERATE, CAMEO 062)."""
    if trig.event_type not in _JOINT_TYPES or trig.roles in {"symmetric", "mutual"}:
        return []  # "Russia and Ukraine swapped prisoners" is an exchange, not a joint act
    states = [a for a in _dedupe(sources) if a.country and a.org is None]
    if len({a.country for a in states}) < 2:
        return []
    joint = Trigger(
        trig.lemma, trig.pos, frozenset(), "COOPERATE", "062", None, frozenset(), "symmetric"
    )
    return [
        EventFrame(token, joint, "COOPERATE", "062", None, a, b, verbal)
        for i, a in enumerate(states)
        for b in states[i + 1 :]
        if a.country != b.country
    ]


def _is_exercise(trigger: Token) -> bool:
    words = {trigger.lemma_.lower()} | {
        c.lemma_.lower() for c in trigger.children if c.dep_ in {"dobj", "compound"}
    }
    return bool(words & _EXERCISE_WORDS)


def _yields_to_content(frames: list[EventFrame]) -> bool:
    """A decision by one side about its own action is that action, not a deal or a request:
    'EU leaders agreed to freeze assets' is a SANCTION, 'Russia ordered its troops to withdraw'
    a RETREAT."""
    if not frames or frames[0].event_type not in _DECISION_TYPES:
        return False
    return all(
        f.actor2 is None or same_side(f.actor2, [f.actor1] if f.actor1 else []) for f in frames
    )


def _nesting(matches: list[tuple[Token, Trigger]]) -> tuple[set[int], dict[int, int]]:
    """Which triggers are absorbed by another, and which are the content of a claim or deal.

    Absorbed: nouns governed by a verb trigger ("negotiating a ceasefire", "killed in an
    airstrike") — the verb codes the event.  Content: triggers in the complement of an
    accusation, request, threat, rejection or deal ("accused HTS of rearming"); they are coded
    only when their parent yields to them (see ``_yields_to_content``).
    """
    absorbed: set[int] = set()
    parent_of: dict[int, int] = {}
    trigger_at = {tok.i for tok, _ in matches}
    rows = {tok.i: trig for tok, trig in matches}
    nouns = {tok.i for tok, trig in matches if trig.pos == "NOUN"}
    for token, trig in matches:
        if trig.pos == "VERB" and _carries_specific_noun(token, trig, rows):
            absorbed.add(token.i)  # "held a joint exercise": the noun says what happened
            continue
        if trig.pos == "NOUN" and _mere_modifier(token, trigger_at):
            absorbed.add(token.i)  # "arrest warrants", "attack helicopters"
            continue
        if trig.pos == "NOUN" and _is_background_reference(token):
            absorbed.add(token.i)  # "since the invasion began", "after talks", "in response to"
            continue
        if trig.pos == "VERB":
            for child in token.children:
                if child.dep_ in {"dobj", "attr"} and _is_specific(rows.get(content_noun(child).i)):
                    continue
                if child.dep_ in {"dobj", "attr"} and content_noun(child).i in nouns:
                    absorbed.add(content_noun(child).i)  # "held four hours of talks"
                if child.dep_ in {"dobj", "attr"} and child.i in nouns:
                    absorbed.add(child.i)
                elif child.dep_ == "prep":
                    # "killed in an airstrike" is one event; "apologised in a phone call" two.
                    absorbed.update(
                        g.i
                        for g in child.children
                        if g.dep_ == "pobj"
                        and g.i in nouns
                        and rows[g.i].event_type == trig.event_type
                    )
        if trig.roles not in _NESTING_ROLES and trig.event_type != "AGREE":
            continue
        for child in token.children:
            if child.dep_ in _COMPLEMENT_DEPS:
                for t in child.subtree:
                    if t.i in trigger_at and t.i != token.i and t.i not in parent_of:
                        parent_of[t.i] = token.i
    return absorbed - set(parent_of), parent_of


@lru_cache(maxsize=1)
def _accident_words() -> dict[str, frozenset[str]]:
    rows = read_tsv("events/accidents.tsv")
    return {
        kind: frozenset(r["word"] for r in rows if r["kind"] == kind) for kind in ("verb", "noun")
    }


def _accidental(trigger: Token) -> bool:
    """'a jet that crashed ..., killing all ten', 'floods killed 300': deaths with no attacker."""
    words = _accident_words()
    clause = trigger
    if trigger.dep_ in {"advcl", "conj", "xcomp"} and trigger.tag_ == "VBG":
        clause = trigger.head  # "crashed ..., killing": the cause is the verb before it
        for t in reversed(trigger.doc[: trigger.i]):  # back to the sentence start
            if t.lemma_.lower() in words["verb"] and t.pos_ == "VERB":
                return True
            if t.is_sent_start:
                break
    for child in clause.children:
        if child.dep_ in {"nsubj", "nsubjpass", "agent"}:
            for t in child.subtree:
                if t.lemma_.lower() in words["noun"] and t.pos_ == "NOUN":
                    return True
    return False


def _is_specific(noun_row: Trigger | None) -> bool:
    return noun_row is not None and noun_row.pos == "NOUN" and len(noun_row.words) > 1


def _carries_specific_noun(verb: Token, trig: Trigger, rows: dict[int, Trigger]) -> bool:
    """A light verb ("held", "launched", "began") whose object is a multiword trigger of another
    type ("a joint exercise", "a general strike") only carries that more specific event."""
    for child in verb.children:
        if child.dep_ in {"dobj", "attr"}:
            noun_row = rows.get(content_noun(child).i)
            if (
                _is_specific(noun_row)
                and noun_row is not None
                and noun_row.event_type != trig.event_type
            ):
                return True
    return False


def _mere_modifier(noun: Token, trigger_at: set[int]) -> bool:
    return (
        noun.dep_ == "compound"
        and noun.head.i not in trigger_at
        and noun.head.lemma_.lower() not in _EVENT_CARRIERS
    )


def _is_background_reference(noun: Token) -> bool:
    """A noun event named only as the time or cause of another: 'since the invasion', 'after
    six hours of talks', 'in retaliation for the attack', 'days after the clash'."""
    if any(c.dep_ == "prep" and c.lower_ in {"between", "with"} for c in noun.children):
        return False  # "after heavy fighting between the army and Fano": a named event
    current = noun
    for _ in range(3):  # through "hours of", "the first day of"
        if current.dep_ != "pobj":
            return False
        prep = current.head
        word = prep.lower_
        if word in _BACKGROUND_PREPS:
            return True
        if word in {"to", "for"} and prep.head.lower_ in _CAUSAL_NOUNS:
            return True  # "in response to", "in retaliation for"
        if word == "into" and prep.head.lemma_.lower() in _SPANS_OF_TIME:
            return True  # "nearly a year into the invasion"
        if word != "of":
            return False
        current = prep.head
    return False


def _pairs(
    sources: list[Actor], targets: list[Actor], trig: Trigger
) -> list[tuple[Actor | None, Actor | None]]:
    if trig.roles == "mutual":  # "Ukraine and Russia traded blame": each accuses the other
        parties = _dedupe([*sources, *targets])
        return [(a, b) for a in parties for b in parties if _party(a) != _party(b)] or [
            (parties[0] if parties else None, None)
        ]
    if trig.roles == "symmetric":
        # Parties of a meeting or deal are states, groups and officials, not the prisoners
        # they swapped or the civilians they discussed.
        sides = _dedupe(sources)
        others = [a for a in _dedupe(targets) if a.org or a.sector not in _NON_PARTIES]
        # "Japan and the Philippines signed a pact that lets their troops ...": a side's own
        # people are not another party.
        own = {s.country for s in sides if s.country and not s.org}
        others = [a for a in others if a.org or a.country not in own]
        if sides and others:  # "Russia and Ukraine each signed with Turkey and the UN"
            return [(a, b) for a in sides for b in others if _party(a) != _party(b)]
        parties = sides or others
        if len(parties) <= 1:
            return [(parties[0] if parties else None, None)]
        return [(a, b) for i, a in enumerate(parties) for b in parties[i + 1 :]]
    a1s: list[Actor | None] = list(_dedupe(sources)) or [None]
    a2s: list[Actor | None] = list(_dedupe(targets)) or [None]
    out = []
    for a1 in a1s:
        for a2 in a2s:
            if a1 is not None and a2 is not None and _party(a1) == _party(a2):
                a2 = None  # nobody attacks, accuses or aids itself in a news sentence
            out.append((a1, a2))
    return out


def _party(actor: Actor) -> tuple[str, str]:
    """Two leaders of one state are one party; two named groups are two."""
    return (actor.code, actor.org or "")


def _dedupe(actors: list[Actor]) -> list[Actor]:
    seen: set[tuple[str, str]] = set()
    out = []
    for a in actors:
        if _party(a) not in seen:
            seen.add(_party(a))
            out.append(a)
    return out


def _compatible(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or (a.code == b.code and a.name == b.name)


def _merge_duplicates(frames: list[EventFrame]) -> list[EventFrame]:
    """One event per type and dyad: 'a rocket attack killed two soldiers' is one ASSAULT."""
    merged: list[EventFrame] = []
    for frame in frames:
        for i, kept in enumerate(merged):
            if kept.event_type == frame.event_type and _outcome_of(frame.trigger, kept.trigger):
                merged[i] = _with_outcome(kept, frame)
                break
            if (
                kept.event_type == frame.event_type
                and _compatible(kept.actor1, frame.actor1)
                and _compatible(kept.actor2, frame.actor2)
                and _linked(kept.trigger, frame.trigger)
            ):
                merged[i] = _combine(kept, frame)
                break
        else:
            merged.append(frame)
    return merged


def _outcome_of(participle: Token, attack: Token) -> bool:
    """'... destroyed the consulate, killing seven Guards': the killing is the attack's toll."""
    return (
        participle.tag_ == "VBG"
        and participle.dep_ in {"advcl", "conj", "xcomp"}
        and participle.head == attack
    )


def _with_outcome(attack: EventFrame, outcome: EventFrame) -> EventFrame:
    """The attack keeps its agent; the people killed are its target rather than the building."""
    target = attack.actor2
    if outcome.actor2 is not None and (target is None or target.rule.startswith("facility")):
        target = outcome.actor2
    return replace(attack, actor1=attack.actor1 or outcome.actor1, actor2=target)


def _linked(a: Token, b: Token) -> bool:
    """Two triggers describe one event when one governs the other or they hang close together
    ('launched an invasion, with missiles striking cities')."""
    if a in b.subtree or b in a.subtree:
        return True
    up_a = [a.head, a.head.head]
    up_b = [b.head, b.head.head]
    return any(x == y for x in up_a for y in up_b)


def _combine(a: EventFrame, b: EventFrame) -> EventFrame:
    primary, other = (a, b) if a.verbal or not b.verbal else (b, a)
    mode = primary.mode or other.mode
    cameo = primary.cameo if primary.mode or not other.mode else other.cameo
    return replace(
        primary,
        actor1=primary.actor1 or other.actor1,
        actor2=primary.actor2 or other.actor2,
        mode=mode,
        cameo=cameo,
    )
