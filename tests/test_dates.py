"""Date expressions: finding, resolving against the publication date, and dating one event."""

from __future__ import annotations

from datetime import date

import pytest

import flashpoint
from flashpoint.extract.dates import (
    DateMention,
    dateline_date,
    event_date,
    find_dates,
    is_history_marker,
)
from flashpoint.model import ResolvedDate
from flashpoint.nlp import parse

FRI = date(2020, 2, 28)  # a Friday, the day before a leap day
MON_NEW_YEAR = date(2021, 1, 4)  # the first Monday of 2021
NEW_YEARS_EVE = date(2020, 12, 31)  # a Thursday
LEAP_SUNDAY = date(2020, 3, 1)  # the day after 29 February

D = date  # short alias for the tables

# (text, published, expected [(mention text, value, precision)])
CASES: list[tuple[str, date | None, list[tuple[str, date, str]]]] = [
    # weekdays: the most recent one on or before publication
    ("An airstrike on Thursday killed 33 soldiers.", FRI, [("Thursday", D(2020, 2, 27), "day")]),
    ("Talks ended on Friday.", FRI, [("Friday", FRI, "day")]),
    ("Talks ended last Friday.", FRI, [("last Friday", D(2020, 2, 21), "day")]),
    ("Talks resume next Friday.", FRI, [("next Friday", D(2020, 3, 6), "day")]),
    ("Shelling began on Saturday.", FRI, [("Saturday", D(2020, 2, 22), "day")]),
    ("Clashes erupted late Wednesday.", FRI, [("late Wednesday", D(2020, 2, 26), "day")]),
    ("It happened early on Thursday.", FRI, [("early on Thursday", D(2020, 2, 27), "day")]),
    ("Drones struck Thursday night.", FRI, [("Thursday night", D(2020, 2, 27), "day")]),
    ("Sunday's vote was delayed.", FRI, [("Sunday", D(2020, 2, 23), "day")]),
    ("Thursday's attack killed 5.", FRI, [("Thursday", D(2020, 2, 27), "day")]),
    ("They met last Saturday.", FRI, [("last Saturday", D(2020, 2, 22), "day")]),
    ("Polls open this coming Sunday.", FRI, [("this coming Sunday", D(2020, 3, 1), "day")]),
    ("Polls open this Sunday.", FRI, [("this Sunday", D(2020, 3, 1), "day")]),
    (
        "Fighting on Monday and Tuesday.",
        FRI,
        [("Monday", D(2020, 2, 24), "day"), ("Tuesday", D(2020, 2, 25), "day")],
    ),
    # fixed relative phrases
    ("Rockets fell overnight.", FRI, [("overnight", FRI, "day")]),  # the small hours just past
    ("Rockets fell last night.", FRI, [("last night", D(2020, 2, 27), "day")]),
    ("Protests continue today.", FRI, [("today", FRI, "day")]),
    ("Jets struck this morning.", FRI, [("this morning", FRI, "day")]),
    ("Jets struck yesterday.", FRI, [("yesterday", D(2020, 2, 27), "day")]),
    (
        "It began the day before yesterday.",
        FRI,
        [("the day before yesterday", D(2020, 2, 26), "day")],
    ),
    ("Talks are set for tomorrow.", FRI, [("tomorrow", D(2020, 2, 29), "day")]),
    ("It was quiet the day before.", FRI, [("the day before", D(2020, 2, 27), "day")]),
    ("Troops moved in last week.", FRI, [("last week", D(2020, 2, 17), "week")]),
    ("Troops moved in this week.", FRI, [("this week", D(2020, 2, 24), "week")]),
    ("Troops move in next week.", FRI, [("next week", D(2020, 3, 2), "week")]),
    ("Raids began earlier this month.", FRI, [("earlier this month", D(2020, 2, 1), "month")]),
    ("Raids began last month.", FRI, [("last month", D(2020, 1, 1), "month")]),
    ("Raids began late last month.", FRI, [("late last month", D(2020, 1, 1), "month")]),
    ("Raids resume next month.", FRI, [("next month", D(2020, 3, 1), "month")]),
    ("The war escalated last year.", FRI, [("last year", D(2019, 1, 1), "year")]),
    ("The war escalated earlier this year.", FRI, [("earlier this year", D(2020, 1, 1), "year")]),
    # counted offsets
    ("It fell two days ago.", FRI, [("two days ago", D(2020, 2, 26), "day")]),
    ("It fell 3 days ago.", FRI, [("3 days ago", D(2020, 2, 25), "day")]),
    ("It fell two weeks ago.", FRI, [("two weeks ago", D(2020, 2, 10), "week")]),
    ("It fell a week ago.", FRI, [("a week ago", D(2020, 2, 17), "week")]),
    ("It fell three days earlier.", FRI, [("three days earlier", D(2020, 2, 25), "day")]),
    ("It fell three hours ago.", FRI, [("three hours ago", FRI, "day")]),
    ("It fell 48 hours ago.", FRI, [("48 hours ago", D(2020, 2, 26), "day")]),
    ("It fell earlier on Thursday.", FRI, [("earlier on Thursday", D(2020, 2, 27), "day")]),
    ("Stamped 2020-02-27T10:00:00Z.", FRI, [("2020-02-27", D(2020, 2, 27), "day")]),
    # absolute dates, with and without a year
    ("Talks on March 5 failed.", FRI, [("March 5", D(2020, 3, 5), "day")]),
    ("Talks on March 5, 2020 failed.", FRI, [("March 5, 2020", D(2020, 3, 5), "day")]),
    ("Talks on 5 March 2019 failed.", FRI, [("5 March 2019", D(2019, 3, 5), "day")]),
    ("Talks on 5 March failed.", FRI, [("5 March", D(2020, 3, 5), "day")]),
    ("Talks on the 5th of March failed.", FRI, [("5th of March", D(2020, 3, 5), "day")]),
    ("The strike on Feb. 27 killed 4.", FRI, [("Feb. 27", D(2020, 2, 27), "day")]),
    ("The truce of Sept. 1 held.", FRI, [("Sept. 1", D(2019, 9, 1), "day")]),
    ("Report dated 2020-02-27.", FRI, [("2020-02-27", D(2020, 2, 27), "day")]),
    ("Report dated 27/02/2020.", FRI, [("27/02/2020", D(2020, 2, 27), "day")]),
    ("He returned on the 5th.", FRI, [("5th", D(2020, 2, 5), "day")]),
    ("He returned on the 29th.", FRI, [("29th", D(2020, 1, 29), "day")]),
    # months and years
    ("Fighting peaked in March.", FRI, [("March", D(2019, 3, 1), "month")]),
    ("Fighting peaked in February.", FRI, [("February", D(2020, 2, 1), "month")]),
    ("Fighting peaked in mid-March.", FRI, [("March", D(2019, 3, 1), "month")]),
    ("Fighting peaked in March 2011.", FRI, [("March 2011", D(2011, 3, 1), "month")]),
    ("Fighting peaked last March.", FRI, [("last March", D(2019, 3, 1), "month")]),
    ("Fighting peaked in 2019.", FRI, [("2019", D(2019, 1, 1), "year")]),
    ("Fighting peaked in early 2019.", FRI, [("2019", D(2019, 1, 1), "year")]),
    ("The war has raged since 2011.", FRI, [("since 2011", D(2011, 1, 1), "year")]),
    ("Exiled since March 2011.", FRI, [("since March 2011", D(2011, 3, 1), "month")]),
    # a later expression counted from an earlier one
    (
        "An attack on Feb. 20 and another three days later.",
        FRI,
        [("Feb. 20", D(2020, 2, 20), "day"), ("three days later", D(2020, 2, 23), "day")],
    ),
    (
        "On Feb. 20 they fled; the day before, jets struck.",
        FRI,
        [("Feb. 20", D(2020, 2, 20), "day"), ("the day before", D(2020, 2, 19), "day")],
    ),
    # year boundaries
    ("Jets struck on Friday.", MON_NEW_YEAR, [("Friday", D(2021, 1, 1), "day")]),
    ("Jets struck on Saturday.", MON_NEW_YEAR, [("Saturday", D(2021, 1, 2), "day")]),
    ("Jets struck last Monday.", MON_NEW_YEAR, [("last Monday", D(2020, 12, 28), "day")]),
    ("Jets struck on Dec. 30.", MON_NEW_YEAR, [("Dec. 30", D(2020, 12, 30), "day")]),
    ("Jets struck last week.", MON_NEW_YEAR, [("last week", D(2020, 12, 28), "week")]),
    ("Jets struck last month.", MON_NEW_YEAR, [("last month", D(2020, 12, 1), "month")]),
    ("Jets struck last year.", MON_NEW_YEAR, [("last year", D(2020, 1, 1), "year")]),
    ("Jets struck in December.", MON_NEW_YEAR, [("December", D(2020, 12, 1), "month")]),
    ("Jets struck yesterday.", MON_NEW_YEAR, [("yesterday", D(2021, 1, 3), "day")]),
    ("Jets struck three weeks ago.", MON_NEW_YEAR, [("three weeks ago", D(2020, 12, 14), "week")]),
    ("Jets struck two months ago.", MON_NEW_YEAR, [("two months ago", D(2020, 11, 1), "month")]),
    ("Jets struck on the 31st.", MON_NEW_YEAR, [("31st", D(2020, 12, 31), "day")]),
    ("Talks open on January 10.", MON_NEW_YEAR, [("January 10", D(2021, 1, 10), "day")]),
    ("Talks open on Jan. 2.", NEW_YEARS_EVE, [("Jan. 2", D(2021, 1, 2), "day")]),
    ("Talks open next week.", NEW_YEARS_EVE, [("next week", D(2021, 1, 4), "week")]),
    ("Talks open next month.", NEW_YEARS_EVE, [("next month", D(2021, 1, 1), "month")]),
    ("Talks open next year.", NEW_YEARS_EVE, [("next year", D(2021, 1, 1), "year")]),
    ("Talks open tomorrow.", NEW_YEARS_EVE, [("tomorrow", D(2021, 1, 1), "day")]),
    ("Talks opened on Thursday.", NEW_YEARS_EVE, [("Thursday", NEW_YEARS_EVE, "day")]),
    ("Talks opened last Thursday.", NEW_YEARS_EVE, [("last Thursday", D(2020, 12, 24), "day")]),
    # leap day
    ("Jets struck yesterday.", LEAP_SUNDAY, [("yesterday", D(2020, 2, 29), "day")]),
    ("Jets struck on Friday.", LEAP_SUNDAY, [("Friday", D(2020, 2, 28), "day")]),
    ("Jets struck a month ago.", LEAP_SUNDAY, [("a month ago", D(2020, 2, 1), "month")]),
    ("Jets struck on Feb. 29.", LEAP_SUNDAY, [("Feb. 29", D(2020, 2, 29), "day")]),
    # without a publication date only dates with a year resolve
    ("Jets struck on Friday.", None, []),
    ("Jets struck yesterday.", None, []),
    ("Jets struck on March 5.", None, []),
    ("Jets struck on March 5, 2020.", None, [("March 5, 2020", D(2020, 3, 5), "day")]),
    ("Jets struck in 2019.", None, [("2019", D(2019, 1, 1), "year")]),
    ("Jets struck on 2020-02-27.", None, [("2020-02-27", D(2020, 2, 27), "day")]),
]

