"""Near-duplicate articles (syndicated copies) with MinHash LSH over word shingles.

A wire story reprinted under another headline, with a different boilerplate line or a few
edited words, keeps almost all of its 3-word shingles; an independent report of the same event
shares few.  Signatures are persisted with each article (``articles.minhash``) and so are their
LSH band keys (``article_bands``, one indexed row per band): a new article looks up the stored
articles sharing a band in the database, inside its own transaction.  Nothing grows in memory
with the corpus, and rows that other processes commit are seen at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import numpy as np
import sqlalchemy as sa
from datasketch import LeanMinHash, MinHash  # type: ignore[import-untyped, unused-ignore]
from sqlalchemy.engine import Connection

from flashpoint.store.schema import article_bands, articles

NUM_PERM = 128
SEED = 1
# Pinned (datasketch >= 2.0): stored signatures are only comparable within one scheme.
SCHEME = "affine32"
_DTYPE = "<u4"
SHINGLE_WORDS = 3
MIN_WORDS = 20  # shorter texts share too much phrasing by chance: exact identity only
# Estimated Jaccard of 3-word shingles; a reprint with a new headline, a credit line and a few
# edited words scores 0.8-0.95, two independent reports of one event stay below 0.3.
THRESHOLD = 0.75
# LSH bands x rows per band: what datasketch's MinHashLSH picks for THRESHOLD and NUM_PERM
# (equal false-positive and false-negative weights).  Pinned, because stored band keys are only
# comparable with keys cut the same way; tests/test_store.py checks they still agree.
BANDS = 11
ROWS = 11

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[bytes]:
    """Lower-cased word 3-grams of a text, punctuation ignored."""
    words = _WORD.findall(text.lower())
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(max(0, len(words) - SHINGLE_WORDS + 1))
    }


@cache
def _permutations() -> object:
    """The permutation parameters of every signature (drawn once, not per article)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> LeanMinHash | None:
    """The MinHash signature of a text, or ``None`` when it is too short to judge."""
    if len(_WORD.findall(text)) < MIN_WORDS:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch(sorted(shingles(text)))
    return LeanMinHash(minhash)


def to_bytes(sig: LeanMinHash) -> bytes:
    return bytes(np.asarray(sig.hashvalues, dtype=_DTYPE).tobytes())


def from_bytes(raw: bytes) -> LeanMinHash:
    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(raw, dtype=_DTYPE), scheme=SCHEME)


def band_keys(raw: bytes) -> list[bytes]:
    """The LSH bucket of each band of a stored signature: band number + its hash values."""
    width = ROWS * 4
    return [bytes([band]) + raw[band * width : (band + 1) * width] for band in range(BANDS)]


_SHARING_A_BAND = (
    sa.select(article_bands.c.article_id)
    .where(article_bands.c.band_key.in_([sa.bindparam(f"k{i}") for i in range(BANDS)]))
    .distinct()
)
_INSERT_BANDS = article_bands.insert()
_SIGNATURES = sa.select(articles.c.article_id, articles.c.minhash).where(
    articles.c.article_id.in_(sa.bindparam("ids", expanding=True))
)


def find_near_duplicate(conn: Connection, sig: LeanMinHash) -> tuple[str, float] | None:
    """The most similar stored article at or above the threshold (ties: smaller id), among
    those sharing at least one LSH band with ``sig``."""
    keys = band_keys(to_bytes(sig))
    ids = [row.article_id for row in conn.execute(_SHARING_A_BAND, _band_params(keys))]
    if not ids:
        return None
    scored = [
        (float(from_bytes(row.minhash).jaccard(sig)), row.article_id)
        for row in conn.execute(_SIGNATURES, {"ids": sorted(ids)})
    ]
    matches = [(s, k) for s, k in scored if s >= THRESHOLD]
    if not matches:
        return None
    score, key = min(matches, key=lambda item: (-item[0], item[1]))
    return key, score


def _band_params(keys: Sequence[bytes]) -> dict[str, bytes]:
    return {f"k{i}": key for i, key in enumerate(keys)}


def insert_bands(conn: Connection, article_id: str, raw: bytes) -> None:
    """Index a stored signature (in the caller's transaction)."""
    rows = [{"article_id": article_id, "band_key": key} for key in band_keys(raw)]
    conn.execute(_INSERT_BANDS, rows)
