"""Event typing and role assignment: which trigger words in a sentence code which PLOVER event,
and which actors fill the source and target roles.

Triggers, object constraints, modes and roles come from ``resources/events/`` (see
docs/patterns.md); this module only walks the dependency parse.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from flashpoint.extract.actors import ActorIndex
from flashpoint.extract.lexicon import Lexicon, Trigger, get_lexicon
from flashpoint.model import Actor

_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})
# A trigger in the complement of one of these is the content of a claim, not an event by itself:
# "Russia accused HTS of rearming" is one ACCUSE; "threatened to strike" is one THREATEN.
_NESTING_ROLES = frozenset({"speaker_target"})
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "advcl", "dobj"})
_INSTRUMENT_TYPES = frozenset({"ASSAULT", "MOBILIZE", "RETREAT", "COERCE"})
_DECISION_TYPES = frozenset({"AGREE", "REQUEST"})


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


def _pos(token: Token) -> str | None:
    if token.pos_ in {"VERB", "AUX"}:
        return "VERB"
    if token.pos_ in {"NOUN", "PROPN"}:
        return "NOUN"
    return None


def _object_lemmas(token: Token) -> set[str]:
    """Lemmas of what a verb acts on: objects, passive subjects, prepositional objects."""
    found: set[str] = set()
    for child in token.children:
        if child.dep_ in _OBJECT_DEPS or child.dep_ in {"nsubjpass", "xcomp"}:
            found.update(_noun_words(child))
        elif child.dep_ == "prt":
            found.add(child.lemma_.lower())
        elif child.dep_ == "prep" and child.lower_ != "according":
            found.add(child.lower_)  # "slammed into": a preposition can select the sense
            for grand in child.children:
                if grand.dep_ == "pobj":
                    found.update(_noun_words(grand))
    return found


def _noun_words(token: Token) -> set[str]:
    words = {token.lemma_.lower(), token.lower_}
    compounds = [c for c in token.children if c.dep_ in {"compound", "amod"}]
    for c in compounds:
        words.add(c.lemma_.lower())
        words.add(f"{c.lemma_.lower()} {token.lemma_.lower()}")
    for prep in token.children:  # "a string of villages", "dozens of soldiers"
        if prep.dep_ == "prep" and prep.lower_ == "of":
            words.update(g.lemma_.lower() for g in prep.children if g.dep_ == "pobj")
    return words


def _multiword_ok(token: Token, trig: Trigger) -> bool:
    words = trig.words
    if len(words) == 1:
        return True
    doc = token.doc
    if trig.pos == "NOUN":  # compound noun: the words before the head
        lead = words[:-1]
        start = token.i - len(lead)
        return start >= 0 and tuple(t.lemma_.lower() for t in doc[start : token.i]) == lead
    rest = set(words[1:])  # phrasal verb: particles, prepositions or objects among children/next
    nearby = {c.lemma_.lower() for c in token.children}
    nearby.update(t.lemma_.lower() for t in doc[token.i + 1 : token.i + 1 + len(rest) + 1])
    return rest <= nearby


def match_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    """The lexicon row this token triggers, or None.  Object-constrained rows win."""
    pos = _pos(token)
    if pos is None:
        return None
    rows = lexicon.candidates(token.lemma_.lower(), pos)
    if not rows and token.lower_ != token.lemma_.lower():
        rows = lexicon.candidates(token.lower_, pos)
    if not rows:
        return None
    objects = _object_lemmas(token) if pos == "VERB" else set()
    best: Trigger | None = None
    best_score = -1
    for trig in rows:
        if not _multiword_ok(token, trig):
            continue
        if trig.objects and not (trig.objects & objects):
            continue
        score = (2 if trig.objects else 0) + len(trig.words)
        if score > best_score:
            best, best_score = trig, score
    return best


def _subjects(token: Token) -> list[Token]:
    """Subject tokens of a verb, inherited through control, coordination and relative clauses."""
    current = token
    for _ in range(4):
        subs = [c for c in current.children if c.dep_ in _SUBJECT_DEPS]
        if subs:
            return subs
        inherits = current.dep_ in {"xcomp", "conj"} or (
            current.dep_ == "advcl" and current.tag_ == "VBG"  # "retaliated, shelling ..."
        )
        if inherits and current.head is not current:
            current = current.head
            continue
        if current.dep_ == "relcl" and any(
            c.dep_ in {"nsubj"} and c.tag_ in {"WDT", "WP"} for c in current.children
        ):
            return [current.head]
        break
    return []


def _passive_subjects(token: Token) -> list[Token]:
    subs = [c for c in token.children if c.dep_ == "nsubjpass"]
    if not subs and token.dep_ == "conj" and _is_passive(token.head):
        subs = [c for c in token.head.children if c.dep_ == "nsubjpass"]
    if not subs and token.dep_ == "acl" and token.tag_ == "VBN":  # "two soldiers killed in ..."
        subs = [token.head]
    return subs


def _is_passive(token: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children) or (
        token.dep_ == "acl" and token.tag_ == "VBN"
    )


def _pobjs(token: Token, preps: Iterable[str]) -> list[Token]:
    wanted = set(preps)
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in wanted:
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


class RoleReader:
    """Reads source and target actors for a trigger from the parse."""

    def __init__(self, actors: ActorIndex, lexicon: Lexicon):
        self.actors = actors
        self.lexicon = lexicon

    def of(self, tokens: Iterable[Token]) -> list[Actor]:
        found: list[Actor] = []
        for tok in tokens:
            actors = self.actors.actors_for(tok)
            if not actors and match_trigger(tok, self.lexicon) is not None:
                actors = self.noun_agents(tok)  # "a Syrian airstrike killed ..."
            if not actors:
                facility = self.actors.facility_owner(tok)  # "struck army positions"
                actors = [facility] if facility else self.instrument_owner(tok)
            found.extend(actors)
        return found

    def instrument_owner(self, token: Token) -> list[Actor]:
        """Nationality adjectives on an instrument or action noun: 'Turkish drones' → TURMIL."""
        country = self.actors.nationality_of(token)
        if country:
            return [
                Actor(
                    token.text,
                    f"{country} forces",
                    f"{country}MIL",
                    country,
                    "MIL",
                    rule="nationality+instrument",
                )
            ]
        return []

    def noun_agents(self, noun: Token) -> list[Actor]:
        by = self.of(_pobjs(noun, ["by", "from"]))
        if by:
            return by
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "nmod"}:
                actors = self.actors.actors_for(child)
                if actors:
                    return actors
        return self.instrument_owner(noun)

    def verbal(self, token: Token, trig: Trigger) -> tuple[list[Actor], list[Actor]]:
        targets_by_prep = self.of(_pobjs(token, trig.target_preps))
        if _is_passive(token):
            sources = self.of(
                g
                for c in token.children
                if c.dep_ == "agent"
                for g in c.children
                if g.dep_ == "pobj"
            )
            targets = self.of(_passive_subjects(token)) or targets_by_prep
            return sources, targets
        sources = self.of(_subjects(token))
        objects = [c for c in token.children if c.dep_ in _OBJECT_DEPS]
        targets = self.of(objects) or targets_by_prep
        if not targets:  # "launched an offensive against X", "blamed the attack on X"
            preps = trig.target_preps | {"on", "against"}
            targets = self.of(t for obj in objects for t in _pobjs(obj, preps))
        if trig.roles == "self":
            targets = [t for t in targets if not _same_side(t, sources)]
        return sources, targets

    def nominal(self, noun: Token, trig: Trigger) -> tuple[list[Actor], list[Actor]]:
        if trig.roles == "symmetric":
            between = self.of(_pobjs(noun, ["between", "among"]))
            if len(between) >= 2:
                return between[:1], between[1:]
        sources = self.noun_agents(noun)
        targets = self.of(_pobjs(noun, trig.target_preps | {"on", "against"}))
        if not sources and noun.dep_ in {"dobj", "attr"} and noun.head.pos_ in {"VERB", "AUX"}:
            sources = self.of(_subjects(noun.head))  # "Turkey carried out airstrikes"
        if trig.roles == "self" and not sources:
            sources = self.of(_pobjs(noun, ["of"]))  # "the deployment of Syrian troops"
        return sources, targets


def _same_side(actor: Actor, sources: list[Actor]) -> bool:
    """'Turkey deployed (its) troops': the deployed forces are the source's own, not a target."""
    if actor.sector == "MIL" and actor.country is None:
        return True
    return any(actor.country and actor.country == s.country for s in sources)


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
        if child.dep_ in _SUBJECT_DEPS | {"agent", "prep", "nsubjpass", "dobj"}:
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
    absorbed, parent_of = _nesting(matches)
    framed: dict[int, list[EventFrame]] = {}
    for token, trig in matches:
        if token.i in absorbed:
            continue
        verbal = _pos(token) == "VERB"
        sources, targets = roles.verbal(token, trig) if verbal else roles.nominal(token, trig)
        mode, cameo = _mode(_mode_window(token), trig, lex)
        framed[token.i] = [
            EventFrame(token, trig, trig.event_type, cameo, mode, a1, a2, verbal)
            for a1, a2 in _pairs(sources, targets, trig)
        ]
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
            frames.extend(replace(f, decision=decision) for f in group)
    return _merge_duplicates(frames)


