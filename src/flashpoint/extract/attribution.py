"""Attribution: who the report cites for a claim ("Turkish officials said", "according to SANA").

The cited source goes into ``attribution`` and never into an event's actors.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from flashpoint.nlp import doc_text, token_table
from flashpoint.resources import read_tsv

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PARENTHETICAL_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj"})


@lru_cache(maxsize=1)
def speech_lemmas() -> frozenset[str]:
    return frozenset(row["lemma"] for row in read_tsv("attribution/speech_verbs.tsv"))


def _phrase(doc: Doc, token: int) -> str:
    """The noun phrase headed by token, without trailing punctuation or relative clauses."""
    table = token_table(doc)
    words = [
        t
        for t in table.subtree(token)
        if table.dep[t] not in {"relcl", "punct", "acl"} or t == token
    ]
    return table.span_text(doc_text(doc), min(words), max(words) + 1).strip(" ,;:")


@lru_cache(maxsize=4)  # the same for every trigger of the sentence
def _according_to(sent: Span) -> str | None:
    lowers = token_table(sent.doc).lower
    for i in range(sent.start, sent.end):
        if lowers[i] != "according":
            continue
        token = sent.doc[i]
        if token.i + 1 < len(token.doc):
            nxt = token.doc[token.i + 1]
            if nxt.lower_ == "to":
                objs = [c for c in nxt.children if c.dep_ == "pobj"]
                if objs:
                    return _phrase(sent.doc, objs[0].i)
    return None


def _speech_words(doc: Doc) -> tuple[int, ...]:
    """Indices of the doc's tokens whose lemma is a speech verb, ascending (kept with the doc)."""
    cached = doc.user_data.get("flashpoint_speech_words")
    if not isinstance(cached, tuple):
        speech = speech_lemmas()
        cached = tuple(i for i, lemma in enumerate(token_table(doc).lemma) if lemma in speech)
        doc.user_data["flashpoint_speech_words"] = cached
    return cached


def attribution_for(trigger: Token, sent: Span) -> str | None:
    """The source the sentence cites for the event of ``trigger``, or None."""
    cited = _according_to(sent)
    if cited:
        return cited
    # Every reading below goes through a speech verb of the trigger's sentence (its parse tree:
    # spaCy's arcs never leave a sentence), and most sentences have none: no Token walk then.
    speaking = _speech_words(sent.doc)
    if bisect_left(speaking, sent.start) == bisect_left(speaking, sent.end):
        return None
    # The walks below read the doc's token table by index: no ``Token`` per step.
    doc, speech = sent.doc, speech_lemmas()
    table = token_table(doc)
    dep, lemma, head, children = table.dep, table.lemma, table.head, table.children
    current = trigger.i
    for _ in range(6):
        parent = head[current]
        if parent == current:
            break
        if lemma[parent] in speech and dep[current] in {
            "ccomp",
            "parataxis",
            "xcomp",
            "advcl",
            "dobj",
        }:
            subjects = [c for c in children[parent] if dep[c] in _SUBJECT_DEPS]
            if subjects:
                return _phrase(doc, subjects[0])
        current = parent
    root = sent.root.i
    # "..., the ministry said." parses the event clause as the root's complement or the root itself.
    if lemma[root] in speech and root != trigger.i:
        subjects = [c for c in children[root] if dep[c] in _SUBJECT_DEPS]
        if subjects and trigger.i not in table.subtree(subjects[0]):
            return _phrase(doc, subjects[0])
    # ... or hangs "the ministry said" under the event clause as a parenthetical.
    for at in (trigger.i, *table.ancestors(trigger.i)):
        for child in children[at]:
            if lemma[child] in speech and dep[child] in _PARENTHETICAL_DEPS:
                subjects = [c for c in children[child] if dep[c] in _SUBJECT_DEPS]
                if subjects:
                    return _phrase(doc, subjects[0])
    return None
