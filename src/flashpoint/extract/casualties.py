"""Casualty counts (fatalities, injuries) stated in one sentence, read from the dependency parse.

We start from casualty words ("killed", "died", "dead", "death toll"; list in
``resources/casualties/lexicon.tsv``) and read the count off their victims, so numbers that are
not casualties ("sent 5,000 troops", "aged 33", "Resolution 2254", "$5 million") never qualify.
Reading of amounts: "at least 33" and "more than 20" report 33 and 20 with the lower-bound flag;
"up to 10" reports 10 without it (a ceiling, not a floor); vague amounts ("dozens", "hundreds")
give no number but set the flag.  Parts of one toll are summed ("two soldiers and three
civilians were killed" -> 5); sub-groups introduced by "including" are not.  A stated death toll
is used only when no direct count of that kind is attached to the event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Span, Token

from flashpoint.extract.casualty_amounts import (
    CasualtyEntry,
    amount_of,
    casualty_words,
    is_number_word,
    number_amount,
    parse_number,
)
from flashpoint.extract.dates import clause_head
from flashpoint.extract.non_events import crime_punished
from flashpoint.nlp import token_table

__all__ = ["NO_CASUALTIES", "Casualties", "casualties_for", "parse_number"]


@dataclass(frozen=True, slots=True)
class Casualties:
    fatalities: int | None
    injuries: int | None
    fatalities_lower_bound: bool
    injuries_lower_bound: bool
    victims: tuple[tuple[int, int], ...]  # doc-level char spans of the victim noun phrases
    victim_heads: tuple[int, ...]  # doc-level token indices of the victim head nouns
    # (kind, victim head index, count) for each victim noun with a count of its own:
    # "killing five civilians and three soldiers" → (fatal, civilians, 5), (fatal, soldiers, 3)
    counts: tuple[tuple[str, int, int], ...] = ()

    def for_victims(self, heads: set[int]) -> Casualties:
        """The toll of some of the victim groups, when the sentence counts each group on its
        own ("killing five civilians and three soldiers": 5 for the civilians)."""
        own = [(kind, n) for kind, i, n in self.counts if i in heads]
        if not own:
            return self

        def total(kind: str) -> int | None:
            values = [n for k, n in own if k == kind]
            return sum(values) if values else None

        return replace(self, fatalities=total("fatal"), injuries=total("injury"))


NO_CASUALTIES = Casualties(None, None, False, False, (), ())


# ---------------------------------------------------------------- casualty words -> findings


@dataclass(frozen=True)
class _Finding:
    anchor: Token  # the casualty word
    kind: str
    value: int | None
    lower_bound: bool
    victims: tuple[Token, ...]
    toll: bool = False
    counts: tuple[tuple[int, int], ...] = ()  # (victim noun index, its own count)


def _with_conjuncts(noun: Token) -> list[Token]:
    """A noun and the nouns coordinated with it ("two soldiers and three civilians")."""
    found = [noun]
    for child in noun.children:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}:
            found.extend(_with_conjuncts(child))
    return found


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _has_passive_reading(verb: Token) -> bool:
    """ "33 killed in Idlib", "scores injured": a subject but no object, read as passive."""
    if _child(verb, "dobj") or any(c.lemma_ == "have" for c in verb.children if c.dep_ == "aux"):
        return False
    subject = _child(verb, "nsubj")
    return verb.tag_ == "VBN" or (subject is not None and _is_counted(subject))


def _is_counted(noun: Token) -> bool:
    """A number or an amount word, or a noun carrying one ("33", "dozens", "12 people")."""
    lex = casualty_words()
    if noun.like_num or noun.lower_ in lex.vague:
        return True
    return any(c.dep_ == "nummod" and is_number_word(c) for c in noun.children)


def _transitive_victims(verb: Token) -> list[Token]:
    passive = _child(verb, "nsubjpass")
    if passive is not None:
        return [passive]
    obj = _child(verb, "dobj")
    if obj is not None:
        return [obj]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "7 people injured", "soldiers killed in"
        return [verb.head]
    subject = _child(verb, "nsubj")
    return [subject] if subject is not None and _has_passive_reading(verb) else []


def _adjective_victims(adjective: Token) -> list[Token]:
    counted = _child(adjective, "nummod", "npadvmod", "nsubj")
    if counted is not None:  # "5 dead"
        return [counted]
    head = adjective.head
    predicative = adjective.dep_ in {"oprd", "advmod", "acomp", "xcomp", "ccomp"}
    if predicative and head.pos_ in {"VERB", "AUX"}:  # "leaving dozens dead", "shot dead"
        target = _child(head, "dobj", "nsubjpass")
        if target is not None and target.i != adjective.i:
            return [target]
    if adjective.dep_ == "amod" and head.pos_ in {"NOUN", "NUM"}:
        return [head]
    return []


def _toll_number(toll: Token) -> Token | None:
    """ "toll of 45", "the toll rose to 45", "the toll stood at 45", "the toll is 45"."""
    for prep in (c for c in toll.children if c.dep_ == "prep" and c.lower_ == "of"):
        number = _child(prep, "pobj")
        if number is not None and number.like_num:
            return number
    verb = toll.head if toll.dep_ == "nsubj" else None
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ in {"attr", "dobj"} and child.like_num:
            return child
        if child.dep_ == "prep" and child.lower_ in {"to", "at"}:
            number = _child(child, "pobj")
            if number is not None and number.like_num:
                return number
    return None


def _victims_for(token: Token, entry: CasualtyEntry) -> list[Token]:
    if entry.role in {"transitive", "particle"} and token.pos_ == "VERB":
        if entry.role == "particle" and not any(c.lower_ == entry.required for c in token.children):
            return []
        return _transitive_victims(token)
    if entry.role == "intransitive" and token.pos_ == "VERB":
        return [s] if (s := _child(token, "nsubj")) is not None else []
    if entry.role == "object" and token.pos_ == "VERB":
        obj = _child(token, "dobj")
        subject = _child(token, "nsubj")
        fits = obj is not None and obj.lemma_.lower() == entry.required
        return [subject] if fits and subject is not None else []
    if entry.role == "adjective" and token.pos_ in {"ADJ", "VERB"} and token.dep_ != "ROOT":
        return _adjective_victims(token)
    return []


def _finding_from_victims(anchor: Token, kind: str, victims: list[Token]) -> _Finding | None:
    total: int | None = None
    lower = False
    names: list[Token] = []
    counts: list[tuple[int, int]] = []
    counted = False
    for noun in (n for v in victims for n in _with_conjuncts(v)):
        amount, name = amount_of(noun)
        if name is not None and name.pos_ in {"NOUN", "PROPN"}:
            names.append(name)
        if amount is None:
            lower = lower or (name is not None and name.tag_ in {"NNS", "NNPS"})
            continue
        counted = True
        lower = lower or amount.lower_bound
        if amount.value is not None:
            total = (total or 0) + amount.value
            if name is not None:
                counts.append((name.i, amount.value))
    if not counted and not names:
        return None  # "killed the deal": no people, no count
    if total is None and not counted:
        lower = False  # plural victims without any amount: no count, no bound
    return _Finding(anchor, kind, total, lower, tuple(names), counts=tuple(counts))


def _findings_at(token: Token) -> Iterator[_Finding]:
    for entry in casualty_words().entries.get(token.lemma_.lower(), ()):
        if entry.role == "noun" and token.pos_ == "NOUN":
            number = _child(token, "nummod")
            amount = number_amount(number) if number is not None else None
            if amount is not None:
                yield _Finding(token, entry.kind, amount.value, amount.lower_bound, ())
        elif entry.role == "toll" and token.pos_ == "NOUN":
            number = _toll_number(token)
            amount = number_amount(number) if number is not None else None
            if amount is not None:
                yield _Finding(token, entry.kind, amount.value, amount.lower_bound, (), True)
        elif (victims := _victims_for(token, entry)) and (
            found := _finding_from_victims(token, entry.kind, victims)
        ):
            yield found


# ---------------------------------------------------------------- findings of one trigger's event


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children)


def _victim_subject(verb: Token) -> bool:
    """The clause's subject is its victims: "6 fighters were killed", "9 civilians died"."""
    if _child(verb, "nsubjpass") is not None:
        return True
    roles = {e.role for e in casualty_words().entries.get(verb.lemma_.lower(), ())}
    if roles & {"intransitive", "object"}:
        return _child(verb, "nsubj") is not None
    return bool(roles & {"transitive", "particle"}) and _has_passive_reading(verb)