# Numbers and words that must never become dates.
NOT_DATES: list[str] = [
    "33 soldiers were killed in the attack.",
    "The council passed Resolution 2254.",
    "Rebels were attacked by 2000 fighters.",
    "A force of 2000 troops moved north.",
    "The army may march on the city.",
    "Turkey sent 5,000 troops.",
    "He was killed on 03/05/2020.",  # day and month could be either way round
    "Talks on Feb. 29, 2019 failed.",  # no such day
    "A man aged 33 died.",
    "They paid $5 million.",
    "Turnout was 45 percent.",
]


def _simple(mentions: list[DateMention]) -> list[tuple[str, date, str]]:
    return [(m.text, m.value, m.precision) for m in mentions]


@pytest.mark.parametrize(("text", "published", "expected"), CASES, ids=[c[0] for c in CASES])
def test_find_dates(
    text: str, published: date | None, expected: list[tuple[str, date, str]]
) -> None:
    assert _simple(find_dates(text, published)) == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text, FRI) == []


def test_offsets_point_at_the_expression() -> None:
    text = "Jets struck Ariha late Wednesday and Sarmin on Feb. 27."
    mentions = find_dates(text, FRI, offset=100)
    assert [text[m.start - 100 : m.end - 100] for m in mentions] == ["late Wednesday", "Feb. 27"]