def _yields_to_content(frames: list[EventFrame]) -> bool:
    """A decision by one side about its own action is that action, not a deal or a request:
    'EU leaders agreed to freeze assets' is a SANCTION, 'Russia ordered its troops to withdraw'
    a RETREAT."""
    if not frames or frames[0].event_type not in _DECISION_TYPES:
        return False
    return all(
        f.actor2 is None or _same_side(f.actor2, [f.actor1] if f.actor1 else []) for f in frames
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
    nouns = {tok.i for tok, trig in matches if trig.pos == "NOUN"}
    for token, trig in matches:
        if trig.pos == "VERB":
            for child in token.children:
                if child.dep_ in {"dobj", "attr"} and child.i in nouns:
                    absorbed.add(child.i)
                elif child.dep_ == "prep":
                    absorbed.update(
                        g.i for g in child.children if g.dep_ == "pobj" and g.i in nouns
                    )
        if trig.roles not in _NESTING_ROLES and trig.event_type != "AGREE":
            continue
        for child in token.children:
            if child.dep_ in _COMPLEMENT_DEPS:
                for t in child.subtree:
                    if t.i in trigger_at and t.i != token.i and t.i not in parent_of:
                        parent_of[t.i] = token.i
    return absorbed - set(parent_of), parent_of


def _pairs(
    sources: list[Actor], targets: list[Actor], trig: Trigger
) -> list[tuple[Actor | None, Actor | None]]:
    if trig.roles == "symmetric":
        parties = _dedupe([*sources, *targets])
        if len(parties) <= 1:
            return [(parties[0] if parties else None, None)]
        first = parties[0]
        return [(first, other) for other in parties[1:]]
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


def _linked(a: Token, b: Token) -> bool:
    """Two triggers describe one event when one governs the other or they share a head."""
    return a in b.subtree or b in a.subtree or a.head == b.head or a.head == b or b.head == a


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
