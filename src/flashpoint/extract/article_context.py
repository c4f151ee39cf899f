"""Article-level inference after each sentence is coded: who a threat is aimed at, who a
concession yields to, who claimed an attack, and which sentences merely restate an event already
coded (headline, lead, recap).  Participants implied where a sentence names none are in
``implied_parties``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Token

from flashpoint.extract.confidence import weights
from flashpoint.model import Actor, Event
from flashpoint.nlp import doc_text, token_table

CIVILIAN_SECTORS = frozenset({"CVL", "OPP", "REF", "JRN", "MED", "EDU", "HLH", "BUS", "REL"})


_ADDRESSED_TYPES = frozenset({"THREATEN", "ACCUSE", "REJECT"})
_PROTEST_WORDS = frozenset(
    {"protest", "protester", "demonstration", "demonstrator", "unrest", "uprising", "rally"}
    | {"marcher"}
)


def with_adversaries(events: list[Event]) -> list[Event]:
    """'Iran vowed to retaliate' threatens whoever attacked Iran in the story: a threat,
    accusation or rejection with no stated target is aimed at the last actor that attacked
    (or was attacked by) the speaker earlier in the article."""
    out: list[Event] = []
    for event in events:
        addressed = event.event_type in _ADDRESSED_TYPES or _strikes_back(event)
        # the country an attack in return landed in is a weaker guess than who attacked first
        open_target = event.actor2 is None or (
            _strikes_back(event) and event.actor2.rule == "foreign-ground"
        )
        if addressed and open_target and event.actor1:
            speaker = event.actor1
            for prior in reversed(out):
                if prior.event_type != "ASSAULT":
                    continue
                if prior.actor1 is None or prior.actor2 is None:
                    continue
                if _same_side(prior.actor1, prior.actor2):
                    continue  # "shot down an airliner near Tehran": no adversary to address
                if _same_side(prior.actor2, speaker):
                    event = replace(event, actor2=prior.actor1)
                    break
                if event.event_type == "ASSAULT":
                    continue  # striking back answers an attack on oneself only
                if _same_side(prior.actor1, speaker):
                    event = replace(event, actor2=prior.actor2)
                    break
            if event.actor2 is None and event.event_type == "THREATEN":
                event = replace(event, actor2=_last_mover(out, speaker))
        out.append(event)
    return out


# "Israel answered with artillery", "the army retaliated": an attack in return for one told
# before is aimed at whoever made it.
_STRIKING_BACK = ("answer", "respond", "retaliat", "hit back", "strike back", "struck back")


def _strikes_back(event: Event) -> bool:
    """'Israel answered with artillery', '... struck the launchers in response'."""
    if event.event_type != "ASSAULT":
        return False
    said = event.sentence.lower()
    in_return = "in response" in said or "in retaliation" in said
    return in_return or event.trigger.lower().startswith(_STRIKING_BACK)


def _last_mover(earlier: list[Event], speaker: Actor) -> Actor | None:
    """'Finland joined NATO ..., and Moscow warned it would take counter-measures': a threat
    with no addressee answers the latest act by someone else reported before it."""
    for prior in reversed(earlier):
        if prior.event_type in _ADDRESSED_TYPES or prior.actor1 is None:
            continue
        return None if _same_side(prior.actor1, speaker) else prior.actor1
    return None


def conceded_to_protesters(events: list[Event], doc: Doc) -> list[Event]:
    """A government that resigns, backs down or lifts a measure in a story about protests yields
    to the protesters ("the prime minister resigned after weeks of protests")."""
    if not _mentions_protest(doc):
        return events
    out = []
    for event in events:
        conceder = event.actor1
        if event.event_type == "CONCEDE" and event.actor2 is None and conceder and conceder.country:
            c = conceder.country
            protesters = Actor("protesters", f"{c}OPP", f"{c}OPP", c, "OPP", rule="conceded-to")
            event = replace(event, actor2=protesters)
        out.append(event)
    return out


def same_party(a: Actor, b: Actor) -> bool:
    """One organisation, or one state (any of its sectors)."""
    return _same_side(a, b)


# (The lookahead on the stems' first letters changes no match, but it lets the case-blind scan
# pass most characters with one test instead of trying every stem there.)
_PROTEST_STEMS = re.compile(
    r"(?=[pdurm])(?:protest|demonstrat|unrest|uprising|rall(?:y|ies|ied)|march)", re.I
)


def _mentions_protest(doc: Doc) -> bool:
    """Does the story talk of protests?  A cheap text test first, the lemmas only then (the
    answer is kept with the doc: several passes ask)."""
    known = doc.user_data.get("flashpoint_mentions_protest")
    if isinstance(known, bool):
        return known
    table = token_table(doc)
    known = bool(_PROTEST_STEMS.search(doc_text(doc))) and any(
        lemma in _PROTEST_WORDS or (lemma == "march" and pos == "NOUN")  # not troops marching
        for lemma, pos in zip(table.lemma, table.pos, strict=True)
    )
    doc.user_data["flashpoint_mentions_protest"] = known
    return known


def _same_side(a: Actor, b: Actor) -> bool:
    if a.org or b.org:
        return a.org == b.org
    return a.country is not None and a.country == b.country


def _same_or_unknown(a: object, b: object) -> bool:
    return a is None or b is None or a == b


def _restates(a: Event, b: Event) -> bool:
    """Does b repeat a (a headline and its lead, a summary paragraph)?"""
    if a.event_type != b.event_type or a.modality != b.modality:
        return False
    codes = [(x.code, x.org) if x else None for x in (a.actor1, a.actor2, b.actor1, b.actor2)]
    if not (_same_or_unknown(codes[0], codes[2]) and _same_or_unknown(codes[1], codes[3])):
        return False
    if a.actor1 is None and a.actor2 is None and (b.actor1 is None and b.actor2 is None):
        return False  # nothing to tie two anonymous events together
    places = [p.geonameid or p.name if p else None for p in (a.location, b.location)]
    if not _same_or_unknown(places[0], places[1]) or not _same_or_unknown(
        a.fatalities, b.fatalities
    ):
        return False
    return a.date is None or b.date is None or abs((a.date - b.date).days) <= 1


def _richness(e: Event) -> tuple[int, float]:
    filled = sum(x is not None for x in (e.actor1, e.actor2, e.fatalities, e.location, e.date))
    return filled, e.confidence


def restatements_removed(events: list[Event]) -> list[Event]:
    """One event per real event in an article: the headline, the lead and a later recap of the
    same attack are one event, kept in its most complete wording."""
    kept: list[Event] = []
    for event in events:
        for i, other in enumerate(kept):
            if _restates(other, event):
                if _richness(event) > _richness(other):
                    kept[i] = event
                break
        else:
            kept.append(event)
    return kept


_CLAIM_OBJECTS = frozenset(
    {"attack", "responsibility", "bombing", "blast", "assault", "killing", "strike", "raid"}
)


def claimants(doc: Doc, actors_for: Callable[[Token], list[Actor]]) -> list[Actor]:
    """Who claimed an attack: 'Islamic State claimed responsibility', 'an attack claimed by
    Jaish-e-Mohammed', 'the attack was claimed by Islamic State'."""
    found: list[Actor] = []
    if "claim" not in doc_text(doc).lower():
        return found  # most stories claim nothing: skip the token walk
    for token in doc:
        if token.lemma_.lower() != "claim" or any(c.dep_ == "neg" for c in token.children):
            continue  # "Ukraine did not claim responsibility" claims nothing
        passive = any(c.dep_ == "auxpass" for c in token.children)  # "was claimed by X"
        if token.tag_ == "VBN" and (passive or token.dep_ in {"acl", "relcl"}):
            for agent in token.children:
                if agent.dep_ == "agent":
                    for pobj in agent.children:
                        found.extend(actors_for(pobj))
            continue
        objects = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}
        if objects & _CLAIM_OBJECTS:
            for subject in token.children:
                if subject.dep_ == "nsubj":
                    found.extend(actors_for(subject))
    # a state or its intelligence service claims through its forces ("Ukraine's military
    # intelligence agency claimed responsibility for a drone strike")
    return [a for a in found if a.org or a.sector in {"REB", "MIL", "UAF", "SPY", "GOV"}]


