"""Find the character spans of a parsed text that name a gazetteer entry.

Statistical NER misses many places (small Syrian towns come out as PERSON), so every
capitalised token run is tried against the index, longest first; NER, part of speech and the
words around a span then decide whether a matched name is used as a place here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, product

from spacy.tokens import Doc

from flashpoint.gazetteer.index import Gazetteer
from flashpoint.gazetteer.normalise import ARABIC_ARTICLES, name_key
from flashpoint.gazetteer.sources import read_resource_lines
from flashpoint.nlp import TokenTable, doc_text, sentence_starts, token_table

MAX_NAME_TOKENS = 6
# Words before a name that show it is used as a place ("in Of", "near Hope", "town of Bar").
PLACE_PREPOSITIONS: frozenset[str] = frozenset(
    {"in", "at", "near", "from", "to", "into", "outside", "inside", "around", "toward",
     "towards", "across", "through", "via", "of", "between", "on", "over", "within", "along",
     "throughout", "beyond", "past"}
)  # fmt: skip
# A capitalised word after a name that makes the whole a facility or street, not the place.
FACILITY_WORDS: frozenset[str] = frozenset(
    {"street", "st", "road", "avenue", "square", "boulevard", "highway", "bridge", "university",
     "hospital", "stadium", "mosque", "church", "hotel", "club", "gate", "college", "school",
     "mall", "tower", "park", "museum", "prison", "times", "post", "news", "herald", "media"}
)  # fmt: skip
# Entity types whose span, running past a name, makes it part of something else.
_SPILL_ENTITY = frozenset({"PERSON", "ORG"})
# Entity types that are never places ("March", "May", "June" are also towns).
_NEVER_PLACE = frozenset({"MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
# Lower-case words after a name that make it a natural feature ("Dnipro river").
NATURAL_WORDS: frozenset[str] = frozenset(
    {"river", "mountains", "mountain", "mount", "lake", "sea", "valley", "desert", "plain",
     "plains", "hills", "strait", "island", "islands", "gorge", "dam"}
)  # fmt: skip
# Capitalised words before a name that make it a natural feature ("Lake Chad", "Mount Sinjar").
_FEATURE_PREFIXES = frozenset({"lake", "mount", "river", "gulf", "bay", "cape", "sea"})
# "Turkish-backed", "Saudi-led": the name qualifies an actor.
_ACTOR_SUFFIXES = frozenset({"led", "backed", "based", "allied", "aligned", "born", "owned"})
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z'’.\- ]{1,40}?)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’\- ]{1,40}?))?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([A-Za-z .&-]{1,30}\))?\s*[—–-]{1,2}\s"
)


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A span whose text is a gazetteer name, with the clues read around it."""

    start: int  # character offsets
    end: int
    text: str  # the name itself, without a region word such as "province"
    admin_hint: bool  # followed or preceded by "province", "governorate", "oblast" ...
    in_dateline: bool
    place_preposition: bool  # a place preposition comes right before it
    entity: str  # NER label over the span ("" when none)


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int
    city: tuple[int, int]
    region: tuple[int, int] | None


@lru_cache(maxsize=8)
def _word_set(resource: str) -> frozenset[str]:
    return frozenset(name_key(line) for line in read_resource_lines(resource))


def admin_words() -> frozenset[str]:
    return _word_set("admin_suffixes.txt")


def common_words() -> frozenset[str]:
    return _word_set("common_words.txt")


def not_place_keys() -> frozenset[str]:
    return _word_set("not_places.txt")


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[str]:
    keys = {name_key(line.split("\t")[0]) for line in read_resource_lines("country_aliases.tsv")}
    return frozenset(keys)


def _in_dateline_names(start: int, end: int, dateline: Dateline | None) -> bool:
    """Whether the characters ``start:end`` lie in the dateline's city or region."""
    if dateline is None:
        return False
    parts = [dateline.city] + ([dateline.region] if dateline.region else [])
    return any(s <= start and end <= e for s, e in parts)


