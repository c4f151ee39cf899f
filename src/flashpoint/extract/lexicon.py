"""The event-pattern knowledge in ``resources/events/``, loaded once into lookup tables."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from flashpoint.resources import read_tsv, split_cell

# Events that consist in saying something ("a warning from Pyongyang" names who said it).
SAID_TYPES = frozenset({"THREATEN", "ACCUSE", "REQUEST", "REJECT", "SUPPORT"})


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str  # may be several space-separated lemmas
    pos: str  # VERB or NOUN
    objects: frozenset[str]  # object lemmas required (empty: none required)
    event_type: str
    cameo: str
    mode: str | None
    target_preps: frozenset[str]
    roles: str  # agent_patient | symmetric | speaker_target | self

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.lemma.split())


@dataclass(frozen=True, slots=True)
class ModeCue:
    keyword: str
    event_type: str
    mode: str
    cameo: str | None


@dataclass(frozen=True, slots=True)
class ModalityCue:
    cue: str
    pos: str | None
    modality: str
    scope: str
    requires: tuple[str, ...] = ()  # other content words of a multiword cue ("rule out")
    passive: bool = False  # "be believed to": only with a form of "be" ("said" is no hedge)


_CUE_FILLER = frozenset({"be", "to", "of"})


@dataclass(frozen=True, slots=True)
class AcledRule:
    event_type: str
    mode: str  # "*" = any
    target: str  # armed | civilian | any
    acled_type: str
    acled_sub_type: str


class Lexicon:
    def __init__(self) -> None:
        self.triggers: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
        self.first_words: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
        classes = _object_classes()
        self.object_classes = classes
        for row in read_tsv("events/triggers.tsv"):
            pos = (row.get("pos") or "VERB").upper()
            trig = Trigger(
                lemma=row["lemma"].lower(),
                pos=pos,
                objects=_expand_objects(split_cell(row.get("object")), classes),
                event_type=row["event_type"].upper(),
                cameo=row.get("cameo") or "",
                mode=row.get("mode") or None,
                target_preps=frozenset(p.lower() for p in split_cell(row.get("target_preps"))),
                roles=row.get("roles") or "agent_patient",
            )
            words = trig.words
            # Multiword triggers are indexed by their head word: the last word of a compound noun
            # ("air strike", "peace talks"), the first word of a phrasal verb ("call for").
            head = words[-1] if pos == "NOUN" else words[0]
            self.triggers[(head, pos)].append(trig)
        # Every word some trigger is indexed under: most tokens are none, and can be told at once.
        self.head_words = frozenset(word for word, _pos in self.triggers)
        self.modes: dict[str, list[ModeCue]] = defaultdict(list)
        for row in read_tsv("events/modes.tsv"):
            cue = ModeCue(
                row["keyword"].lower(),
                row["event_type"].upper(),
                row["mode"],
                row.get("cameo") or None,
            )
            self.modes[cue.keyword].append(cue)
        self.modality: dict[str, list[ModalityCue]] = defaultdict(list)
        for row in read_tsv("events/modality.tsv"):
            # Multiword cues ("be believe to", "rule out") are indexed by their first content word.
            content = [w for w in row["cue"].lower().split() if w not in _CUE_FILLER]
            if not content:
                continue
            mc = ModalityCue(
                row["cue"].lower(),
                (row.get("pos") or "").upper() or None,
                row["modality"],
                row.get("scope") or "sentence",
                tuple(content[1:]),
                row["cue"].lower().startswith("be "),
            )
            self.modality[content[0]].append(mc)
        self.acled: list[AcledRule] = [
            AcledRule(
                row["event_type"].upper(),
                row.get("mode") or "*",
                row.get("target") or "any",
                row["acled_event_type"],
                row["acled_sub_event_type"],
            )
            for row in read_tsv("events/acled.tsv")
        ]
        # The first rule for each (type, mode, target): ``acled_for`` asks once per event.
        self._acled_index: dict[tuple[str, str, str], AcledRule] = {}
        for rule in self.acled:
            self._acled_index.setdefault((rule.event_type, rule.mode, rule.target), rule)

    def candidates(self, lemma: str, pos: str) -> list[Trigger]:
        return self.triggers.get((lemma, pos), [])

    def acled_for(self, event_type: str, mode: str | None, target: str) -> AcledRule | None:
        """Most specific rule first: mode+target, mode+any, *+target, *+any."""
        index, m = self._acled_index, mode or "*"
        for key in ((m, target), (m, "any"), ("*", target), ("*", "any")):
            rule = index.get((event_type, *key))
            if rule is not None:
                return rule
        return None


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    return Lexicon()


def _object_classes() -> dict[str, frozenset[str]]:
    return {
        row["class"].lower(): frozenset(w.lower() for w in split_cell(row["lemmas"]))
        for row in read_tsv("events/object_classes.tsv")
    }


def _expand_objects(cells: list[str], classes: dict[str, frozenset[str]]) -> frozenset[str]:
    """Object lemmas of a trigger row, with `@class` names replaced by their members."""
    out: set[str] = set()
    for cell in cells:
        name = cell.lower()
        if name.startswith("@"):
            if name[1:] not in classes:
                raise ValueError(f"triggers.tsv names an unknown object class {cell!r}")
            out |= classes[name[1:]]
        else:
            out.add(name)
    return frozenset(out)