def with_claimants(events: list[Event], claimed_by: list[Actor]) -> list[Event]:
    """Agentless attacks in a story whose attack was claimed are the claimant's."""
    if not claimed_by:
        return events
    claimant = claimed_by[0]
    # the source found now adds what a source adds to the confidence
    more = weights()["actor1"]
    return [
        replace(e, actor1=claimant, confidence=min(0.99, e.confidence + more))
        if e.event_type == "ASSAULT" and e.actor1 is None and e.modality == "asserted"
        else e
        for e in events
    ]


_FORCE_TYPES = frozenset({"ASSAULT", "MOBILIZE", "RETREAT"})
# Acts a state does through its government, not its army: "Belarus released prisoners",
# "Russia returned 48 children", "Iran executed a man convicted of spying".
_STATE_ACTS = frozenset({"release", "return", "execute"})
# Calling the population to arms is the state's decision, not its army's act.
_CONSCRIPTION = frozenset(
    {"mobilisation", "mobilization", "mobilise", "mobilize", "mobilised", "mobilized",
     "conscription", "call-up", "draft"}
)  # fmt: skip
_MILITARY_COOPERATION = frozenset(
    {"exercise", "drill", "patrol", "operation", "manoeuvre", "maneuver", "training", "wargame"}
)


def _state_as_forces(actor: Actor | None) -> Actor | None:
    """'Russia' or 'Moscow' acting by force acts through its armed forces."""
    if actor is None or actor.org or actor.sector != "GOV" or not actor.country:
        return actor
    if not actor.rule.startswith("countries.tsv"):
        return actor  # leaders, ministries and officials stay GOV
    c = actor.country
    return replace(actor, code=f"{c}MIL", sector="MIL", rule=actor.rule + "+forces")


