"""The one place that loads spaCy.  Every stage receives the parsed ``Doc``; none loads a model."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

import numpy as np
import spacy
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SPACY,
    TAG,
)
from spacy.language import Language
from spacy.tokens import Doc

from flashpoint.clean import dateline_spans
from flashpoint.errors import ModelNotInstalledError
from flashpoint.settings import get_settings

# Lemmatizer and attribute ruler stay: triggers are matched on lemmas.  Nothing else is unused.
_DISABLED: tuple[str, ...] = ()


@lru_cache(maxsize=2)
def get_nlp(model: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline named in settings."""
    name = model or get_settings().spacy_model
    try:
        nlp = spacy.load(name, disable=list(_DISABLED))
    except OSError as exc:
        raise ModelNotInstalledError(f"spaCy model {name!r} is not installed") from exc
    nlp.max_length = max(nlp.max_length, get_settings().max_article_chars + 1)
    if "flashpoint_segments" not in nlp.pipe_names:
        nlp.add_pipe("flashpoint_segments", before="parser")
    return nlp


def parse(text: str) -> Doc:
    return get_nlp()(text)


def parse_many(texts: Iterable[str], *, batch_size: int | None = None) -> Iterator[Doc]:
    """Parse texts in batches with ``nlp.pipe`` (much faster than one call per text)."""
    size = batch_size or get_settings().batch_size
    yield from get_nlp().pipe(texts, batch_size=size)


def parse_kept(texts: Iterable[str], *, batch_size: int) -> Iterator[Doc]:
    """``parse_many``, each doc knowing its text (``keep_text``) from the start: the segment
    marks then read it instead of joining every token again."""
    nlp = get_nlp()
    docs = (keep_text(nlp.make_doc(text), text) for text in texts)
    yield from nlp.pipe(docs, batch_size=batch_size)


@Language.component("flashpoint_segments")
def mark_segments(doc: Doc) -> Doc:
    """Sentence starts the parser must respect: after a line break (headlines, captions and
    paragraphs are never one sentence) and after a dateline ("KRAMATORSK, Ukraine —"), which
    otherwise swallows the lead sentence's verb into its parse."""
    if len(doc) < 2:
        return doc
    rows = doc.to_array([IDX, IS_SPACE, IS_PUNCT, ORTH, SPACY])
    kept = doc.user_data.get("flashpoint_text")  # the text ``parse_kept`` parses from
    text = (
        kept
        if isinstance(kept, str)
        else _joined_text(doc, rows[:, 3].tolist(), rows[:, 4].tolist())
    )
    starts = rows[:, 0]
    # Tokens after which a sentence must start: the one after a token holding a line break,
    # and the first one at or past each dateline's end (token 0 never starts one here).
    marks: set[int] = set()
    newline = text.find("\n")
    while newline != -1:
        holder = int(np.searchsorted(starts, newline, side="right")) - 1
        after = newline + 1
        if holder >= 0:
            holder_end = int(starts[holder]) + len(doc[holder])
            if newline < holder_end:
                marks.add(holder + 1)
                after = holder_end
        newline = text.find("\n", after)
    leads: set[int] = set()  # the first tokens after a dateline
    for _start, end in dateline_spans(text):
        leads.add(max(1, int(np.searchsorted(starts, end, side="left"))))
    marks |= leads
    # From each mark, the next word (not space, not punctuation) starts a sentence.
    words = (rows[:, 1] == 0) & (rows[:, 2] == 0)
    done = 0  # marks up to here are served by the sentence start already set
    for mark in sorted(marks):
        if mark <= done or mark >= len(doc):
            continue
        ahead = np.flatnonzero(words[mark:])
        if not len(ahead):
            break
        done = mark + int(ahead[0])
        doc[done].is_sent_start = True
        if mark in leads and done + 1 < len(doc) and words[done + 1] and done + 1 not in marks:
            # "KYIV - Ukraine and Russia exchanged ...": the lead's first word is no sentence
            doc[done + 1].is_sent_start = False
    return doc


