"""Trigger words that tell of no event: 'refused to comment', '50,000 people crossed into
Armenia', 'warned of a high threat', 'a jet that crashed, killing all ten'."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from functools import lru_cache

from spacy.tokens import Token

from flashpoint.extract.aims import AIMING_VERBS
from flashpoint.extract.attribution import speech_lemmas
from flashpoint.extract.lexicon import Lexicon, Trigger
from flashpoint.extract.parse_paths import pobjs
from flashpoint.model import Actor
from flashpoint.nlp import sentence_starts, token_table
from flashpoint.resources import read_tsv


def no_comment(refusal: Token) -> bool:
    said = speech_lemmas() | {"comment", "elaborate", "discuss", "speak", "respond"}
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in said for c in refusal.children)


def people_moving(token: Token, trig: Trigger, sources: list[Actor]) -> bool:
    if trig.event_type != "ASSAULT" or token.lemma_.lower() not in {"cross", "enter", "flee"}:
        return False
    return bool(sources) and all(not s.org and s.sector in {"CVL", "REF"} for s in sources)


_DEONTIC = frozenset({"should", "must", "ought", "shall"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def insinuation(trigger: Token) -> bool:
    """'the Kremlin suggested the attackers had links to Ukraine': a hint about what is so, not
    a proposal ('suggested that Egypt should take in refugees', 'suggested that he resign')."""
    if trigger.lemma_.lower() != "suggest":
        return False
    for clause in (c for c in trigger.children if c.dep_ == "ccomp"):
        modals = {a.lower_ for a in clause.children if a.dep_ == "aux" and a.tag_ == "MD"}
        finite = clause.tag_ in _FINITE or any(
            a.dep_ in {"aux", "auxpass"} and a.tag_ in _FINITE for a in clause.children
        )
        if not modals & _DEONTIC and (finite or modals):
            return True
    return False


_FORCES = frozenset({"MIL", "REB", "UAF", "IGO"})


def departure(token: Token, trig: Trigger, sources: list[Actor]) -> bool:
    """'Zelensky left Kyiv for Washington': someone leaving a place is a withdrawal only when
    forces leave it ('the last American troops left Afghanistan')."""
    if trig.event_type != "RETREAT" or token.lemma_.lower() != "leave":
        return False
    return not sources or not all(s.sector in _FORCES for s in sources)


def alert(trigger: Token) -> bool:
    """'warned of a high threat', 'a warning about floods': what is warned of, with no
    addressee and no said consequence, is a danger, not a threat by the speaker."""
    if trigger.lemma_.lower() not in {"warn", "warning"}:
        return False
    children = list(trigger.children)
    about = [c for c in children if c.dep_ == "prep" and c.lower_ in {"of", "about"}]
    said = any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in children)
    # "warned of 'overwhelming' retaliation": what the speaker itself will do is a threat
    answer = any(g.lemma_.lower() in _ANSWERS for p in about for g in p.children)
    return bool(about) and not said and not answer


_ANSWERS = frozenset(
    {"retaliation", "response", "reprisal", "consequence", "countermeasure", "revenge"}
    | {"retribution", "punishment"}
)


@lru_cache(maxsize=1)
def _accident_words() -> dict[str, frozenset[str]]:
    rows = read_tsv("events/accidents.tsv")
    return {
        kind: frozenset(r["word"] for r in rows if r["kind"] == kind) for kind in ("verb", "noun")
    }


def accidental(trigger: Token) -> bool:
    """'a jet that crashed ..., killing all ten', 'floods killed 300': deaths with no attacker."""
    words = _accident_words()
    # Read by index from the token table: every attack trigger asks, most sentences are long.
    table = token_table(trigger.doc)
    lemma, pos, dep, children = table.lemma, table.pos, table.dep, table.children
    at = clause = trigger.i
    if dep[at] in {"advcl", "conj", "xcomp"} and table.tag[at] == "VBG":
        clause = table.head[at]  # "crashed ..., killing": the cause is the verb before it
        starts = sentence_starts(trigger.doc)  # back to the sentence start
        first = starts[bisect_right(starts, at - 1) - 1] if at > 0 else at
        if any(lemma[i] in words["verb"] and pos[i] == "VERB" for i in range(first, at)):
            return True
    for child in children[at]:  # "was killed when his helicopter crashed"
        if dep[child] == "advcl" and lemma[child] in words["verb"]:
            return True
    for child in children[clause]:
        if dep[child] in {"nsubj", "nsubjpass", "agent"}:
            for t in table.subtree(child):
                if lemma[t] in words["noun"] and pos[t] == "NOUN":
                    return True
    return False


_SEA = frozenset({"sea", "water", "waters", "ocean"})


def weapons_test(token: Token, trig: Trigger, lexicon: Lexicon) -> Trigger | None:
    """'North Korea launched a ballistic missile into the sea', 'fired missiles into waters
    around Taiwan': missiles fired into the sea hit no one; they show force (PLOVER MOBILIZE,
    CAMEO 152, the lexicon's row for 'tested a missile')."""
    if trig.event_type != "ASSAULT" or token.lemma_.lower() not in {"fire", "launch"}:
        return None
    landing = pobjs(token, ["into", "in", "off", "toward", "towards"])
    if not any(p.lemma_.lower() in _SEA for p in landing):
        return None
    rows = [r for r in lexicon.candidates("test", "VERB") if r.event_type == "MOBILIZE"]
    return rows[0] if rows else None


