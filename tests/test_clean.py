"""Cleaning: boilerplate goes, datelines and every real sentence stay, hostile text is safe."""

from __future__ import annotations

import dataclasses
import time
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from flashpoint.clean import clean_article, clean_text, leading_dateline, load_patterns
from flashpoint.model import Article

WIRE_COPY = Path(__file__).parent / "data" / "ingest" / "clean" / "wire_copy.txt"
BEFORE = "Rebels fired rockets at an army post near Aleppo, a monitor said."
AFTER = "The army returned fire with artillery on Tuesday."


def between(line: str) -> str:
    """A report with ``line`` as its own paragraph between two real ones."""
    return f"{BEFORE}\n\n{line}\n\n{AFTER}"


@pytest.mark.parametrize(
    "junk",
    [
        "By Sarah El Deeb and Zeynep Bilginsoy",
        "By Reuters Staff",
        "By SARAH EL DEEB, Associated Press",
        "By Sarah El Deeb | Associated Press",
        "Associated Press",
        "Reporting by Ali Kucukgocmen; Editing by Jon Boyle",
        "(Reporting by Ali Kucukgocmen in Istanbul; Writing by Daren Butler; Editing by Jon Boyle)",
        "(Writing by Daren Butler)",
        "Additional reporting by Suleiman Al-Khalidi in Amman",
        "Photo: AP/Sputnik",
        "(AP Photo/Ghaith Alsayed)",
        "Photograph: Omar Haj Kadour/AFP via Getty Images",
        "FILE PHOTO: Turkish army vehicles drive near Idlib. REUTERS/Khalil Ashawi/File Photo",
        "Image caption Smoke rises over Saraqib",
        "Credit: Reuters",
        "Syrian troops in Saraqib on Feb. 28. (AP Photo/Ghaith Alsayed, File)",
        "Smoke rises over the city. Omar Haj Kadour/AFP via Getty Images",
        "Read more",
        "Read more: Russia denies role in strike",
        "Related: Turkey threatens response",
        "Related articles",
        "Share this article",
        "Share on Facebook",
        "Follow us on Twitter",
        "Follow @AP on Twitter for updates",
        "Sign up for our newsletter",
        "Advertisement",
        "© 2020 The Associated Press. All rights reserved.",
        "Copyright 2020 Reuters.",
        "This story has been corrected to show the attack was on Thursday.",
        "Updated 10:32 AM GMT, March 1, 2020",
        "https://example.com/world/middle-east/idlib?id=1",
        "www.example.org/story",
        "— AFP",
        "We use cookies to give you the best experience on our website.",
    ],
)
def test_boilerplate_line_is_removed_and_the_report_kept(junk: str) -> None:
    assert clean_text(between(junk)) == f"{BEFORE}\n\n{AFTER}"


@pytest.mark.parametrize(
    "sentence",
    [
        "By Monday, Turkish forces had pushed back into Saraqib.",
        "By Sarah's account, the convoy was hit twice.",
        "Published reports said 33 soldiers had died.",
        "Photos of the attack circulated on social media.",
        "Reuters could not independently verify the report.",
        "The AP reported that rebels had withdrawn from the town.",
        "Related violence spread to Hama province on Friday.",
        "Share prices in Istanbul fell after the attack.",
        "Updated casualty figures were released by the ministry.",
        "Follow-up strikes hit Saraqib overnight.",
        "IDLIB, Syria (AP) — Turkish troops shelled government positions.",
        "ANKARA, March 1 (Reuters) - Turkey said it downed two Syrian jets.",
        "The army said the town of www was captured.",
    ],
)
def test_real_sentences_are_kept_untouched(sentence: str) -> None:
    assert clean_text(between(sentence)) == f"{BEFORE}\n\n{sentence}\n\n{AFTER}"