@lru_cache(maxsize=16)  # asked for per place and per event of the same article text
def find_dateline(text: str) -> Dateline | None:
    """'IDLIB, Syria (AP) — ...' → the dateline and the spans of its city and region."""
    match = _DATELINE.match(text)
    if match is None or not any(ch.isalpha() for ch in match.group("city")):
        return None
    region = match.span("region") if match.group("region") else None
    return Dateline(match.start(), match.end(), match.span("city"), region)


_GLUE = frozenset({"-", "'"})
_NAME_PUNCT = frozenset({"-", "'", "’"})
# Every spelling of an Arabic article in any letter case ("al", "Al", "AL"...).
_ARTICLE_FORMS = frozenset(
    "".join(letters)
    for article in ARABIC_ARTICLES
    for letters in product(*({ch, ch.upper()} for ch in article))
)


def _name_starts(tokens: TokenTable) -> list[int]:
    """Tokens a name can start on: capitalised ones, and "al-Bab", "ash-Shaddadi": a lower-case
    article glued to a capitalised name."""
    texts = tokens.text
    last = len(texts) - 1
    return [
        i
        for i, text in enumerate(texts)
        if text[:1].isupper() or (text in _ARTICLE_FORMS and i < last and texts[i + 1] in _GLUE)
    ]


def _candidate_ends(tokens: TokenTable, start: int, sent_end: int) -> list[int]:
    """Token end positions (exclusive) to try from ``start``, longest first."""
    ends: list[int] = []
    texts = tokens.text
    for end in range(start + 1, min(start + MAX_NAME_TOKENS, sent_end) + 1):
        last = end - 1
        text = texts[last]
        if tokens.is_punct[last] and text not in _NAME_PUNCT:
            break
        if text[:1].isupper() or (tokens.is_alpha[last] and last > 0 and texts[last - 1] == "-"):
            ends.append(end)
    return ends[::-1]


