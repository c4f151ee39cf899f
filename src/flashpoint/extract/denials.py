"""Denials of an act reported earlier in the story.

"An explosion killed six ... Soylu blamed the PKK, a charge the group denied": the denial is
coded as the act itself, negated, by the denier (ASSAULT PKK → civilians, negated), which is how
ICEWS/PLOVER code denied responsibility.  The act is the one the denier was accused of in the
story (read from the accusation: "accused Ukraine of attacking the Kremlin") or else the nearest
act reported before the denial.  A denial with nothing to point back at stays a REJECT."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from flashpoint.extract.actor_index import ActorIndex
from flashpoint.extract.article_context import same_party
from flashpoint.extract.frames import trigger_token
from flashpoint.extract.lexicon import Lexicon
from flashpoint.extract.parse_paths import subjects
from flashpoint.extract.roles import RoleReader
from flashpoint.extract.triggers import match_trigger
from flashpoint.model import Actor, Event, event_id_for
from flashpoint.nlp import doc_text, sentence_starts, token_table
from flashpoint.resources import read_tsv, split_cell

# Acts one is accused of and denies taking part in.
_DENIABLE = frozenset({"ASSAULT", "COERCE", "AID", "MOBILIZE"})
_LOOKBACK_SENTENCES = 3
# Surface stems of the denial lemmas in denials.tsv, to skip stories without any cheaply.
# (The lookahead on their first letters changes no match, but it lets the case-blind scan pass
# most characters with one test instead of trying every stem there.)
_DENIAL_STEMS = re.compile(r"(?=[drf])(?:den(?:y|ie)|refut|dismiss|reject)", re.I)


@lru_cache(maxsize=1)
def _denial_objects() -> dict[str, frozenset[str]]:
    return {
        row["lemma"]: frozenset(split_cell(row["objects"]))
        for row in read_tsv("events/denials.tsv")
    }


def _points_back(token: Token) -> bool:
    """Is this a denial of something already reported ('denied involvement', 'a charge ...
    denied', 'which Kyiv denied')?"""
    objects = _denial_objects().get(token.lemma_.lower())
    if objects is None or token.pos_ != "VERB":
        return False
    if token.dep_ == "relcl" and token.head.lemma_.lower() in objects:
        return True
    return any(
        c.dep_ == "dobj" and (c.lower_ in objects or c.lemma_.lower() in objects)
        for c in token.children
    )


def _position(event: Event, doc: Doc) -> int:
    """Token index of an event's trigger (its sentence's start if the text is not found)."""
    token = trigger_token(event, doc)
    if token is not None:
        return token.i
    span = doc.char_span(event.span[0], event.span[1], alignment_mode="expand")
    return span.start if span is not None else 0


def _same_side(a: Actor | None, b: Actor) -> bool:
    return a is not None and same_party(a, b)


class DenialReader:
    """Turns denials that point back at a reported act into that act, negated."""

    def __init__(self, actors: ActorIndex, lexicon: Lexicon):
        self.actors = actors
        self.lexicon = lexicon
        self.roles = RoleReader(actors, lexicon)

    def __call__(self, events: list[Event], doc: Doc) -> list[Event]:
        if not _DENIAL_STEMS.search(doc_text(doc)):
            return events  # no denial words: skip the token walk
        table = token_table(doc)
        denials = _denial_objects()
        if not any(lemma in denials for lemma in table.lemma):
            return events
        positions = [_position(e, doc) for e in events]
        out = [
            self._restated(e, events[:n], doc[positions[n]]) if e.modality == "negated" else e
            for n, e in enumerate(events)
        ]
        for i, lemma in enumerate(table.lemma):
            if lemma not in denials or table.pos[i] != "VERB":
                continue  # cannot point back: no Token built
            token = doc[i]
            if not _points_back(token):
                continue
            deniers = [a for s in subjects(token) for a in self.actors.actors_for(s)]
            if not deniers:
                continue
            earlier = [
                e
                for e, at in zip(events, positions, strict=True)
                if at < token.i and _recent(doc[at], token)
            ]
            denied = self._denied_act(earlier, deniers[0], doc)
            if denied is None:
                continue
            out = [e for e in out if not _is_rejection_by(e, token)]
            out.append(_as_negated(denied, deniers[0], token))
        return out

    def _restated(self, event: Event, earlier: list[Event], trigger: Token) -> Event:
        """'Moscow denied that its forces had fired on the station': the denied act is the one
        reported before, so it takes that act's date, place and (if unstated) target."""
        if not _under_denial(trigger):
            return event
        for prior in reversed(earlier):
            if prior.event_type == event.event_type and prior.modality == "asserted":
                if not _recent(trigger.doc[_position(prior, trigger.doc)], trigger):
                    break
                target = event.actor2
                own = event.actor1 is not None and _same_side(prior.actor2, event.actor1)
                if target is None and not own:
                    target = prior.actor2
                return replace(
                    event,
                    date=prior.date,
                    date_precision=prior.date_precision,
                    location=prior.location or event.location,
                    actor2=target,
                )
        return event

    def _denied_act(self, earlier: list[Event], denier: Actor, doc: Doc) -> Event | None:
        for event in reversed(earlier):
            if event.event_type == "ACCUSE" and _same_side(event.actor2, denier):
                accused = self._accused_act(event, earlier, doc)
                if accused is not None:
                    return accused
            if event.event_type in _DENIABLE and event.modality == "asserted":
                if _same_side(event.actor2, denier) and not _same_side(event.actor1, denier):
                    return None  # "targeted a U.S. destroyer, a claim the Pentagon denied"
                return event
        return None

    def _accused_act(self, accusation: Event, earlier: list[Event], doc: Doc) -> Event | None:
        """'accused Ukraine of attacking the Kremlin', 'blamed the PKK for the blast': the act
        inside the accusation, with its target read from there or from the act reported."""
        trigger = doc[_position(accusation, doc)]
        # The denial's own words ("..., who denied involvement") are not what was alleged.
        denial_words = {
            t.i for d in trigger.subtree if _points_back(d) and d != trigger for t in d.subtree
        }
        for token in trigger.subtree:
            if token.i in denial_words:
                continue
            row = match_trigger(token, self.lexicon) if token != trigger else None
            if row is None or row.event_type not in _DENIABLE:
                continue
            reported = next((e for e in reversed(earlier) if e.event_type == row.event_type), None)
            if reported is not None:
                return reported
            reader = self.roles.verbal if token.pos_ == "VERB" else self.roles.nominal
            _, targets = reader(token, row)
            rule = self.lexicon.acled_for(row.event_type, row.mode, "any")
            return replace(
                accusation,
                event_type=row.event_type,  # type: ignore[arg-type]
                cameo_code=row.cameo,
                mode=row.mode,
                acled_event_type=rule.acled_type if rule else None,
                acled_sub_event_type=rule.acled_sub_type if rule else None,
                actor2=targets[0] if targets else None,
            )
        return None


def _under_denial(trigger: Token) -> bool:
    """Is the trigger inside what a denial verb denies ('denied that its troops had fired')?"""
    head = trigger
    for _ in range(3):
        if head.dep_ not in {"ccomp", "xcomp", "pcomp", "conj"} or head.head == head:
            return False
        head = head.head
        if head.lemma_.lower() in _denial_objects():
            return True
    return False


def _recent(earlier: Token, denial: Token) -> bool:
    starts = sentence_starts(denial.doc)  # ascending
    gap = bisect_right(starts, denial.i) - bisect_right(starts, earlier.i)
    return gap <= _LOOKBACK_SENTENCES


def _is_rejection_by(event: Event, token: Token) -> bool:
    sent = token.sent
    return (
        event.event_type == "REJECT"
        and event.span[0] == sent.start_char
        and event.trigger == token.text
    )


def _as_negated(act: Event, denier: Actor, token: Token) -> Event:
    sent = token.sent
    span = (sent.start_char, sent.end_char)
    target = act.actor2 if not _same_side(act.actor2, denier) else None
    key = f"{denier.code}/{denier.name}>denied:{token.i - sent.start}"
    return replace(
        act,
        event_id=event_id_for(act.article_id, span, act.event_type, key),
        actor1=denier,
        actor2=target,
        modality="negated",
        fatalities=None,
        injuries=None,
        fatalities_lower_bound=False,
        sentence=sent.text.strip(),
        span=span,
        trigger=token.text,
        attribution=None,
    )
