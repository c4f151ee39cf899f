"""Near-duplicate articles (syndicated copies) with MinHash LSH over word shingles.

A wire story reprinted under another headline, with a different boilerplate line or a few
edited words, keeps almost all of its 3-word shingles; an independent report of the same event
shares few.  Signatures are persisted with each article (``articles.minhash``) so the in-memory
LSH index can be rebuilt when a store is opened, and refreshed with other processes' inserts.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH  # type: ignore[import-untyped, unused-ignore]

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

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[bytes]:
    """Lower-cased word 3-grams of a text, punctuation ignored."""
    words = _WORD.findall(text.lower())
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(max(0, len(words) - SHINGLE_WORDS + 1))
    }


def signature(text: str) -> LeanMinHash | None:
    """The MinHash signature of a text, or ``None`` when it is too short to judge."""
    if len(_WORD.findall(text)) < MIN_WORDS:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch(sorted(shingles(text)))
    return LeanMinHash(minhash)


def to_bytes(sig: LeanMinHash) -> bytes:
    return bytes(np.asarray(sig.hashvalues, dtype=_DTYPE).tobytes())


def from_bytes(raw: bytes) -> LeanMinHash:
    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(raw, dtype=_DTYPE), scheme=SCHEME)


class NearDuplicateIndex:
    """Thread-safe LSH index of article signatures keyed by article id."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, LeanMinHash] = {}
        self._lock = threading.Lock()

    def __contains__(self, key: str) -> bool:
        return key in self._signatures

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, key: str, sig: LeanMinHash) -> None:
        with self._lock:
            if key not in self._signatures:
                self._lsh.insert(key, sig)
                self._signatures[key] = sig

    def add_many(self, items: Iterable[tuple[str, bytes]]) -> None:
        for key, raw in items:
            self.add(key, from_bytes(raw))

    def find(self, sig: LeanMinHash) -> tuple[str, float] | None:
        """The most similar stored article at or above the threshold (ties: smaller id)."""
        with self._lock:
            keys = list(self._lsh.query(sig))
            scored = [(float(self._signatures[k].jaccard(sig)), k) for k in keys]
        matches = [(s, k) for s, k in scored if s >= self.threshold]
        if not matches:
            return None
        score, key = min(matches, key=lambda item: (-item[0], item[1]))
        return key, score
