"""Events recoded once their parties are known: what an act is depends on who does it to whom.

A ban on another country is a sanction, a crowd storming a parliament riots, and an attack a
state or group says it will make is, until it happens, a threat."""

from __future__ import annotations

from dataclasses import replace

from flashpoint.extract.frames import EventFrame
from flashpoint.extract.implied_parties import implied_participants
from flashpoint.model import Event, Modality


def foreign_ban_as_sanction(event: Event) -> Event:
    """A ban a state or bloc puts on another country ("the EU banned Belarusian airlines") is a
    sanction (CAMEO 163); a ban on its own people or parties stays repression (COERCE)."""
    source, target = event.actor1, event.actor2
    if event.event_type != "COERCE" or event.mode != "ban" or source is None or target is None:
        return event
    if target.country is None or target.country == source.country:
        return event
    if source.country is None and not source.org:
        return event
    return replace(
        event,
        event_type="SANCTION",
        cameo_code="163",
        mode=None,
        acled_event_type=None,
        acled_sub_event_type=None,
    )


_STATE_TARGETS = frozenset({"GOV", "LEG", "JUD", "COP", "MIL"})


def crowd_violence_as_riot(event: Event) -> Event:
    """Protesters who storm a parliament or torch a mayor's office are rioting (PLOVER PROTEST,
    mode riot; ACLED Riots / Violent demonstration), not waging an armed attack."""
    source, target = event.actor1, event.actor2
    if event.event_type != "ASSAULT" or source is None or source.org or source.sector != "OPP":
        return event
    if target is not None and target.sector not in _STATE_TARGETS:
        return event
    if target is None:  # "protesters set fire to banks": the riot is against the government
        _, target = implied_participants("PROTEST", "riot", source, None, event.location)
    return replace(
        event,
        actor2=target,
        event_type="PROTEST",
        cameo_code="145",
        mode="riot",
        acled_event_type="Riots",
        acled_sub_event_type="Violent demonstration",
    )


def intended_force_as_threat(event: Event) -> Event:
    """'Turkey would launch a ground operation against the YPG', 'the junta said it would kill
    Bazoum': an attack its author says is coming is a threat of force (PLOVER THREATEN, CAMEO
    138), made now; the attack itself is not (yet) an event."""
    if event.event_type != "ASSAULT" or event.modality != "intended" or event.actor1 is None:
        return event
    if event.actor1.sector in {"OPP", "CVL"} and not event.actor1.org:
        return event  # "protesters who tried to storm parliament": an attempt, no threat
    return replace(
        event,
        event_type="THREATEN",
        cameo_code="138",
        mode="violence",
        modality="asserted",
        acled_event_type=None,  # ACLED codes threats only as they happen
        acled_sub_event_type=None,
    )


_ACCEPTING = frozenset({"accept", "recognise", "recognize", "acknowledge", "endorse"})
_ACCEPTANCES = frozenset({"SUPPORT", "AGREE", "CONCEDE"})


def refusal_of(frame: EventFrame, modality: Modality) -> tuple[EventFrame, Modality]:
    """'said it would not recognise the ruling', 'did not accept the results': an acceptance
    denied is a rejection (CAMEO 12), and the rejection itself is asserted."""
    if modality != "negated" or frame.event_type not in _ACCEPTANCES:
        return frame, modality
    if frame.trigger.lemma_.lower() not in _ACCEPTING:
        return frame, modality
    return replace(frame, event_type="REJECT", cameo="120", mode=None), "asserted"


def promised_aid(frame: EventFrame, modality: Modality) -> tuple[EventFrame, Modality]:
    """'Japan pledged $4.5 billion in aid to Ukraine': a promise of material aid (CAMEO 033) is
    the aid itself, intended until it is given (PLOVER AID, modality intended)."""
    if frame.event_type != "AGREE" or not frame.cameo.startswith("033") or modality != "asserted":
        return frame, modality
    return replace(frame, event_type="AID", cameo="070", mode=None), "intended"