def overlap_test(spans: Sequence[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether a character span overlaps one of ``spans``: the spans starting before its end,
    sorted by start, overlap it when the furthest of their ends is past its start (one binary
    search per span tested, not a comparison with each of ``spans``)."""
    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    furthest = list(accumulate((e for _, e in ordered), max))

    def overlaps(start: int, end: int) -> bool:
        before = bisect_left(starts, end)
        return before > 0 and furthest[before - 1] > start

    return overlaps


# The helpers below read a name (tokens ``start:end``) and the words around it from the doc's
# ``TokenTable``: building a ``Token`` per word looked at cost more than the tests themselves.


def _entity_label(tokens: TokenTable, start: int, end: int) -> str:
    labels = {label for label in tokens.ent_type[start:end] if label}
    for preferred in ("GPE", "LOC", "FAC"):
        if preferred in labels:
            return preferred
    return next(iter(sorted(labels)), "")


def _entity_spills_over(doc: Doc, tokens: TokenTable, start: int, end: int) -> bool:
    """True when a person or organisation runs past the name ("Bashar al-Assad")."""
    ent_type = tokens.ent_type
    # IOB tags say whether the entity goes on before the first or after the last token.
    before = ent_type[start] in _SPILL_ENTITY and doc[start].ent_iob_ == "I"
    after = (
        ent_type[end - 1] in _SPILL_ENTITY
        and end < len(ent_type)
        and doc[end].ent_iob_ == "I"
        and ent_type[end] == ent_type[end - 1]
    )
    return before or after or _names_a_facility_after_someone(doc, tokens, end)


# Words that go on a facility's name after the place it is in: "Kabul International Airport".
_SITE_WORDS = frozenset(
    {"international", "airport", "air", "airbase", "base", "port", "harbour", "harbor", "station",
     "camp", "crossing", "refinery", "plant", "airfield", "field", "naval", "military", "palace"}
)  # fmt: skip


def _names_a_facility_after_someone(doc: Doc, tokens: TokenTable, end: int) -> bool:
    """'Ben Gurion Airport': a facility whose name goes on past the place name with another
    name word is named after someone ("Ben" is also an old name of Bern)."""
    if end >= len(tokens.text) or tokens.ent_type[end - 1] != "FAC":
        return False
    return (
        doc[end].ent_iob_ == "I"
        and tokens.ent_type[end] == "FAC"
        and tokens.pos[end] == "PROPN"
        and tokens.lower[end] not in _SITE_WORDS | FACILITY_WORDS
    )


def _preceded_by_place_word(tokens: TokenTable, start: int) -> bool:
    lower = tokens.lower
    index = start - 1
    while index >= 0 and lower[index] in {"the", "town", "city", "village", "of"}:
        if lower[index] == "of":
            return True
        index -= 1
    return index >= 0 and lower[index] in PLACE_PREPOSITIONS


def _admin_hint(tokens: TokenTable, start: int, end: int) -> tuple[bool, int]:
    """Whether a region word follows (or, "Muhafazat X", precedes) and the token end to keep."""
    words, lower = admin_words(), tokens.lower
    if end < len(lower) and lower[end] in words and lower[end] != "republic":
        return True, end + 1
    return start > 0 and lower[start - 1] in words - {"state", "republic"}, end


def _inside_longer_name(tokens: TokenTable, start: int, end: int) -> bool:
    """A name (tokens ``start:end``) glued by a hyphen or an Arabic article to more name
    ('Bir al-Abed')."""
    after = tokens.text[end : end + 2]
    if after[:1] == ("-",) and len(after) == 2 and after[1][:1].isalpha():
        return after[1].lower() not in _ACTOR_SUFFIXES
    if after and after[0].lower() in ARABIC_ARTICLES and not tokens.space_after[end]:
        return True
    return start >= 2 and tokens.text[start - 1] == "-" and tokens.is_alpha[start - 2]


def _facility_follows(tokens: TokenTable, end: int) -> bool:
    if end >= len(tokens.text):
        return False
    return tokens.text[end][:1].isupper() and tokens.lower[end] in FACILITY_WORDS


def _part_of_other_name(tokens: TokenTable, start: int, end: int) -> bool:
    """'Dnipro river', 'Lake Chad', 'Saudi-led', 'the Old City of Mosul'."""
    text, lower, size = tokens.text, tokens.lower, len(tokens.text)
    if end < size:
        if lower[end] in NATURAL_WORDS:
            return True
        if text[end] == "-" and end + 1 < size and lower[end + 1] in _ACTOR_SUFFIXES:
            return True
        if lower[end] == "of" and end + 1 < size and text[end + 1][:1].isupper():
            return tokens.ent_type[end + 1] in {"GPE", "LOC"}
    before = start - 1
    return before >= 0 and text[before][:1].isupper() and lower[before] in _FEATURE_PREFIXES


# Capitalised words that may open a place's own name: "Northern Gaza", "Greater Khartoum".
_NAME_OPENERS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
     "upper", "lower", "greater", "new", "old", "al", "el", "the"}
)  # fmt: skip


_OUTLET_WORDS = frozenset(
    {"news", "agency", "television", "tv", "radio", "newspaper", "daily", "broadcaster"}
)


def _names_an_outlet(tokens: TokenTable, end: int) -> bool:
    """'the judiciary's Mizan news agency', 'Tasnim news agency': the name is the outlet's
    (Mizan is also a town in Ethiopia), not where anything happened."""
    return end < len(tokens.lower) and tokens.lower[end] in _OUTLET_WORDS


def _ends_other_name(tokens: TokenTable, start: int, end: int) -> bool:
    """'the Galaxy Leader cargo ship', 'the tanker Marlin Luanda': one word closing a name of
    something else, the capitalised name word before it no place of its own."""
    if end - start != 1 or start == 0:
        return False
    before = start - 1
    return (
        tokens.pos[before] == "PROPN"
        and tokens.text[before][:1].isupper()
        and tokens.lower[before] not in _NAME_OPENERS
        and tokens.ent_type[before] not in {"GPE", "LOC"}
    )


def _used_as_demonym(doc: Doc, tokens: TokenTable, start: int, end: int) -> bool:
    if start > 0 and tokens.lower[start - 1] in PLACE_PREPOSITIONS:
        return False  # "in Aleppo"
    root = doc[start:end].root.i
    return tokens.pos[root] == "ADJ" or tokens.dep[root] in {"amod", "compound", "nmod", "nsubj"}


def reads_as_place(doc: Doc, start: int, end: int, key: str, prep: bool, entity: str) -> bool:
    """Whether the tokens ``start:end``, whose text is a gazetteer name, are used as a place name
    here."""
    tokens = token_table(doc)
    if (
        entity in _NEVER_PLACE
        or _entity_spills_over(doc, tokens, start, end)
        or _part_of_other_name(tokens, start, end)
    ):
        return False
    if entity in {"DATE", "TIME"} and key in common_words():
        return False  # "in March"; but the small model also tags "near Quneitra" DATE
    if tokens.lower[start] in _FEATURE_PREFIXES:
        return False  # "Lake Chad", "Mount Sinjar"
    single = end - start == 1
    if single and tokens.text[start].isupper() and len(tokens.text[start]) <= 4:
        return key in _country_keys()  # "ELN", "RSF" are acronyms; "US", "DRC" are countries
    if entity == "NORP" and _used_as_demonym(doc, tokens, start, end):
        return False  # "the Thai border", "Syrian troops"; NER also tags "Michoacan" NORP
    if _facility_follows(tokens, end) or _names_an_outlet(tokens, end):
        return False
    if entity not in {"GPE", "LOC"} and not prep and _ends_other_name(tokens, start, end):
        return False
    if key in common_words() and not (prep or entity in {"GPE", "LOC"}):
        return False
    if single and tokens.pos[start] not in {"PROPN", "X"} and entity not in {"GPE", "LOC"}:
        # Sentence-initial capitals say nothing; a capital mid-sentence marks a name.
        return not doc[start].is_sent_start or prep
    return True


def find_name_spans(
    doc: Doc, gazetteer: Gazetteer, excluded: Sequence[tuple[int, int]] = ()
) -> list[NameSpan]:
    """Every span of ``doc`` that names a gazetteer entry and reads as a place."""
    text = doc_text(doc)
    dateline = find_dateline(text)
    tokens = token_table(doc)
    spans: list[NameSpan] = []
    sentences = sentence_starts(doc)
    skip_keys = not_place_keys()
    is_name_key = gazetteer.is_name_key
    excluded_at = overlap_test(excluded)
    size = len(doc)
    index = 0  # the scan resumes here; tokens before it are part of a name already tried
    for start in _name_starts(tokens):
        if start < index:
            continue
        index = start
        sentence = bisect_right(sentences, index)
        sent_end = sentences[sentence] if sentence < len(sentences) else size
        matched: tuple[int, str | None] | None = None  # the name's end and key (None: no place)
        for end in _candidate_ends(tokens, index, sent_end):
            key = name_key(tokens.span_text(text, index, end))
            if key in skip_keys:
                matched = (end, None)
                break
            if is_name_key(key):
                matched = (end, key)
                break
        if matched is None:
            index += 1
            continue
        first = index
        end, found = matched
        index = end
        if found is not None and _inside_longer_name(tokens, first, end):
            continue  # "Bir" of "Bir al-Abed", "Dasht" of "Dasht-e-Barchi": left to fuzzy search
        start_char, end_char = (
            tokens.start[first],
            tokens.start[end - 1] + len(tokens.text[end - 1]),
        )
        if found is None or excluded_at(start_char, end_char):
            continue
        hint, keep_end = _admin_hint(tokens, first, end)
        entity = _entity_label(tokens, first, end)
        if hint and entity == "NORP":
            entity = "GPE"  # "Aleppo province": NER took "Aleppo" for a demonym
        prep = _preceded_by_place_word(tokens, first)
        in_dateline = dateline is not None and start_char < dateline.end
        if in_dateline and not _in_dateline_names(start_char, end_char, dateline):
            continue  # "(AP)"
        if not in_dateline and not reads_as_place(doc, first, end, found, prep, entity):
            if _facility_follows(tokens, end):
                index = end + 1  # "Baghdad Street": "Street" is no place either
            continue
        spans.append(
            NameSpan(start_char, tokens.end_char(keep_end - 1), text[start_char:end_char], hint,
                     in_dateline, prep, entity)
        )  # fmt: skip
        index = keep_end
    return spans
