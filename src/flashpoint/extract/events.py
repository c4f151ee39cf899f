"""Event typing and role assignment: which trigger words in a sentence code which PLOVER event,
and which actors fill the source and target roles.

Triggers, object constraints, modes and roles come from ``resources/events/`` (see
docs/patterns.md); this module only walks the dependency parse.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from flashpoint.extract.actors import ActorIndex
from flashpoint.extract.aims import with_stated_aim
from flashpoint.extract.arrivals import VISIT, official_arrival
from flashpoint.extract.blame import blame_frames
from flashpoint.extract.decisions import (
    aimed,
    decided_act,
    decided_by,
    joint_decision,
    yields_to_content,
)
from flashpoint.extract.deliveries import ARRIVING, relief_delivery
from flashpoint.extract.frames import EventFrame
from flashpoint.extract.gatherings import GATHERING, crowd_gathering
from flashpoint.extract.joint_actions import allies_named, is_exercise, joint_action, side_by_side
from flashpoint.extract.lexicon import Lexicon, Trigger, get_lexicon
from flashpoint.extract.linkings import LINKING, linked_to_an_act
from flashpoint.extract.nesting import as_directive, nesting
from flashpoint.extract.non_events import (
    accidental,
    aim_of_another_act,
    alert,
    crime_punished,
    departure,
    idiom,
    insinuation,
    no_comment,
    people_moving,
    warning_shots,
    weapons_test,
)
from flashpoint.extract.parse_paths import (
    SUBJECT_DEPS,
    document_nouns,
    pobjs,
    reciprocal,
    subjects,
    to_infinitive,
)
from flashpoint.extract.parties import (
    CHALLENGERS,
    lone_attacker,
    party_key,
    same_side,
    unique_parties,
)
from flashpoint.extract.roles import RoleReader
from flashpoint.extract.same_event import merge_duplicates
from flashpoint.extract.sentence_links import (
    concessions_of_acts,
    meetings_of_their_parties,
    threats_after_acts,
)
from flashpoint.extract.swaps import swap_parties, swapped_for
from flashpoint.extract.triggers import match_trigger, trigger_pos
from flashpoint.extract.under_fire import fire_undergone, undergone_roles
from flashpoint.model import Actor
from flashpoint.nlp import TokenTable, picked_tokens, token_table, within

_GATHERING = frozenset({"mass", "amass", "call up", "mobilise", "mobilize"})
_ENVOYS = frozenset({"ambassador", "envoy", "diplomat", "attache", "consul", "charge"})
_NON_PARTIES = frozenset({"CVL", "REF", "JRN", "MED", "UAF"})


def _mode(
    table: TokenTable, window: list[int], trig: Trigger, lexicon: Lexicon
) -> tuple[str | None, str]:
    """The PLOVER mode and the finer CAMEO code, from the words (token indices) around the
    trigger."""
    modes = lexicon.modes
    for i in window:
        keys = [table.lemma[i], table.lower[i]]
        if i > 0:  # two-word keywords: "air raid", "car bomb", "suicide bomber"
            keys.insert(0, f"{table.lemma[i - 1]} {table.lemma[i]}")
        for key in keys:
            if key not in modes:
                continue
            for cue in lexicon.modes.get(key, []):
                if cue.event_type == trig.event_type:
                    return cue.mode, cue.cameo or trig.cameo
    return trig.mode, trig.cameo


@lru_cache(maxsize=64)
def _mode_words(lexicon: Lexicon, event_type: str) -> frozenset[str]:
    """Every lemma or lowercased word that can complete a mode keyword of ``event_type``: each
    keyword and what follows each of its spaces ("raid" of "air raid")."""
    words: set[str] = set()
    for keyword, cues in lexicon.modes.items():
        if any(cue.event_type == event_type for cue in cues):
            parts = keyword.split(" ")
            words.update(" ".join(parts[k:]) for k in range(len(parts)))
    return frozenset(words)


def _mode_of(token: Token, trig: Trigger, lexicon: Lexicon) -> tuple[str | None, str]:
    """``_mode`` of the trigger's window, read only when a word under the trigger (the window
    lies within its subtree) can complete one of the type's keywords: most cannot."""
    words, table = _mode_words(lexicon, trig.event_type), token_table(token.doc)
    first, end = token.left_edge.i, token.right_edge.i + 1
    if words.isdisjoint(table.lemma[first:end]) and words.isdisjoint(table.lower[first:end]):
        return trig.mode, trig.cameo
    return _mode(table, _mode_window(table, token.i), trig, lexicon)


