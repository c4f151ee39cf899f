"""Checks on the event-pattern knowledge base in ``flashpoint/resources/events``.

The files are read with the csv module exactly as documented in docs/patterns.md, so a broken
row fails here before it can silently change what the engine extracts.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from flashpoint.model import EVENT_TYPES
from flashpoint.settings import SPACY_MODEL

EVENTS_DIR = Path(str(files("flashpoint") / "resources" / "events"))

HEADERS = {
    "triggers.tsv": [
        "lemma",
        "pos",
        "object",
        "event_type",
        "cameo",
        "mode",
        "target_preps",
        "roles",
        "notes",
    ],
    "modes.tsv": ["keyword", "event_type", "mode", "cameo", "notes"],
    "modality.tsv": ["cue", "pos", "modality", "scope", "notes"],
    "acled.tsv": [
        "event_type",
        "mode",
        "target",
        "acled_event_type",
        "acled_sub_event_type",
        "notes",
    ],
    "cameo_codes.tsv": ["code", "description", "plover_type"],
}

# Which PLOVER types may sit under each CAMEO root.  Most roots map to one type; the extra
# entries follow the PLOVER crosswalk (e.g. 08 YIELD splits into CONCEDE and RETREAT).
CAMEO_ROOT_TYPES: dict[str, set[str]] = {
    "02": {"REQUEST"},
    "03": {"AGREE"},
    "04": {"CONSULT"},
    "05": {"SUPPORT", "AGREE", "CONCEDE"},
    "06": {"COOPERATE"},
    "07": {"AID"},
    "08": {"CONCEDE", "RETREAT"},
    "09": {"ACCUSE"},
    "10": {"REQUEST"},
    "11": {"ACCUSE", "SANCTION"},
    "12": {"REJECT"},
    "13": {"THREATEN"},
    "14": {"PROTEST"},
    "15": {"MOBILIZE"},
    "16": {"SANCTION"},
    "17": {"COERCE", "ASSAULT"},
    "18": {"ASSAULT"},
    "19": {"ASSAULT", "COERCE"},
    "20": {"ASSAULT", "COERCE"},
}

# PLOVER's mode names per type, plus the few extensions documented in docs/patterns.md.
MODES_BY_TYPE: dict[str, set[str]] = {
    "ASSAULT": {
        "abduct",
        "beat",
        "torture",
        "execute",
        "sexual",
        "assassinate",
        "destroy",
        "primitive",
        "firearms",
        "explosives",
        "suicide-attack",
        "aerial",
        "artillery",
        "grenade",
        "mass-killing",
        "cbrn",
        "intercept",
        "territory",
        "territory-regained",
    },
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "AID": {"economic", "military", "humanitarian", "asylum"},
    "RETREAT": {"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "THREATEN": {"restrict", "ban", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"},
    "SANCTION": {"convict", "cancel", "expel", "withdraw", "sever"},
    "MOBILIZE": {"troops", "weapons", "police", "base"},
    "COERCE": {
        "confiscate",
        "restrict",
        "ban",
        "censor",
        "curfew",
        "martial-law",
        "arrest",
        "deport",
        "withhold",
        "destroy",
        "repression",
    },
    "AGREE": {"ceasefire"},
    "CONCEDE": {"ceasefire"},
}

ACLED_TAXONOMY: dict[str, set[str]] = {
    "Battles": {
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    },
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    },
    "Protests": {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    },
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}

ROLES = {"agent_patient", "symmetric", "speaker_target", "self", "mutual", "receiver"}
PLACE_PREPS = {"in", "into"}
FIRING_LEMMAS = {"fire", "shoot", "open fire"}
ALIAS_NOTE = re.compile(r"lemmatises '([^']+)' as '([^']+)'")


def _data_lines(name: str) -> Iterator[str]:
    with (EVENTS_DIR / name).open(encoding="utf-8", newline="") as handle:
        for line in handle:
            if not line.startswith("#") and line.strip():
                yield line


@cache
def header(name: str) -> tuple[str, ...]:
    return tuple(next(csv.reader(_data_lines(name), delimiter="\t")))


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    reader = csv.DictReader(_data_lines(name), delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple(reader)


def cells(value: str) -> list[str]:
    return [part for part in value.split("|") if part]


@cache
def cameo_codes() -> dict[str, str]:
    return {row["code"]: row["plover_type"] for row in rows("cameo_codes.tsv")}


# --- shape of every file -------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_is_exact(name: str) -> None:
    assert list(header(name)) == HEADERS[name]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_every_row_has_every_column(name: str) -> None:
    for row in rows(name):
        assert None not in row, f"{name}: too many cells in {row}"
        assert all(value is not None for value in row.values()), f"{name}: short row {row}"
        assert all(value == value.strip() for value in row.values()), f"{name}: padding {row}"


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_every_file_starts_with_a_comment(name: str) -> None:
    first = (EVENTS_DIR / name).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ")


# --- CAMEO codes ------------------------------------------------------------------------------


def test_cameo_table_is_a_complete_hierarchy() -> None:
    codes = cameo_codes()
    assert len(codes) == len(rows("cameo_codes.tsv")), "duplicate CAMEO code"
    assert {c for c in codes if len(c) == 2} == {f"{n:02d}" for n in range(1, 21)}
    for code, plover_type in codes.items():
        assert re.fullmatch(r"\d{2,4}", code), code
        if len(code) > 2:
            assert code[:-1] in codes or code[:3] in codes, f"{code} has no parent"
        if code.startswith("01"):
            assert plover_type == "", "PLOVER does not code comments"
        else:
            assert plover_type in CAMEO_ROOT_TYPES[code[:2]], (code, plover_type)
    for row in rows("cameo_codes.tsv"):
        assert row["description"], row


def test_every_three_digit_cameo_code_is_listed() -> None:
    three_digit = {c for c in cameo_codes() if len(c) == 3}
    # CAMEO numbers sub-codes densely from 0 within each root: no gaps allowed.
    for root in {c[:2] for c in three_digit}:
        digits = sorted(int(c[2]) for c in three_digit if c.startswith(root))
        assert digits == list(range(len(digits))), root


@pytest.mark.parametrize("name", ["triggers.tsv", "modes.tsv"])
def test_cameo_codes_exist_and_fit_the_type(name: str) -> None:
    codes = cameo_codes()
    for row in rows(name):
        code = row["cameo"]
        assert code in codes, f"{name}: unknown CAMEO code {code!r} in {row}"
        assert row["event_type"] in CAMEO_ROOT_TYPES.get(code[:2], set()), (name, row)


# --- triggers -------------------------------------------------------------------------------


def test_trigger_types_modes_and_roles_are_valid() -> None:
    for row in rows("triggers.tsv"):
        assert row["event_type"] in EVENT_TYPES, row
        assert row["pos"] in {"VERB", "NOUN"}, row
        assert row["roles"] in ROLES, row
        if row["mode"]:
            assert row["mode"] in MODES_BY_TYPE.get(row["event_type"], set()), row
        # (what is fired "into" is fired at: "fired into the crowd", unlike "pushed into Kursk")
        place_preps = PLACE_PREPS - {"into"} if row["lemma"] in FIRING_LEMMAS else PLACE_PREPS
        assert not place_preps & set(cells(row["target_preps"])), f"place prep as target: {row}"


def test_trigger_lemmas_and_objects_are_lowercase_lemmas() -> None:
    classes = {row["class"] for row in rows("object_classes.tsv")}
    for row in rows("triggers.tsv"):
        for text in [row["lemma"], *cells(row["object"])]:
            if text.startswith("@"):
                assert text[1:] in classes, f"unknown object class {text!r} in {row}"
                continue
            assert text == text.lower(), row
            assert re.fullmatch(r"[a-z]+( ([a-z]+|-))*", text), f"not a lemma sequence: {text!r}"


def test_object_classes_are_lowercase_lemmas_and_expand_in_the_lexicon() -> None:
    from flashpoint.extract.lexicon import get_lexicon

    for row in rows("object_classes.tsv"):
        members = cells(row["lemmas"])
        assert members, row
        for text in members:
            # one lemma, or a compound and its head ("rescue team"), as the matcher pairs them
            assert re.fullmatch(r"[a-z]+( [a-z]+)?", text), f"not a lemma: {text!r}"
    shipping = [t for t in get_lexicon().candidates("ship", "VERB") if t.event_type == "AID"]
    assert shipping and all("@" not in "".join(t.objects) for t in shipping)
    assert any("shell" in t.objects for t in shipping)


def test_every_plover_type_has_enough_triggers() -> None:
    counts = Counter(row["event_type"] for row in rows("triggers.tsv"))
    thin = {t: counts[t] for t in EVENT_TYPES if counts[t] < 8}
    assert not thin, thin
    assert sum(counts.values()) >= 400


def test_no_lemma_object_pair_points_to_two_types() -> None:
    # The engine picks "the row whose object matches": two rows claiming the same object for
    # the same lemma would make that choice arbitrary.
    owners: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    intentional: set[tuple[str, str, str]] = set()
    for row in rows("triggers.tsv"):
        for obj in cells(row["object"]) or [""]:
            key = (row["lemma"], row["pos"], obj)
            owners[key].add(row["event_type"])
            if "intentional" in row["notes"]:
                intentional.add(key)
    clashes = {k: v for k, v in owners.items() if len(v) > 1 and k not in intentional}
    assert not clashes, clashes


def test_no_exact_duplicate_trigger_rows() -> None:
    keys = Counter((r["lemma"], r["pos"], r["object"]) for r in rows("triggers.tsv"))
    assert not [k for k, n in keys.items() if n > 1]


def test_roles_follow_the_type() -> None:
    speaker_types = {"ACCUSE", "REQUEST", "THREATEN", "REJECT"}
    for row in rows("triggers.tsv"):
        if row["event_type"] in speaker_types:
            assert row["roles"] in {"speaker_target", "symmetric", "mutual"}, row
        if row["roles"] == "self":
            assert row["event_type"] in {"RETREAT", "MOBILIZE"}, row


def test_ambiguous_strike_is_disambiguated() -> None:
    # "strike" is an attack by default but a labour action or a deal in context.
    by_key = {(r["lemma"], r["pos"], r["object"]): r["event_type"] for r in rows("triggers.tsv")}
    assert by_key[("strike", "NOUN", "")] == "ASSAULT"
    assert by_key[("general strike", "NOUN", "")] == "PROTEST"
    assert by_key[("hunger strike", "NOUN", "")] == "PROTEST"
    agree_objects = {
        obj
        for r in rows("triggers.tsv")
        if r["lemma"] == "strike" and r["event_type"] == "AGREE"
        for obj in cells(r["object"])
    }
    assert "deal" in agree_objects


# --- modes, modality, ACLED -------------------------------------------------------------------


def test_modes_rows_are_valid_and_unique() -> None:
    seen: Counter[tuple[str, str]] = Counter()
    for row in rows("modes.tsv"):
        assert row["event_type"] in EVENT_TYPES, row
        assert row["mode"] or row["cameo"], row
        if row["mode"]:
            assert row["mode"] in MODES_BY_TYPE.get(row["event_type"], set()), row
        assert row["keyword"] == row["keyword"].lower(), row
        seen[(row["keyword"], row["event_type"])] += 1
    assert not [k for k, n in seen.items() if n > 1]


def test_modality_rows_are_valid_and_unique() -> None:
    modalities: Counter[str] = Counter()
    keys = Counter((r["cue"], r["pos"], r["scope"]) for r in rows("modality.tsv"))
    assert not [k for k, n in keys.items() if n > 1]
    for row in rows("modality.tsv"):
        assert row["modality"] in {"negated", "uncertain", "intended"}, row
        assert row["scope"] in {"aux", "adv", "head", "clause", "sentence"}, row
        assert row["pos"] in {"PART", "ADV", "ADJ", "ADP", "AUX", "VERB", "NOUN", "DET"} | {
            "CCONJ",
            "SCONJ",
        }, row
        modalities[row["modality"]] += 1
    assert min(modalities.values()) >= 10, modalities


def test_acled_rows_use_acled_names_only() -> None:
    keys = Counter((r["event_type"], r["mode"], r["target"]) for r in rows("acled.tsv"))
    assert not [k for k, n in keys.items() if n > 1]
    for row in rows("acled.tsv"):
        assert row["event_type"] in EVENT_TYPES, row
        assert row["target"] in {"armed", "civilian", "any"}, row
        assert row["acled_sub_event_type"] in ACLED_TAXONOMY[row["acled_event_type"]], row
        if row["mode"] != "*":
            assert row["mode"] in MODES_BY_TYPE[row["event_type"]], row


def test_acled_covers_every_violent_mode_and_fallback() -> None:
    mapped = {(r["event_type"], r["mode"]) for r in rows("acled.tsv")}
    for fallback_type in ("ASSAULT", "PROTEST", "COERCE"):
        assert (fallback_type, "*") in mapped
    assert "SANCTION" not in {t for t, _ in mapped}, "non-violent types have no ACLED type"


# --- the lemmas are lemmas the real model produces ---------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(SPACY_MODEL)


def _plural(word: str) -> str:
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def _lemma_text(doc: Doc) -> str:
    return " " + " ".join(token.lemma_.lower() for token in doc) + " "


def test_trigger_lemmas_come_back_from_the_model(nlp: Language) -> None:
    pairs = sorted({(r["lemma"], r["pos"]) for r in rows("triggers.tsv")})
    sentences = []
    for lemma, pos in pairs:
        surface = lemma.replace(" - ", "-")
        if pos == "VERB":
            sentences.append(f"They will {surface} it.")
        else:
            sentences.append(f"The {surface} was reported.")
    missing = [
        (pair, sentence)
        for pair, sentence, doc in zip(pairs, sentences, nlp.pipe(sentences), strict=True)
        if f" {pair[0]} " not in _lemma_text(doc)
    ]
    assert not missing, missing[:20]


def test_plural_nominal_triggers_lemmatise_to_the_row(nlp: Language) -> None:
    nouns = sorted({r["lemma"] for r in rows("triggers.tsv") if r["pos"] == "NOUN"})
    sentences = []
    for lemma in nouns:
        words = lemma.split(" ")
        words[-1] = _plural(words[-1])
        sentences.append("Three " + " ".join(words).replace(" - ", "-") + " were reported.")
    missing = [
        (lemma, sentence)
        for lemma, sentence, doc in zip(nouns, sentences, nlp.pipe(sentences), strict=True)
        if f" {lemma} " not in _lemma_text(doc)
    ]
    assert not missing, missing[:20]


def test_documented_model_quirks_are_real(nlp: Language) -> None:
    # Rows that exist only because the small model mislemmatises a form must say so in
    # their notes ("lemmatises 'X' as 'Y'"); check the model still does that.
    quirks = [
        (m.group(1), m.group(2), row["lemma"])
        for row in rows("triggers.tsv")
        if (m := ALIAS_NOTE.search(row["notes"]))
    ]
    assert quirks
    for surface, lemma, row_lemma in quirks:
        assert row_lemma.split(" ")[0] == lemma
        doc = nlp(f"They {surface} them yesterday.")
        produced = {t.lemma_ for t in doc if t.text == surface}
        assert produced == {lemma}, (surface, produced)


def test_act_nouns_are_single_lowercase_lemmas() -> None:
    lemmas = [row["lemma"] for row in rows("act_nouns.tsv")]
    assert lemmas and len(lemmas) == len(set(lemmas))
    assert all(re.fullmatch(r"[a-z]+", lemma) for lemma in lemmas)
    named = {t for row in rows("act_nouns.tsv") for t in row["names"].split("|") if t}
    assert named <= set(EVENT_TYPES), named - set(EVENT_TYPES)