_SEQUENCE_WORDS = frozenset({"after", "before", "since", "until", "following"})


def _agentless(token: Token) -> bool:
    """No one acts in this clause but the one it hangs off (or it is not a clause at all)."""
    if token.pos_ not in {"VERB", "AUX"}:
        return True
    subject = _child(token, "nsubj")
    return subject is None or subject.tag_ in {"WDT", "WP"} or _victim_subject(token)


def _may_climb(token: Token, shared_subject_ok: bool) -> bool:
    # A coordinated clause with its own agent is a separate event ("... and shelling wounded
    # 12"); one sharing the subject ("shelled and killed 5") or reporting victims continues it.
    if token.dep_ == "conj":
        return _victim_subject(token) or (shared_subject_ok and not _has_subject(token))
    if token.dep_ == "pcomp" and token.head.lower_ in _SEQUENCE_WORDS:
        return False  # "killing three people before being shot dead": another event
    if token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in {"before", "until"} for c in token.children
    ):
        # "killed six people before he was shot dead": a later event ("were killed after
        # their vehicle was hit by a mine" is the one that killed them)
        return False
    return _agentless(token)


def _climb(start: Token, *, from_trigger: bool) -> list[Token]:
    """``start`` and the heads above it, as long as each step stays within one event.

    From a casualty word, the first step may follow a conjunct sharing the subject; from the
    trigger, the first step may leave an adverbial clause ("killed when shells hit")."""
    path = [start]
    current, first = start, True
    shared_ok = not from_trigger
    while current.head.i != current.i:
        allowed = first and from_trigger and current.dep_ == "advcl" and not _sequenced(current)
        if not (allowed or _may_climb(current, shared_ok)):
            break
        if not from_trigger and _told_as_earlier(current):
            break  # "torched homes after two Israelis were shot dead": an earlier act's dead
        # "stormed the hotel and set it on fire, killing 21": a participle's toll reaches
        # back over the conjunct it hangs on to the act both verbs share a subject with.
        shared_ok = shared_ok and first and _participle(current)
        current, first = current.head, False
        path.append(current)
    return path


