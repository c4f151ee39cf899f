"""The record the event stage builds per trigger, before modality, tolls, dates and places."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from flashpoint.extract.lexicon import Trigger
from flashpoint.model import Actor


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