def test_relative_flag() -> None:
    relative = {m.text: m.relative for m in find_dates("On Friday, not on March 5, 2020.", FRI)}
    assert relative == {"Friday": True, "March 5, 2020": False}


def test_history_marker() -> None:
    since, in_year = find_dates("Since 2011 the war, and in 2019 a truce.", FRI)
    assert is_history_marker(since)
    assert not is_history_marker(in_year)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("ANKARA, March 1 (Reuters) - Turkey said", D(2020, 3, 2), D(2020, 3, 1)),
        ("BEIRUT, Dec. 30 (AFP) - Jets struck", D(2021, 1, 2), D(2020, 12, 30)),
        ("NEW YORK, Feb 27 (Reuters) — The council met", D(2020, 2, 28), D(2020, 2, 27)),
        ("Turkey vows revenge\nDAMASCUS, Feb 27 (Reuters) - x", D(2020, 2, 28), D(2020, 2, 27)),
        ("BEIRUT, Friday (AFP) - Jets struck", D(2020, 2, 29), D(2020, 2, 28)),
        ("ANKARA, March 1, 2020 (Reuters) - x", None, D(2020, 3, 1)),
        ("ANKARA, March 1 (Reuters) - x", None, None),
        ("IDLIB, Syria (AP) — A Syrian airstrike on Thursday", D(2020, 2, 28), None),
        ("(Reuters) - An airstrike on Thursday killed 5", D(2020, 2, 28), None),
        ("UN says 5 killed on Friday - report", D(2020, 2, 28), None),
        ("An airstrike on Thursday killed 5 - officials", D(2020, 2, 28), None),
    ],
)
def test_dateline_date(text: str, published: date | None, expected: date | None) -> None:
    assert dateline_date(text, published) == expected


