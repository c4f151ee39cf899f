"""An act justified in its own sentence by an accusation is aimed at the accused: "Abiy Ahmed
ordered a military offensive in Tigray, accusing the TPLF of attacking a federal army base",
"Pakistan expelled two diplomats, accusing India of espionage"."""

from __future__ import annotations

from dataclasses import replace

from flashpoint.model import Actor, Event

# Hostile acts whose target an accompanying accusation names.
_JUSTIFIED_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN"})


def aimed_at_the_accused(events: list[Event]) -> list[Event]:
    """Each hostile act with no target, or one only guessed from where it struck, gets the
    target of an accusation its own source makes in the same sentence (the first one)."""
    accused_by: dict[tuple[tuple[int, int], str], Actor] = {}  # (sentence, accuser) -> accused
    for event in events:
        if event.event_type == "ACCUSE" and event.actor1 and event.actor2:
            accused_by.setdefault((event.span, event.actor1.code), event.actor2)
    if not accused_by:
        return events
    out: list[Event] = []
    for event in events:
        if event.event_type in _JUSTIFIED_TYPES and event.actor1:
            accused = accused_by.get((event.span, event.actor1.code))
            if accused is not None and _guessed_or_missing(event.actor2, accused):
                event = replace(event, actor2=accused)
        out.append(event)
    return out


# Targets read from the ground rather than named: "struck targets in southern Lebanon" is
# aimed at whoever holds them, which the accusation beside it names better.
_GUESSED_RULES = ("facility:", "foreign-ground", "territory-holder")


def _guessed_or_missing(target: Actor | None, accused: Actor) -> bool:
    if target is None:
        return True
    return target.rule.startswith(_GUESSED_RULES) and target.country in {None, accused.country}
