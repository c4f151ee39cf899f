"""Whom a restriction eased or imposed bears on when no object names it: where the goods it
restricts go ('eased its restrictions on aid deliveries to Gaza' → the Palestinians' land)."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.extract.parse_paths import pobjs
from flashpoint.extract.parties import PartyReader
from flashpoint.model import Actor


def restricted_destinations(reader: PartyReader, objects: list[Token], verb: Token) -> list[Actor]:
    """The parties or territories the restricted flows named after 'on' go to (the 'to' phrase
    may hang on the verb: 'eased [its restrictions on aid deliveries] [to Gaza]')."""
    flows = [p for o in [*objects, verb] for p in pobjs(o, ["on"])]
    if not flows:
        return []
    places = [p for f in [*flows, verb] for p in pobjs(f, ["to", "into"])]
    return reader.of(places) or reader.countries_at(places)