def states_as_forces(event: Event) -> Event:
    """Code a state named as the agent of an attack, deployment or withdrawal, and the
    partners of joint military drills, as that state's military."""
    actor1, actor2 = event.actor1, event.actor2
    drafting = event.trigger.lower() in _CONSCRIPTION  # "declared a general mobilisation"
    if event.event_type in _FORCE_TYPES and event.mode not in _STATE_ACTS and not drafting:
        actor1 = _state_as_forces(actor1)
    elif (
        event.event_type == "COOPERATE"
        and event.trigger.lower().rstrip("s") in _MILITARY_COOPERATION
    ):
        actor1, actor2 = _state_as_forces(actor1), _state_as_forces(actor2)
    if actor1 is event.actor1 and actor2 is event.actor2:
        return event  # no state acting by force: no copy of the whole record
    if actor1 and actor2 and (actor1.code, actor1.org) == (actor2.code, actor2.org):
        actor2 = None  # as before: no side is both source and target of one event
    return replace(event, actor1=actor1, actor2=actor2)


def detained_protesters(events: list[Event], doc: Doc) -> list[Event]:
    """People detained or jailed in a protest story are protesters, and so are people that
    police or troops kill there ('clashes between police and student protesters killed dozens
    of people'); a bomb in a crowd kills civilians, whoever they were."""
    # a story with a protest coded is a protest story ("thousands marched to demand ...")
    if not (_mentions_protest(doc) or any(e.event_type == "PROTEST" for e in events)):
        return events
    out = []
    for e in events:
        target, source = e.actor2, e.actor1
        foreign = (
            e.event_type == "COERCE"
            and source is not None
            and source.country not in {None, target and target.country}
        )
        if target is None and _crowd_control(e):
            # "as police fired tear gas and live rounds": at the protesters of the story
            c = source.country if source else None
            code = f"{c}OPP" if c else "OPP"
            crowd = Actor("protesters", "protesters", code, c, "OPP", rule="implied:protest")
            out.append(replace(e, actor2=crowd))
            continue
        if target is None or target.sector != "CVL" or target.org or foreign:
            out.append(e)  # "an Iranian court sentenced two French citizens": no protesters
            continue
        repressed = e.event_type == "COERCE" or (
            e.event_type == "ASSAULT"
            and source is not None
            and source.sector in _STATE_FORCES
            and _generic_people(target)
        )
        if repressed:
            c = target.country
            code = f"{c}OPP" if c else "OPP"
            e = replace(
                e, actor2=replace(target, code=code, sector="OPP", rule=target.rule + "+protest")
            )
        out.append(e)
    return out


_STATE_FORCES = frozenset({"COP", "MIL", "GOV", "SPY"})


def _crowd_control(event: Event) -> bool:
    """Tear gas, water cannon, a crackdown by a state's forces: repression of a crowd."""
    source = event.actor1
    return (
        event.event_type == "COERCE"
        and event.mode == "repression"
        and source is not None
        and source.sector in _STATE_FORCES
        and not source.org
    )


_DISPLACED = re.compile(r"\bdisplaced\b|\brefugees?\b", re.I)


def displaced_victims(event: Event) -> Event:
    """'struck tents sheltering displaced Palestinians, killing 45 people': the people killed
    where the displaced shelter are refugees (CAMEO REF)."""
    target = event.actor2
    if event.event_type != "ASSAULT" or target is None or target.sector != "CVL":
        return event
    if target.org or not _generic_people(target) or not _DISPLACED.search(event.sentence):
        return event
    code = f"{target.country}REF" if target.country else "REF"
    return replace(
        event, actor2=replace(target, code=code, sector="REF", rule=target.rule + "+displaced")
    )


def _generic_people(actor: Actor) -> bool:
    """'people', 'persons': victims named by no group of their own."""
    return actor.rule.startswith(("sectors.tsv:people", "sectors.tsv:person"))


_CROWD_SECTORS = frozenset({"CVL", "EDU", "LAB", "REL"})


def protesters_protest(event: Event) -> Event:
    """People, students or workers who march or rally are protesters (OPP) in that event."""
    a1 = event.actor1
    if event.event_type != "PROTEST" or a1 is None or a1.org or a1.sector not in _CROWD_SECTORS:
        return event
    code = f"{a1.country}OPP" if a1.country else "OPP"
    return replace(event, actor1=replace(a1, code=code, sector="OPP", rule=a1.rule + "+protest"))
