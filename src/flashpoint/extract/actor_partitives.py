"""Victims described by a partitive after their count: "killing at least 59 people, most of
them police officers" are police, not civilians.

A generic count of people ("59 people", "dozens of people") is civilians by default; when an
apposed partitive says that most or all of them belonged to an armed or state sector, the
count stands for that sector.  A partitive naming only some of them ("many of them women",
"including nine children") leaves the count as it was.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from flashpoint.extract.mentions import ActorMention

__all__ = ["recode_partitives"]

_PEOPLE = frozenset({"people", "person"})
_MAJORITY = frozenset({"most", "all", "mostly", "majority"})
_STATE_SECTORS = frozenset({"MIL", "COP", "GOV", "REB", "UAF"})


def recode_partitives(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    by_start = {m.start: m for m in mentions}
    out = []
    for m in mentions:
        member = _majority_member(doc, m, by_start)
        if member is not None and member.actor.sector:
            sector = member.actor.sector
            country = member.actor.country or m.actor.country
            actor = replace(
                m.actor,
                code=f"{country or ''}{sector}",
                country=country,
                sector=sector,
                rule=m.actor.rule + "+partitive",
            )
            m = replace(m, actor=actor)
        out.append(m)
    return out


def _majority_member(
    doc: Doc, m: ActorMention, by_start: dict[int, ActorMention]
) -> ActorMention | None:
    """The sector mention of ", most of them <members>" right after a count of people."""
    if (
        m.kind != "sector"
        or m.actor.sector != "CVL"
        or doc[m.end - 1].lemma_.lower() not in _PEOPLE
    ):
        return None
    i = m.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    words = [t.lower_ for t in doc[i : i + 3]]
    if len(words) < 3 or words[0] not in _MAJORITY or words[1:] != ["of", "them"]:
        return None
    for j in range(i + 3, min(i + 6, len(doc))):
        if doc[j].is_punct:
            return None
        member = by_start.get(j)
        if member is not None:
            state = member.kind == "sector" and member.actor.sector in _STATE_SECTORS
            return member if state else None
    return None
