"""Name keys for the gazetteer index.

Two spellings of one place must map to the same key: news copy writes "Maarat al-Numan",
GeoNames "Ma'arrat an Nu'man", and other outlets "Maaret al-Noman".  ``name_key`` folds case,
diacritics, apostrophes, hyphens, Arabic article forms and doubled letters; ``name_skeleton``
goes further (drops vowels, merges common transliteration pairs) and only serves as a coarse
bucket for fuzzy look-ups, which then rank by string similarity.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# "al-", "el-", "ash-" ... as a separate word or a hyphenated prefix.  Sun-letter assimilated
# forms (ash-Shughur, an-Nu'man, ad-Dana) are as common in print as the plain "al-".
ARABIC_ARTICLES: frozenset[str] = frozenset(
    {"al", "el", "ul", "ash", "as", "an", "ad", "ar", "at", "az", "ath", "adh", "ed", "es", "et"}
)
_APOSTROPHES = re.compile("['’‘`ʻʼʾʿ´′]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"([a-z])\1+")
# "Raqqah"/"Raqqa", "Hamah"/"Hama": a word-final h after a vowel is silent in transliteration.
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")
# Transliteration pairs that vary from outlet to outlet; only used in the fuzzy skeleton.
_SKELETON_FOLDS: tuple[tuple[str, str], ...] = (
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("h", ""),  # Arabic h is written, doubled or dropped at will ("Salahuddin", "Salah ad Din")
    ("q", "k"),
    ("c", "k"),
    ("z", "s"),
    ("w", "v"),
    ("j", "y"),
)
_VOWELS = re.compile(r"[aeiouy]")


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_words(text: str) -> list[str]:
    """Lower-case ASCII words of a name, apostrophes removed, Arabic articles dropped."""
    plain = _APOSTROPHES.sub("", strip_diacritics(text).casefold())
    plain = plain.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d")
    words = [w for w in _NON_WORD.split(plain) if w]
    # An article is only an article when a name follows it ("As" alone is not folded away).
    kept = [w for i, w in enumerate(words) if not (w in ARABIC_ARTICLES and i + 1 < len(words))]
    return kept or words


@lru_cache(maxsize=1 << 16)  # the same names recur in every article
def name_key(text: str) -> str:
    """The exact-match key: folded words joined by single spaces, doubled letters collapsed."""
    return _FINAL_H.sub("", _DOUBLED.sub(r"\1", " ".join(name_words(text))))


def name_skeleton(text: str) -> str:
    """A coarse consonant skeleton for fuzzy candidate retrieval."""
    joined = _FINAL_H.sub("", " ".join(name_words(text))).replace(" ", "")
    for source, target in _SKELETON_FOLDS:
        joined = joined.replace(source, target)
    consonants = _VOWELS.sub("", joined) if len(joined) > 3 else joined
    return _DOUBLED.sub(r"\1", consonants)


def is_latin_name(text: str) -> bool:
    """True for names written in Latin script (possibly with diacritics)."""
    plain = strip_diacritics(text)
    return bool(plain) and all(ch.isascii() or ch in "’‘ʻʼʾʿ´′" for ch in plain)
