"""The actor dictionary: every alias in ``resources/actors/*.tsv`` mapped to its entries.

Matching is done with Aho-Corasick over the article text (one pass for all aliases), on token
boundaries.  ALL-CAPS acronyms ("HTS", "UN") match case-sensitively; other aliases match
case-insensitively but must start with a capital letter in the text ("turkey" is a bird).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

import ahocorasick

from flashpoint.resources import read_tsv, split_cell

# How long after a death in office the news still reports on the holder as such.
_DEATH_REPORT_GRACE = timedelta(days=3)
# How long after leaving office a report names the holder for the acts of the last day
# ("Bouteflika resigned as president on Tuesday", published on Wednesday).
_LEAVING_REPORT_GRACE = timedelta(days=1)

EntryKind = Literal[
    "country", "capital", "metonym", "demonym", "leader", "group", "igo", "outlet", "title"
]


@dataclass(frozen=True, slots=True)
class ActorEntry:
    kind: EntryKind
    name: str
    code: str
    country: str | None
    sector: str | None
    org: str | None = None
    role: str | None = None
    start: date | None = None
    end: date | None = None
    rule: str = ""
    died_in_office: bool = False

    def active_on(self, day: date | None, *, last_day: bool = False) -> bool:
        """In office on ``day``.  last_day: the day of leaving counts too, as it does for a
        holder named by name ("Sheikh Hasina resigned on Monday" is the government's act), and
        so does the next, the date of most reports of that day."""
        if day is None:
            return self.end is None  # no date known: only current holdings count
        if self.start is not None and day < self.start:
            return False
        if self.end is None:
            return True
        if self.died_in_office:  # the reports of a death still name the holder by office
            return day <= self.end + _DEATH_REPORT_GRACE
        # A title on the last day may already mean the successor ("the prime minister" after
        # a resignation); a name still means the holder who acted that day.
        return day <= self.end + _LEAVING_REPORT_GRACE if last_day else day < self.end


@dataclass(frozen=True, slots=True)
class AliasMatch:
    start: int
    end: int
    text: str
    entries: tuple[ActorEntry, ...]


def _date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def fold(text: str) -> str:
    """Lower-case without changing the length (so offsets stay valid)."""
    lowered = text.lower()
    # Whole-string lower() equals the per-character one unless a character grows ("İ") or a
    # final capital sigma takes its word-final form; both are rare, so check for them first.
    if len(lowered) == len(text) and "\u03a3" not in text:
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _country_entries() -> Iterator[tuple[str, ActorEntry]]:
    for row in read_tsv("actors/countries.tsv"):
        iso3, name = row["iso3"], row["name"]
        base = f"countries.tsv:{iso3}"
        gov = ActorEntry("country", name, f"{iso3}GOV", iso3, "GOV", rule=f"{base}:name")
        for alias in [name, *split_cell(row.get("aliases"))]:
            yield alias, gov
        for alias in split_cell(row.get("demonyms")):
            yield alias, ActorEntry("demonym", name, iso3, iso3, None, rule=f"{base}:demonym")
        for alias in split_cell(row.get("capitals")):
            yield (
                alias,
                ActorEntry("capital", name, f"{iso3}GOV", iso3, "GOV", rule=f"{base}:capital"),
            )
        metonyms = split_cell(row.get("metonyms"))
        sectors = split_cell(row.get("metonym_sectors"))
        for i, alias in enumerate(metonyms):
            sector = sectors[i] if i < len(sectors) else "GOV"
            entry = ActorEntry(
                "metonym", name, f"{iso3}{sector}", iso3, sector, rule=f"{base}:metonym"
            )
            yield alias, entry
            if alias.lower().startswith("the "):
                yield alias[4:], entry


def _leader_entries() -> Iterator[tuple[str, ActorEntry]]:
    for row in read_tsv("actors/leaders.tsv"):
        country = row.get("country") or None
        sector = row.get("sector") or "GOV"
        org = row.get("org") or None
        code = f"{country}{sector}" if country else (sector or "GOV")
        if sector == "IGO" and org:  # "Antonio Guterres" speaks for the UN (IGOUNO)
            code = _igo_code(org) or code
        entry = ActorEntry(
            "leader",
            row["name"],
            code,
            country,
            sector,
            org=org,
            role=row.get("role") or None,
            start=_date(row.get("start", "")),
            end=_date(row.get("end", "")),
            rule=f"leaders.tsv:{row['name']}:{row.get('role', '')}:{row.get('start', '')}",
            died_in_office=row.get("left") == "died",
        )
        for alias in [row["name"], *split_cell(row.get("aliases"))]:
            yield alias, entry


def _igo_code(name: str) -> str | None:
    return _igo_codes().get(name.casefold()) or None


@lru_cache(maxsize=1)
def _igo_codes() -> dict[str, str]:
    """IGO names and aliases, case-folded, to their CAMEO codes (igos.tsv)."""
    codes: dict[str, str] = {}
    for row in read_tsv("actors/igos.tsv"):
        for alias in [row["name"], *split_cell(row["aliases"])]:
            codes.setdefault(alias.casefold(), row["code"])  # the first row naming it
    return codes


def _group_entries() -> Iterator[tuple[str, ActorEntry]]:
    for row in read_tsv("actors/groups.tsv"):
        country = row.get("country") or None
        entry = ActorEntry(
            "group",
            row["name"],
            row.get("code") or f"{country or 'IMG'}{row.get('sector') or 'REB'}",
            None if country == "IMG" else country,
            row.get("sector") or "REB",
            org=row["name"],
            start=_date(row.get("start", "")),
            end=_date(row.get("end", "")),
            rule=f"groups.tsv:{row['name']}",
        )
        for alias in [row["name"], *split_cell(row.get("aliases"))]:
            yield alias, entry


def _igo_entries() -> Iterator[tuple[str, ActorEntry]]:
    for row in read_tsv("actors/igos.tsv"):
        entry = ActorEntry(
            "igo",
            row["name"],
            row.get("code") or "IGO",
            None,
            row.get("sector") or "IGO",
            org=row["name"],
            rule=f"igos.tsv:{row['name']}",
        )
        for alias in [row["name"], *split_cell(row.get("aliases"))]:
            yield alias, entry


def _outlet_entries() -> Iterator[tuple[str, ActorEntry]]:
    for row in read_tsv("actors/outlets.tsv"):
        entry = ActorEntry(
            "outlet", row["name"], "", row.get("country") or None, None, rule="outlets.tsv"
        )
        for alias in [row["name"], *split_cell(row.get("aliases"))]:
            yield alias, entry


def _title_entries() -> Iterator[tuple[str, ActorEntry]]:
    for row in read_tsv("actors/titles.tsv"):
        countries = split_cell(row.get("country"))
        entry = ActorEntry(
            "title",
            row["title"],
            row.get("sector") or "GOV",
            countries[0] if len(countries) == 1 else None,
            row.get("sector") or "GOV",
            role=row.get("role") or None,
            rule=f"titles.tsv:{row['title']}",
        )
        yield row["title"], entry


@dataclass(frozen=True, slots=True)
class SectorTerm:
    sector: str
    plural_only: bool
    needs_owner: bool


class ActorDictionary:
    """All aliases, one automaton for case-folded matching and one for exact acronyms."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[ActorEntry]] = defaultdict(list)
        self._folded = ahocorasick.Automaton()
        self._exact = ahocorasick.Automaton()
        self._lower_ok: set[str] = set()
        sources = (
            _country_entries,
            _leader_entries,
            _group_entries,
            _igo_entries,
            _outlet_entries,
            _title_entries,
        )
        for source in sources:
            for alias, entry in source():
                self._add(alias, entry)
        self._folded.make_automaton()
        self._exact.make_automaton()
        self.sectors: dict[str, SectorTerm] = {
            row["term"].lower(): SectorTerm(
                row["sector"], _yes(row.get("plural_only")), _yes(row.get("needs_owner"))
            )
            for row in read_tsv("actors/sectors.tsv")
        }
        self.ambiguous: dict[str, tuple[list[str], bool, set[str]]] = {}
        self.ambiguous_unless: dict[str, set[str]] = {}
        self.exact_aliases: set[str] = set()
        for row in read_tsv("actors/ambiguous_aliases.tsv"):
            rules = split_cell(row.get("rule"))
            context = _codes(rules, "context:")
            ambiguity = (split_cell(row.get("candidates")), "caps_only" in rules, context)
            alias = row["alias"]
            key = alias if is_acronym(alias) else fold(alias)
            self.ambiguous[key] = ambiguity
            self.ambiguous_unless[key] = _codes(rules, "unless:")
            self.exact_aliases.add(alias)
        self.facilities: dict[str, str] = {
            row["term"].lower(): row["sector"] for row in read_tsv("actors/facilities.tsv")
        }
        self.context_words = _context_words()
        # "president", "minister", "secretary": a country before them names a person's state.
        self.title_heads = frozenset(
            row["title"].lower().split(" of ")[0].split()[-1]
            for row in read_tsv("actors/titles.tsv")
        )
        self.leaders_by_country_role: dict[tuple[str | None, str], list[ActorEntry]] = defaultdict(
            list
        )
        for entries in self.by_key.values():
            for entry in entries:
                if entry.kind == "leader" and entry.role:
                    bucket = self.leaders_by_country_role[(entry.country, entry.role)]
                    if entry not in bucket:
                        bucket.append(entry)

    def _add(self, alias: str, entry: ActorEntry) -> None:
        alias = alias.strip()
        if len(alias) < 2:
            return
        acronym = is_acronym(alias)
        key = alias if acronym else fold(alias)
        bucket = self.by_key[key]
        if entry not in bucket:
            bucket.append(entry)
        if alias[:1].islower() or not alias[:1].isalpha():
            self._lower_ok.add(key)
        automaton = self._exact if acronym else self._folded
        if key not in automaton:
            automaton.add_word(key, key)

    def scan(self, text: str) -> list[AliasMatch]:
        """Every alias occurrence on token boundaries; the longest wins where matches overlap."""
        found: list[AliasMatch] = []
        folded = fold(text)
        for automaton, haystack, exact in (
            (self._folded, folded, False),
            (self._exact, text, True),
        ):
            for end_idx, key in automaton.iter(haystack):
                start = end_idx - len(key) + 1
                end = end_idx + 1
                if not _on_boundary(text, start, end):
                    continue
                surface = text[start:end]
                # "turkey" the bird, "chad" the name: a lower-case surface matches only aliases
                # written in lower case ("al-Shabaab", "the Kremlin", titles).
                if not exact and surface[:1].islower() and key not in self._lower_ok:
                    continue
                entries = self.by_key[key]
                if entries:
                    found.append(AliasMatch(start, end, surface, tuple(entries)))
        return _longest_first(found)

    def disambiguate(
        self, match: AliasMatch, article_countries: set[str]
    ) -> tuple[ActorEntry, ...]:
        """Apply ambiguous_aliases.tsv: candidate order, caps_only, and context:XXX (prefer the
        first candidate only when the article names country XXX some other way)."""
        rule = self.ambiguous.get(match.text) or self.ambiguous.get(fold(match.text))
        if rule is None:
            return match.entries
        candidates, caps_only, context = rule
        if caps_only and match.text not in self.exact_aliases:
            return ()
        rank = {name: i for i, name in enumerate(candidates)}
        entries = sorted(match.entries, key=lambda e: rank.get(e.name, len(rank)))
        key = match.text if match.text in self.ambiguous else fold(match.text)
        unless = self.ambiguous_unless.get(key, set())
        named = context & article_countries and not unless & article_countries
        if context and candidates and not named:
            entries = [e for e in entries if e.name != candidates[0]]
        return tuple(entries)

    def leaders(self, country: str | None, role: str, day: date | None) -> list[ActorEntry]:
        if role == "other":  # "the Russian ambassador" is no particular holder of a listed office
            return []
        return [
            e for e in self.leaders_by_country_role.get((country, role), []) if e.active_on(day)
        ]


def _context_words() -> dict[str, frozenset[str]]:
    """context_words.tsv as {list name: its words}."""
    lists: dict[str, set[str]] = defaultdict(set)
    for row in read_tsv("actors/context_words.tsv"):
        lists[row["list"]].add(row["word"].lower())
    return {name: frozenset(words) for name, words in lists.items()}


def _codes(rules: list[str], prefix: str) -> set[str]:
    """The country codes of a 'context:XXX,YYY' or 'unless:XXX' rule."""
    return {c.strip() for r in rules if r.startswith(prefix) for c in r.split(":", 1)[1].split(",")}


def _yes(cell: str | None) -> bool:
    return (cell or "").strip().lower() in {"1", "yes", "true"}


def _on_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


def _longest_first(matches: list[AliasMatch]) -> list[AliasMatch]:
    matches.sort(key=lambda m: (-(m.end - m.start), m.start))
    taken: list[AliasMatch] = []
    for m in matches:
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    taken.sort(key=lambda m: m.start)
    return taken


@lru_cache(maxsize=1)
def get_actor_dictionary() -> ActorDictionary:
    return ActorDictionary()
