"""Validation of the actor knowledge base (``src/flashpoint/resources/actors/*.tsv``).

The files are read with the csv module only, so these checks do not depend on the resolver
or its loader: they hold the data itself to its documented format and to known facts.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

import flashpoint

ACTORS_DIR = Path(flashpoint.__file__).parent / "resources" / "actors"

HEADERS: dict[str, list[str]] = {
    "countries": ["iso3", "name", "aliases", "demonyms", "capitals", "metonyms", "metonym_sectors"],
    "leaders": [
        "name",
        "aliases",
        "country",
        "role",
        "sector",
        "start",
        "end",
        "source",
        "org",
        "left",
    ],
    "titles": ["title", "role", "sector", "country"],
    "groups": [
        "name",
        "aliases",
        "country",
        "kind",
        "sector",
        "code",
        "designated_by",
        "start",
        "end",
        "source",
    ],
    "igos": ["name", "aliases", "code", "sector", "kind", "source"],
    "sectors": ["term", "sector", "plural_only", "needs_owner", "notes"],
    "outlets": ["name", "aliases", "country", "kind"],
    "ambiguous_aliases": ["alias", "candidates", "rule", "notes"],
}
ROLES = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "interior_minister",
    "army_chief",
    "intelligence_chief",
    "spokesperson",
    "secretary_general",
    "other",
}
# CAMEO sector codes, plus this project's JRN (journalists) and MED (medical workers).
SECTORS = {
    "GOV", "MIL", "COP", "REB", "UAF", "CVL", "OPP", "REF", "JRN", "MED", "JUD", "LEG", "PTY",
    "BUS", "SPY", "CRM", "IGO", "NGO", "EDU", "LAB", "REL",
}  # fmt: skip
GROUP_KINDS = {
    "jihadist", "rebel", "militia", "separatist", "pmc", "paramilitary", "political_armed",
    "criminal", "terrorist",
}  # fmt: skip
IGO_KINDS = {"intergovernmental", "un_agency", "peacekeeping", "court", "ngo", "monitor"}
OUTLET_KINDS = {"agency", "broadcaster", "newspaper", "photo_agency", "state_media"}
NON_ISO_CODES = {"IMG", "XKX", "EU", "UN"}
SIMPLE_RULES = {"caps_only", "never_alone", "in_office"}
CONTEXT_RULE = re.compile(r"^(context|unless):[A-Z]{3}(,[A-Z]{3})*$")

Row = dict[str, str]


def read_tsv(stem: str) -> list[Row]:
    """Rows of one resource file; comment lines (``#``) and blank lines are skipped."""
    path = ACTORS_DIR / f"{stem}.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    assert header == HEADERS[stem], f"{stem}.tsv header {header}"
    rows = []
    for number, fields in enumerate(reader, start=2):
        assert len(fields) == len(header), f"{stem}.tsv data row {number}: {fields}"
        rows.append(dict(zip(header, fields, strict=True)))
    return rows


def split_cell(cell: str) -> list[str]:
    return [part for part in cell.split("|") if part] if cell else []


def parse_day(text: str) -> date:
    return date.fromisoformat(text)


def alias_key(alias: str) -> str:
    """How the resolver compares aliases: acronyms in capitals exactly, others casefolded."""
    letters = [ch for ch in alias if ch.isalpha()]
    is_acronym = bool(letters) and all(ch.isupper() for ch in letters) and len(letters) > 1
    return alias if is_acronym else alias.casefold()


def known_codes() -> set[str]:
    try:
        import pycountry
    except ImportError:  # fall back to our own list of countries
        # Western Sahara is no UN member, so countries.tsv lacks it, but it has an ISO code.
        iso3 = {row["iso3"] for row in read_tsv("countries")} | {"ESH"}
    else:
        iso3 = {country.alpha_3 for country in pycountry.countries}
    return iso3 | NON_ISO_CODES


@pytest.fixture(scope="module")
def tables() -> dict[str, list[Row]]:
    return {stem: read_tsv(stem) for stem in HEADERS}


def test_every_file_has_its_header_and_clean_cells(tables: dict[str, list[Row]]) -> None:
    for stem, rows in tables.items():
        assert rows, f"{stem}.tsv is empty"
        for row in rows:
            for column, cell in row.items():
                assert cell == cell.strip(), f"{stem}.{column}: stray space in {cell!r}"
                assert "||" not in cell and not cell.startswith("|") and not cell.endswith("|")


def test_country_columns_hold_known_codes(tables: dict[str, list[Row]]) -> None:
    codes = known_codes()
    cells = [("leaders", row["country"]) for row in tables["leaders"] if row["country"]] + [
        ("groups", row["country"]) for row in tables["groups"]
    ]
    cells += [("outlets", row["country"]) for row in tables["outlets"]]
    cells += [("titles", c) for row in tables["titles"] for c in split_cell(row["country"])]
    cells += [("countries", row["iso3"]) for row in tables["countries"]]
    cells += [("groups", c) for row in tables["groups"] for c in split_cell(row["designated_by"])]
    unknown = sorted({f"{stem}:{code}" for stem, code in cells if code not in codes})
    assert not unknown


def test_countries_cover_un_members_and_observers(tables: dict[str, list[Row]]) -> None:
    iso3 = [row["iso3"] for row in tables["countries"]]
    assert len(iso3) == len(set(iso3))
    assert len(iso3) >= 193 + 2
    assert {"PSE", "VAT", "XKX", "TWN", "USA", "SSD"} <= set(iso3)


def test_metonym_sectors_match_metonyms(tables: dict[str, list[Row]]) -> None:
    for row in tables["countries"]:
        metonyms = split_cell(row["metonyms"])
        sectors = split_cell(row["metonym_sectors"])
        assert not sectors or len(sectors) == len(metonyms), row["iso3"]
        assert set(sectors) <= SECTORS, row["iso3"]


def test_country_spot_facts(tables: dict[str, list[Row]]) -> None:
    by_iso = {row["iso3"]: row for row in tables["countries"]}
    assert "Türkiye" in split_cell(by_iso["TUR"]["aliases"])
    assert "Kyiv" in split_cell(by_iso["UKR"]["capitals"])
    usa = by_iso["USA"]
    sector_of = dict(
        zip(split_cell(usa["metonyms"]), split_cell(usa["metonym_sectors"]), strict=True)
    )
    assert sector_of["Pentagon"] == "MIL" and sector_of["White House"] == "GOV"


def test_leader_rows_are_well_formed(tables: dict[str, list[Row]]) -> None:
    org_names = {row["name"] for row in tables["groups"] + tables["igos"]}
    for row in tables["leaders"]:
        label = f"{row['name']} {row['role']} {row['start']}"
        assert row["role"] in ROLES, label
        assert row["sector"] in SECTORS, label
        assert row["source"], label
        start = parse_day(row["start"])
        assert start <= (parse_day(row["end"]) if row["end"] else date.max), label
        assert row["country"] or row["org"], f"{label}: needs a country or an org"
        assert not row["org"] or row["org"] in org_names, f"{label}: unknown org {row['org']}"


def test_leader_aliases_agree_across_rows(tables: dict[str, list[Row]]) -> None:
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in tables["leaders"]:
        aliases[row["name"]].add(row["aliases"])
    assert not {name: forms for name, forms in aliases.items() if len(forms) > 1}


def interval(row: Row) -> tuple[date, date]:
    return parse_day(row["start"]), parse_day(row["end"]) if row["end"] else date.max


def overlapping_pairs(rows: Iterable[Row]) -> list[tuple[str, str]]:
    """Pairs of rows whose [start, end) spans overlap (an end day may be the next start day)."""
    ordered = sorted(rows, key=lambda row: row["start"])
    pairs = []
    for index, row in enumerate(ordered):
        for later in ordered[index + 1 :]:
            if interval(later)[0] < interval(row)[1]:
                pairs.append((f"{row['name']} {row['start']}", f"{later['name']} {later['start']}"))
    return pairs


def test_no_person_holds_one_office_twice_at_once(tables: dict[str, list[Row]]) -> None:
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for row in tables["leaders"]:
        groups[(row["name"], row["country"], row["role"])].append(row)
    clashes = {key: overlapping_pairs(rows) for key, rows in groups.items()}
    assert not {key: pairs for key, pairs in clashes.items() if pairs}


# Rival claimants held the same office at once: Libya 2011 (Gaddafi vs the National
# Transitional Council).  Everywhere else one holder at a time catches mistyped dates.
RIVAL_OFFICES = {("LBY", "head_of_state")}


@pytest.mark.parametrize("role", ["head_of_state", "head_of_government"])
def test_one_holder_per_office_at_a_time(tables: dict[str, list[Row]], role: str) -> None:
    offices: dict[str, list[Row]] = defaultdict(list)
    for row in tables["leaders"]:
        if row["role"] == role and row["country"] and (row["country"], role) not in RIVAL_OFFICES:
            offices[row["country"]].append(row)
    clashes = {country: overlapping_pairs(rows) for country, rows in offices.items()}
    assert not {country: pairs for country, pairs in clashes.items() if pairs}


REQUIRED_LEADER_COUNTRIES = """USA RUS UKR TUR SYR IRN IRQ ISR PSE LBN SAU YEM ARE QAT EGY LBY SDN
SSD ETH ERI SOM KEN NGA MLI BFA NER TCD CMR CAF COD RWA UGA MOZ AFG PAK IND CHN PRK KOR JPN MMR BGD
THA PHL AZE ARM GEO BLR FRA GBR DEU POL COL VEN MEX HTI JOR DZA MAR TUN"""


def test_leaders_cover_enough_countries(tables: dict[str, list[Row]]) -> None:
    leaders = tables["leaders"]
    assert len(leaders) >= 400
    assert len({row["country"] for row in leaders if row["country"]}) >= 60
    required = set(REQUIRED_LEADER_COUNTRIES.split())
    assert required <= {row["country"] for row in leaders}
    igo_heads = {row["org"] for row in leaders if row["role"] == "secretary_general"}
    assert {"United Nations", "NATO"} <= igo_heads


def holds_office(leaders: list[Row], who: str, country: str, role: str, day: date) -> bool:
    """Whether the person named (by canonical name or any alias) held the office on ``day``."""
    for row in leaders:
        names = {row["name"], *split_cell(row["aliases"])}
        if who in names and row["country"] == country and row["role"] == role:
            start, end = interval(row)
            if start <= day < end:
                return True
    return False


@pytest.mark.parametrize(
    ("who", "country", "role", "day", "expected"),
    [
        ("Trump", "USA", "head_of_state", date(2020, 6, 1), True),
        ("Trump", "USA", "head_of_state", date(2025, 6, 1), True),
        ("Trump", "USA", "head_of_state", date(2022, 6, 1), False),
        ("Biden", "USA", "head_of_state", date(2022, 6, 1), True),
        ("Putin", "RUS", "head_of_state", date(2020, 3, 5), True),
        ("Putin", "RUS", "head_of_state", date(2010, 3, 5), False),
        ("Putin", "RUS", "head_of_government", date(2010, 3, 5), True),
        ("Erdogan", "TUR", "head_of_state", date(2020, 3, 5), True),
        ("Erdoğan", "TUR", "head_of_government", date(2010, 3, 5), True),
        ("Zelenskyy", "UKR", "head_of_state", date(2023, 1, 1), True),
        ("Assad", "SYR", "head_of_state", date(2020, 1, 1), True),
        ("Assad", "SYR", "head_of_state", date(2025, 3, 1), False),
        ("Jolani", "SYR", "head_of_state", date(2025, 3, 1), True),
        ("Netanyahu", "ISR", "head_of_government", date(2022, 1, 1), False),
    ],
)
def test_leader_spot_facts(
    tables: dict[str, list[Row]], who: str, country: str, role: str, day: date, expected: bool
) -> None:
    assert holds_office(tables["leaders"], who, country, role, day) is expected


REQUIRED_GROUPS = """Hayat Tahrir al-Sham; Islamic State; al-Qaeda;
al-Qaeda in the Arabian Peninsula;
al-Qaeda in the Islamic Maghreb; Turkestan Islamic Party; Houthis; Hezbollah; Hamas;
Palestinian Islamic Jihad; Wagner Group; Africa Corps; Rapid Support Forces;
Jama'at Nusrat al-Islam wal-Muslimin; al-Shabaab; Tehrik-i-Taliban Pakistan; M23;
Kurdistan Workers' Party; People's Protection Units; Syrian Democratic Forces; Taliban; Boko Haram;
Islamic State West Africa Province; Islamic State Khorasan Province; Islamic State Sahel Province;
Arakan Army; Syrian National Army; National Front for Liberation; Tigray People's Liberation Front;
Fano; Allied Democratic Forces; Kata'ib Hezbollah; Popular Mobilization Forces; Lashkar-e-Taiba;
Jaish-e-Mohammed; Baloch Liberation Army; Ahrar al-Sham; Jabhat al-Nusra; Free Syrian Army;
Libyan National Army; Kachin Independence Army; Ta'ang National Liberation Army;
Myanmar National Democratic Alliance Army; People's Defence Force; Lord's Resistance Army; CODECO;
Ambazonia Defence Forces; Al-Aqsa Martyrs' Brigades; Lion's Den; Islamic Resistance in Iraq; Azov;
ELN; FARC dissidents"""


def test_groups_are_complete_and_consistent(tables: dict[str, list[Row]]) -> None:
    groups = tables["groups"]
    names = {row["name"] for row in groups}
    assert len(names) >= 150
    missing = {name.strip() for name in REQUIRED_GROUPS.split(";")} - names
    assert not missing
    for row in groups:
        assert row["kind"] in GROUP_KINDS, row["name"]
        assert row["sector"] in SECTORS, row["name"]
        assert row["code"] == row["country"] + row["sector"], row["name"]
        assert row["source"], row["name"]
        start = parse_day(row["start"]) if row["start"] else date.min
        assert start <= (parse_day(row["end"]) if row["end"] else date.max), row["name"]


def test_group_spot_facts(tables: dict[str, list[Row]]) -> None:
    rows = {(row["name"], row["sector"]): row for row in tables["groups"]}
    assert rows[("Taliban", "GOV")]["start"] == rows[("Taliban", "REB")]["end"] == "2021-08-15"
    assert rows[("Hayat Tahrir al-Sham", "REB")]["end"] == "2025-01-29"
    assert rows[("Wagner Group", "MIL")]["code"] == "RUSMIL"
    assert rows[("Azov", "MIL")]["country"] == "UKR"
    assert {"ISIS", "ISIL", "IS", "Daesh"} <= set(
        split_cell(rows[("Islamic State", "REB")]["aliases"])
    )


REQUIRED_IGOS = """United Nations; UN Security Council; UNHCR; OCHA; World Food Programme; UNICEF;
World Health Organization; NATO; European Union; African Union; ECOWAS; Arab League; OSCE;
International Committee of the Red Cross; Doctors Without Borders; Amnesty International;
Human Rights Watch; International Atomic Energy Agency; International Criminal Court;
Syrian Observatory for Human Rights"""


def test_igos_are_complete_and_consistent(tables: dict[str, list[Row]]) -> None:
    igos = tables["igos"]
    missing = {name.strip() for name in REQUIRED_IGOS.split(";")} - {row["name"] for row in igos}
    assert not missing
    for row in igos:
        assert row["sector"] in {"IGO", "NGO"}, row["name"]
        assert row["code"].startswith(row["sector"]), row["name"]
        assert row["kind"] in IGO_KINDS, row["name"]


def test_titles_sectors_and_outlets(tables: dict[str, list[Row]]) -> None:
    for row in tables["titles"]:
        assert row["role"] in ROLES and row["sector"] in SECTORS, row["title"]
    terms = [row["term"] for row in tables["sectors"]]
    assert len(terms) == len(set(terms)) and len(terms) >= 100
    for row in tables["sectors"]:
        assert row["sector"] in SECTORS and row["plural_only"] in {"yes", "no"}, row["term"]
        assert row["term"] == row["term"].lower() or row["term"].isupper(), row["term"]
    assert all(row["kind"] in OUTLET_KINDS for row in tables["outlets"])
    assert {"Reuters", "Associated Press", "Agence France-Presse", "SANA"} <= {
        row["name"] for row in tables["outlets"]
    }


def surface_forms(tables: dict[str, list[Row]]) -> dict[str, set[str]]:
    """alias key -> canonical names of every entry it can refer to, across all entity files."""
    entries: dict[str, set[str]] = defaultdict(set)
    for row in tables["countries"]:
        forms = [row["name"]] + [
            form
            for column in ("aliases", "demonyms", "capitals", "metonyms")
            for form in split_cell(row[column])
        ]
        for form in forms:
            entries[alias_key(form)].add(row["name"])
    for stem in ("leaders", "groups", "igos", "outlets"):
        for row in tables[stem]:
            for form in [row["name"], *split_cell(row["aliases"])]:
                entries[alias_key(form)].add(row["name"])
    return entries


def test_every_shared_alias_is_declared_ambiguous(tables: dict[str, list[Row]]) -> None:
    declared = {alias_key(row["alias"]): row for row in tables["ambiguous_aliases"]}
    shared = {key: names for key, names in surface_forms(tables).items() if len(names) > 1}
    undeclared = sorted(key for key in shared if key not in declared)
    assert not undeclared
    incomplete = {
        key: sorted(names - set(split_cell(declared[key]["candidates"])))
        for key, names in shared.items()
        if not names <= set(split_cell(declared[key]["candidates"]))
    }
    assert not incomplete


def test_ambiguous_rows_name_real_entries_and_rules(tables: dict[str, list[Row]]) -> None:
    known = {name for names in surface_forms(tables).values() for name in names}
    for row in tables["ambiguous_aliases"]:
        candidates = split_cell(row["candidates"])
        assert candidates and set(candidates) <= known, row["alias"]
        for rule in split_cell(row["rule"]):
            assert rule in SIMPLE_RULES or CONTEXT_RULE.match(rule), f"{row['alias']}: {rule}"
