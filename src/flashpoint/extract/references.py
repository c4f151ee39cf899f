"""Reactions to an act named again by a noun.

"Spain, Ireland and Norway recognised a Palestinian state, a move Israel condemned": the
condemnation is aimed at the three states.  "The Taliban government condemned the strike": at
whoever carried out the strike reported before.  A reaction (ACCUSE, REJECT, SUPPORT) with no
target of its own, whose object is an event noun or a bare act noun ("move", "decision"), takes
as target the source of the act it names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from flashpoint.extract.frames import trigger_token
from flashpoint.extract.lexicon import Lexicon
from flashpoint.extract.parse_paths import small_clause_subjects
from flashpoint.extract.parties import party_key
from flashpoint.extract.triggers import match_trigger
from flashpoint.model import Actor, Event, event_id_for
from flashpoint.resources import read_tsv

_REACTIONS = frozenset({"ACCUSE", "REJECT", "SUPPORT"})
_STATEMENTS = frozenset({"ACCUSE", "REJECT", "SUPPORT", "REQUEST", "THREATEN"})


@lru_cache(maxsize=1)
def _act_nouns() -> dict[str, frozenset[str]]:
    """Act nouns and the event types each can name (empty: any act not itself a statement)."""
    return {
        row["lemma"]: frozenset(t for t in row["names"].split("|") if t)
        for row in read_tsv("events/act_nouns.tsv")
    }


def _named_act(reaction: Token, lexicon: Lexicon) -> tuple[bool, frozenset[str]]:
    """Does the reaction's object name an act, and of which event types ('move': any act;
    'the strike': ASSAULT, the type of its lexicon row; 'the proposal': a request or offer)?"""
    nouns = [c for c in reaction.children if c.dep_ == "dobj"]
    nouns += small_clause_subjects(reaction)  # "branded the sanctions illegal"
    if reaction.dep_ == "relcl" and reaction.head.pos_ == "NOUN":
        nouns.append(reaction.head)  # "a move Israel condemned"
    for noun in nouns:
        if any(c.dep_ == "poss" for c in noun.children):
            continue  # "condemned Israel's move": role reading already names the actor
        row = match_trigger(noun, lexicon)
        if row is not None:
            return True, frozenset({row.event_type})
        names = _act_nouns().get(noun.lemma_.lower())
        if names is not None:
            return True, names
    return False, frozenset()


class ReferenceReader:
    """Aims reactions at the source of the act their object names."""

    def __init__(self, lexicon: Lexicon, same_side: Callable[[Actor, Actor], bool]):
        self.lexicon = lexicon
        self.same_side = same_side

    def __call__(self, events: list[Event], doc: Doc) -> list[Event]:
        out: list[Event] = []
        for n, event in enumerate(events):
            out.extend(self._aimed(event, events[:n], doc))
        return out

    def _aimed(self, event: Event, earlier: list[Event], doc: Doc) -> list[Event]:
        speaker = event.actor1
        if event.event_type not in _REACTIONS or event.actor2 is not None or speaker is None:
            return [event]
        reaction = trigger_token(event, doc)
        if reaction is None:
            return [event]
        named, types = _named_act(reaction, self.lexicon)
        if not named:
            return [event]
        acts = self._acts(earlier, speaker, types)
        if not acts:
            return [event]
        return [
            replace(
                event,
                actor2=source,
                event_id=event_id_for(event.article_id, event.span, event.event_type, source.code),
            )
            for source in acts
        ]

    def _acts(self, earlier: list[Event], speaker: Actor, types: frozenset[str]) -> list[Actor]:
        """Sources of the nearest earlier act of the named types (any act for 'move')."""
        for prior in reversed(earlier):
            if prior.actor1 is None or self.same_side(prior.actor1, speaker):
                continue
            if types and prior.event_type not in types:
                continue
            if not types and prior.event_type in _STATEMENTS and prior.event_type != "SUPPORT":
                continue
            group = [
                e.actor1
                for e in earlier
                if e.span == prior.span and e.trigger == prior.trigger and e.actor1 is not None
            ]
            seen: dict[tuple[str, str], Actor] = {}
            for actor in group:
                seen.setdefault((actor.code, actor.org or ""), actor)
            return list(seen.values())
        return []


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def back_references_folded(events: list[Event], doc: Doc) -> list[Event]:
    """'Gunmen opened fire on concertgoers ... Islamic State claimed the attack': 'the attack'
    names the shooting told before, not a second attack.  A definite event noun with no target
    and no toll of its own, after an asserted event of its type in an earlier sentence, folds
    into that event (giving it a source it lacked)."""
    out: list[Event] = []
    for event in events:
        prior = _referent(out, event, doc)
        if prior is None:
            out.append(event)
        elif prior.actor1 is None and event.actor1 is not None:
            out[out.index(prior)] = replace(prior, actor1=event.actor1)
    return out


def _referent(earlier: list[Event], event: Event, doc: Doc) -> Event | None:
    if event.actor2 is not None or event.modality != "asserted":
        return None
    if event.fatalities is not None or event.injuries is not None:
        return None
    noun = trigger_token(event, doc)
    if noun is None or noun.pos_ != "NOUN":
        return None
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children):
        return None
    for prior in reversed(earlier):
        if prior.span == event.span or prior.event_type != event.event_type:
            continue
        if prior.modality != "asserted":
            return None
        a, b = prior.actor1, event.actor1
        same = a is None or b is None or party_key(a) == party_key(b)
        return prior if same else None
    return None


def sources_of_named_acts(events: list[Event], doc: Doc, lexicon: Lexicon) -> list[Event]:
    """'An Israeli airstrike hit the camp ... Israel's military said the strike had killed a
    Hamas commander': an agentless act whose subject is 'the strike' told before was done by
    whoever did that strike."""
    out: list[Event] = []
    for event in events:
        if event.actor1 is None:
            source = _named_act_source(out, event, doc, lexicon)
            if source is not None:
                event = replace(event, actor1=source)
        out.append(event)
    return out


def _named_act_source(
    earlier: list[Event], event: Event, doc: Doc, lexicon: Lexicon
) -> Actor | None:
    verb = trigger_token(event, doc)
    if verb is None or verb.pos_ != "VERB":
        return None
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in subject.children):
            continue
        row = match_trigger(subject, lexicon)
        if row is None or row.event_type != event.event_type:
            continue
        for prior in reversed(earlier):
            if prior.span != event.span and prior.event_type == event.event_type:
                return prior.actor1
    return None
