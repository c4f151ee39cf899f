"""The speed work's shortcuts (sentence marks, name scan, proper-noun runs) against the plain
token-by-token computations they replaced."""

from __future__ import annotations

import random

import pytest
from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc, Span, Token

from flashpoint.clean import dateline_spans
from flashpoint.extract.places import _unmatched_runs
from flashpoint.gazetteer.normalise import ARABIC_ARTICLES
from flashpoint.gazetteer.spans import _name_starts
from flashpoint.nlp import _joined_text, get_nlp, mark_segments, parse, token_table

_TEXTS = [
    "",
    "One",
    "KYIV, Ukraine — Russian troops shelled al-Bab\n\nand Ras al-Ain on Friday.",
    "Headline\nIDLIB, Syria (AP) — A strike hit Saraqeb.\n\n\n. Then more.",
    "Line one \n line two\n\n- a list item\n...\nEnd",
    "\n\nLeading breaks. And Bir al-Abed, near Ash-Shaddadi.\n",
]


def _plain_marks(doc: Doc) -> list[bool]:
    """Sentence starts the component sets, one token at a time."""
    dateline_ends = sorted(end for _start, end in dateline_spans(doc.text))
    starts = [False] * len(doc)
    pending = False
    for i in range(1, len(doc)):
        while dateline_ends and doc[i].idx >= dateline_ends[0]:
            dateline_ends.pop(0)
            pending = True
        pending = pending or "\n" in doc[i - 1].text
        if pending and not doc[i].is_space and not doc[i].is_punct:
            starts[i] = True
            pending = False
    return starts


def _random_texts(n: int) -> list[str]:
    pieces = ["\n", "\n\n", " \n ", "  ", ".", " - ", "IDLIB, Syria (AP) — ", "Hello", "word"]
    pieces += [",", "\t", "KYIV, Ukraine —", "\n.\n", "...", " "]
    rng = random.Random(7)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(n)]


@pytest.mark.parametrize("text", _TEXTS + _random_texts(200))
def test_sentence_marks_are_those_of_the_token_walk(text: str) -> None:
    nlp = get_nlp()
    expected = _plain_marks(nlp.make_doc(text))
    doc = mark_segments(nlp.make_doc(text))
    if len(doc) < 2:
        return
    assert [bool(t.is_sent_start) and t.i > 0 for t in doc] == expected


@pytest.mark.parametrize("text", _TEXTS + _random_texts(50) + ["\ufeffé\u00a0x  \t\n", " a  b "])
def test_joined_text_is_doc_text(text: str) -> None:
    doc = get_nlp().make_doc(text)
    rows = doc.to_array([ORTH, SPACY])
    assert _joined_text(doc, rows[:, 0].tolist(), rows[:, 1].tolist()) == doc.text == text


@pytest.mark.parametrize("text", _TEXTS)
def test_name_starts_are_capitals_and_glued_articles(text: str) -> None:
    doc = parse(text)
    expected = [
        t.i
        for t in doc
        if t.text[:1].isupper()
        or (t.text.lower() in ARABIC_ARTICLES and t.i + 1 < len(doc) and doc[t.i + 1].text in "-'")
    ]
    assert _name_starts(token_table(doc)) == expected


def _plain_runs(doc: Doc) -> list[Span]:
    runs: list[Span] = []
    start = None
    for i in range(len(doc) + 1):
        inside = i < len(doc) and (
            doc[i].pos_ == "PROPN" or (start is not None and doc[i].text in {"-", "'", "’"})
        )
        if inside and start is None and doc[i].text[:1].isupper():
            start = i
        elif not inside and start is not None:
            end = i
            while end > start and not doc[end - 1].text[:1].isalpha():
                end -= 1
            runs.append(doc[start:end])
            start = None
    return runs


@pytest.mark.parametrize("text", _TEXTS)
def test_proper_noun_runs_are_those_of_the_token_walk(text: str) -> None:
    doc = parse(text)
    assert _unmatched_runs(token_table(doc), []) == [(s.start, s.end) for s in _plain_runs(doc)]


