"""Trigger matching: which lexicon row (PLOVER type, CAMEO code, roles) a token triggers."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from flashpoint.extract.actor_dictionary import get_actor_dictionary
from flashpoint.extract.lexicon import Lexicon, Trigger
from flashpoint.nlp import TokenTable, token_table

_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})


def trigger_pos(token: Token) -> str | None:
    if token.pos_ in {"VERB", "AUX"}:
        return "VERB"
    if token.pos_ in {"NOUN", "PROPN"}:
        return "NOUN"
    return None


_LIGHT_VERBS = frozenset({"take", "exact", "seek", "carry", "launch"})


def _object_lemmas(token: Token) -> set[str]:
    """Lemmas of what a verb acts on: objects, passive subjects, prepositional objects."""
    table = token_table(token.doc)  # read by index: no ``Token`` per child
    dep, pos, lemma, lower, children = (
        table.dep,
        table.pos,
        table.lemma,
        table.lower,
        table.children,
    )
    found: set[str] = set()
    for child in children[token.i]:
        if dep[child] in _OBJECT_DEPS or dep[child] in {"nsubjpass", "xcomp"}:
            found.update(_noun_words(table, child))
            if dep[child] == "xcomp" and lemma[child] in _LIGHT_VERBS:
                # "vowed to take revenge": the light verb's object says what is vowed
                for grand in children[child]:
                    if dep[grand] == "dobj":
                        found.update(_noun_words(table, grand))
        elif dep[child] == "ccomp" and pos[child] in {"ADJ", "NOUN"}:
            found.update(_noun_words(table, child))  # "branded the sanctions illegal"
        elif dep[child] == "ccomp" and pos[child] == "VERB":
            found.add(lemma[child])  # "vowed that the US would respond"
        elif dep[child] == "prt":
            found.add(lemma[child])
        elif dep[child] == "prep" and lower[child] != "according":
            found.add(lower[child])  # "slammed into": a preposition can select the sense
            for grand in children[child]:
                if dep[grand] == "pobj":
                    found.update(_noun_words(table, grand))
    return found


def _noun_words(table: TokenTable, token: int) -> set[str]:
    dep, lemma, children = table.dep, table.lemma, table.children
    clause = table.head[token]
    if table.tag[token] in {"WDT", "WP"} and dep[clause] == "relcl":
        token = table.head[clause]  # "the package that Hungary blocked": the package
    words = {lemma[token], table.lower[token]}
    if table.ent_type[token] == "GPE" or table.lower[token] in _country_names():
        # "the last troops left Afghanistan": a named state fits too (whatever entity type
        # the tagger gives it: "left Mali" is tagged a person)
        words.add("country")
    elif table.ent_type[token] == "PERSON":
        words.add("person")  # "released Edan Alexander": a named person fits person objects
    elif table.ent_type[token] == "NORP" and table.tag[token] in {"NNS", "NNPS"}:
        words.add("people")  # "freed five Americans": people of a nation
    compounds = [c for c in children[token] if dep[c] in {"compound", "amod"}]
    for c in compounds:
        words.add(lemma[c])
        words.add(f"{lemma[c]} {lemma[token]}")
    for prep in children[token]:  # "a string of villages", "dozens of soldiers"
        if dep[prep] == "prep" and table.lower[prep] == "of":
            words.update(lemma[g] for g in children[prep] if dep[g] == "pobj")
    return words


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Lowercased one-word names of states, whatever entity the tagger gives them ("left Mali"
    is tagged a person)."""
    return frozenset(
        key
        for key, entries in get_actor_dictionary().by_key.items()
        if " " not in key and any(e.kind == "country" for e in entries)
    )


def _multiword_ok(token: Token, trig: Trigger) -> bool:
    words = trig.words
    if len(words) == 1:
        return True
    if trig.pos == "NOUN":
        lemmas = token_table(token.doc).lemma
        # Compound noun: the words before the head, contiguous ("air strike") or as modifiers
        # of it ("joint military drills").
        lead = words[:-1]
        start = token.i - len(lead)
        if start >= 0 and lemmas[start : token.i] == lead:
            return True
        # ... anywhere before the head inside its noun phrase ("joint field exercises")
        return set(lead) <= set(lemmas[token.left_edge.i : token.i])
    # Phrasal verb: its particles close after it ("called on", "pulled out"), not any later
    # preposition ("called ... on Tuesday").
    near = {
        c.lemma_.lower()
        for c in token.children
        if c.dep_ in {"prt", "prep", "dobj", "advmod"}
        and 0 < c.i - token.i <= 3
        and not any(g.ent_type_ in {"DATE", "TIME"} for g in c.children)
    }
    return set(words[1:]) <= near


def match_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    """The lexicon row this token triggers, or None.  Object-constrained rows win.

    Many stages ask about the same tokens: the answer is kept with the doc, per lexicon."""
    table = token_table(token.doc)
    i = token.i
    lemma = table.lemma[i]
    if lemma not in lexicon.head_words and table.lower[i] not in lexicon.head_words:
        return None
    known = token.doc.user_data.get("flashpoint_triggers")
    if not isinstance(known, _Known) or known.lexicon is not lexicon:
        known = token.doc.user_data["flashpoint_triggers"] = _Known(lexicon)
    if i not in known:
        known[i] = _match(token, lemma, lexicon)
    return known[i]


class _Known(dict[int, "Trigger | None"]):
    """Triggers already matched in one doc (token index → row), for one lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__()
        self.lexicon = lexicon


def _match(token: Token, lemma: str, lexicon: Lexicon) -> Trigger | None:
    pos = trigger_pos(token)
    if pos is None or token.ent_type_ in {"DATE", "TIME"}:
        return None  # "March 2", "Strike Day": calendar words are never triggers
    rows = lexicon.candidates(lemma, pos)
    if not rows and token.lower_ != lemma:
        rows = lexicon.candidates(token.lower_, pos)
    if not rows:
        return None
    # Objects matter only to rows that require some: read the children only for those.
    constrained = pos == "VERB" and any(trig.objects for trig in rows)
    objects = _object_lemmas(token) if constrained else set()
    best: Trigger | None = None
    best_score = -1
    for trig in rows:
        if not _multiword_ok(token, trig):
            continue
        if trig.objects and not (trig.objects & objects):
            continue
        score = (2 if trig.objects else 0) + len(trig.words)
        if score > best_score:
            best, best_score = trig, score
    return best