def test_wire_copy_keeps_dateline_and_sentences_and_drops_everything_else() -> None:
    cleaned = clean_text(WIRE_COPY.read_text(encoding="utf-8"))
    paragraphs = cleaned.split("\n\n")
    assert paragraphs[0] == "Turkish soldiers killed in Syrian air strike"
    assert paragraphs[1].startswith(
        "IDLIB, Syria (AP) — At least 33 Turkish soldiers were killed in an air strike"
        " in northwestern Syria on Thursday,"
    )
    assert paragraphs[1].endswith("since Ankara first sent troops into the country in 2016.")
    assert paragraphs[2].endswith("and a second official told Reuters.")
    assert paragraphs[3].startswith("By Monday, Turkish forces had pushed back into Saraqib,")
    assert paragraphs[4] == "The ministry said it would retaliate against any further attack."
    assert len(paragraphs) == 5
    gone = ["El Deeb", "Photo", "Getty", "Credit", "Read more", "newsletter", "http"]
    gone += ["Kucukgocmen", "Butler", "©", "corrected", "AFP", "Updated", "Advertisement"]
    assert [word for word in gone if word in cleaned] == []


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("IDLIB, Syria (AP) — At least 33 soldiers died.", "IDLIB, Syria (AP) —"),
        ("ANKARA, March 1 (Reuters) - Turkey said it downed jets.", "ANKARA, March 1 (Reuters) -"),
        ("BEIRUT (AFP) -- Protesters gathered.", "BEIRUT (AFP) --"),
        ("JISR AL-SHUGHUR, Syria — Shelling resumed.", "JISR AL-SHUGHUR, Syria —"),
        (
            "BAGHDAD/WASHINGTON, Jan 8 (Reuters) - Iran fired.",
            "BAGHDAD/WASHINGTON, Jan 8 (Reuters) -",
        ),
        ("PRETORIA, South Africa, Nov 3 (AFP) - A deal.", "PRETORIA, South Africa, Nov 3 (AFP) -"),
        ("US-backed forces advanced on Raqqa.", None),
        ("The army - which denied it - advanced.", None),
    ],
)
def test_leading_dateline(text: str, dateline: str | None) -> None:
    assert leading_dateline(text) == dateline
    assert clean_text(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops shelled Idlib. — AFP", "Troops shelled Idlib."),
        ("Troops shelled Idlib. - Reuters", "Troops shelled Idlib."),
        ("Troops shelled Idlib. (Reuters)", "Troops shelled Idlib."),
        ("Troops shelled Idlib.\n\n— AFP", "Troops shelled Idlib."),
        ("BEIRUT (AFP) - Troops shelled Idlib.", "BEIRUT (AFP) - Troops shelled Idlib."),
        ("Talks with the AP ended.", "Talks with the AP ended."),
    ],
)
def test_agency_tags_go_only_at_the_end(text: str, expected: str) -> None:
    assert clean_text(text) == expected


def test_dateline_on_its_own_line_joins_its_sentence() -> None:
    text = "ANKARA, March 1 (Reuters) -\nTurkey said it downed two Syrian jets."
    assert clean_text(text) == "ANKARA, March 1 (Reuters) - Turkey said it downed two Syrian jets."


def test_hard_wrapped_lines_are_joined_but_headlines_and_paragraphs_stay_apart() -> None:
    text = (
        "Clashes in Idlib\n"
        "IDLIB, Syria (AP) — Government forces and rebels fought for control of the\n"
        "town of Saraqib on Tuesday, according to a war monitor based in Britain\n"
        "which relies on a network of activists.\n\n\n\n"
        "Aid groups said thousands had fled.\n"
    )
    assert clean_text(text) == (
        "Clashes in Idlib\n\n"
        "IDLIB, Syria (AP) — Government forces and rebels fought for control of the town of"
        " Saraqib on Tuesday, according to a war monitor based in Britain which relies on a"
        " network of activists.\n\n"
        "Aid groups said thousands had fled."
    )


def test_unicode_is_normalised_and_invisible_characters_go() -> None:
    decomposed = unicodedata.normalize("NFD", "Erdoğan said “no” to the café’s owner.")
    text = f"\u202e{decomposed}\u200b\x07 It\u00a0was\u2009late.\r\nVery\u2028late."
    cleaned = clean_text(text)
    assert cleaned == "Erdoğan said “no” to the café’s owner. It was late. Very late."
    assert unicodedata.is_normalized("NFC", cleaned)


def test_markup_in_plain_text_is_removed() -> None:
    text = (
        "<p>Troops entered <b>Saraqib</b>.</p><script>steal(document.cookie)</script>"
        "<!-- tracking --><style>p {}</style> Rebels withdrew. 3 < 5 and 7 > 2."
    )
    assert clean_text(text) == "Troops entered Saraqib . Rebels withdrew. 3 < 5 and 7 > 2."


