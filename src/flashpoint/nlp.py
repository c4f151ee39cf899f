"""The one place that loads spaCy.  Every stage receives the parsed ``Doc``; none loads a model."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
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


@Language.component("flashpoint_segments")
def mark_segments(doc: Doc) -> Doc:
    """Sentence starts the parser must respect: after a line break (headlines, captions and
    paragraphs are never one sentence) and after a dateline ("KRAMATORSK, Ukraine —"), which
    otherwise swallows the lead sentence's verb into its parse."""
    if len(doc) < 2:
        return doc
    dateline_ends = sorted(end for _start, end in dateline_spans(doc.text))
    pending = False
    previous = doc[0]
    for token in doc[1:]:
        while dateline_ends and token.idx >= dateline_ends[0]:
            dateline_ends.pop(0)
            pending = True
        if "\n" in previous.text or "\n" in previous.whitespace_:
            pending = True
        if pending and not token.is_space and not token.is_punct:
            token.is_sent_start = True
            pending = False
        previous = token
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text`` joins every token on each access; stages ask for it often, so keep one copy."""
    cached = doc.user_data.get("flashpoint_text")
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data["flashpoint_text"] = cached
    return cached


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Per-token strings and flags of a doc, by token index.  A spaCy ``Token`` is rebuilt on
    every ``doc[i]`` and each attribute is a lookup, so scans over every token of an article read
    this table instead: one pass over the doc builds it."""

    text: tuple[str, ...]
    start: tuple[int, ...]  # character offset (``Token.idx``)
    pos: tuple[str, ...]
    ent_type: tuple[str, ...]
    is_punct: tuple[bool, ...]
    is_alpha: tuple[bool, ...]
    space_after: tuple[bool, ...]  # a space follows (``Token.whitespace_``)

    def span_text(self, doc_text: str, start: int, end: int) -> str:
        """``doc[start:end].text`` for a non-empty token range."""
        return doc_text[self.start[start] : self.start[end - 1] + len(self.text[end - 1])]


def token_table(doc: Doc) -> TokenTable:
    """The doc's ``TokenTable``, built once and kept with the doc."""
    cached = doc.user_data.get("flashpoint_tokens")
    if not isinstance(cached, TokenTable):
        tokens = [
            (t.text, t.idx, t.pos_, t.ent_type_, t.is_punct, t.is_alpha, bool(t.whitespace_))
            for t in doc
        ]
        columns = tuple(zip(*tokens, strict=True)) if tokens else ((),) * 7
        cached = TokenTable(*columns)
        doc.user_data["flashpoint_tokens"] = cached
    return cached
