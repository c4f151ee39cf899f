"""Passes over one sentence's frames that give one trigger the parties of another: talks held
by the parties of the deal they led to, a threat or a concession aimed at the target of the
act it came with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Span, Token

from flashpoint.extract.frames import EventFrame
from flashpoint.extract.parse_paths import subjects
from flashpoint.extract.parties import party_key, unique_parties
from flashpoint.extract.roles import RoleReader


def meetings_of_their_parties(
    framed: dict[int, list[EventFrame]], sent: Span, roles: RoleReader
) -> None:
    """'Putin and Erdogan agreed ... after six hours of talks', '... at their first meeting':
    talks with no parties of their own were held by the parties of the clause they hang on."""
    for i, group in framed.items():
        if not group or any(f.event_type != "CONSULT" or f.verbal or f.actor2 for f in group):
            continue
        noun = sent.doc[i]
        verb = noun.head.head if noun.head.dep_ == "prep" else noun.head
        while verb.dep_ == "pobj" and verb.head.dep_ == "prep":  # "hours of talks"
            verb = verb.head.head
        if verb.i not in framed and verb.dep_ == "xcomp":  # "agreed to normalise ... after"
            verb = verb.head
        clause = framed.get(verb.i, [])
        guest = group[0].actor1
        if guest is None:
            parties = [f for f in clause if f.actor1 and f.actor2]
            if parties and parties[0].rule.roles == "symmetric":
                framed[i] = [replace(group[0], actor1=f.actor1, actor2=f.actor2) for f in parties]
            elif not clause and noun.head.lower_ in {"at", "during", "in"}:
                # "Putin told Erdogan at talks in Sochi", "Sunak told Zelensky in a phone call":
                # the speaker and the one spoken to
                speakers = roles.of(subjects(verb))
                hearers = roles.of(c for c in verb.children if c.dep_ in {"dobj", "dative"})
                framed[i] = [
                    replace(group[0], actor1=a, actor2=b)
                    for a in speakers[:1]
                    for b in hearers[:1]
                    if party_key(a) != party_key(b)
                ] or group
        elif group[0].mode == "visit":  # "pledged jets ... during a visit by Zelensky"
            hosts = unique_parties(
                [f.actor1 for f in clause if f.actor1 and party_key(f.actor1) != party_key(guest)]
            )
            if hosts:
                framed[i] = [replace(group[0], actor2=host) for host in hosts]


# Acts whose target a threat made in the same breath is aimed at too.
_HOSTILE_TYPES = frozenset({"SANCTION", "ASSAULT", "COERCE", "ACCUSE", "REQUEST", "THREATEN"})


def threats_after_acts(framed: dict[int, list[EventFrame]], sent: Span) -> None:
    """'ECOWAS imposed sanctions on Niger's junta and threatened to use force': a threat
    with no target of its own, coordinated with a hostile act of the same source, is aimed
    at that act's target."""
    _borrow_targets(framed, sent, "THREATEN", _coordinated, same_source=True)


def concessions_of_acts(framed: dict[int, list[EventFrame]], sent: Span) -> None:
    """'The Pentagon admitted that its strike had killed ten civilians': owning up to an act
    is a concession to those the act hurt."""
    _borrow_targets(framed, sent, "CONCEDE", _reported, same_source=False)


def _coordinated(token: Token) -> list[int]:
    """The verbs coordinated with ``token``, and their objects ("imposed sanctions on Niger's
    junta and threatened ...": the act is the noun)."""
    verbs = [c for c in token.children if c.dep_ == "conj"]
    verbs += [token.head] if token.dep_ == "conj" else []
    return [v.i for v in verbs] + [o.i for v in verbs for o in v.children if o.dep_ == "dobj"]


def _reported(token: Token) -> list[int]:
    return [c.i for c in token.children if c.dep_ == "ccomp"]


def _borrow_targets(
    framed: dict[int, list[EventFrame]],
    sent: Span,
    event_type: str,
    linked: Callable[[Token], list[int]],
    *,
    same_source: bool,
) -> None:
    """Verbal ``event_type`` frames with no target take the target of the first hostile act
    among the triggers ``linked`` to theirs (by the same source, if ``same_source``)."""
    for i, group in framed.items():
        if not group or any(f.event_type != event_type or f.actor2 or not f.verbal for f in group):
            continue
        lenders = [
            s
            for j in linked(sent.doc[i])
            for s in framed.get(j, [])
            if s.event_type in _HOSTILE_TYPES
            and s.actor2 is not None
            and (not same_source or any(_one_source(f, s) for f in group))
        ]
        if lenders:
            framed[i] = [replace(f, actor2=lenders[0].actor2) for f in group]


def _one_source(a: EventFrame, b: EventFrame) -> bool:
    return (
        a.actor1 is not None and b.actor1 is not None and party_key(a.actor1) == party_key(b.actor1)
    )
