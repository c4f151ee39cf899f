"""The whole pipeline, as a plain loop of stages.

    read → clean → parse (spaCy, batched) → actors → places → for each sentence:
        events (type + roles) → modality → casualties → attribution → date → location → confidence

Each stage is a small typed callable in ``flashpoint.extract``; this module only wires them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from functools import lru_cache
from itertools import islice

from spacy.tokens import Doc, Span

from flashpoint.clean import clean_article, dateline_spans
from flashpoint.errors import FlashpointError
from flashpoint.extract.actors import ActorIndex, ActorResolver
from flashpoint.extract.attribution import attribution_for
from flashpoint.extract.casualties import casualties_for
from flashpoint.extract.confidence import (
    Evidence,
    is_generic,
    is_history,
    is_implausible,
    score,
)
from flashpoint.extract.dates import dateline_date, event_date, find_dates
from flashpoint.extract.events import EventFrame, find_events
from flashpoint.extract.lexicon import get_lexicon
from flashpoint.extract.modality import modality_of
from flashpoint.extract.places import PlaceMention, article_place, event_location, find_places
from flashpoint.model import Actor, Article, Event, Place, ResolvedDate, event_id_for
from flashpoint.nlp import doc_text, get_nlp
from flashpoint.resources import read_tsv
from flashpoint.settings import get_settings

_ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "UAF", "SPY", "GOV"})
_CIVILIAN_SECTORS = frozenset({"CVL", "OPP", "REF", "JRN", "MED", "EDU", "HLH", "BUS", "REL"})


def _target_kind(actor: Actor | None) -> str:
    if actor is None or actor.sector is None:
        return "any"
    if actor.sector in _CIVILIAN_SECTORS:
        return "civilian"
    return "armed" if actor.sector in _ARMED_SECTORS else "any"


class ArticleExtractor:
    """Runs every stage on one parsed article."""

    def __init__(self) -> None:
        self.resolve_actors = ActorResolver()
        self.lexicon = get_lexicon()

    def __call__(self, article: Article, doc: Doc) -> list[Event]:
        actors = self.resolve_actors(doc, article.published)
        places = find_places(
            doc, excluded=actors.char_spans(), context_countries=actors.countries()
        )
        home = article_place(doc, places)
        actors.apply_context(home.country if home else next(iter(actors.countries()), None))
        dated = dateline_date(doc_text(doc), article.published)
        default_date = ResolvedDate(dated, "day") if dated else None
        events: list[Event] = []
        datelines = dateline_spans(doc_text(doc))
        for sent in doc.sents:
            if any(
                start <= sent.start_char and sent.end_char <= end + 1 for start, end in datelines
            ):
                continue  # "KASTANIES, Greece, March 2 (AFP) -" says where and when, not what
            frames = find_events(sent, actors, self.lexicon)
            if frames:
                events.extend(
                    self._code_sentence(article, sent, frames, actors, places, home, default_date)
                )
        return restatements_removed(conceded_to_protesters(with_adversaries(events), doc))

    def _code_sentence(
        self,
        article: Article,
        sent: Span,
        frames: list[EventFrame],
        actors: ActorIndex,
        places: list[PlaceMention],
        home: Place | None,
        default_date: ResolvedDate | None,
    ) -> Iterator[Event]:
        article_id = article.article_id
        span = (sent.start_char, sent.end_char)
        dates = find_dates(sent.text, article.published, offset=sent.start_char)
        for frame in frames:
            trigger = frame.trigger
            modality = modality_of(trigger, sent, self.lexicon, decision=frame.decision)
            toll = casualties_for(sent, trigger)
            actor2 = frame.actor2
            if actor2 is None and (toll.fatalities or toll.injuries):
                actor2 = _victim_actor(actors, sent, toll.victim_heads, frame.actor1)
            when = event_date(sent, trigger, dates, article.published, default_date)
            where = event_location(sent, trigger, places, home)
            actor1 = _located(frame.actor1, where)
            actor2 = _located(actor2, where)
            actor1, actor2 = implied_participants(
                frame.event_type, frame.mode, actor1, actor2, where
            )
            actor2 = actor2 or _foreign_ground(frame.event_type, actor1, where)
            if actor1 and actor2 and (actor1.code, actor1.org) == (actor2.code, actor2.org):
                actor2 = None  # one side cannot be both source and target of one event
            rule = self.lexicon.acled_for(frame.event_type, frame.mode, _target_kind(actor2))
            evidence = Evidence(
                has_actor1=actor1 is not None,
                has_actor2=actor2 is not None,
                verbal=frame.verbal,
                has_place=any(sent.start_char <= p.start < sent.end_char for p in places),
                has_toll=toll.fatalities is not None or toll.injuries is not None,
                history=is_history(
                    when.value if when else None,
                    article.published,
                    sent,
                    [d.value for d in dates if d.precision == "year"],
                ),
                implausible=is_implausible(frame.event_type, actor1.sector if actor1 else None),
                generic=is_generic(trigger, toll.fatalities),
                question=sent.text.rstrip().endswith("?"),
            )
            dyad = f"{_key(actor1)}>{_key(actor2)}:{trigger.i - sent.start}"
            yield Event(
                event_id=event_id_for(article_id, span, frame.event_type, dyad),
                article_id=article_id,
                date=when.value if when else None,
                date_precision=when.precision if when else "day",
                event_type=frame.event_type,  # type: ignore[arg-type]
                mode=frame.mode,
                cameo_code=frame.cameo,
                acled_event_type=rule.acled_type if rule else None,
                acled_sub_event_type=rule.acled_sub_type if rule else None,
                modality=modality,
                actor1=actor1,
                actor2=actor2,
                location=where,
                fatalities=toll.fatalities,
                injuries=toll.injuries,
                attribution=attribution_for(trigger, sent),
                confidence=score(evidence),
                sentence=sent.text.strip(),
                span=span,
                trigger=trigger.text,
                fatalities_lower_bound=toll.fatalities_lower_bound,
            )


_ADDRESSED_TYPES = frozenset({"THREATEN", "ACCUSE", "REJECT"})
_PROTEST_WORDS = frozenset(
    {"protest", "protester", "demonstration", "demonstrator", "unrest", "uprising", "rally"}
)


def with_adversaries(events: list[Event]) -> list[Event]:
    """'Iran vowed to retaliate' threatens whoever attacked Iran in the story: a threat,
    accusation or rejection with no stated target is aimed at the last actor that attacked
    (or was attacked by) the speaker earlier in the article."""
    out: list[Event] = []
    for event in events:
        if event.event_type in _ADDRESSED_TYPES and event.actor2 is None and event.actor1:
            speaker = event.actor1
            for prior in reversed(out):
                if prior.event_type != "ASSAULT":
                    continue
                if prior.actor2 and prior.actor1 and _same_side(prior.actor2, speaker):
                    event = replace(event, actor2=prior.actor1)
                    break
                if prior.actor1 and prior.actor2 and _same_side(prior.actor1, speaker):
                    event = replace(event, actor2=prior.actor2)
                    break
        out.append(event)
    return out


def conceded_to_protesters(events: list[Event], doc: Doc) -> list[Event]:
    """A government that resigns, backs down or lifts a measure in a story about protests yields
    to the protesters ("the prime minister resigned after weeks of protests")."""
    if not any(t.lemma_.lower() in _PROTEST_WORDS for t in doc):
        return events
    out = []
    for event in events:
        conceder = event.actor1
        if event.event_type == "CONCEDE" and event.actor2 is None and conceder and conceder.country:
            c = conceder.country
            protesters = Actor("protesters", f"{c}OPP", f"{c}OPP", c, "OPP", rule="conceded-to")
            event = replace(event, actor2=protesters)
        out.append(event)
    return out


def _same_side(a: Actor, b: Actor) -> bool:
    if a.org or b.org:
        return a.org == b.org
    return a.country is not None and a.country == b.country


def _same_or_unknown(a: object, b: object) -> bool:
    return a is None or b is None or a == b


def _restates(a: Event, b: Event) -> bool:
    """Does b repeat a (a headline and its lead, a summary paragraph)?"""
    if a.event_type != b.event_type or a.modality != b.modality:
        return False
    codes = [(x.code, x.org) if x else None for x in (a.actor1, a.actor2, b.actor1, b.actor2)]
    if not (_same_or_unknown(codes[0], codes[2]) and _same_or_unknown(codes[1], codes[3])):
        return False
    if a.actor1 is None and a.actor2 is None and (b.actor1 is None and b.actor2 is None):
        return False  # nothing to tie two anonymous events together
    places = [p.geonameid or p.name if p else None for p in (a.location, b.location)]
    if not _same_or_unknown(places[0], places[1]) or not _same_or_unknown(
        a.fatalities, b.fatalities
    ):
        return False
    return a.date is None or b.date is None or abs((a.date - b.date).days) <= 1


def _richness(e: Event) -> tuple[int, float]:
    filled = sum(x is not None for x in (e.actor1, e.actor2, e.fatalities, e.location, e.date))
    return filled, e.confidence


def restatements_removed(events: list[Event]) -> list[Event]:
    """One event per real event in an article: the headline, the lead and a later recap of the
    same attack are one event, kept in its most complete wording."""
    kept: list[Event] = []
    for event in events:
        for i, other in enumerate(kept):
            if _restates(other, event):
                if _richness(event) > _richness(other):
                    kept[i] = event
                break
        else:
            kept.append(event)
    return kept


@lru_cache(maxsize=1)
def _implied() -> dict[tuple[str, str, str], str]:
    rows = read_tsv("events/implied.tsv")
    return {(r["event_type"], r["mode"] or "*", r["slot"]): r["sector"] for r in rows}


def implied_participants(
    event_type: str, mode: str | None, a1: Actor | None, a2: Actor | None, where: Place | None
) -> tuple[Actor | None, Actor | None]:
    """Fill a missing source or target that the event type implies (events/implied.tsv)."""
    table = _implied()
    filled = []
    for slot, actor in (("actor1", a1), ("actor2", a2)):
        sector = table.get((event_type, mode or "*", slot)) or table.get((event_type, "*", slot))
        if actor is None and sector:
            country = where.country if where else None
            code = f"{country}{sector}" if country else sector
            actor = Actor(sector.lower(), code, code, country, sector, rule=f"implied:{event_type}")
        filled.append(actor)
    return filled[0], filled[1]


def _foreign_ground(event_type: str, actor1: Actor | None, where: Place | None) -> Actor | None:
    """An attack by one state's forces on another state's soil targets that state:
    'Russian missiles struck Kyiv' is RUS against UKR, 'Ukrainian troops pushed into Kursk'
    UKR against RUS.  Inside the attacker's own country the target stays unknown."""
    if event_type != "ASSAULT" or actor1 is None or where is None or actor1.org:
        return None
    if actor1.country is None or actor1.country == where.country:
        return None
    c = where.country
    return Actor(where.text, c, c, c, None, rule="foreign-ground")


