"""Decisions and their content: 'EU leaders agreed to freeze assets' is the freeze, 'the
government and the Houthis agreed to a truce' a deal between them, 'ordered troops to withdraw'
the withdrawal, 'threatened to strike Israel' a threat aimed at Israel."""

from __future__ import annotations

from dataclasses import replace

from flashpoint.extract.frames import EventFrame
from flashpoint.extract.parties import party_key, same_side

_DECISION_TYPES = frozenset({"AGREE", "REQUEST"})
_RELATIONS = frozenset({"SUPPORT", "COOPERATE", "CONSULT"})
# Requests that are the act they ask for when one side tells its own people to do it.
_COMMANDS = frozenset({"order", "instruct", "command", "direct", "authorise", "authorize"})


def joint_decision(frames: list[EventFrame], content: list[EventFrame]) -> bool:
    """'The US, the EU, Britain and Canada agreed to cut Russian banks off SWIFT': parties
    agreeing on an act they will each do make that act (by each), not a deal with each other."""
    if not frames or frames[0].event_type != "AGREE" or not content:
        return False
    acts = [c for c in content if c.event_type != "COOPERATE"]  # doing it together
    if not acts or not all(c.verbal and c.rule.roles == "agent_patient" for c in acts):
        return False
    deciders = {party_key(f.actor1) for f in frames if f.actor1}
    acting = {party_key(c.actor1) for c in content if c.actor1}
    partners = {party_key(f.actor2) for f in frames if f.actor2}
    return bool(acting) and partners <= deciders | acting


def decided_by(frame: EventFrame, deciders: list[EventFrame]) -> EventFrame:
    """'Yemen's government agreed to a truce', 'the junta agreed to talks': a deal or meeting
    named with no party of its own is made by whoever agreed to it.  (An act agreed to, 'the
    release of hostages', is still to come and keeps its own parties.)"""
    if frame.verbal or frame.actor1 is not None or frame.rule.roles != "symmetric":
        return frame
    if not deciders or deciders[0].actor1 is None:
        return frame
    return replace(frame, actor1=deciders[0].actor1)


def decided_act(parent: list[EventFrame], content: list[EventFrame]) -> bool:
    """An order is the act it orders only when that act is a clause ('ordered troops to
    withdraw'); 'called for a ceasefire' stays a request for it."""
    if not parent or parent[0].event_type != "REQUEST":
        return True
    return any(f.verbal for f in content)


def aimed(frame: EventFrame, content: list[EventFrame]) -> EventFrame:
    """A threat or demand with no stated addressee is aimed at whoever its content acts on
    ('threatened to strike Israel' → Israel); an accusation at whoever the content says acted
    ('accused them of blowing it up')."""
    if frame.actor2 is not None or not content:
        return frame
    if frame.event_type == "ACCUSE":
        target = next((c.actor1 for c in content if c.actor1 is not None), None)
    else:
        target = next((c.actor2 for c in content if c.actor2 is not None), None)
    if target is None or (frame.actor1 and same_side(target, [frame.actor1])):
        return frame  # "threatened to use nuclear weapons": its own forces are no addressee
    return replace(frame, actor2=target)


_PROMISES = frozenset({"pledge", "promise", "offer"})


def yields_to_content(frames: list[EventFrame], content: list[EventFrame]) -> bool:
    """A decision by one side about its own action is that action, not a deal or a request:
    'EU leaders agreed to freeze assets' is a SANCTION, 'Russia ordered its troops to withdraw'
    a RETREAT.  Agreeing to build ties with someone ('Rabat agreed to normalise relations with
    Israel') is an agreement with them, aimed at them."""
    if not frames or frames[0].event_type not in _DECISION_TYPES:
        return False
    if frames[0].event_type == "REQUEST" and frames[0].rule.lemma not in _COMMANDS:
        return False  # "Ukraine called on its allies to deliver ...": asking is not doing
    if frames[0].rule.lemma in _PROMISES:
        return False  # "Japan pledged $4.5 billion in aid": promising is not giving yet
    if frames[0].event_type == "AGREE" and any(
        c.event_type in _RELATIONS
        and c.actor2 is not None
        and not same_side(c.actor2, [f.actor1 for f in frames if f.actor1])
        for c in content
    ):
        return False
    # A rebel group is no part of its country's government: 'the government and the Houthis
    # agreed to a truce' is a deal between two sides, not one side's decision.
    return all(
        f.actor2 is None
        or (not f.actor2.org and same_side(f.actor2, [f.actor1] if f.actor1 else []))
        # "Ukrainian forces have been ordered to pull out": an order no one is named as
        # giving is their own command's
        or (f.actor1 is None and f.event_type == "REQUEST" and f.actor2.sector in {"MIL", "COP"})
        for f in frames
    )
