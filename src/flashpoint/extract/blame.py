"""Blame laid in reported speech (PLOVER ACCUSE): 'Biden said Putin was responsible for his
death', 'the government said the attack had been carried out by the ELN'.

The speaker accuses whoever the clause under the verb of saying puts the act on; the cues are
in ``resources/events/blame.tsv``.  An accusation made with an accusing verb ('accused',
'blamed') is read by the lexicon; this covers the ones made with 'said'."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

from spacy.tokens import Span, Token

from flashpoint.extract.frames import EventFrame
from flashpoint.extract.lexicon import Trigger
from flashpoint.extract.parse_paths import pobjs, subjects
from flashpoint.model import Actor
from flashpoint.nlp import TokenTable, picked_tokens, within
from flashpoint.resources import read_tsv

_CLAUSE_DEPS = frozenset({"ccomp", "pcomp"})


@lru_cache(maxsize=1)
def _cues() -> dict[str, dict[str, str]]:
    """kind -> word -> CAMEO code."""
    cues: dict[str, dict[str, str]] = {}
    for row in read_tsv("events/blame.tsv"):
        cues.setdefault(row["kind"], {})[row["word"]] = row.get("cameo") or "112"
    return cues


def blame_frames(
    sent: Span,
    actors_of: Callable[[list[Token]], list[Actor]],
    same: Callable[[Actor, Actor], bool],
) -> list[EventFrame]:
    """An ACCUSE frame per speaker and culprit named in a clause of blame in ``sent``."""
    cues = _cues()
    frames: list[EventFrame] = []
    doc, speaking = sent.doc, cues["speaker"]

    def pick(table: TokenTable) -> list[int]:  # no Token built for the other words
        return [
            i
            for i, (pos, lemma) in enumerate(zip(table.pos, table.lemma, strict=True))
            if pos == "VERB" and lemma in speaking
        ]

    speech_verbs = picked_tokens(doc, "flashpoint_speech_verbs", speaking, pick)
    for i in within(speech_verbs, sent.start, sent.end):
        verb = doc[i]
        speakers = actors_of(subjects(verb))
        if not speakers:
            continue
        for clause in verb.children:
            if clause.dep_ not in _CLAUSE_DEPS:
                continue
            for culprit_tokens, cameo in _culprits(clause, cues):
                rule = Trigger(
                    verb.lemma_.lower(),
                    "VERB",
                    frozenset(),
                    "ACCUSE",
                    cameo,
                    None,
                    frozenset(),
                    "speaker_target",
                )
                frames.extend(
                    EventFrame(verb, rule, "ACCUSE", cameo, None, speaker, culprit, True)
                    for speaker in speakers[:1]
                    for culprit in actors_of(culprit_tokens)
                    if not same(speaker, culprit)
                )
    return frames


def _culprits(clause: Token, cues: dict[str, dict[str, str]]) -> Iterator[tuple[list[Token], str]]:
    """Who the clause puts the act on, with the accusation's CAMEO code."""
    lemma = clause.lemma_.lower()
    kids = list(clause.children)
    subject = [c for c in kids if c.dep_ == "nsubj"]
    if lemma == "be" and subject:  # "Putin was responsible", "Hezbollah was behind it"
        for c in kids:
            word = c.lemma_.lower()
            if c.dep_ in {"acomp", "prep"} and word in cues["predicate"]:
                yield subject, cues["predicate"][word]
    if lemma in cues["agent"] and any(c.dep_ in {"nsubjpass", "auxpass"} for c in kids):
        agents = [p for c in kids if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if agents:  # "the attack had been carried out by the ELN"
            yield agents, cues["agent"][lemma]
    if lemma in cues["source"]:  # "the attack came from terrorist organisations"
        sources = pobjs(clause, ["from"])
        if sources:
            yield sources, cues["source"][lemma]
    if lemma in {"commit", "perpetrate"} and subject:  # "the RSF had committed genocide"
        for obj in (c for c in kids if c.dep_ == "dobj"):
            code = cues["crime"].get(obj.lemma_.lower())
            if code:
                yield subject, code
