"""Reading reports from files: every format, every way a file can be unusable."""

from __future__ import annotations

import codecs
import json
from datetime import date
from pathlib import Path

import pytest

from flashpoint.errors import IngestError
from flashpoint.ingest import SUPPORTED_EXTENSIONS, parse_date, read_inputs
from flashpoint.model import Article
from flashpoint.settings import Settings

DATA = Path(__file__).parent / "data" / "ingest"
CORPUS = DATA / "corpus"
BAD = DATA / "bad"
TEN_MB = 10 * 1024 * 1024


def settings(max_bytes: int = TEN_MB) -> Settings:
    return Settings(max_input_bytes=max_bytes)


def read_all(*paths: str | Path, **kwargs: object) -> list[Article | IngestError]:
    return list(read_inputs(paths, settings=settings(), **kwargs))  # type: ignore[arg-type]


def where(item: Article | IngestError) -> str:
    return str(item.origin if isinstance(item, Article) else item.source)


def only_article(path: Path, **kwargs: object) -> Article:
    [item] = read_all(path, **kwargs)
    assert isinstance(item, Article), item
    return item


def only_error(path: Path, **kwargs: object) -> IngestError:
    [item] = read_all(path, **kwargs)
    assert isinstance(item, IngestError), item
    return item


# --- directories and dispatch -------------------------------------------------------------


def test_directory_is_walked_sorted_recursively_without_hidden_or_unknown_files() -> None:
    items = read_all(CORPUS)
    assert all(isinstance(item, Article) for item in items), items
    origins = [str(item.origin) for item in items if isinstance(item, Article)]
    files = [origin.rsplit(":", 1)[0] if ".jsonl:" in origin else origin for origin in origins]
    assert files == sorted(files)
    assert not any("/." in origin for origin in origins)  # hidden file and hidden directory
    assert not any(origin.endswith(".pdf") for origin in origins)
    assert {Path(f).name for f in files} == {
        "articles.jsonl",
        "cp1252.txt",
        "feed.rss",
        "header.txt",
        "feed.atom",
        "plain.txt",
        "news_page.html",
    }


def test_missing_path_and_unsupported_explicit_file_are_errors_and_the_loop_goes_on() -> None:
    items = read_all(DATA / "missing.txt", CORPUS / "nested" / "report.pdf", CORPUS / "header.txt")
    assert [getattr(item, "code", "article") for item in items] == [
        "FP-INGEST-NOT-FOUND",
        "FP-INGEST-FORMAT",
        "article",
    ]
    assert "report.pdf" in str(items[1])


def test_read_inputs_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "later.txt"
    stream = read_inputs([path], settings=settings())
    path.write_text("Rebels shelled an army post near Aleppo.\n", encoding="utf-8")
    item = next(stream)
    assert isinstance(item, Article)
    assert item.text.startswith("Rebels shelled")


def test_extensions_are_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "REPORT.TXT"
    path.write_text("Police dispersed protesters in Tunis.\n", encoding="utf-8")
    assert only_article(path).text == "Police dispersed protesters in Tunis."
    assert ".txt" in SUPPORTED_EXTENSIONS


# --- plain text --------------------------------------------------------------------------


def test_txt_header_block_gives_metadata_and_is_not_part_of_the_text() -> None:
    article = only_article(CORPUS / "header.txt", default_published=date(1999, 1, 1))
    assert article.title == "Turkish soldiers killed in air strike on Idlib"
    assert article.url == "https://levantwire.example/2020/02/28/idlib-strike"
    assert article.published == date(2020, 2, 28)
    assert article.source == "Levant Wire"
    assert article.text.startswith("IDLIB, Syria (AP) —")
    assert "Title:" not in article.text and "Source:" not in article.text


def test_txt_without_header_keeps_all_text_and_takes_the_default_date() -> None:
    article = only_article(CORPUS / "nested" / "plain.txt", default_published=date(2020, 2, 29))
    assert article.text.startswith("Note: this is not a header")
    assert "BEIRUT, Feb 29 (Reuters)" in article.text
    assert article.title is None
    assert article.published == date(2020, 2, 29)


def test_txt_header_keys_are_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "TITLE: Strike on Maarat\nurl: https://x.example/1\nPUBLISHED: 2020-03-03\n\nBody.\n",
        encoding="utf-8",
    )
    article = only_article(path)
    assert (article.title, article.url, article.published, article.text) == (
        "Strike on Maarat",
        "https://x.example/1",
        date(2020, 3, 3),
        "Body.",
    )


def test_txt_with_unreadable_published_header_is_malformed() -> None:
    error = only_error(BAD / "bad_date.txt")
    assert error.code == "FP-INGEST-MALFORMED"
    assert "sometime last week" in error.message


