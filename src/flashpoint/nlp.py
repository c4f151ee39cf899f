"""The one place that loads spaCy.  Every stage receives the parsed ``Doc``; none loads a model."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
    dateline_ends = sorted(end for _start, end in dateline_spans(doc.text))
    pending = False
    for token in doc[1:]:
        while dateline_ends and token.idx >= dateline_ends[0]:
            dateline_ends.pop(0)
            pending = True
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            pending = True
        if pending and not token.is_space and not token.is_punct:
            token.is_sent_start = True
            pending = False
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text`` joins every token on each access; stages ask for it often, so keep one copy."""
    cached = doc.user_data.get("flashpoint_text")
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data["flashpoint_text"] = cached
    return cached