def _mode_window(table: TokenTable, token: int) -> list[int]:
    children = table.children[token]
    window = [token, *children]
    for child in children:
        if table.dep[child] in SUBJECT_DEPS | {"agent", "prep", "nsubjpass", "dobj"}:
            window.extend(table.subtree(child))
    return window


def find_events(sent: Span, actors: ActorIndex, lexicon: Lexicon | None = None) -> list[EventFrame]:
    """Every event coded in one sentence, before modality, tolls, dates and places."""
    lex = lexicon or get_lexicon()
    roles = RoleReader(actors, lex)
    matches: list[tuple[Token, Trigger]] = []
    doc = sent.doc
    for i in within(_trigger_words(doc, lex), sent.start, sent.end):
        token = doc[i]
        trig = relief_delivery(token, lex) or official_arrival(token, actors)
        trig = trig or crowd_gathering(token, lex) or linked_to_an_act(token, lex)
        trig = trig or fire_undergone(token)
        trig = trig or match_trigger(token, lex)
        if trig is not None:
            matches.append((token, weapons_test(token, trig, lex) or trig))
    at = {tok.i for tok, _ in matches}
    matches = [(tok, as_directive(tok, trig, lex, at)) for tok, trig in matches]
    absorbed, parent_of = nesting(matches)
    trigger_at = {tok.i: trig for tok, trig in matches}
    framed: dict[int, list[EventFrame]] = {}
    for token, trig in matches:
        describes = token.dep_ == "acl" and token.tag_ == "VBG"
        if describes and token.head.lemma_.lower() in document_nouns():
            describes = False  # "a resolution calling for a truce" says what the text does
        if describes or (token.dep_ == "amod" and token.tag_ in {"VBN", "VBD"}):
            continue  # "bases hosting U.S. troops", "deposed President Bazoum": descriptions
        if trig.event_type != "ASSAULT" and _past_of_a_party(token):
            continue  # "hanged a man convicted over the protests": who he is, not the news
        if trig.event_type == "ASSAULT" and warning_shots(token):
            trig = replace(trig, event_type="THREATEN", cameo="138", mode="violence")
        if idiom(token) or crime_punished(token):
            continue  # "did not meet the group's demands": no meeting
        if trig.event_type == "REJECT" and no_comment(token):
            continue  # "refused to comment", "declined to confirm": no stand taken
        if trig.event_type == "REQUEST" and insinuation(token):
            continue  # "suggested the attackers had links to Ukraine": a hint, not a proposal
        if trig.event_type == "THREATEN" and alert(token):
            continue  # "warning of a high threat of attack": an alert, not a threat
        if trig.event_type == "ACCUSE" and _agentless_participle(token):
            continue  # "a drone strike blamed on Turkey": who did it, as far as is known
        if trig.event_type == "PROTEST" and _official_protest(token, roles):
            continue  # "summoned the ambassador to protest": the summons is the protest
        protesters = lex.object_classes.get("protesters", frozenset())
        if token.lemma_.lower() in protesters and _doer_of(token, at):
            continue  # "protesters stormed parliament": what they did is the event
        if token.i in absorbed or (trig.event_type == "ASSAULT" and accidental(token)):
            continue
        if trig.event_type == "ASSAULT" and aim_of_another_act(token, trigger_at):
            continue  # "imposed sanctions, targeting officials": the sanctions' aim
        verbal = trigger_pos(token) == "VERB"
        sources, targets = roles.verbal(token, trig) if verbal else roles.nominal(token, trig)
        if token.lemma_.lower() in protesters:  # the protesters are the side: no one else's
            sources, targets = [], roles.of(pobjs(token, ["against"]))
        if not verbal and trig.event_type == "ASSAULT":  # "came under fire from Hezbollah"
            sources, targets = undergone_roles(token, roles, sources) or (sources, targets)
        if trig is VISIT and not [t for t in targets if not same_side(t, sources)]:
            continue  # "Zelensky arrived in Kharkiv": a trip at home is no visit
        if trig.event_type == "ASSAULT":
            sources = [lone_attacker(s) for s in sources]
            targets = with_stated_aim(token, roles.of, targets)
        allies = allies_named(token, trig, roles.of)  # fighting alongside them, not at them
        targets = [t for t in targets if all(party_key(t) != party_key(a) for a in allies)]
        if trig.event_type == "MOBILIZE" and not targets and trig.lemma not in _GATHERING:
            # drills or a missile test near a state show force to it; troops massed near a
            # border are placed, not yet aimed ("massing forces near the Gaza Strip")
            targets = [t for t in roles.shown_force(token) if not same_side(t, sources)]
        if people_moving(token, trig, sources) or departure(token, trig, sources):
            continue  # "50,000 people crossed into Armenia": refugees, not an incursion
        mode, cameo = _mode_of(token, trig, lex)
        traded = swapped_for(token) if trig.mode == "release" else None
        if traded:  # "freed Griner in exchange for Viktor Bout" (not a bare "in return")
            targets = [*targets, *swap_parties(traded, roles.of)]
            trig = replace(trig, roles="mutual")
        own = [
            EventFrame(
                token, trig, trig.event_type, cameo, mode, a1, _commanded(trig, a1, a2), verbal
            )
            for a1, a2 in _pairs(sources, targets, _exchange(trig, token, sources, targets))
        ]
        if trig.event_type == "COERCE" and trig.mode == "restrict" and verbal:
            # "closed its border with Belarus": shutting another state out is a sanction
            partners = roles.border_partners(token, sources)
            closers: list[Actor | None] = list(unique_parties(sources)) or [None]
            if partners:
                own = [
                    EventFrame(token, trig, "SANCTION", "163", None, a1, b, verbal)
                    for a1 in closers
                    for b in partners
                ]
        if trig.event_type == "REQUEST" and _sent_home(token):
            own = [replace(f, event_type="SANCTION", cameo="166", mode="expel") for f in own]
        joint = joint_action(token, trig, sources, verbal, trigger_at.get(token.head.i))
        joint += side_by_side(token, trig, sources, allies, verbal)
        # Forces exercising together cooperate; none of them mobilises against anyone.
        framed[token.i] = joint if joint and is_exercise(token) else own + joint
    parents = set(parent_of.values())
    yielding = set()
    for i in parents & set(framed):
        content = [f for c, p in parent_of.items() if p == i for f in framed.get(c, [])]
        if decided_act(framed[i], content) and (
            yields_to_content(framed[i], content) or joint_decision(framed[i], content)
        ):
            yielding.add(i)

    def coded(i: int) -> bool:
        if i in yielding:
            return False
        parent = parent_of.get(i)
        return parent is None or parent in yielding or parent not in framed

    meetings_of_their_parties(framed, sent, roles)
    threats_after_acts(framed, sent)
    concessions_of_acts(framed, sent)
    frames: list[EventFrame] = []
    for i, group in framed.items():
        if coded(i):
            parent = parent_of.get(i)
            decision = sent.doc[parent] if parent in yielding else None
            deciders = framed[parent] if parent in yielding else []
            content = [f for c, p in parent_of.items() if p == i for f in framed.get(c, [])]
            for own_frame in group:
                f = aimed(decided_by(own_frame, deciders), content)  # no copy if no decision
                frames.append(f if decision is f.decision else replace(f, decision=decision))
    return merge_duplicates(frames + blame_frames(sent, roles.of, _one_side))