DEFAULT = ResolvedDate(D(2020, 2, 1), "month")

# (sentence, trigger word, published, expected)
EVENT_CASES: list[tuple[str, str, date | None, ResolvedDate | None]] = [
    (
        "An airstrike killed 33 soldiers on Thursday, officials said on Friday.",
        "airstrike",
        FRI,
        ResolvedDate(D(2020, 2, 27), "day"),
    ),
    # a date on the reporting verb dates the statement, not the strike
    ("Officials said on Friday that an airstrike killed 33 soldiers.", "airstrike", FRI, DEFAULT),
    (
        "Ministers met late Wednesday in Ankara and will meet again next Friday.",
        "met",
        FRI,
        ResolvedDate(D(2020, 2, 26), "day"),
    ),
    (
        "Ministers met late Wednesday in Ankara and will meet again next Friday.",
        "meet",
        FRI,
        ResolvedDate(D(2020, 3, 6), "day"),
    ),
    # future tense turns a bare weekday forward; past tense keeps it back
    (
        "Turkey will retaliate on Monday, Erdogan said.",
        "retaliate",
        FRI,
        ResolvedDate(D(2020, 3, 2), "day"),
    ),
    (
        "Turkey retaliated on Monday, Erdogan said.",
        "retaliated",
        FRI,
        ResolvedDate(D(2020, 2, 24), "day"),
    ),
    (
        "The leaders are scheduled to meet on Monday.",
        "meet",
        FRI,
        ResolvedDate(D(2020, 3, 2), "day"),
    ),
    ("Ministers will meet on Friday.", "meet", FRI, ResolvedDate(FRI, "day")),
    # an enclosing clause's date carries to a clause that hangs off it
    (
        "Troops attacked the town on Tuesday, killing 5.",
        "killing",
        FRI,
        ResolvedDate(D(2020, 2, 25), "day"),
    ),
    (
        "Fighting erupted on Sunday when rebels attacked a post.",
        "attacked",
        FRI,
        ResolvedDate(D(2020, 2, 23), "day"),
    ),
    ("The strike last month killed 4 people.", "strike", FRI, ResolvedDate(D(2020, 1, 1), "month")),
    # no date in the clause: article default, then the publication day
    ("Protests erupted in Beirut.", "Protests", FRI, DEFAULT),
    ("Rebels have fought the army since 2011.", "fought", FRI, DEFAULT),
]


