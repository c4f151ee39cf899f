"""Participants a sentence leaves unnamed but the event implies: the government a protest
faces, the state whose soil an attack is on, the country an attacked place or civilians with no
stated owner belong to (``resources/events/implied.tsv``)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from flashpoint.extract.article_context import CIVILIAN_SECTORS
from flashpoint.model import Actor, Place
from flashpoint.resources import read_tsv


@lru_cache(maxsize=1)
def _implied() -> dict[tuple[str, str, str], str]:
    rows = read_tsv("events/implied.tsv")
    return {(r["event_type"], r["mode"] or "*", r["slot"]): r["sector"] for r in rows}


def implied_participants(
    event_type: str,
    mode: str | None,
    a1: Actor | None,
    a2: Actor | None,
    where: Place | None,
    story_country: str | None = None,
) -> tuple[Actor | None, Actor | None]:
    """Fill a missing source or target that the event type implies (events/implied.tsv)."""
    table = _implied()
    filled = []
    for slot, actor, other in (("actor1", a1, a2), ("actor2", a2, a1)):
        sector = table.get((event_type, mode or "*", slot)) or table.get((event_type, "*", slot))
        if actor is None and sector:
            # "protests in dozens of Iranian cities": Iranian protesters face Iran's government
            home = other.country if other is not None and not other.org else None
            if slot == "actor1" and event_type == "COERCE" and where is not None:
                home = None  # "the arrest of Russian citizens in Baku": by Azerbaijan's police
            # (their own government, wherever the sentence places them)
            country = home or (where.country if where else story_country)
            code = f"{country}{sector}" if country else sector
            actor = Actor(sector.lower(), code, code, country, sector, rule=f"implied:{event_type}")
        filled.append(actor)
    return filled[0], filled[1]


def foreign_ground(
    event_type: str, actor1: Actor | None, where: Place | None, mode: str | None = None
) -> Actor | None:
    """An attack by one state's forces on another state's soil targets that state:
    'Russian missiles struck Kyiv' is RUS against UKR, 'Ukrainian troops pushed into Kursk'
    UKR against RUS.  Inside the attacker's own country the target stays unknown, except when
    an armed group takes a town ('M23 rebels captured Goma'): it takes it from the state's
    forces that held it."""
    if event_type != "ASSAULT" or actor1 is None or where is None:
        return None
    seized = (mode or "").startswith("territory") and where.precision != "country"
    if seized and actor1.sector in {"REB", "UAF"} and where.country:
        c = where.country
        return Actor(where.text, f"{c} forces", f"{c}MIL", c, "MIL", rule="held-territory")
    if actor1.org:
        return None
    if actor1.country is None or actor1.country == where.country:
        return None
    c = where.country
    return Actor(where.text, c, c, c, None, rule="foreign-ground")


def located(
    actor: Actor | None, where: Place | None, story_country: str | None = None
) -> Actor | None:
    """An attacked place with no stated owner belongs to the country it stands in (an
    institution's, with no place named, to the story's: 'protesters stormed parliament'), and
    civilians with no stated nationality are those of where the event happened."""
    if actor is None or (where is None and actor.sector in CIVILIAN_SECTORS):
        return actor  # (a ship or a market could be anyone's)
    if where is None:
        if actor.country is None and actor.rule.startswith("facility") and story_country:
            return replace(actor, country=story_country, code=f"{story_country}{actor.code}")
        return actor
    if actor.country is None and actor.rule.startswith("facility"):
        return replace(actor, country=where.country, code=f"{where.country}{actor.code}")
    if actor.country is None and actor.org is None and actor.rule == "collective":
        # "blamed a little-known local Islamist group": a group of where it acts
        return replace(actor, country=where.country, code=f"{where.country}{actor.code}")
    rehome = actor.rule.endswith("+context") and actor.country != where.country
    if rehome and actor.sector in CIVILIAN_SECTORS:
        return replace(actor, country=where.country, code=f"{where.country}{actor.sector}")
    return actor


def as_forces(actor: Actor) -> Actor:
    """The armed forces of a state that moves its own troops."""
    if actor.sector != "GOV" or not actor.country or actor.org:
        return actor
    c = actor.country
    return Actor(actor.text, f"{c} forces", f"{c}MIL", c, "MIL", rule=actor.rule + "+own-forces")