# Words that trigger only in some uses, read by their own matchers (arrivals, convoys, crowds
# gathering, parties linked to an act, fire come under); one set lookup per token of the doc.
_SPECIAL_LEMMAS = ARRIVING | GATHERING | LINKING | {"fire"}


def _trigger_words(doc: Doc, lex: Lexicon) -> list[int]:
    """The doc's head words and the special lemmas above: only they can trigger (no ``Token``
    is built for the other words)."""

    def pick(table: TokenTable) -> list[int]:
        heads = lex.head_words
        return [
            i
            for i, (lemma, lower, pos) in enumerate(
                zip(table.lemma, table.lower, table.pos, strict=True)
            )
            if lemma in heads or lower in heads or lemma in _SPECIAL_LEMMAS
        ]

    return picked_tokens(doc, "flashpoint_trigger_words", lex, pick)


def _past_of_a_party(token: Token) -> bool:
    """A participle with no doer named, describing someone another act is done to."""
    return _agentless_participle(token) and token.head.dep_ in {"dobj", "pobj", "nsubjpass"}


def _agentless_participle(token: Token) -> bool:
    """A participle describing the noun it hangs on, with no doer named ('a man convicted
    over the protests', 'a drone strike blamed on Turkey')."""
    return (
        token.dep_ == "acl"
        and token.tag_ == "VBN"
        and not any(c.dep_ == "agent" for c in token.children)
    )


def _doer_of(noun: Token, triggers: set[int]) -> bool:
    """The subject (or passive agent) of another trigger of the sentence."""
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "agent" else noun.head
    return noun.dep_ in {"nsubj", "pobj"} and verb.i != noun.i and verb.i in triggers


def _official_protest(token: Token, roles: RoleReader) -> bool:
    """'The ministry summoned the U.S. ambassador to protest against ...': a state protesting
    through the act it is the purpose of is no street protest."""
    if token.dep_ not in {"advcl", "xcomp"} or not to_infinitive(token):
        return False
    doers = roles.of(subjects(token.head))
    return bool(doers) and all(a.sector in {"GOV", "MIL", "IGO"} for a in doers)