@pytest.mark.parametrize(
    ("sentence", "trigger", "published", "expected"), EVENT_CASES, ids=[c[0] for c in EVENT_CASES]
)
def test_event_date(
    sentence: str, trigger: str, published: date | None, expected: ResolvedDate | None
) -> None:
    doc = parse(sentence)
    token = next(t for t in doc if t.text == trigger)
    mentions = find_dates(doc.text, published)
    assert event_date(doc[:], token, mentions, published, DEFAULT) == expected


def test_event_date_falls_back_to_publication_then_none() -> None:
    doc = parse("Protests erupted in Beirut.")
    trigger = doc[0]
    assert event_date(doc[:], trigger, [], FRI, None) == ResolvedDate(FRI, "day")
    assert event_date(doc[:], trigger, [], None, None) is None


def test_event_date_uses_only_mentions_of_its_own_sentence() -> None:
    doc = parse("Jets struck Ariha on Monday. Protests erupted in Beirut.")
    first, second = list(doc.sents)
    mentions = find_dates(doc.text, FRI)
    protests = second[0]
    assert event_date(second, protests, mentions, FRI, None) == ResolvedDate(FRI, "day")
    struck = next(t for t in first if t.text == "struck")
    assert event_date(first, struck, mentions, FRI, None) == ResolvedDate(D(2020, 2, 24), "day")


def test_a_sentence_without_a_date_takes_the_storys_last_date() -> None:
    import flashpoint

    text = (
        "The Kakhovka dam in southern Ukraine was destroyed on Tuesday, flooding dozens of "
        "villages. Kyiv accused Russian forces of blowing it up."
    )
    events = flashpoint.extract(text, published=date(2023, 6, 7))
    accuse = [e for e in events if e.event_type == "ACCUSE"]
    assert accuse and accuse[0].date == date(2023, 6, 6)


def test_odd_letters_that_ignorecase_folds_do_not_crash_date_reading() -> None:
    # "ſ" (long s) and the Kelvin sign match s and k case-insensitively in Python's re.
    found = find_dates("Rockets fell on Thurſday and in Auguſt 2020.", date(2020, 9, 4))
    assert [(d.value, d.precision) for d in found] == [
        (date(2020, 9, 3), "day"),
        (date(2020, 8, 1), "month"),
    ]


def test_a_plan_announced_on_a_weekday_is_dated_by_the_announcement() -> None:
    published = date(2023, 1, 26)  # a Thursday
    plan = "Spain announced on Wednesday that it will send six Leopard tanks to Ukraine."
    aid = [e for e in flashpoint.extract(plan, published=published) if e.event_type == "AID"]
    assert aid and aid[0].date == date(2023, 1, 25)
    ahead = "The talks will resume on Friday in Geneva."
    talks = [e for e in flashpoint.extract(ahead, published=published)]
    assert talks and talks[0].date == date(2023, 1, 27)
