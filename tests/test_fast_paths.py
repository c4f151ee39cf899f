"""Shortcuts taken for speed must give exactly what the plain computation gives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flashpoint.api import read_articles
from flashpoint.extract import actor_sectors
from flashpoint.extract.actor_dictionary import fold
from flashpoint.extract.actors import ActorResolver
from flashpoint.nlp import parse, parse_many, token_table

_CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _texts(n: int) -> list[str]:
    return [a.text for a in read_articles([_CORPUS], on_error=lambda _e: None)][:n]


@pytest.mark.parametrize(
    "text",
    ["ΟΔΥΣΣΕΥΣ said", "İstanbul and IDLIB", "Straße ΣΑΣ Σ", "ﬁre at Al-Bab", "", "plain text"],
)
def test_fold_keeps_length_and_lowers_each_character_on_its_own(text: str) -> None:
    per_character = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    assert fold(text) == per_character
    assert len(fold(text)) == len(text)


def test_the_token_table_reads_what_the_tokens_say() -> None:
    doc = parse("KYIV, Ukraine — Russian troops shelled al-Bab\n\nand Ras al-Ain on Friday.")
    table = token_table(doc)
    assert token_table(doc) is table  # built once per doc
    assert list(table.text) == [t.text for t in doc]
    assert list(table.start) == [t.idx for t in doc]
    assert list(table.pos) == [t.pos_ for t in doc]
    assert list(table.ent_type) == [t.ent_type_ for t in doc]
    assert list(table.is_punct) == [t.is_punct for t in doc]
    assert list(table.is_alpha) == [t.is_alpha for t in doc]
    assert list(table.space_after) == [t.whitespace_ == " " for t in doc]
    for start in range(len(doc)):
        for end in range(start + 1, min(start + 7, len(doc)) + 1):
            assert table.span_text(doc.text, start, end) == doc[start:end].text


def test_the_token_table_parse_is_spacys_over_whole_articles() -> None:
    for doc in parse_many(_texts(12)):
        table = token_table(doc)
        assert table.head == tuple(t.head.i for t in doc)
        assert table.children == tuple(tuple(c.i for c in t.children) for t in doc)
        assert [table.subtree(t.i) for t in doc] == [[s.i for s in t.subtree] for t in doc]
        assert [table.ancestors(t.i) for t in doc] == [[a.i for a in t.ancestors] for t in doc]


class _Everything(frozenset[str]):
    def __contains__(self, _item: object) -> bool:
        return True


def test_sector_mentions_skip_only_nouns_that_cannot_be_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = list(parse_many(_texts(40)))
    resolver = ActorResolver()
    published = date(2024, 1, 1)
    fast = [resolver(doc, published).mentions for doc in docs]
    monkeypatch.setattr(actor_sectors, "_head_lemmas", lambda _dictionary: _Everything())
    assert [resolver(doc, published).mentions for doc in docs] == fast
    assert sum(len(m) for m in fast) > 100
