"""The country of a local side named with no country of its own, read from the state side it
is joined to ("Myanmar's military and an alliance of ethnic armed groups")."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc

from flashpoint.extract.mentions import STATE_SECTORS, ActorMention


def partner_country(
    doc: Doc, mention: ActorMention, by_token: Mapping[int, ActorMention]
) -> str | None:
    """'Myanmar's military and an alliance of ethnic armed groups agreed ...', 'clashes between
    the army and rebels': a local side with no country of its own, joined by 'and' to a state's
    forces or government, is of that state (whatever country the story is datelined in)."""
    root = doc[mention.end - 1]
    while mention.start <= root.head.i < mention.end and root.head != root:
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        root = root.head.head  # "an alliance of ethnic armed groups": the alliance is joined
    partners = [c for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj":
        partners.append(root.head)
    for partner in partners:
        other = by_token.get(partner.i)
        if other is not None and other.actor.sector in STATE_SECTORS and other.actor.country:
            return other.actor.country
    return None
