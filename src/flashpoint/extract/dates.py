"""An event's date: the date expression of its clause, read from the dependency parse.

Finding and resolving date expressions is ``flashpoint.extract.date_expressions``; its public
names are re-exported here, where the pipeline and tests import them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import date

from spacy.tokens import Span, Token

from flashpoint.extract.date_expressions import (
    DateMention,
    date_pattern,
    date_words,
    dateline_date,
    find_dates,
    is_history_marker,
    resolve_weekday,
)
from flashpoint.model import ResolvedDate
from flashpoint.nlp import token_table

__all__ = [
    "DateMention",
    "clause_head",
    "dateline_date",
    "event_date",
    "find_dates",
    "is_future_clause",
    "is_history_marker",
]


def clause_head(token: Token) -> Token:
    """The verb heading the clause a token sits in (the token itself if it is one)."""
    table = token_table(token.doc)  # walked by index: no ``Token`` per step
    current = token.i
    while table.pos[current] not in {"VERB", "AUX"} and table.head[current] != current:
        current = table.head[current]
    return token if current == token.i else token.doc[current]


def is_future_clause(verb: Token) -> bool:
    """ "will meet", "'ll strike", "are scheduled to meet", "is due to vote"."""
    markers = date_words().future_markers
    current = verb
    for _ in range(3):
        # "is set to meet", "plans to strike": the marker governs the act; "set fire" does not
        governs = current is not verb or any(c.dep_ == "xcomp" for c in current.children)
        if (governs and current.lemma_.lower() in markers) or any(
            c.dep_ in {"aux", "auxpass"} and c.lemma_.lower() in markers | {"'ll"}
            for c in current.children
        ):
            return True
        if current.dep_ not in {"xcomp", "conj"} or current.head.i == current.i:
            return False
        current = current.head
    return False


def _mention_head(sentence: Span, mention: DateMention) -> Token | None:
    starts = token_table(sentence.doc).start  # ascending: find the mention's tokens by bisection
    first = bisect_left(starts, mention.start, sentence.start, sentence.end)
    last = bisect_left(starts, mention.end, first, sentence.end)
    inside = [sentence.doc[i] for i in range(first, last)]
    outside = [t for t in inside if not mention.start <= t.head.idx < mention.end or t.head == t]
    return outside[0] if outside else None


def _tree_distance(a: Token, b: Token) -> int:
    table = token_table(a.doc)
    up_a = [a.i, *table.ancestors(a.i)]
    up_b = [b.i, *table.ancestors(b.i)]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return 99
    return up_a.index(common) + up_b.index(common)


def _is_reporting_clause(clause: Token) -> bool:
    return clause.lemma_.lower() in date_words().speech_verbs


def _links_clause(mention_clause: Token, trigger_clause: Token) -> bool:
    """A date on an enclosing clause dates the event too, unless that clause only reports it."""
    if mention_clause.lemma_.lower() in date_words().speech_verbs:
        return False
    # In the mention clause's subtree: a tree walk up from the trigger's clause is shorter.
    if trigger_clause == mention_clause or mention_clause.is_ancestor(trigger_clause):
        return True
    # Down into adverbial/complement clauses: "fighting erupted when rebels attacked on Friday".
    current = mention_clause
    while current.dep_ in {"advcl", "xcomp"} and current.head.i != current.i:
        current = current.head
        if current == trigger_clause:
            return True
    return False


def _with_future_reading(mention: DateMention, published: date | None) -> DateMention:
    """Re-read a weekday in a future-tense clause: "will meet on Friday" looks forward."""
    match = date_pattern("weekday").fullmatch(mention.text)
    if published is None or match is None:
        return mention
    rel = " ".join((match.group("rel") or "").lower().split())
    weekday = date_words().weekdays[match.group("wd").lower()]
    value = resolve_weekday(rel, weekday, published, future=True)
    return DateMention(mention.text, mention.start, mention.end, value, "day", True)


def event_date(
    sentence: Span,
    trigger: Token,
    mentions: Sequence[DateMention],
    published: date | None,
    article_default: ResolvedDate | None,
    *,
    statement: bool = False,
) -> ResolvedDate | None:
    """The date of the event of ``trigger``: the nearest date expression in its clause (or in a
    clause that encloses it, not a reporting one), else the article default, else publication.
    ``statement``: the event is itself something said (an accusation, threat, demand, pledge):
    then the date on the reporting verb dates it too."""
    trigger_clause = clause_head(trigger)
    scored: list[tuple[int, int, DateMention, Token]] = []
    for mention in mentions:
        head = _mention_head(sentence, mention)
        if head is None or is_history_marker(mention):
            continue
        mention_clause = clause_head(head)
        if mention_clause == trigger_clause:
            rank = 0
        elif _links_clause(mention_clause, trigger_clause):
            rank = 1
        elif not _is_reporting_clause(mention_clause):
            rank = 2  # parsed onto a nearby noun ("... province early Monday"): still this event's
        elif statement and trigger in mention_clause.subtree:
            rank = 3  # "said on Tuesday it would retaliate": a statement is dated by its saying
        else:
            continue
        scored.append((rank, _tree_distance(head, trigger), mention, mention_clause))
    if scored:
        _, _, best, where = min(scored, key=lambda s: (s[0], s[1]))
        # "will meet on Friday" looks forward; "said on Wednesday it will send tanks" does not:
        # the weekday belongs to the saying
        if is_future_clause(where):
            best = _with_future_reading(best, published)
        return ResolvedDate(best.value, best.precision)
    if article_default is not None:
        return article_default
    return ResolvedDate(published, "day") if published else None