# ---------------------------------------------------------------- second round: event stage

_NEWS = [
    "Russian forces shelled Kharkiv on Tuesday, killing three civilians, officials said.",
    "The ministry said Israeli jets struck Hezbollah positions in southern Lebanon overnight.",
    "According to SANA, the 2011 uprising began in Deraa; since 2014 the army has held Homs.",
    "Turkey launched air raids against Kurdish militants, the defence ministry said in a "
    "statement, and Ankara denied that the 2016 accord was void.",
    "Protesters marched in Tbilisi. Police fired tear gas and arrested 40 people.",
    "Hamas agreed to release the hostages after talks in Doha, a senior official told Reuters.",
    "The United Nations called on both sides to stop fighting and allow aid convoys into Gaza.",
    "Azerbaijan accused Armenia of shelling its positions, a charge Yerevan has denied.",
    "Iran seized a tanker in the Gulf and warned the US against a military response.",
    "The president will meet Erdogan on Friday to discuss the grain deal signed in 2022.",
]


def _news_docs() -> list[Doc]:
    return [parse(text) for text in _NEWS]


def test_acled_lookup_is_the_first_rule_of_the_plain_scan() -> None:
    from flashpoint.extract.lexicon import AcledRule, get_lexicon

    lex = get_lexicon()

    def plain(event_type: str, mode: str | None, target: str) -> AcledRule | None:
        want = [(mode or "*", target), (mode or "*", "any"), ("*", target), ("*", "any")]
        for m, t in want:
            for rule in lex.acled:
                if rule.event_type == event_type and rule.mode == m and rule.target == t:
                    return rule
        return None

    types = {r.event_type for r in lex.acled} | {"NOPE"}
    modes = {r.mode for r in lex.acled} | {None, "*", "nope"}
    for event_type in types:
        for mode in modes:
            for target in ("armed", "civilian", "any", "nope"):
                assert lex.acled_for(event_type, mode, target) is plain(event_type, mode, target)


def test_token_table_columns_are_the_token_attributes() -> None:
    for doc in _news_docs():
        table = token_table(doc)
        assert table.text == tuple(t.text for t in doc)
        assert table.start == tuple(t.idx for t in doc)
        assert table.pos == tuple(t.pos_ for t in doc)
        assert table.ent_type == tuple(t.ent_type_ for t in doc)
        assert table.is_punct == tuple(t.is_punct for t in doc)
        assert table.is_alpha == tuple(t.is_alpha for t in doc)
        assert table.space_after == tuple(bool(t.whitespace_) for t in doc)
        assert table.lower == tuple(t.lower_ for t in doc)
        assert table.lemma == tuple(t.lemma_.lower() for t in doc)
        assert table.dep == tuple(t.dep_ for t in doc)
        assert table.tag == tuple(t.tag_ for t in doc)
        assert table.head == tuple(t.head.i for t in doc)
        assert table.children == tuple(tuple(c.i for c in t.children) for t in doc)
        assert all(type(flag) is bool for flag in table.is_punct + table.space_after)


def test_trigger_rows_read_objects_only_where_a_row_needs_them() -> None:
    import importlib

    triggers = importlib.import_module("flashpoint.extract.triggers")
    from flashpoint.extract.lexicon import Trigger, get_lexicon

    lex = get_lexicon()

    def plain(token: Token) -> Trigger | None:
        """``_match`` reading every verb's objects."""
        lemma, pos = token.lemma_.lower(), triggers.trigger_pos(token)
        if pos is None or token.ent_type_ in {"DATE", "TIME"}:
            return None
        rows = lex.candidates(lemma, pos)
        if not rows and token.lower_ != lemma:
            rows = lex.candidates(token.lower_, pos)
        objects = triggers._object_lemmas(token) if pos == "VERB" else set()
        best, best_score = None, -1
        for trig in rows:
            if not triggers._multiword_ok(token, trig):
                continue
            if trig.objects and not (trig.objects & objects):
                continue
            score = (2 if trig.objects else 0) + len(trig.words)
            if score > best_score:
                best, best_score = trig, score
        return best

    tokens = [t for doc in _news_docs() for t in doc]
    fast = [triggers._match(t, t.lemma_.lower(), lex) for t in tokens]
    assert fast == [plain(t) for t in tokens]
    assert any(row is not None and not row.objects for row in fast)