def _sent_home(order: Token) -> bool:
    """'ordering the Russian ambassador to leave the country': an order that sends an envoy
    home is an expulsion (PLOVER SANCTION, mode expel), not a request."""
    envoy = any(
        c.dep_ in {"dobj", "dative"} and c.lemma_.lower() in _ENVOYS for c in order.children
    )
    leave = any(
        c.dep_ in {"xcomp", "ccomp"} and c.lemma_.lower() in {"leave", "depart", "quit"}
        for c in order.children
    )
    return envoy and leave


def _commanded(trig: Trigger, source: Actor | None, target: Actor | None) -> Actor | None:
    """'Israel's defence minister ordered troops to ...': forces whose country was only guessed
    from where the story happens belong to the state whose official commands them."""
    if trig.event_type != "REQUEST" or source is None or target is None:
        return target
    if not source.country or source.org:
        return target
    if target.sector not in {"MIL", "COP"} or not target.rule.endswith("+context"):
        return target
    c = source.country
    return replace(target, country=c, code=f"{c}{target.sector}", rule=target.rule + "+commander")


def _exchange(trig: Trigger, token: Token, sources: list[Actor], targets: list[Actor]) -> Trigger:
    """'Yemen's government and the Houthis began releasing detainees': two sides freeing
    prisoners together free each other's, as in a swap; 'accused each other' is mutual."""
    one_way = trig.roles != "symmetric"  # "met each other" is one meeting
    if one_way and trigger_pos(token) == "VERB" and reciprocal(token) and len(sources) >= 2:
        return replace(trig, roles="mutual")
    if trig.event_type != "RETREAT" or trig.mode != "release" or targets:
        return trig
    if len({party_key(s) for s in sources}) < 2:
        return trig
    return replace(trig, roles="mutual")


def _pairs(
    sources: list[Actor], targets: list[Actor], trig: Trigger
) -> list[tuple[Actor | None, Actor | None]]:
    if trig.roles == "mutual":  # "Ukraine and Russia traded blame": each accuses the other
        # the prisoners two sides swap are what is exchanged, not a third party
        parties = [
            a for a in unique_parties([*sources, *targets]) if a.org or a.sector not in _NON_PARTIES
        ]
        return [(a, b) for a in parties for b in parties if party_key(a) != party_key(b)] or [
            (parties[0] if parties else None, None)
        ]
    if trig.roles == "symmetric":
        # Parties of a meeting or deal are states, groups and officials, not the prisoners
        # they swapped or the civilians they discussed.
        sides = unique_parties(sources)
        others = unique_parties(targets)
        if trig.event_type != "ASSAULT":
            # "Japan and the Philippines signed a pact that lets their troops ...": a side's
            # own people are not another party.  Fighting is different: police clash with
            # their own country's protesters, the army with gunmen nobody has named.
            others = [a for a in others if a.org or a.sector not in _NON_PARTIES]
            own = {s.country for s in sides if s.country and not s.org}
            # ("the army and Tigrayan rebels signed a truce": a civil war has two sides)
            others = [a for a in others if a.org or a.country not in own or a.sector in CHALLENGERS]
        if len(sides) >= 2:  # "three states began sharing data on North Korean launches"
            others = [a for a in others if a.rule != "possessor"]
        pairs: list[tuple[Actor | None, Actor | None]] = [
            (a, b) for a in sides for b in others if party_key(a) != party_key(b)
        ]
        if pairs:  # "Russia and Ukraine each signed with Turkey and the UN"
            return pairs
        if trig.mode == "third-party":  # "talks mediated by Qatar and Turkey": no dyad of
            return [(a, None) for a in sides] or [(None, None)]  # go-betweens, parties unknown
        parties = unique_parties(sides + others)
        if len(parties) <= 1:
            return [(parties[0] if parties else None, None)]
        return [(a, b) for i, a in enumerate(parties) for b in parties[i + 1 :]]
    a1s: list[Actor | None] = list(unique_parties(sources)) or [None]
    a2s: list[Actor | None] = list(unique_parties(targets)) or [None]
    out = []
    for a1 in a1s:
        for a2 in a2s:
            if a1 is not None and a2 is not None and party_key(a1) == party_key(a2):
                a2 = None  # nobody attacks, accuses or aids itself in a news sentence
            out.append((a1, a2))
    return out


def _one_side(a: Actor, b: Actor) -> bool:
    return party_key(a) == party_key(b) or (not a.org and not b.org and a.country == b.country)
