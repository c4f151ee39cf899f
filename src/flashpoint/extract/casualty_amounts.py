"""Casualty word lists and the amounts victim phrases state.

Number words and spelled-out numbers ("thirty-three", "a dozen", "1,200"), quantity modifiers
("at least", "up to") and vague amounts ("dozens"): what ``flashpoint.extract.casualties`` reads
off the victims of a casualty word.  Word lists live in ``resources/casualties/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token
from text_to_num import text2num

from flashpoint.resources import read_tsv

# ---------------------------------------------------------------- word lists


@dataclass(frozen=True)
class CasualtyEntry:
    kind: str  # "fatal" | "injury"
    role: str
    required: str


@dataclass(frozen=True)
class CasualtyWords:
    entries: dict[str, tuple[CasualtyEntry, ...]]
    vague: dict[str, bool]  # word -> still a lower bound
    multipliers: dict[str, int]
    modifiers: dict[str, str]  # "at least" -> "lower"
    persons: frozenset[str]


@lru_cache(maxsize=1)
def casualty_words() -> CasualtyWords:
    def rows(name: str) -> tuple[dict[str, str], ...]:
        return read_tsv(f"casualties/{name}.tsv")

    entries: dict[str, list[CasualtyEntry]] = {}
    for row in rows("lexicon"):
        entry = CasualtyEntry(row["kind"], row["role"], row.get("required", ""))
        entries.setdefault(row["lemma"], []).append(entry)
    return CasualtyWords(
        entries={k: tuple(v) for k, v in entries.items()},
        vague={r["word"]: r["lower_bound"] == "yes" for r in rows("vague_amounts")},
        multipliers={r["word"]: int(r["factor"]) for r in rows("multipliers")},
        modifiers={r["phrase"]: r["reading"] for r in rows("quantity_modifiers")},
        persons=frozenset(r["lemma"] for r in rows("person_nouns")),
    )


# ---------------------------------------------------------------- amounts

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")


@dataclass(frozen=True)
class Amount:
    value: int | None
    lower_bound: bool


def is_number_word(token: Token) -> bool:
    return token.like_num or token.lower_ in casualty_words().multipliers


def _number_tokens(head: Token) -> list[Token]:
    """The contiguous tokens spelling the number that ``head`` belongs to."""
    doc, multipliers = head.doc, casualty_words().multipliers

    def joins(left: int, right: int) -> bool:
        """May doc[left] and doc[right] (left < right) belong to one number?"""
        if right >= len(doc) or left < 0:
            return False
        a, b = doc[left], doc[right]
        if is_number_word(a) and is_number_word(b):
            return True
        if a.text in {"-", "and"}:  # "thirty - three", "one hundred and twenty"
            return left > 0 and is_number_word(doc[left - 1]) and is_number_word(b)
        if b.text in {"-", "and"}:
            return is_number_word(a) and right + 1 < len(doc) and doc[right + 1].like_num
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
    multipliers = casualty_words().multipliers
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
    for phrase, reading in sorted(casualty_words().modifiers.items(), key=lambda kv: -len(kv[0])):
        if before == phrase or before.endswith(" " + phrase):
            return reading
    return ""


def number_amount(head: Token) -> Amount | None:
    tokens = _number_tokens(head)
    value = parse_number(" ".join(t.text for t in tokens))
    if value is None:
        return None
    return Amount(value, _modifier_before(tokens[0]) == "lower")


def amount_of(noun: Token) -> tuple[Amount | None, Token | None]:
    """The amount a victim phrase states and the noun naming the victims (None if only a count)."""
    lex = casualty_words()
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
        return Amount(None, lex.vague[noun.lower_]), of_object
    if noun.like_num or noun.lower_ in lex.multipliers:
        return number_amount(noun), of_object
    if of_object is not None and of_object.like_num:
        return number_amount(of_object), noun  # "a family of six", "a crew of five"
    for child in noun.children:
        if child.dep_ in {"nummod", "amod", "quantmod"} and is_number_word(child):
            return number_amount(child), noun
        if child.dep_ in {"amod", "det", "nummod"} and child.lower_ in lex.vague:
            return Amount(None, lex.vague[child.lower_]), noun
    if _is_single_person(noun):
        return Amount(1, False), noun
    return None, noun if _is_person(noun) else None


def _is_person(noun: Token) -> bool:
    return noun.lemma_.lower() in casualty_words().persons or noun.ent_type_ in {"PERSON", "NORP"}


def _is_single_person(noun: Token) -> bool:
    if noun.lower_ in {"he", "she", "him", "her"}:
        return True
    if noun.tag_ not in {"NN", "NNP"}:
        return False
    return noun.lemma_.lower() in casualty_words().persons or noun.ent_type_ == "PERSON"


def subject_dies(verb: Token) -> bool:
    """Is the verb's subject the dead ('ten civilians died', 'lost their lives')?"""
    objects = {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
    return any(
        e.role == "intransitive" or (e.role == "object" and e.required in objects)
        for e in casualty_words().entries.get(verb.lemma_.lower(), ())
    )
