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
    tokens = _sentence_tokens(doc, event.span)
    if tokens is None:
        return None
    texts = token_table(doc).text
    return next((doc[i] for i in tokens if texts[i] == event.trigger), None)


def _sentence_tokens(doc: Doc, span: tuple[int, int]) -> range | None:
    """The token range of an event's sentence span (several passes ask for each event's, and
    ``char_span`` builds a Span every time): kept with the doc, per character span."""
    known = doc.user_data.get("flashpoint_event_spans")
    if not isinstance(known, dict):
        known = doc.user_data["flashpoint_event_spans"] = {}
    if span not in known:
        found = doc.char_span(span[0], span[1], alignment_mode="expand")
        known[span] = None if found is None else range(found.start, found.end)
    tokens: range | None = known[span]
    return tokens