def aim_of_another_act(token: Token, triggers: Mapping[int, Trigger]) -> bool:
    """'agreed new sanctions against Russia, targeting tankers of its shadow fleet': what a
    sanction or a decision targets is not attacked; 'targeting' tells the aim of the act in the
    clause it hangs on."""
    if token.lemma_.lower() not in AIMING_VERBS or token.dep_ not in {"advcl", "conj"}:
        return False
    clause = token.head
    acts = [clause, *(c for c in clause.children if c.dep_ in {"dobj", "nsubjpass", "attr"})]
    acts += [g for c in acts[1:] for g in c.subtree if g.dep_ == "pobj"]  # "a package of sanctions"
    found = [triggers[t.i].event_type for t in acts if t.i in triggers]
    return bool(found) and "ASSAULT" not in found


@lru_cache(maxsize=1)
def _idioms() -> dict[str, frozenset[str]]:
    return {r["verb"]: frozenset(r["objects"].split("|")) for r in read_tsv("events/idioms.tsv")}


def idiom(trigger: Token) -> bool:
    """'did not meet the group's demands', 'struck a conciliatory tone': a trigger verb whose
    object makes the phrase mean something else (events/idioms.tsv)."""
    objects = _idioms().get(trigger.lemma_.lower())
    if not objects or trigger.pos_ != "VERB":
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in trigger.children)


# Verbs of punishing someone for a crime: what follows "of"/"for" is the crime punished.
_VERDICTS = frozenset({"convict", "sentence", "jail", "imprison", "acquit", "execute", "hang"})


def crime_punished(trigger: Token) -> bool:
    """'hanged a man convicted of killing a policeman', 'jailed for taking part in protests':
    the crime a court punished says who the convict is; it is not the news of the sentence."""
    word = trigger
    while word.dep_ in _INSIDE_A_CHARGE and word.head is not word:
        word = word.head
        if word.dep_ == "prep" and word.lower_ in {"of", "for"}:
            return word.head.lemma_.lower() in _VERDICTS
    return False


# How the words of a charge hang together under its "of"/"for" ("for taking part in protests").
_INSIDE_A_CHARGE = frozenset({"pcomp", "pobj", "prep", "dobj"})


_SKYWARD = frozenset({"air", "sky"})


def warning_shots(trigger: Token) -> bool:
    """'fired into the air', 'fired warning shots at soldiers': a threat of force (PLOVER
    THREATEN, CAMEO 138), nobody shot at (what the shots were meant to do, 'to disperse the
    crowd', is coded on its own)."""
    if trigger.lemma_.lower() not in {"fire", "shoot"}:
        return False
    skyward = any(t.lemma_.lower() in _SKYWARD for t in pobjs(trigger, ["in", "into"]))
    warning = any(
        c.dep_ == "dobj" and any(g.lower_ == "warning" for g in c.children)
        for c in trigger.children
    )
    return skyward or warning
