"""The event store against SQLite and a real PostgreSQL server (``store_url`` fixture)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from datasketch import MinHashLSH

from flashpoint.errors import StoreError
from flashpoint.model import Actor, Article, Event, Place
from flashpoint.store import dedup, evaluate_merge, open_store
from flashpoint.store import writes as store_module
from flashpoint.store.schema import SQLITE_ONLY_INDEXES, metadata
from reports import assault

GOLD_MERGE = Path(__file__).parent / "gold" / "merge"

SYRGOV = Actor("Syrian government forces", "Syrian government", "SYRGOV", "SYR", "GOV")
SYRMIL = Actor("Syrian army", "Syrian army", "SYRMIL", "SYR", "MIL")
TURMIL = Actor("Turkish soldiers", "Turkish military", "TURMIL", "TUR", "MIL")
RUSMIL = Actor("Russian forces", "Russian military", "RUSMIL", "RUS", "MIL")
CIVILIANS = Actor("civilians", "Syrian civilians", "SYRCVL", "SYR", "CVL")
IDLIB = Place("Idlib province", "Idlib", "SYR", "Idlib", 35.93, 36.63, "admin1")
BALYUN = Place("Balyun", "Balyun", "SYR", "Idlib", 35.70, 36.52, "point")
MAARET = Place("Maarat al-Numan", "Maarat al-Numan", "SYR", "Idlib", 35.64, 36.67, "point")
JISR = Place("Jisr al-Shughur", "Jisr al-Shughur", "SYR", "Idlib", 35.81, 36.32, "point")
KRAMATORSK = Place("Kramatorsk", "Kramatorsk", "UKR", "Donetsk", 48.72, 37.56, "point")


def article(text: str, published: date, url: str, source: str = "Wire") -> Article:
    return Article(text=text, url=url, title=None, published=published, source=source)


def report(art: Article, sentence: str, **fields: Any) -> Event:
    """An event read from ``sentence`` of ``art`` (defaults: an asserted ASSAULT)."""
    start = art.text.index(sentence)
    span = (start, start + len(sentence))
    fields.setdefault("acled_event_type", "Explosions/Remote violence")
    fields.setdefault("acled_sub_event_type", "Air/drone strike")
    return assault(art.article_id, sentence, span, **fields)


def single(
    text: str, published: date, url: str, source: str = "Wire", **fields: Any
) -> tuple[Article, list[Event]]:
    art = article(text, published, url, source)
    return art, [report(art, text, **fields)]


BALYUN_A = (
    "A Syrian government air strike killed 33 Turkish soldiers in Idlib province on Thursday, "
    "Turkish officials said."
)
BALYUN_B = (
    "Thirty-three Turkish troops died on Friday when Syrian forces bombed their position near "
    "the village of Balyun, Ankara said."
)


def balyun_reports() -> list[tuple[Article, list[Event]]]:
    first = single(
        BALYUN_A,
        date(2020, 2, 28),
        "https://a.example/1",
        date=date(2020, 2, 27),
        actor1=SYRGOV,
        actor2=TURMIL,
        location=IDLIB,
        fatalities=33,
        mode="aerial",
    )
    second = single(
        BALYUN_B,
        date(2020, 2, 28),
        "https://b.example/2",
        source="Paper",
        date=date(2020, 2, 28),
        actor1=SYRMIL,
        actor2=TURMIL,
        location=BALYUN,
        fatalities=29,
        fatalities_lower_bound=True,
    )
    return [first, second]


LONG_TEXT = (
    "IDLIB, Syria - Syrian government warplanes struck a market in the town of Maarat al-Numan "
    "on Monday, killing 14 civilians and wounding dozens more, rescue workers and a war monitor "
    "said. The White Helmets civil defence group said its teams pulled bodies from the rubble "
    "for hours after the raid, which hit the busy vegetable market at midday. The Syrian "
    "Observatory for Human Rights said the toll was likely to rise because several of the "
    "wounded were in a critical condition. Damascus did not comment on the strike. The town, "
    "on the main highway between Aleppo and Hama, has been bombed repeatedly since December as "
    "government forces, backed by Russian air power, push into the last big rebel enclave. More "
    "than 300,000 people have fled the area in the past month, the United Nations said, many "
    "of them sleeping in fields and olive groves near the Turkish border in freezing weather."
)


def test_open_sets_alembic_version_and_reopen_is_a_no_op(store_url: str) -> None:
    with open_store(store_url) as store:
        art, events = balyun_reports()[0]
        assert store.add(art, events).status == "new"
        with store.engine.connect() as conn:
            version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        assert version == "0003"
    with open_store(store_url) as again:
        assert again.count_events() == 1
        with again.engine.connect() as conn:
            versions = conn.execute(sa.text("SELECT version_num FROM alembic_version")).all()
        assert [v[0] for v in versions] == ["0003"]


def test_migrations_match_the_table_definitions(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"

        def include(obj: object, name: str | None, kind: str, *_: object) -> bool:
            return sqlite or kind != "index" or name not in SQLITE_ONLY_INDEXES

        context = MigrationContext.configure(conn, opts={"include_object": include})
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_re_adding_an_article_is_idempotent(store_url: str) -> None:
    with open_store(store_url) as store:
        art, events = balyun_reports()[0]
        first = store.add(art, events)
        again = store.add(art, events)
        assert (first.status, first.events_new) == ("new", 1)
        assert (again.status, again.events_new, again.events_merged) == ("duplicate", 0, 0)
        assert store.stats()["events"] == 1
        assert store.stats()["sources"] == 1


def test_same_text_at_another_url_is_a_duplicate(store_url: str) -> None:
    with open_store(store_url) as store:
        art, events = balyun_reports()[0]
        store.add(art, events)
        copy = dataclasses.replace(art, url="https://mirror.example/x", text=f"  {art.text}\n")
        result = store.add(copy, [])
        assert result.status == "duplicate"
        assert result.article_id == art.article_id


def test_syndicated_copy_is_a_near_duplicate_even_after_reopening(store_url: str) -> None:
    original = article(LONG_TEXT, date(2020, 1, 13), "https://wire.example/story")
    edited = (
        LONG_TEXT.replace("on Monday", "on Monday 13 January")
        .replace("busy", "crowded")
        .replace("Damascus did not comment", "The government in Damascus made no comment")
        + " (Reporting by the Idlib newsroom; editing by the desk)"
    )
    copy = article(edited, date(2020, 1, 14), "https://paper.example/reprint", source="Paper")
    sentence = LONG_TEXT.split(". ")[0]
    with open_store(store_url) as store:
        store.add(original, [report(original, sentence, date=date(2020, 1, 13), location=MAARET)])
    with open_store(store_url) as store:  # the LSH index is rebuilt from stored signatures
        result = store.add(copy, [report(copy, edited.split(". ")[0], location=MAARET)])
        assert result.status == "near_duplicate"
        assert (result.events_new, result.events_merged) == (0, 0)
        stats = store.stats()
        assert (stats["articles"], stats["duplicates"], stats["events"]) == (1, 1, 1)
        with store.engine.connect() as conn:
            link = conn.execute(
                sa.text("SELECT duplicate_of FROM articles WHERE article_id = :a"),
                {"a": copy.article_id},
            ).scalar()
        assert link == original.article_id


def test_lsh_bands_are_the_ones_datasketch_would_pick() -> None:
    lsh = MinHashLSH(threshold=dedup.THRESHOLD, num_perm=dedup.NUM_PERM)
    assert (lsh.b, lsh.r) == (dedup.BANDS, dedup.ROWS)
    sig = dedup.signature(LONG_TEXT)
    assert sig is not None
    keys = dedup.band_keys(dedup.to_bytes(sig))
    assert len(set(keys)) == dedup.BANDS
    assert dedup.from_bytes(dedup.to_bytes(sig)).jaccard(sig) == 1.0


def test_a_store_from_revision_0001_is_upgraded_in_place(tmp_path: Path) -> None:
    """Band keys and merge records are filled in for rows written before revision 0002, and
    the upgraded store goes on finding copies and merging exactly as a new one."""
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    original = article(LONG_TEXT, date(2020, 1, 13), "https://wire.example/story")
    with open_store(url) as store:
        store.add(original, [report(original, LONG_TEXT.split(". ")[0], location=MAARET)])
        store.add(*balyun_reports()[0])
        with store.engine.begin() as conn:  # back to what revision 0001 wrote
            conn.execute(sa.text("DELETE FROM article_bands"))
            conn.execute(sa.text("UPDATE events SET merge_record = NULL"))
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '0001'"))
            _back_to_0002_indexes(conn)
            conn.execute(sa.text("DROP TABLE article_bands"))
            conn.execute(sa.text("ALTER TABLE events DROP COLUMN merge_record"))
    with open_store(url) as store:
        with store.engine.connect() as conn:
            bands = conn.execute(sa.text("SELECT count(*) FROM article_bands")).scalar()
            missing = conn.execute(
                sa.text("SELECT count(*) FROM events WHERE merge_record IS NULL")
            ).scalar()
        assert (bands, missing) == (dedup.BANDS, 0)  # the Balyun report is too short to sign
        copy = dataclasses.replace(original, text=LONG_TEXT + " (Reuters)", url="https://c.x")
        assert store.add(copy, []).status == "near_duplicate"
        second = store.add(*balyun_reports()[1])
        assert (second.events_new, second.events_merged) == (0, 1)


REVISION_0003_INDEXES = {
    "ix_events_type_date",
    "ix_events_country_type_date",
    "ix_events_country_date",
    "ix_event_sources_sentence",
}


def _back_to_0002_indexes(conn: sa.Connection) -> None:
    for name in sorted(REVISION_0003_INDEXES):
        conn.execute(sa.text(f"DROP INDEX {name}"))
    conn.execute(sa.text("CREATE INDEX ix_events_country ON events (location_country)"))


def _index_names(conn: sa.Connection) -> set[str]:
    inspector = sa.inspect(conn)
    return {
        str(ix["name"])
        for table in ("events", "event_sources")
        for ix in inspector.get_indexes(table)
    }


def test_a_store_from_revision_0002_gets_the_listing_indexes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    with open_store(url) as store:
        store.add(*balyun_reports()[0])
        with store.engine.begin() as conn:  # back to what revision 0002 wrote
            _back_to_0002_indexes(conn)
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '0002'"))
            assert not REVISION_0003_INDEXES & _index_names(conn)
    with open_store(url) as store, store.engine.connect() as conn:
        names = _index_names(conn)
        assert names >= REVISION_0003_INDEXES
        assert "ix_events_country" not in names  # the prefix of ix_events_country_type_date
        assert store.count_events(country="SYR") == 1


def test_independent_report_of_the_same_event_is_not_a_near_duplicate(store_url: str) -> None:
    other = (
        "Rescue workers in northwest Syria said at least 14 people died when jets bombed a "
        "vegetable market in Maarat al-Numan at midday on Monday, and that the toll could rise "
        "because many of those hurt were in hospital in a critical state; the army said nothing."
    )
    with open_store(store_url) as store:
        store.add(article(LONG_TEXT, date(2020, 1, 13), "https://a.example"), [])
        result = store.add(article(other, date(2020, 1, 13), "https://b.example"), [])
        assert result.status == "new"


def test_two_reports_thursday_and_friday_merge_into_one_event(store_url: str) -> None:
    with open_store(store_url) as store:
        (a1, e1), (a2, e2) = balyun_reports()
        assert store.add(a1, e1).events_new == 1
        second = store.add(a2, e2)
        assert (second.status, second.events_new, second.events_merged) == ("new", 0, 1)
        [merged] = store.events()
        assert merged["event_id"] == e1[0].event_id
        assert merged["source_count"] == 2
        assert {s["url"] for s in merged["sources"]} == {a1.url, a2.url}
        assert merged["fatalities"] == 33  # the maximum figure reported
        assert sorted(merged["fatalities_reported"]) == [29, 33]
        assert merged["location"]["name"] == "Balyun"  # the most precise place
        assert merged["actor1"]["code"] == "SYRMIL"  # from the report with the precise place
        [reason] = merged["merge_reasons"]
        assert reason["report_event_id"] == e2[0].event_id
        assert any("day apart" in r for r in reason["evidence"])


def test_merged_fields_do_not_depend_on_the_order_of_reports(tmp_path: Path) -> None:
    results = []
    for name, order in (("ab", (0, 1)), ("ba", (1, 0))):
        reports = balyun_reports()
        with open_store(f"sqlite:///{tmp_path / name}.sqlite") as store:
            for i in order:
                store.add(*reports[i])
            [merged] = store.events()
        merged.pop("event_id")
        merged.pop("merge_reasons")
        results.append(merged)
    assert results[0] == results[1]


HARD_NEGATIVES = [
    # same type, same province, two days later
    dict(date=date(2020, 3, 1), actor1=SYRGOV, actor2=TURMIL, location=IDLIB, fatalities=2),
    # same day, another town 40 km away, another figure
    dict(date=date(2020, 2, 27), actor1=SYRGOV, actor2=CIVILIANS, location=JISR, fatalities=5),
    # same day and province, another target and perpetrator
    dict(date=date(2020, 2, 27), actor1=RUSMIL, actor2=CIVILIANS, location=IDLIB),
    # same day and place but 2 vs 33 dead
    dict(date=date(2020, 2, 27), actor1=None, actor2=None, location=BALYUN, fatalities=2),
    # the same attack, denied
    dict(date=date(2020, 2, 27), actor1=SYRGOV, actor2=TURMIL, location=IDLIB, modality="negated"),
]


@pytest.mark.parametrize("fields", HARD_NEGATIVES, ids=["days", "town", "target", "toll", "neg"])
def test_hard_negatives_stay_apart(store_url: str, fields: dict[str, Any]) -> None:
    with open_store(store_url) as store:
        store.add(*balyun_reports()[0])
        text = f"Another report about Idlib, number {len(str(fields))}, in wire style."
        result = store.add(*single(text, date(2020, 3, 2), "https://c.example", **fields))
        assert (result.events_new, result.events_merged) == (1, 0)
        assert store.count_events() == 2


def test_a_failure_mid_add_leaves_nothing_behind(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    art = article(
        "Two reports in one. Jets bombed Maarat al-Numan. Shells hit Jisr al-Shughur.",
        date(2020, 2, 28),
        "https://x.example",
    )
    events = [
        report(art, "Jets bombed Maarat al-Numan.", date=date(2020, 2, 27), location=MAARET),
        report(art, "Shells hit Jisr al-Shughur.", date=date(2020, 2, 27), location=JISR),
    ]
    real_insert = store_module.insert_sources

    def failing_insert(conn: Any, rows: Any) -> None:
        real_insert(conn, rows[:1])  # the first row goes in, then the write fails
        raise RuntimeError("disk on fire")

    with open_store(store_url) as store:
        monkeypatch.setattr(store_module, "insert_sources", failing_insert)
        with pytest.raises(RuntimeError, match="disk on fire"):
            store.add(art, events)
        stats = store.stats()
        assert (stats["articles"], stats["events"], stats["sources"]) == (0, 0, 0)
        monkeypatch.setattr(store_module, "insert_sources", real_insert)
        assert store.add(art, events).events_new == 2  # not mistaken for a duplicate


def _filter_fixture(store_url: str) -> list[Event]:
    specs = [
        ("Jets bombed Balyun on Thursday.", date(2020, 2, 27), SYRGOV, TURMIL, BALYUN, "ASSAULT"),
        ("Shells hit Jisr al-Shughur.", date(2020, 3, 5), RUSMIL, CIVILIANS, JISR, "ASSAULT"),
        ("Crowds marched in Kramatorsk.", date(2022, 3, 1), None, None, KRAMATORSK, "PROTEST"),
        ("Officials met somewhere.", None, SYRGOV, RUSMIL, None, "CONSULT"),
    ]
    added = []
    with open_store(store_url) as store:
        for i, (text, day, a1, a2, place, etype) in enumerate(specs):
            art, events = single(
                text,
                date(2023, 1, 1 + i),
                f"https://f.example/{i}",
                date=day,
                actor1=a1,
                actor2=a2,
                location=place,
                event_type=etype,
            )
            store.add(art, events)
            added.extend(events)
    return added


def test_filters_order_and_paging(store_url: str) -> None:
    added = _filter_fixture(store_url)
    with open_store(store_url) as store:
        every = store.events()
        assert [e["event_id"] for e in every] == [e.event_id for e in added]  # undated last
        assert store.count_events() == 4

        def ids(**filters: Any) -> list[str]:
            found = [e["event_id"] for e in store.events(**filters)]
            assert store.count_events(**filters) == len(found)
            return found

        assert ids(start=date(2020, 3, 1), end=date(2020, 12, 31)) == [added[1].event_id]
        assert ids(country="ukr") == [added[2].event_id]
        assert ids(type="protest") == [added[2].event_id]
        assert ids(actor="RUS") == [added[1].event_id, added[3].event_id]
        assert ids(actor="turkish") == [added[0].event_id]
        assert ids(actor="SYR") == [added[0].event_id, added[1].event_id, added[3].event_id]
        assert ids(bbox=(36.0, 35.5, 37.0, 36.0)) == [added[0].event_id, added[1].event_id]
        assert ids(q="SHELLS") == [added[1].event_id]
        assert ids(q="100%") == []
        page = store.events(limit=2, offset=1)
        assert [e["event_id"] for e in page] == [added[1].event_id, added[2].event_id]
        one = store.event(added[0].event_id)
        assert one is not None and one["sources"][0]["url"] == "https://f.example/0"
        assert store.event("no-such-event") is None


def test_stats_count_by_type_and_country(store_url: str) -> None:
    _filter_fixture(store_url)
    with open_store(store_url) as store:
        stats = store.stats()
    assert stats["by_type"] == {"ASSAULT": 2, "CONSULT": 1, "PROTEST": 1}
    assert stats["by_country"] == {"SYR": 2, "UKR": 1, "unknown": 1}
    assert (stats["articles"], stats["events"], stats["sources"]) == (4, 4, 4)


def test_default_url_creates_the_sqlite_file_under_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FLASHPOINT_DB", raising=False)
    monkeypatch.setenv("FLASHPOINT_DATA_DIR", str(tmp_path / "deep" / "dir"))
    with open_store() as store:
        assert store.url.startswith("sqlite:///")
    assert (tmp_path / "deep" / "dir" / "flashpoint.sqlite").exists()


def test_bad_urls_raise_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        open_store("not a url")
    with pytest.raises(StoreError):
        open_store("postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(StoreError):
        open_store(f"sqlite:///{tmp_path}")  # a directory, not a file


def test_unknown_filter_is_a_usage_error(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 's.sqlite'}") as store, pytest.raises(Exception) as err:
        store.count_events(colour="red")
    assert "colour" in str(err.value)


def test_merge_gold_set_scores() -> None:
    scores = evaluate_merge(GOLD_MERGE)
    assert scores["clusters"] >= 12
    assert scores["pairwise"]["precision"] >= 0.9, scores["errors"]
    assert scores["pairwise"]["recall"] >= 0.85, scores["errors"]
    assert scores["bcubed"]["f1"] >= 0.9, scores["errors"]