def _joined_text(doc: Doc, orths: list[int], spaces: list[int]) -> str:
    """``doc.text`` from the ``ORTH`` and ``SPACY`` columns: the same join of each token's text
    and its trailing space, without building a ``Token`` per word as ``doc.text`` does."""
    names = _caches()[0]
    words = _mapped(names, orths, doc.vocab.strings.__getitem__)
    return "".join(
        [word + " " if space else word for word, space in zip(words, spaces, strict=True)]
    )


def doc_text(doc: Doc) -> str:
    """``doc.text`` joins every token on each access; stages ask for it often, so keep one copy."""
    cached = doc.user_data.get("flashpoint_text")
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data["flashpoint_text"] = cached
    return cached


def keep_text(doc: Doc, text: str) -> Doc:
    """Record the text ``doc`` was parsed from as its ``doc_text`` (spaCy's tokenizer is
    lossless, so it is ``doc.text`` without joining every token again)."""
    doc.user_data["flashpoint_text"] = text
    return doc


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Per-token strings and flags of a doc, by token index.  A spaCy ``Token`` is rebuilt on
    every ``doc[i]`` and each attribute is a lookup, so scans over every token of an article read
    this table instead (and create a ``Token`` only where the table says one can matter): one
    ``Doc.to_array`` call builds it."""

    text: tuple[str, ...]
    start: tuple[int, ...]  # character offset (``Token.idx``)
    pos: tuple[str, ...]
    ent_type: tuple[str, ...]
    is_punct: tuple[bool, ...]
    is_alpha: tuple[bool, ...]
    space_after: tuple[bool, ...]  # a space follows (``Token.whitespace_``)
    lower: tuple[str, ...]  # ``Token.lower_``
    lemma: tuple[str, ...]  # ``Token.lemma_.lower()``
    dep: tuple[str, ...]
    tag: tuple[str, ...]
    # The parse as plain ints: ``Token.head.i`` (a root is its own head), and ``Token.children``
    # as indices (ascending, as spaCy yields them), read without building a ``Token`` per step.
    head: tuple[int, ...]
    children: tuple[tuple[int, ...], ...]

    def span_text(self, doc_text: str, start: int, end: int) -> str:
        """``doc[start:end].text`` for a non-empty token range."""
        return doc_text[self.start[start] : self.end_char(end - 1)]

    def end_char(self, token: int) -> int:
        """Character offset just past the token (``Span.end_char`` of a span ending on it)."""
        return self.start[token] + len(self.text[token])

    def ancestors(self, token: int) -> list[int]:
        """``Token.ancestors`` as indices: the head, its head, ... up to the root."""
        out: list[int] = []
        head = self.head
        while head[token] != token and len(out) < len(head):
            token = head[token]
            out.append(token)
        return out

    def subtree(self, token: int) -> list[int]:
        """``Token.subtree`` as indices, in spaCy's order: each left child's subtree, the token,
        each right child's subtree (not always ascending: the parse may cross itself)."""
        out: list[int] = []
        pending = [token]  # a token to expand, or ``~token`` to emit once its lefts are out
        children = self.children
        while pending:
            at = pending.pop()
            if at < 0:
                out.append(~at)
                continue
            kids = children[at]
            if not kids:
                out.append(at)
                continue
            lefts = bisect_left(kids, at)
            pending.extend(reversed(kids[lefts:]))
            pending.append(~at)
            pending.extend(reversed(kids[:lefts]))
        return out


def sentence_starts(doc: Doc) -> tuple[int, ...]:
    """Token index of each sentence start, ascending (``doc.sents`` rebuilds every span)."""
    cached = doc.user_data.get("flashpoint_sentence_starts")
    if not isinstance(cached, tuple):
        cached = tuple(sent.start for sent in doc.sents)
        doc.user_data["flashpoint_sentence_starts"] = cached
    return cached


def picked_tokens(
    doc: Doc, name: str, owner: object, pick: Callable[[TokenTable], list[int]]
) -> list[int]:
    """The ascending token indices ``pick`` selects from the doc's table, kept with the doc
    under ``name`` for ``owner`` (the lexicon or word list it looks words up in): stages that
    test every word of each sentence test every word of the doc once.  Picked again once a
    parse repair has replaced the table."""
    table = token_table(doc)
    cached = doc.user_data.get(name)
    if isinstance(cached, tuple) and cached[0] is table and cached[1] is owner:
        return cached[2]  # type: ignore[no-any-return]
    picked = pick(table)
    doc.user_data[name] = (table, owner, picked)
    return picked