def test_attribution_without_the_speech_shortcut(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    attribution = importlib.import_module("flashpoint.extract.attribution")
    docs = _news_docs()
    pairs = [(t, sent) for doc in docs for sent in doc.sents for t in sent]
    fast = [attribution.attribution_for(t, sent) for t, sent in pairs]
    # Every token "is" a speech verb for the shortcut: the full walk always runs.
    monkeypatch.setattr(attribution, "_speech_words", lambda doc: tuple(range(len(doc))))
    plain = [attribution.attribution_for(t, sent) for t, sent in pairs]
    assert fast == plain
    assert any(fast)


def test_mode_prefilter_agrees_with_the_window_reading() -> None:
    import importlib

    events = importlib.import_module("flashpoint.extract.events")
    from flashpoint.extract.lexicon import get_lexicon

    lex = get_lexicon()
    rows = [row for group in lex.triggers.values() for row in group]
    by_type = {row.event_type: row for row in rows}
    skipped = 0
    for doc in _news_docs():
        table = token_table(doc)
        for token in doc:
            for trig in by_type.values():
                plain = events._mode(table, events._mode_window(table, token.i), trig, lex)
                assert events._mode_of(token, trig, lex) == plain
                skipped += plain == (trig.mode, trig.cameo)
    assert skipped


def test_own_year_is_found_only_in_sentences_holding_a_year() -> None:
    import importlib

    confidence = importlib.import_module("flashpoint.extract.confidence")
    seen = 0
    for doc in _news_docs():
        for sent in doc.sents:
            for token in sent:
                year = confidence._own_year(token)
                seen += year is not None
                assert year is None or confidence._has_year(sent)
    assert seen


def test_event_sentence_tokens_are_those_of_char_span() -> None:
    from flashpoint.extract.frames import _sentence_tokens

    for doc in _news_docs():
        for sent in doc.sents:
            for span in ((sent.start_char, sent.end_char), (sent.start_char + 1, sent.end_char)):
                found = doc.char_span(*span, alignment_mode="expand")
                expected = None if found is None else range(found.start, found.end)
                assert _sentence_tokens(doc, span) == expected
                assert _sentence_tokens(doc, span) == expected  # and when kept


def test_ancestor_walk_is_subtree_membership() -> None:
    for doc in _news_docs():
        for a in doc:
            for b in doc:
                assert (b in a.subtree) == (b == a or a.is_ancestor(b))


def test_protest_story_test_is_kept_with_the_doc() -> None:
    import importlib

    context = importlib.import_module("flashpoint.extract.article_context")
    for text in [*_NEWS, "Troops marched into the town.", "A march against the war in Paris."]:
        doc = parse(text)
        table = token_table(doc)
        plain = bool(context._PROTEST_STEMS.search(text)) and any(
            lemma in context._PROTEST_WORDS or (lemma == "march" and pos == "NOUN")
            for lemma, pos in zip(table.lemma, table.pos, strict=True)
        )
        assert context._mentions_protest(doc) is plain
        assert context._mentions_protest(doc) is plain  # and when kept


def test_completeness_equals_the_plain_copy() -> None:
    from dataclasses import replace

    import flashpoint
    from flashpoint.extract.confidence import completeness, with_completeness

    events = [e for text in _NEWS for e in flashpoint.extract(text)]
    assert events
    for e in events:
        for confidence in (0.005, 0.3, 0.99, 0.995):
            raw = replace(e, confidence=confidence)
            plain = max(0.01, min(0.99, confidence + completeness(raw)))
            assert with_completeness(raw) == replace(raw, confidence=plain)
