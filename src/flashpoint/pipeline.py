"""The whole pipeline, as a plain loop of stages.

    read → clean → parse (spaCy, batched) → actors → places → for each sentence:
        events (type + roles) → modality → casualties → attribution → date → location → confidence

Each stage is a small typed callable in ``flashpoint.extract``; this module only wires them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from itertools import islice
from typing import NamedTuple

from spacy.tokens import Doc, Span

from flashpoint.clean import clean_article, dateline_spans
from flashpoint.errors import FlashpointError
from flashpoint.extract.actors import ActorIndex, ActorResolver
from flashpoint.extract.article_context import (
    CIVILIAN_SECTORS,
    claimants,
    conceded_to_protesters,
    detained_protesters,
    displaced_victims,
    protesters_protest,
    restatements_removed,
    same_party,
    states_as_forces,
    with_adversaries,
    with_claimants,
)
from flashpoint.extract.attribution import attribution_for
from flashpoint.extract.casualties import NO_CASUALTIES, casualties_for
from flashpoint.extract.confidence import (
    Evidence,
    is_generic,
    is_history,
    is_implausible,
    latest_day,
    needs_no_target,
    score,
    with_completeness,
)
from flashpoint.extract.dates import DateMention, dateline_date, event_date, find_dates
from flashpoint.extract.denials import DenialReader
from flashpoint.extract.event_places import article_place, event_location
from flashpoint.extract.events import find_events
from flashpoint.extract.frames import EventFrame
from flashpoint.extract.implied_parties import foreign_ground, implied_participants, located
from flashpoint.extract.joint_actions import ally_countries
from flashpoint.extract.justifications import aimed_at_the_accused
from flashpoint.extract.lexicon import get_lexicon
from flashpoint.extract.modality import modality_of
from flashpoint.extract.parse_repair import repair_parse
from flashpoint.extract.places import PlaceMention, find_places
from flashpoint.extract.recode import (
    crowd_violence_as_riot,
    foreign_ban_as_sanction,
    intended_force_as_threat,
    promised_aid,
    refusal_of,
)
from flashpoint.extract.references import (
    ReferenceReader,
    back_references_folded,
    sources_of_named_acts,
)
from flashpoint.extract.tolls import tolls_folded_into_attacks
from flashpoint.extract.triggers import match_trigger
from flashpoint.extract.victims import (
    dead_side_hit,
    each_others_dead,
    scene_of_an_attack,
    toll_of,
    with_victim_sides,
)
from flashpoint.model import Actor, Article, Event, Place, ResolvedDate, event_id_for
from flashpoint.nlp import doc_text, get_nlp, parse_kept
from flashpoint.settings import get_settings

_ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "UAF", "SPY", "GOV"})
# Events that can kill or wound: only they carry a toll.
_TOLL_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})
# Events that consist in saying something: "said on Tuesday" dates them.
_STATEMENT_TYPES = frozenset({"ACCUSE", "THREATEN", "REJECT", "REQUEST", "SUPPORT", "CONCEDE"})


def _target_kind(actor: Actor | None) -> str:
    if actor is None or actor.sector is None:
        return "any"
    if actor.sector in CIVILIAN_SECTORS:
        return "civilian"
    return "armed" if actor.sector in _ARMED_SECTORS else "any"


class _Story(NamedTuple):
    """What every sentence of one article is coded against."""

    article: Article
    article_id: str
    actors: ActorIndex
    places: list[PlaceMention]
    home: Place | None


class ArticleExtractor:
    """Runs every stage on one parsed article."""

    def __init__(self) -> None:
        self.resolve_actors = ActorResolver()
        self.lexicon = get_lexicon()

    def __call__(self, article: Article, doc: Doc) -> list[Event]:
        repair_parse(doc, self.lexicon)
        actors = self.resolve_actors(doc, article.published)
        places = find_places(
            doc, excluded=actors.char_spans(), context_countries=actors.countries()
        )
        actors.note_places([(p.start, p.end, p.place.country) for p in places])
        home = article_place(doc, places)
        actors.apply_context(
            home.country
            if home
            else next(iter(actors.countries()), None) or _demonym_country(actors)
        )
        dated = dateline_date(doc_text(doc), article.published)
        default_date = ResolvedDate(dated, "day") if dated else None
        events: list[Event] = []
        article_id = article.article_id  # a hash of the whole text: once per article
        datelines = dateline_spans(doc_text(doc))
        anchor: date | None = None
        for sent in doc.sents:
            if any(
                start <= sent.start_char and sent.end_char <= end + 1 for start, end in datelines
            ):
                continue  # "KASTANIES, Greece, March 2 (AFP) -" says where and when, not what
            story_date = ResolvedDate(anchor, "day") if anchor else default_date
            text = doc_text(doc)[sent.start_char : sent.end_char]  # sent.text rebuilds it
            # "KHARTOUM, April 15 (AP) - ... on Saturday": weekdays count from the dateline's day
            dates = find_dates(
                text, dated or article.published, offset=sent.start_char, anchor=anchor
            )
            # "... on Saturday. Cairo rejected the idea the following day.": count from there.
            anchor = next((d.value for d in reversed(dates) if d.precision == "day"), anchor)
            frames = find_events(sent, actors, self.lexicon)
            if frames:
                story = _Story(article, article_id, actors, places, home)
                events.extend(self._code_sentence(story, sent, text, frames, story_date, dates))
        events = back_references_folded(events, doc)
        events = sources_of_named_acts(events, doc, self.lexicon)
        events = DenialReader(actors, self.lexicon)(events, doc)
        events = ReferenceReader(self.lexicon, same_party)(events, doc)
        events = tolls_folded_into_attacks(
            events, doc, lambda t: match_trigger(t, self.lexicon) is not None
        )
        events = with_claimants(events, claimants(doc, actors.actors_for))
        events = [
            displaced_victims(
                crowd_violence_as_riot(
                    foreign_ban_as_sanction(
                        protesters_protest(states_as_forces(intended_force_as_threat(e)))
                    )
                )
            )
            for e in with_adversaries(aimed_at_the_accused(events))
        ]
        events = detained_protesters(conceded_to_protesters(events, doc), doc)
        return [with_completeness(e) for e in restatements_removed(events)]

    def _code_sentence(
        self,
        story: _Story,
        sent: Span,
        text: str,
        frames: list[EventFrame],
        default_date: ResolvedDate | None,
        dates: list[DateMention],
    ) -> Iterator[Event]:
        article, article_id, actors, places, home = story
        span = (sent.start_char, sent.end_char)
        coded = dead_side_hit(
            each_others_dead(with_victim_sides(frames, sent, actors)), sent, actors
        )
        for frame in coded:
            trigger = frame.trigger
            modality = modality_of(trigger, sent, self.lexicon, decision=frame.decision)
            frame, modality = promised_aid(*refusal_of(frame, modality))
            # "a strike ordered by Trump, killing 11": an order, a statement or a talk kills no one
            toll = NO_CASUALTIES
            if frame.event_type in _TOLL_TYPES and not scene_of_an_attack(
                trigger, coded, self.lexicon
            ):
                hit = [f.actor2 for f in coded if f.trigger == trigger and f.actor2]
                others = [a for a in hit if a != frame.actor2]  # other sides the act hit
                toll = toll_of(casualties_for(sent, trigger), frame.actor2, sent, actors, others)
            actor2 = frame.actor2
            # "... killing two Turkish soldiers": the dead are whom an attack was aimed at (not
            # whom a march that turned deadly was against)
            hurt = toll.fatalities or toll.injuries
            if actor2 is None and hurt and frame.event_type in {"ASSAULT", "COERCE"}:
                actor2 = _victim_actor(actors, sent, toll.victim_heads, frame.actor1)
            statement = frame.event_type in _STATEMENT_TYPES or modality == "intended"
            when = event_date(
                sent, trigger, dates, article.published, default_date, statement=statement
            )
            where = event_location(sent, trigger, places, home)
            actor1 = located(_owned(frame.actor1), where, actors.story_country)
            actor2 = located(actor2, where, actors.story_country)
            actor1, actor2 = implied_participants(
                frame.event_type, frame.mode, actor1, actor2, where, actors.story_country
            )
            # ("fighting alongside Russian forces in Kursk": on an ally's soil, not against it)
            allies = ally_countries(coded, trigger)
            ground = foreign_ground(frame.event_type, actor1, where, frame.mode)
            actor2 = actor2 or (ground if ground and ground.country not in allies else None)
            if actor1 and actor2 and (actor1.code, actor1.org) == (actor2.code, actor2.org):
                actor2 = None  # one side cannot be both source and target of one event
            rule = self.lexicon.acled_for(frame.event_type, frame.mode, _target_kind(actor2))
            evidence = Evidence(
                has_actor1=actor1 is not None,
                has_actor2=actor2 is not None,
                verbal=frame.verbal,
                has_place=any(sent.start_char <= p.start < sent.end_char for p in places),
                # "killing dozens": an attack's toll, though no count
                has_toll=toll.fatalities is not None
                or toll.injuries is not None
                or (frame.event_type == "ASSAULT" and toll.fatalities_lower_bound),
                history=is_history(
                    latest_day(when) if when else None,
                    article.published,
                    sent,
                    [d.value for d in dates if d.precision == "year"],
                    trigger,
                ),
                implausible=is_implausible(frame.event_type, actor1.sector if actor1 else None),
                generic=is_generic(trigger, toll.fatalities),
                question=text.rstrip().endswith("?"),
                target_not_needed=actor2 is None and needs_no_target(frame.event_type, trigger),
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
                sentence=text.strip(),
                span=span,
                trigger=trigger.text,
                fatalities_lower_bound=toll.fatalities_lower_bound,
            )


def _owned(source: Actor | None) -> Actor | None:
    """'A drone launched from Lebanon struck ...': a weapon or vehicle with no stated owner says
    nothing about who attacked (the place it struck is not its owner)."""
    if source is not None and source.rule.startswith("facility") and source.country is None:
        return None
    return source


def _demonym_country(actors: ActorIndex) -> str | None:
    """'... at anti-war protests in dozens of Russian cities': with no place and no state named,
    the story's country is the one its demonyms name most often."""
    counts = Counter(actors.nationality.values())
    return counts.most_common(1)[0][0] if counts else None


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
    get_nlp()  # the model loads (or is found missing) before any article is cleaned
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
            cleaned, parse_kept((a.text for a in cleaned), batch_size=size), strict=True
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