def test_cp1252_text_is_detected_and_decoded() -> None:
    raw = (CORPUS / "cp1252.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the fixture really is not UTF-8
    article = only_article(CORPUS / "cp1252.txt")
    assert article.title == "Manifestation à Paris"
    assert "à l’appel des syndicats" in article.text
    assert "« Nous resterons mobilisés »" in article.text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks_are_honoured(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("Title: Ceasefire\n\nThe truce held in Idlib.\n".encode(encoding))
    article = only_article(path)
    assert (article.title, article.text) == ("Ceasefire", "The truce held in Idlib.")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("invalid_utf8.txt", "FP-INGEST-ENCODING"),
        ("empty.txt", "FP-INGEST-EMPTY"),
        ("header_only.txt", "FP-INGEST-EMPTY"),
        ("binary.txt", "FP-INGEST-BINARY"),
        ("binary.jsonl", "FP-INGEST-BINARY"),
        ("no_text.html", "FP-INGEST-EMPTY"),
        ("not_a_feed.xml", "FP-INGEST-MALFORMED"),
    ],
)
def test_unusable_files_give_their_error_code(name: str, code: str) -> None:
    error = only_error(BAD / name)
    assert error.code == code
    assert error.source is not None and error.source.endswith(name)
    assert error.render().startswith(f"error {code} ")


def test_twenty_megabyte_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", refuse)
    error = only_error(path)
    assert error.code == "FP-INGEST-TOO-LARGE"
    assert "20,971,520" in error.message


def test_size_limit_is_inclusive(tmp_path: Path) -> None:
    path = tmp_path / "edge.txt"
    path.write_bytes(b"x" * 99 + b".")
    [fits] = read_inputs([path], settings=settings(100))
    [over] = read_inputs([path], settings=settings(99))
    assert isinstance(fits, Article)
    assert isinstance(over, IngestError) and over.code == "FP-INGEST-TOO-LARGE"


# --- JSON Lines --------------------------------------------------------------------------


def test_jsonl_good_lines_come_out_with_line_origins() -> None:
    items = read_all(CORPUS / "articles.jsonl", default_published=date(2020, 3, 9))
    assert all(isinstance(item, Article) for item in items)
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.origin for a in articles] == [f"{CORPUS / 'articles.jsonl'}:{n}" for n in (1, 2, 4)]
    first, second, third = articles
    assert (first.url, first.title, first.source) == (
        "https://example.org/a1",
        "Drone downed",
        "Example Wire",
    )
    assert first.published == date(2020, 3, 1)
    assert second.published == date(2020, 3, 5)  # ISO datetime
    assert third.published == date(2020, 3, 9)  # null → default


def test_malformed_jsonl_lines_are_reported_and_the_rest_still_come_out() -> None:
    items = read_all(BAD / "mixed.jsonl")
    by_line = {where(item).rsplit(":", 1)[1]: item for item in items}
    assert sorted(by_line, key=int) == [str(n) for n in range(1, 10)]
    good = {line for line, item in by_line.items() if isinstance(item, Article)}
    assert good == {"1", "9"}
    assert by_line["9"].published == date(2020, 3, 5)  # type: ignore[union-attr]
    reasons = {line: str(item) for line, item in by_line.items() if line not in good}
    assert all(reason.startswith("FP-INGEST-MALFORMED ") for reason in reasons.values())
    assert all(f"mixed.jsonl:{line}:" in reason for line, reason in reasons.items())
    assert "invalid JSON" in reasons["2"]
    assert "JSON object" in reasons["3"]
    assert "missing 'text'" in reasons["4"]
    assert "empty" in reasons["5"]
    assert "'text' must be a string" in reasons["6"]
    assert "'url'" in reasons["7"]
    assert "not a date" in reasons["8"]