def within(indices: list[int], start: int, end: int) -> list[int]:
    """The ascending ``indices`` in ``start:end``."""
    return indices[bisect_left(indices, start) : bisect_left(indices, end)]


# String-store hashes already looked up, and lemmas already lowercased: a hash (or a symbol's
# number) always names the same string, whichever pipeline made it.  Replaced by fresh ones past
# a limit, so memory stays flat over any corpus (a table being built keeps its own references).
_CACHE_LIMIT = 500_000
_cache: tuple[dict[int, str], dict[str, str]] = ({}, {})


def _caches() -> tuple[dict[int, str], dict[str, str]]:
    global _cache
    if len(_cache[0]) > _CACHE_LIMIT:
        _cache = ({}, {})
    return _cache


_K = TypeVar("_K", int, str)
_TABLE_ATTRS = (ORTH, IDX, POS, ENT_TYPE, IS_PUNCT, IS_ALPHA, SPACY, LOWER, LEMMA, DEP, TAG, HEAD)


def _mapped(known: dict[_K, str], keys: Sequence[_K], make: Callable[[_K], str]) -> tuple[str, ...]:
    """``tuple(known[k] for k in keys)``, adding the keys ``known`` lacks (made by ``make``):
    after the first articles nearly every key is known, so no set is built for the check."""
    try:
        return tuple(map(known.__getitem__, keys))
    except KeyError:
        for key in set(keys).difference(known):
            known[key] = make(key)
        return tuple(map(known.__getitem__, keys))


def _children(heads: list[int]) -> tuple[tuple[int, ...], ...]:
    kids: list[list[int]] = [[] for _ in heads]
    for i, head in enumerate(heads):
        if head != i:
            kids[head].append(i)
    return tuple(map(tuple, kids))


# The doc asked about last, with its table: stages ask again and again about the doc in hand
# (one tuple, so a reader never pairs one doc with another's table).
_last_table: tuple[Doc, TokenTable] | None = None


def token_table(doc: Doc) -> TokenTable:
    """The doc's ``TokenTable``, built once and kept with the doc."""
    global _last_table
    last = _last_table
    if last is not None and last[0] is doc:
        return last[1]
    cached = doc.user_data.get("flashpoint_tokens")
    if isinstance(cached, TokenTable):
        _last_table = (doc, cached)
        return cached
    if len(doc) == 0:
        cached = TokenTable(*(((),) * 13))
    else:
        array = doc.to_array(list(_TABLE_ATTRS))
        rows = array.T.tolist()
        flags = (array[:, [4, 5, 6]] != 0).T.tolist()  # IS_PUNCT, IS_ALPHA, SPACY as bools
        names, lowered = _caches()
        lookup = doc.vocab.strings

        def strings(k: int) -> tuple[str, ...]:
            return _mapped(names, rows[k], lookup.__getitem__)

        lemmas = _mapped(lowered, strings(8), str.lower)
        heads = (array[:, 11].view(np.int64) + np.arange(len(doc))).tolist()  # HEAD is relative
        cached = TokenTable(
            text=strings(0),
            start=tuple(rows[1]),
            pos=strings(2),
            ent_type=strings(3),
            is_punct=tuple(flags[0]),
            is_alpha=tuple(flags[1]),
            space_after=tuple(flags[2]),
            lower=strings(7),
            lemma=lemmas,
            dep=strings(9),
            tag=strings(10),
            head=tuple(heads),
            children=_children(heads),
        )
    doc.user_data["flashpoint_tokens"] = cached
    _last_table = (doc, cached)
    return cached


def forget_tree(doc: Doc, keys: Iterable[str]) -> None:
    """Drop what stages keep with the doc under ``keys`` and its token table: the parse changed."""
    global _last_table
    for key in keys:
        doc.user_data.pop(key, None)
    doc.user_data.pop("flashpoint_tokens", None)
    if _last_table is not None and _last_table[0] is doc:
        _last_table = None