def test_lines_that_are_only_urls_go_but_urls_in_sentences_stay() -> None:
    text = "The report is at https://example.org/r.pdf today.\n<https://example.org/x>\n"
    assert clean_text(text) == "The report is at https://example.org/r.pdf today."


def test_empty_and_boilerplate_only_inputs_clean_to_nothing() -> None:
    assert clean_text("") == ""
    assert clean_text(" \n\u200b\n\t") == ""
    assert clean_text("Advertisement\n\nShare this article\n") == ""


HOSTILE = {
    "one long word": "a" * 200_000,
    "open parentheses": "(" * 200_000,
    "angle brackets": "<" * 200_000,
    "unclosed scripts": "<script>" * 25_000,
    "unclosed comments": "<!--" * 50_000,
    "unclosed tags": "<a " * 66_000,
    "byline-like": "By " + "Sarah " * 33_000 + "x",
    "photo credits": "(AP Photo/" * 20_000,
    "dateline-like": "IDLIB, " * 28_000 + "x",
    "timestamp-like": "Updated " + "1 " * 99_000 + "x",
    "reporting-by": "(Reporting by " * 14_000,
    "rtl overrides": "\u202e\u202d" * 100_000 + "text",
    "dashes": "- " * 100_000,
    "sign-offs": "said. " + "— AFP " * 30_000,
    "url": "https://" + "a" * 200_000,
    "many short lines": "By Sarah\n" * 20_000,
    "wrapped lines": ("word " * 14 + "\n") * 3_000,
    "sentences": "The army said. " * 14_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_cleaned_quickly(name: str) -> None:
    started = time.perf_counter()
    cleaned = clean_text(HOSTILE[name])
    assert time.perf_counter() - started < 2.0
    assert len(cleaned) <= len(HOSTILE[name])


def test_clean_article_replaces_only_the_text() -> None:
    article = Article(
        text="By Reuters Staff\n\nTroops shelled Idlib. (Reuters)",
        url="https://x.example/1",
        title="Shelling",
        published=date(2020, 3, 1),
        source="Wire",
        origin="a.txt",
    )
    cleaned = clean_article(article)
    assert cleaned.text == "Troops shelled Idlib."
    assert dataclasses.replace(cleaned, text=article.text) == article
    assert cleaned.origin == "a.txt"


@pytest.mark.parametrize("name", ["drop_lines", "captions", "inline", "trailing", "datelines"])
def test_pattern_files_load(name: str) -> None:
    assert load_patterns(name)


@pytest.mark.parametrize(
    "block",
    [
        "Photo: AFP/Thomas Coex\nFrench soldiers of the Barkhane force on patrol in northern Mali.",
        "French soldiers on patrol in northern Mali.\nPhotograph: Thomas Coex/AFP via Getty Images",
    ],
)
def test_caption_block_beside_a_credit_goes_whole(block: str) -> None:
    assert clean_text(between(block)) == f"{BEFORE}\n\n{AFTER}"


def test_credit_line_inside_a_long_block_takes_only_itself() -> None:
    lines = [BEFORE, "Photo: AFP/Thomas Coex", AFTER, "Aid groups said thousands had fled."]
    cleaned = clean_text("\n".join(lines))
    assert "Photo" not in cleaned and "Coex" not in cleaned
    assert [line for line in lines[:1] + lines[2:] if line not in cleaned] == []


def test_clean_article_drops_a_first_paragraph_that_repeats_the_title() -> None:
    text = "Turkey launches “Operation Spring Shield”\n\nISTANBUL (AP) — Turkey said it struck."
    article = Article(text=text, title="Turkey launches  “Operation Spring Shield”")
    assert clean_article(article).text == "ISTANBUL (AP) — Turkey said it struck."
    other = Article(text=text, title="Turkey strikes back")
    assert clean_article(other).text == text


def test_a_story_between_its_byline_and_a_photo_credit_is_kept() -> None:
    story = (
        "KHARKIV, Ukraine — Russian troops pushed into the border town of Vovchansk on Sunday "
        "after two days of shelling, forcing hundreds of residents to flee on foot and by bus, "
        "the regional governor said."
    )
    text = f"By Anna Petrenko\n{story}\nPhoto: Staff photographer/AP"
    assert clean_text(text) == story
