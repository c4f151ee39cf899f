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

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token
from text_to_num import text2num

from flashpoint.extract.dates import clause_head
from flashpoint.resources import read_tsv


@dataclass(frozen=True, slots=True)
class Casualties:
    fatalities: int | None
    injuries: int | None
    fatalities_lower_bound: bool
    injuries_lower_bound: bool
    victims: tuple[tuple[int, int], ...]  # doc-level char spans of the victim noun phrases
    victim_heads: tuple[int, ...]  # doc-level token indices of the victim head nouns


NO_CASUALTIES = Casualties(None, None, False, False, (), ())

# ---------------------------------------------------------------- word lists


@dataclass(frozen=True)
class _Entry:
    kind: str  # "fatal" | "injury"
    role: str
    required: str


@dataclass(frozen=True)
class _Lexicon:
    entries: dict[str, tuple[_Entry, ...]]
    vague: dict[str, bool]  # word -> still a lower bound
    multipliers: dict[str, int]
    modifiers: dict[str, str]  # "at least" -> "lower"
    persons: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    def rows(name: str) -> tuple[dict[str, str], ...]:
        return read_tsv(f"casualties/{name}.tsv")

    entries: dict[str, list[_Entry]] = {}
    for row in rows("lexicon"):
        entry = _Entry(row["kind"], row["role"], row.get("required", ""))
        entries.setdefault(row["lemma"], []).append(entry)
    return _Lexicon(
        entries={k: tuple(v) for k, v in entries.items()},
        vague={r["word"]: r["lower_bound"] == "yes" for r in rows("vague_amounts")},
        multipliers={r["word"]: int(r["factor"]) for r in rows("multipliers")},
        modifiers={r["phrase"]: r["reading"] for r in rows("quantity_modifiers")},
        persons=frozenset(r["lemma"] for r in rows("person_nouns")),
    )


# ---------------------------------------------------------------- amounts

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")


@dataclass(frozen=True)
class _Amount:
    value: int | None
    lower_bound: bool


def _is_number_word(token: Token) -> bool:
    return token.like_num or token.lower_ in _lexicon().multipliers


def _number_tokens(head: Token) -> list[Token]:
    """The contiguous tokens spelling the number that ``head`` belongs to."""
    doc, multipliers = head.doc, _lexicon().multipliers

    def joins(left: int, right: int) -> bool:
        """May doc[left] and doc[right] (left < right) belong to one number?"""
        if right >= len(doc) or left < 0:
            return False
        a, b = doc[left], doc[right]
        if _is_number_word(a) and _is_number_word(b):
            return True
        if a.text in {"-", "and"}:  # "thirty - three", "one hundred and twenty"
            return left > 0 and _is_number_word(doc[left - 1]) and _is_number_word(b)
        if b.text in {"-", "and"}:
            return _is_number_word(a) and right + 1 < len(doc) and doc[right + 1].like_num
        # "a dozen", "half a dozen"
        return (a.lower_ in {"a", "an"} and b.lower_ in multipliers) or (
            a.lower_ == "half" and b.lower_ == "a"
        )

    start = end = head.i
    while joins(start - 1, start):
        start -= 1
    while joins(end, end + 1):
        end += 1
    return list(doc[start : end + 1])


def parse_number(words: str) -> int | None:
    """ "33", "1,200", "thirty-three", "a dozen", "two dozen", "half a dozen" -> int."""
    text = " ".join(words.lower().replace(" - ", "-").split())
    if _DIGITS.match(text):
        return int(text.replace(",", ""))
    multipliers = _lexicon().multipliers
    parts = text.rsplit(" ", 1)
    if parts[-1] in multipliers:
        base = parts[0] if len(parts) > 1 else "a"
        factor = {"a": 1.0, "an": 1.0, "half a": 0.5}.get(base)
        count = factor if factor is not None else parse_number(base)
        return int(count * multipliers[parts[-1]]) if count is not None else None
    if text in {"a", "an"}:
        return 1
    try:
        return int(text2num(text, "en"))
    except ValueError:
        return None


def _modifier_before(first: Token) -> str:
    """ "lower", "upper" or "approx" from the words just before a number, else ""."""
    doc = first.doc
    before = " ".join(t.lower_ for t in doc[max(0, first.i - 3) : first.i])
    for phrase, reading in sorted(_lexicon().modifiers.items(), key=lambda kv: -len(kv[0])):
        if before == phrase or before.endswith(" " + phrase):
            return reading
    return ""


def _number_amount(head: Token) -> _Amount | None:
    tokens = _number_tokens(head)
    value = parse_number(" ".join(t.text for t in tokens))
    if value is None:
        return None
    return _Amount(value, _modifier_before(tokens[0]) == "lower")


