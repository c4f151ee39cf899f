"""The record the event stage builds per trigger, before modality, tolls, dates and places."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from flashpoint.extract.lexicon import Trigger
from flashpoint.model import Actor, Event
from flashpoint.nlp import token_table


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


def trigger_token(event: Event, doc: Doc) -> Token | None:
    """The token a coded event was read from: the first token of its sentence with the trigger's
    text (an Event keeps offsets and text, not the parse)."""
    span = doc.char_span(event.span[0], event.span[1], alignment_mode="expand")
    if span is None:
        return None
    texts = token_table(doc).text
    return next((doc[i] for i in range(span.start, span.end) if texts[i] == event.trigger), None)