def test_jsonl_size_limit_applies_per_line(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    lines = [
        {"text": "Short report one."},
        {"text": "x" * 5000},
        {"text": "Short report three."},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    items = list(read_inputs([path], settings=settings(200)))
    assert [getattr(item, "code", "article") for item in items] == [
        "article",
        "FP-INGEST-TOO-LARGE",
        "article",
    ]
    assert str(items[1]).find(f"{path}:2") > 0


def test_jsonl_invalid_utf8_line_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(
        codecs.BOM_UTF8 + b'{"text": "First."}\n{"text": "caf\xe9"}\n{"text": "Third."}\n'
    )
    codes = [getattr(item, "code", "article") for item in read_inputs([path], settings=settings())]
    assert codes == ["article", "FP-INGEST-ENCODING", "article"]


def test_blank_jsonl_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n  \n\n", encoding="utf-8")
    assert only_error(path).code == "FP-INGEST-EMPTY"


# --- HTML --------------------------------------------------------------------------------


def test_news_page_gives_main_text_and_metadata_only() -> None:
    article = only_article(CORPUS / "news_page.html")
    assert article.title == "Turkey strikes Syrian government targets after soldiers killed"
    assert article.url == "https://levantwire.example/2020/02/28/turkey-strikes-back"
    assert article.source == "Levant Wire"
    assert article.published == date(2020, 2, 28)
    text = article.text
    assert text.startswith("IDLIB, Syria (AP) — Turkey struck dozens")
    assert "killed 16 Syrian soldiers overnight" in text
    assert "appealed for an immediate ceasefire." in text
    for junk in (
        "cookies",
        "Middle East\n",
        "Opinion",
        "Related articles",
        "Kremlin",
        "AP Photo",
        "Smoke rises",
        "Commenter42",
        "Share on",
        "©",
        "tracking pixel",
    ):
        assert junk not in text, junk
    assert not text.startswith(article.title)  # headline kept in title, not repeated


def test_broken_html_still_gives_its_text() -> None:
    article = only_article(BAD / "broken.html")
    assert "recaptured Saraqib on Monday" in article.text
    assert "linking Damascus and Aleppo" in article.text
    assert "<" not in article.text


def test_tag_soup_without_article_falls_back_to_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "soup.htm"
    path.write_text(
        "<div><span>Gunmen attacked a checkpoint in Daraa</span><script>x()</script>", "utf-8"
    )
    assert only_article(path).text == "Gunmen attacked a checkpoint in Daraa"


def test_site_name_falls_back_to_the_title_suffix(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    paragraph = (
        "<p>Gunmen attacked a police checkpoint near Daraa on Sunday, killing two officers.</p>"
    )
    path.write_text(
        "<html><head><title>Gunmen attack checkpoint | The Daily Example</title>"
        '<meta property="og:title" content="Gunmen attack checkpoint"></head>'
        f"<body><article><h1>Gunmen attack checkpoint</h1>{paragraph * 4}</article></body></html>",
        encoding="utf-8",
    )
    article = only_article(path)
    assert (article.title, article.source) == ("Gunmen attack checkpoint", "The Daily Example")
    assert article.text.startswith("Gunmen attacked a police checkpoint")


# --- feeds -------------------------------------------------------------------------------


def test_rss_items_become_articles_with_html_stripped() -> None:
    items = read_all(CORPUS / "feed.rss")
    assert all(isinstance(item, Article) for item in items)
    first, second = (item for item in items if isinstance(item, Article))
    assert first.title == "Turkish drones hit Syrian air defence systems"
    assert first.url == "https://levantwire.example/2020/03/01/drones"
    assert first.source == "Levant Wire - Middle East"
    assert first.published == date(2020, 3, 1)  # the outlet's day, not shifted to UTC
    assert first.text.startswith("ANKARA, March 1 (Reuters) - Turkish drones destroyed")
    assert "Syria closed its airspace over Idlib." in first.text
    assert "<" not in first.text + second.text
    assert "alert" not in second.text
    assert second.text.startswith("Thousands of migrants gathered at the Greek border")


def test_atom_entry_prefers_full_content_over_summary() -> None:
    article = only_article(CORPUS / "nested" / "feed.atom")
    assert article.text == (
        "Syrian government forces and Turkish-backed rebels clashed near Saraqib on Monday,"
        " a war monitor said."
    )
    assert article.title == "Clashes reported near Saraqib"
    assert article.url == "https://bordermonitor.example/saraqib-clashes"
    assert article.published == date(2020, 3, 2)
    assert article.source == "Border Monitor"


def test_feed_without_dates_uses_default(tmp_path: Path) -> None:
    path = tmp_path / "plain.rss"
    path.write_text(
        '<rss version="2.0"><channel><title>T</title><item><title>Blast in Kabul</title>'
        "</item></channel></rss>",
        encoding="utf-8",
    )
    article = only_article(path, default_published=date(2021, 5, 8))
    assert (article.text, article.published) == ("Blast in Kabul", date(2021, 5, 8))


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020-03-01", date(2020, 3, 1)),
        ("2020-03-01T23:30:00-05:00", date(2020, 3, 1)),
        ("2020-03-01T10:00:00Z", date(2020, 3, 1)),
        ("Sun, 01 Mar 2020 22:30:00 -0500", date(2020, 3, 1)),
        ("March 1, 2020", date(2020, 3, 1)),
        ("Mar. 1, 2020", date(2020, 3, 1)),
        ("1 March 2020", date(2020, 3, 1)),
        ("Sept. 21st, 2019", date(2019, 9, 21)),
        ("Sunday, March 1, 2020", date(2020, 3, 1)),
        ("not a date", None),
        ("2020-13-01", None),
        ("", None),
        ("9" * 500, None),
    ],
)
def test_parse_date(raw: str, expected: date | None) -> None:
    assert parse_date(raw) == expected