def _amount_of(noun: Token) -> tuple[_Amount | None, Token | None]:
    """The amount a victim phrase states and the noun naming the victims (None if only a count)."""
    lex = _lexicon()
    if noun.lower_ in {"nobody", "none"} or any(
        c.dep_ == "det" and c.lower_ == "no" for c in noun.children
    ):
        return None, None  # "no one was killed"
    of_object = next(
        (
            g
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ),
        None,
    )
    if noun.lower_ in lex.vague:
        return _Amount(None, lex.vague[noun.lower_]), of_object
    if noun.like_num or noun.lower_ in lex.multipliers:
        return _number_amount(noun), of_object
    for child in noun.children:
        if child.dep_ in {"nummod", "amod", "quantmod"} and _is_number_word(child):
            return _number_amount(child), noun
        if child.dep_ in {"amod", "det", "nummod"} and child.lower_ in lex.vague:
            return _Amount(None, lex.vague[child.lower_]), noun
    if _is_single_person(noun):
        return _Amount(1, False), noun
    return None, noun if _is_person(noun) else None


def _is_person(noun: Token) -> bool:
    return noun.lemma_.lower() in _lexicon().persons or noun.ent_type_ in {"PERSON", "NORP"}


def _is_single_person(noun: Token) -> bool:
    if noun.lower_ in {"he", "she", "him", "her"}:
        return True
    if noun.tag_ not in {"NN", "NNP"}:
        return False
    return noun.lemma_.lower() in _lexicon().persons or noun.ent_type_ == "PERSON"


# ---------------------------------------------------------------- casualty words -> findings


@dataclass(frozen=True)
class _Finding:
    anchor: Token  # the casualty word
    kind: str
    value: int | None
    lower_bound: bool
    victims: tuple[Token, ...]
    toll: bool = False


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
    lex = _lexicon()
    if noun.like_num or noun.lower_ in lex.vague:
        return True
    return any(c.dep_ == "nummod" and _is_number_word(c) for c in noun.children)


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


def _victims_for(token: Token, entry: _Entry) -> list[Token]:
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
    counted = False
    for noun in (n for v in victims for n in _with_conjuncts(v)):
        amount, name = _amount_of(noun)
        if name is not None and name.pos_ in {"NOUN", "PROPN"}:
            names.append(name)
        if amount is None:
            lower = lower or (name is not None and name.tag_ in {"NNS", "NNPS"})
            continue
        counted = True
        lower = lower or amount.lower_bound
        if amount.value is not None:
            total = (total or 0) + amount.value
    if not counted and not names:
        return None  # "killed the deal": no people, no count
    if total is None and not counted:
        lower = False  # plural victims without any amount: no count, no bound
    return _Finding(anchor, kind, total, lower, tuple(names))


def _findings_at(token: Token) -> Iterator[_Finding]:
    for entry in _lexicon().entries.get(token.lemma_.lower(), ()):
        if entry.role == "noun" and token.pos_ == "NOUN":
            number = _child(token, "nummod")
            amount = _number_amount(number) if number is not None else None
            if amount is not None:
                yield _Finding(token, entry.kind, amount.value, amount.lower_bound, ())
        elif entry.role == "toll" and token.pos_ == "NOUN":
            number = _toll_number(token)
            amount = _number_amount(number) if number is not None else None
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
    roles = {e.role for e in _lexicon().entries.get(verb.lemma_.lower(), ())}
    if roles & {"intransitive", "object"}:
        return _child(verb, "nsubj") is not None
    return bool(roles & {"transitive", "particle"}) and _has_passive_reading(verb)


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
    return _agentless(token)


def _climb(start: Token, *, from_trigger: bool) -> list[Token]:
    """``start`` and the heads above it, as long as each step stays within one event.

    From a casualty word, the first step may follow a conjunct sharing the subject; from the
    trigger, the first step may leave an adverbial clause ("killed when shells hit")."""
    path = [start]
    current, first = start, True
    while current.head.i != current.i:
        allowed = first and from_trigger and current.dep_ == "advcl"
        if not (allowed or _may_climb(current, first and not from_trigger)):
            break
        current, first = current.head, False
        path.append(current)
    return path


def _belongs_to(anchor: Token, trigger: Token) -> bool:
    """Is the casualty word part of the trigger's event (same clause, or one hanging off it)?"""
    trigger_clause = clause_head(trigger)
    targets = {trigger.i, trigger_clause.i}
    anchor_clause = anchor if anchor.pos_ in {"VERB", "AUX"} else clause_head(anchor)
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
        if c.i < noun.i and (c.dep_ in _AMOUNT_DEPS or c.lower_ in _lexicon().vague)
        for t in c.subtree
    ]
    start = max([noun.left_edge.i - 1, *amount_tokens]) + 1
    first, last = noun.doc[start], noun
    return first.idx, last.idx + len(last.text)


_AMOUNT_DEPS = frozenset({"det", "predet", "poss", "quantmod", "nummod"})


def casualties_for(sentence: Span, trigger: Token | None = None) -> Casualties:
    """The toll stated in ``sentence`` for the event of ``trigger`` (the whole sentence if None)."""
    findings = [f for token in sentence for f in _findings_at(token)]
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
    )
