"""The speed work's shortcuts (sentence marks, name scan, proper-noun runs) against the plain
token-by-token computations they replaced."""

from __future__ import annotations

import random

import pytest
from spacy.tokens import Doc, Span

from flashpoint.clean import dateline_spans
from flashpoint.extract.places import _unmatched_runs
from flashpoint.gazetteer.normalise import ARABIC_ARTICLES
from flashpoint.gazetteer.spans import _name_starts
from flashpoint.nlp import get_nlp, mark_segments, parse, token_table

_TEXTS = [
    "",
    "One",
    "KYIV, Ukraine — Russian troops shelled al-Bab\n\nand Ras al-Ain on Friday.",
    "Headline\nIDLIB, Syria (AP) — A strike hit Saraqeb.\n\n\n. Then more.",
    "Line one \n line two\n\n- a list item\n...\nEnd",
    "\n\nLeading breaks. And Bir al-Abed, near Ash-Shaddadi.\n",
]


def _plain_marks(doc: Doc) -> list[bool]:
    """Sentence starts the component sets, one token at a time."""
    dateline_ends = sorted(end for _start, end in dateline_spans(doc.text))
    starts = [False] * len(doc)
    pending = False
    for i in range(1, len(doc)):
        while dateline_ends and doc[i].idx >= dateline_ends[0]:
            dateline_ends.pop(0)
            pending = True
        pending = pending or "\n" in doc[i - 1].text
        if pending and not doc[i].is_space and not doc[i].is_punct:
            starts[i] = True
            pending = False
    return starts


def _random_texts(n: int) -> list[str]:
    pieces = ["\n", "\n\n", " \n ", "  ", ".", " - ", "IDLIB, Syria (AP) — ", "Hello", "word"]
    pieces += [",", "\t", "KYIV, Ukraine —", "\n.\n", "...", " "]
    rng = random.Random(7)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(n)]


@pytest.mark.parametrize("text", _TEXTS + _random_texts(200))
def test_sentence_marks_are_those_of_the_token_walk(text: str) -> None:
    nlp = get_nlp()
    expected = _plain_marks(nlp.make_doc(text))
    doc = mark_segments(nlp.make_doc(text))
    if len(doc) < 2:
        return
    assert [bool(t.is_sent_start) and t.i > 0 for t in doc] == expected


@pytest.mark.parametrize("text", _TEXTS)
def test_name_starts_are_capitals_and_glued_articles(text: str) -> None:
    doc = parse(text)
    expected = [
        t.i
        for t in doc
        if t.text[:1].isupper()
        or (t.text.lower() in ARABIC_ARTICLES and t.i + 1 < len(doc) and doc[t.i + 1].text in "-'")
    ]
    assert _name_starts(token_table(doc)) == expected


def _plain_runs(doc: Doc) -> list[Span]:
    runs: list[Span] = []
    start = None
    for i in range(len(doc) + 1):
        inside = i < len(doc) and (
            doc[i].pos_ == "PROPN" or (start is not None and doc[i].text in {"-", "'", "’"})
        )
        if inside and start is None and doc[i].text[:1].isupper():
            start = i
        elif not inside and start is not None:
            end = i
            while end > start and not doc[end - 1].text[:1].isalpha():
                end -= 1
            runs.append(doc[start:end])
            start = None
    return runs


@pytest.mark.parametrize("text", _TEXTS)
def test_proper_noun_runs_are_those_of_the_token_walk(text: str) -> None:
    doc = parse(text)
    assert [(s.start, s.end) for s in _unmatched_runs(doc, [])] == [
        (s.start, s.end) for s in _plain_runs(doc)
    ]