def _told_as_earlier(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "after" for c in clause.children
    )


def _participle(clause: Token) -> bool:
    return clause.dep_ == "advcl" and clause.tag_ == "VBG"


def _sequenced(clause: Token) -> bool:
    """'... killing 45, hours after Hamas fired rockets': a clause placed before or after the
    main one tells another event, not how its victims died."""
    return any(
        c.dep_ in {"mark", "prep", "advmod"} and c.lower_ in _SEQUENCE_WORDS
        for c in clause.children
    )


def _belongs_to(anchor: Token, trigger: Token) -> bool:
    """Is the casualty word part of the trigger's event (same clause, or one hanging off it)?"""
    trigger_clause = clause_head(trigger)
    targets = {trigger.i, trigger_clause.i}
    anchor_clause = anchor if anchor.pos_ in {"VERB", "AUX"} else clause_head(anchor)
    if crime_punished(anchor_clause) and not crime_punished(trigger):
        return False  # "sentenced to death for killing a policeman": the crime's dead
    if anchor.i in targets or anchor_clause.i in targets:
        return True
    if any(t.i in targets for t in _climb(anchor, from_trigger=False)):
        return True
    # Up from the trigger: "5 were killed when shells hit the market".
    up = {t.i for t in _climb(trigger_clause, from_trigger=True)}
    return anchor.i in up or anchor_clause.i in up


def _combine(findings: Iterable[_Finding], kind: str) -> tuple[int | None, bool]:
    """Sum the direct counts of one kind; fall back to the largest stated toll."""
    chosen = [f for f in findings if f.kind == kind]
    direct = [f for f in chosen if not f.toll]
    if not direct:
        tolls = [f for f in chosen if f.value is not None]
        best = max(tolls, key=lambda f: f.value or 0, default=None)
        return (best.value, best.lower_bound) if best else (None, False)
    values = [f.value for f in direct if f.value is not None]
    return (sum(values) if values else None), any(f.lower_bound for f in direct)


def _victim_span(noun: Token) -> tuple[int, int]:
    """The noun phrase up to its head, without its article, possessive and amount."""
    amount_tokens = [
        t.i
        for c in noun.children
        if c.i < noun.i and (c.dep_ in _AMOUNT_DEPS or c.lower_ in casualty_words().vague)
        for t in c.subtree
    ]
    start = max([noun.left_edge.i - 1, *amount_tokens]) + 1
    first, last = noun.doc[start], noun
    return first.idx, last.idx + len(last.text)


_AMOUNT_DEPS = frozenset({"det", "predet", "poss", "quantmod", "nummod"})


@lru_cache(maxsize=4)
def _sentence_findings(sentence: Span) -> tuple[_Finding, ...]:
    """Every casualty word's finding in a sentence: read once, though each trigger asks."""
    entries, lemmas, doc = casualty_words().entries, token_table(sentence.doc).lemma, sentence.doc
    return tuple(
        f
        for i in range(sentence.start, sentence.end)
        if lemmas[i] in entries  # no Token for words that are no casualty word
        for f in _findings_at(doc[i])
    )


def casualties_for(sentence: Span, trigger: Token | None = None) -> Casualties:
    """The toll stated in ``sentence`` for the event of ``trigger`` (the whole sentence if None)."""
    findings = list(_sentence_findings(sentence))
    if trigger is not None:
        findings = [f for f in findings if _belongs_to(f.anchor, trigger)]
    if not findings:
        return NO_CASUALTIES
    fatalities, fatal_lower = _combine(findings, "fatal")
    injuries, injury_lower = _combine(findings, "injury")
    heads = sorted({v.i: v for f in findings for v in f.victims}.values(), key=lambda t: t.i)
    return Casualties(
        fatalities=fatalities,
        injuries=injuries,
        fatalities_lower_bound=fatal_lower,
        injuries_lower_bound=injury_lower,
        victims=tuple(_victim_span(v) for v in heads),
        victim_heads=tuple(v.i for v in heads),
        counts=tuple((f.kind, i, n) for f in findings if not f.toll for i, n in f.counts),
    )