def _located(actor: Actor | None, where: Place | None) -> Actor | None:
    """An attacked place with no stated owner belongs to the country it stands in, and
    civilians with no stated nationality are those of where the event happened."""
    if actor is None or where is None or (where.precision == "country" and actor.country):
        return actor
    if actor.country is None and actor.rule.startswith("facility"):
        return replace(actor, country=where.country, code=f"{where.country}{actor.code}")
    rehome = actor.rule.endswith("+context") and actor.country != where.country
    if rehome and actor.sector in _CIVILIAN_SECTORS:
        return replace(actor, country=where.country, code=f"{where.country}{actor.sector}")
    return actor


def _key(actor: Actor | None) -> str:
    return f"{actor.code}/{actor.name}" if actor else "-"


def _victim_actor(
    actors: ActorIndex, sent: Span, heads: tuple[int, ...], source: Actor | None
) -> Actor | None:
    """'... killed two Turkish soldiers' read from the casualty phrase when roles gave no target."""
    for head in heads:
        if sent.start <= head < sent.end:
            for actor in actors.actors_for(sent.doc[head]):
                if source is None or (actor.code, actor.org) != (source.code, source.org):
                    return actor
    return None


def _batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def run(
    articles: Iterable[Article],
    *,
    batch_size: int | None = None,
    on_error: Callable[[FlashpointError], None] | None = None,
) -> Iterator[tuple[Article, list[Event]]]:
    """Clean, parse in batches, and extract; yields each article with its events, in order."""
    settings = get_settings()
    nlp = get_nlp()
    extractor = ArticleExtractor()
    size = batch_size or settings.batch_size
    for batch in _batched(articles, size):
        cleaned = [clean_article(a) for a in batch]
        cleaned = [
            replace(a, text=a.text[: settings.max_article_chars])
            if len(a.text) > settings.max_article_chars
            else a
            for a in cleaned
        ]
        for article, doc in zip(
            cleaned, nlp.pipe((a.text for a in cleaned), batch_size=size), strict=True
        ):
            try:
                yield article, extractor(article, doc)
            except FlashpointError as exc:
                if on_error is None:
                    raise
                on_error(exc)


def extract(
    text: str, *, published: date | None = None, url: str | None = None, source: str | None = None
) -> list[Event]:
    """Events of one report (the public ``flashpoint.extract``)."""
    article = Article(text=text, url=url, published=published, source=source)
    return next(iter(run([article])))[1]


def extract_many(articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[Event]:
    """Events of many reports, streamed (the public ``flashpoint.extract_many``)."""
    for _, events in run(articles, batch_size=batch_size):
        yield from events
