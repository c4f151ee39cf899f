"""Validate ``tests/gold/actors.jsonl``, the hand-labelled actor-mention gold set.

Standard library only, so it runs before the package is installed:

    python tests/gold/check_actors_gold.py [PATH] [--quiet]

Exit status 0 when the file is valid, 1 when any problem is found (each printed on stderr).
On success it prints counts: items, mentions, countries, and items per tag.

Item shape (one JSON object per line)::

    {"id": "act-0001", "published": "YYYY-MM-DD", "text": "...",
     "mentions": [{"text": surface, "label": LABEL or [LABEL, ...], "name": optional}],
     "not_actors": [surface, ...], "tags": [...], "notes": optional}

A LABEL is an ISO 3166-1 alpha-3 code optionally followed by CAMEO sector codes ("TURGOV"),
a bare sector code ("CVL"), or one of the canonical organisation names below.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_GOLD = HERE / "actors.jsonl"
MIN_MENTIONS = 420
MIN_COUNTRIES = 20
FIRST_YEAR, LAST_YEAR = 2000, 2025


def words(text: str) -> frozenset[str]:
    """The white-space separated words of ``text``: keeps long code lists compact."""
    return frozenset(text.split())


ISO3 = words(
    """
    ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR
    BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG
    COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH
    FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY
    HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM
    KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL
    MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR
    NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU
    SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA
    TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB
    VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE
    """
)
# CAMEO-style sector codes; a label may be one of these alone when no country applies.
SECTORS = words(
    "GOV MIL COP JUD LEG OPP REB INS SEP CVL REF JRN MED HLH ELI UAF SPY NGO IGO BUS LAB EDU REL "
    "CRM AGR ENV"
)
CANONICAL_ORGS = frozenset(
    [
        "Hayat Tahrir al-Sham", "Islamic State", "al-Qaeda", "Turkestan Islamic Party", "Houthis",
        "Hezbollah", "Hamas", "Palestinian Islamic Jihad", "Wagner Group", "Africa Corps",
        "Rapid Support Forces", "Jama'at Nusrat al-Islam wal-Muslimin", "al-Shabaab",
        "Tehrik-i-Taliban Pakistan", "M23", "Kurdistan Workers' Party", "People's Protection Units",
        "Syrian Democratic Forces", "Taliban", "Boko Haram", "Islamic State West Africa Province",
        "Islamic State Khorasan Province", "Arakan Army", "Syrian National Army",
        "National Front for Liberation", "Tigray People's Liberation Front", "Fano",
        "Allied Democratic Forces", "Kata'ib Hezbollah", "Popular Mobilization Forces",
        "Lashkar-e-Taiba", "Jaish-e-Mohammed", "Baloch Liberation Army", "Libyan National Army",
        "Kachin Independence Army", "People's Defence Force", "United Nations",
        "UN Security Council", "UNHCR", "OCHA", "World Food Programme", "UNICEF",
        "World Health Organization", "NATO",
        "European Union", "African Union", "ECOWAS", "Arab League", "OSCE",
        "International Committee of the Red Cross", "Doctors Without Borders",
        "Amnesty International", "Human Rights Watch", "International Atomic Energy Agency",
        "International Criminal Court", "Syrian Observatory for Human Rights",
    ]
)  # fmt: skip
# Tags that mark a hard case; at least half of the items must carry one.
HARD_TAGS = words(
    """
    metonym metonym-location title leader-date former-leader old-name demonym alias acronym backed
    rsf-ambiguity coref pronoun pronoun-trap conjunction outlet igo ngo sector dateline location
    """
)
ITEM_KEYS = {"id", "published", "text", "mentions", "not_actors", "tags"}
OPTIONAL_ITEM_KEYS = {"notes"}
MENTION_KEYS = {"text", "label"}
OPTIONAL_MENTION_KEYS = {"name"}
ID_PATTERN = re.compile(r"^act-\d{4}$")


def count_occurrences(surface: str, text: str) -> int:
    """Occurrences of ``surface`` in ``text`` that do not start or end inside a word."""
    head = r"(?<!\w)" if surface[:1].isalnum() else ""
    tail = r"(?!\w)" if surface[-1:].isalnum() or surface[-1:] == "." else ""
    return len(re.findall(head + re.escape(surface) + tail, text))


def label_error(label: Any) -> str | None:
    """Why one label string is malformed, or None when it is fine."""
    if not isinstance(label, str) or not label:
        return f"label must be a non-empty string, got {label!r}"
    if label in CANONICAL_ORGS:
        return None
    if not re.fullmatch(r"(?:[A-Z]{3})+", label):
        return f"unknown organisation or malformed code {label!r}"
    parts = [label[i : i + 3] for i in range(0, len(label), 3)]
    head, rest = parts[0], parts[1:]
    if head not in ISO3 and head not in SECTORS:
        return f"{label!r} starts with neither an ISO3 code nor a sector"
    bad = [part for part in rest if part not in SECTORS]
    if bad:
        return f"{label!r} has unknown sector code(s) {bad}"
    return None


def labels_of(mention: dict[str, Any]) -> list[Any]:
    label = mention.get("label")
    return list(label) if isinstance(label, list) else [label]


def is_iso_date(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def mention_errors(mention: Any) -> list[str]:
    if not isinstance(mention, dict):
        return [f"mention must be an object, got {mention!r}"]
    errors = []
    keys = set(mention)
    if not keys >= MENTION_KEYS or keys - MENTION_KEYS - OPTIONAL_MENTION_KEYS:
        errors.append(f"mention keys {sorted(keys)} (need {sorted(MENTION_KEYS)}, optional name)")
    if not isinstance(mention.get("text"), str) or not mention.get("text"):
        errors.append(f"mention text must be a non-empty string: {mention!r}")
    if "name" in mention and (not isinstance(mention["name"], str) or not mention["name"]):
        errors.append(f"mention name must be a non-empty string: {mention!r}")
    labels = labels_of(mention)
    if isinstance(mention.get("label"), list) and not labels:
        errors.append("label list is empty")
    errors.extend(err for err in map(label_error, labels) if err)
    return errors


def span_errors(item: dict[str, Any]) -> list[str]:
    """Every listed surface must occur in the text at least as often as it is listed."""
    text = item["text"]
    wanted: Counter[str] = Counter()
    for mention in item["mentions"]:
        if isinstance(mention, dict) and isinstance(mention.get("text"), str):
            wanted[mention["text"]] += 1
    for surface in item["not_actors"]:
        if not isinstance(surface, str) or not surface:
            return [f"not_actors entries must be non-empty strings, got {surface!r}"]
        wanted[surface] += 1
    errors = []
    for surface, needed in wanted.items():
        found = count_occurrences(surface, text)
        if found < needed:
            errors.append(f"{surface!r} listed {needed} time(s) but occurs {found} time(s)")
    return errors


def item_errors(item: Any) -> list[str]:
    if not isinstance(item, dict):
        return ["line is not a JSON object"]
    keys = set(item)
    if not keys >= ITEM_KEYS or keys - ITEM_KEYS - OPTIONAL_ITEM_KEYS:
        return [f"keys {sorted(keys)} (need {sorted(ITEM_KEYS)}, optional notes)"]
    errors = []
    if not isinstance(item["id"], str) or not ID_PATTERN.match(item["id"]):
        errors.append(f"id {item['id']!r} is not act-NNNN")
    if not is_iso_date(item["published"]):
        errors.append(f"published {item['published']!r} is not YYYY-MM-DD")
    elif not FIRST_YEAR <= int(item["published"][:4]) <= LAST_YEAR:
        errors.append(f"published {item['published']} outside {FIRST_YEAR}-{LAST_YEAR}")
    if not isinstance(item["text"], str) or not item["text"].strip():
        return [*errors, "text must be a non-empty string"]
    if not isinstance(item["mentions"], list) or not item["mentions"]:
        return [*errors, "mentions must be a non-empty list"]
    if not isinstance(item["not_actors"], list):
        return [*errors, "not_actors must be a list"]
    if not isinstance(item["tags"], list) or not all(isinstance(t, str) for t in item["tags"]):
        errors.append("tags must be a list of strings")
    for mention in item["mentions"]:
        errors.extend(mention_errors(mention))
    errors.extend(span_errors(item))
    return errors


def country_of(label: str) -> str | None:
    head = label[:3]
    return head if label not in CANONICAL_ORGS and head in ISO3 else None


def summarise(items: list[dict[str, Any]]) -> tuple[dict[str, int], Counter[str]]:
    """Overall counts and the number of items per tag."""
    labels = [lab for it in items for m in it["mentions"] for lab in labels_of(m)]
    countries = {c for c in map(country_of, labels) if c}
    totals = {
        "items": len(items),
        "mentions": sum(len(it["mentions"]) for it in items),
        "not_actors": sum(len(it["not_actors"]) for it in items),
        "countries": len(countries),
        "organisation_labels": sum(1 for lab in labels if lab in CANONICAL_ORGS),
        "hard_items": sum(1 for it in items if HARD_TAGS & set(it["tags"])),
    }
    tags: Counter[str] = Counter(tag for it in items for tag in it["tags"])
    return totals, tags


def global_errors(totals: dict[str, int]) -> list[str]:
    errors = []
    if totals["mentions"] < MIN_MENTIONS:
        errors.append(f"only {totals['mentions']} mentions, need at least {MIN_MENTIONS}")
    if totals["countries"] < MIN_COUNTRIES:
        errors.append(f"only {totals['countries']} countries, need at least {MIN_COUNTRIES}")
    if 2 * totals["hard_items"] < totals["items"]:
        errors.append(f"only {totals['hard_items']} of {totals['items']} items carry a hard tag")
    return errors


def check(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    problems: list[str] = []
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            problems.append(f"line {number}: blank line")
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: invalid JSON ({exc.msg})")
            continue
        errors = item_errors(item)
        where = f"line {number} ({item.get('id') if isinstance(item, dict) else '?'})"
        problems.extend(f"{where}: {err}" for err in errors)
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            if item["id"] in seen:
                problems.append(f"{where}: duplicate id")
            seen.add(item["id"])
        if not errors:
            items.append(item)
    return problems, items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--quiet", action="store_true", help="print problems only")
    args = parser.parse_args(argv)
    problems, items = check(args.path)
    totals, tags = summarise(items)
    if not problems:
        problems = global_errors(totals)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not args.quiet:
        print(" ".join(f"{key}={value}" for key, value in totals.items()))
        for tag, count in sorted(tags.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {tag}: {count}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
