"""Which triggers of a sentence are events of their own: nouns absorbed by the verb that
carries them, triggers that are only the content of a claim, demand or deal, and orders that
are directives about the act they order."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.extract.lexicon import SAID_TYPES, Lexicon, Trigger
from flashpoint.extract.parse_paths import content_noun

# A trigger in the complement of one of these is the content of a claim, not an event by itself:
# "Russia accused HTS of rearming" is one ACCUSE; "threatened to strike" is one THREATEN.
NESTING_ROLES = frozenset({"speaker_target"})
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj"})
# Head nouns after which a trigger noun still names an event: "an aid convoy", "a peace deal".
_EVENT_CARRIERS = frozenset(
    {"package", "convoy", "shipment", "delivery", "flight", "drop", "deal", "campaign", "wave"}
)
_BACKGROUND_PREPS = frozenset({"since", "after", "before", "following", "amid", "despite", "over"})
# Verbs that enact what their object names: "approved new sanctions", "adopted a ban".
# Verbs that end what their object names: the object is over, not happening.
_ENDING_VERBS = frozenset(
    {
        *("lift", "end", "ease", "revoke", "rescind", "repeal", "suspend", "scrap", "quit"),
        *("terminate", "pause", "halt", "freeze", "cancel", "withhold", "cut", "block"),
    }
)
_ENACTING_VERBS = frozenset({"approve", "adopt", "pass", "agree", "authorise", "authorize"})
_CIRCUMSTANCE_PREPS = frozenset({"at", "during", "after", "following", "amid", "before"})
# Verbs whose subject, "after talks", took part in those talks.
_SETTLING_VERBS = frozenset({"agree", "sign", "announce", "reach", "strike", "conclude", "settle"})
_SPANS_OF_TIME = frozenset({"year", "month", "week", "day", "hour"})
_CAUSAL_NOUNS = frozenset({"response", "retaliation", "reprisal", "revenge", "reaction"})


def as_directive(token: Token, trig: Trigger, lex: Lexicon, trigger_at: set[int]) -> Trigger:
    """'Russia ordered its troops to withdraw': an order whose complement is itself an event is
    a directive about that event (the lemma's demand row), not the deployment its object
    ('troops') would otherwise make it."""
    if trig.pos != "VERB" or trig.roles in NESTING_ROLES:
        return trig
    complements = [c for c in token.children if c.dep_ in {"xcomp", "ccomp"}]
    if trig.objects & {c.lemma_.lower() for c in complements}:
        return trig  # "invited Finland to join NATO": the row was chosen for that very act
    content = any(
        t.i in trigger_at and t.i != token.i
        for c in token.children
        if c.dep_ in {"xcomp", "ccomp"}
        for t in c.subtree
    )
    if not content:
        return trig
    directive = [
        row
        for row in lex.candidates(trig.lemma, "VERB")
        if row.roles in NESTING_ROLES and not row.objects
    ]
    return directive[0] if directive else trig


def nesting(matches: list[tuple[Token, Trigger]]) -> tuple[set[int], dict[int, int]]:
    """Which triggers are absorbed by another, and which are the content of a claim or deal.

    Absorbed: nouns governed by a verb trigger ("negotiating a ceasefire", "killed in an
    airstrike") — the verb codes the event.  Content: triggers in the complement of an
    accusation, request, threat, rejection or deal ("accused HTS of rearming"); they are coded
    only when their parent yields to them (see ``_yields_to_content``).
    """
    absorbed: set[int] = set()
    parent_of: dict[int, int] = {}
    trigger_at = {tok.i for tok, _ in matches}
    rows = {tok.i: trig for tok, trig in matches}
    nouns = {tok.i for tok, trig in matches if trig.pos == "NOUN"}
    for token, trig in matches:
        if trig.pos == "VERB" and _carries_specific_noun(token, trig, rows):
            absorbed.add(token.i)  # "held a joint exercise": the noun says what happened
            continue
        if trig.pos == "NOUN" and _mere_modifier(token, trigger_at):
            absorbed.add(token.i)  # "arrest warrants", "attack helicopters"
            continue
        if trig.pos == "NOUN" and _motive(token, rows):
            absorbed.add(token.i)  # "recalled its ambassador in protest": why, not a protest
            continue
        if trig.pos == "NOUN" and _is_background_reference(token, trig):
            absorbed.add(token.i)  # "since the invasion began", "after talks", "in response to"
            continue
        if trig.pos == "VERB":
            ending = token.lemma_.lower() in _ENDING_VERBS
            for child in token.children:
                specific = _is_specific(rows.get(content_noun(child).i))
                if child.dep_ in {"dobj", "attr"} and specific and not ending:
                    continue
                if child.dep_ in {"dobj", "attr"} and content_noun(child).i in nouns:
                    absorbed.add(content_noun(child).i)  # "held four hours of talks"
                if child.dep_ in {"dobj", "attr"} and child.i in nouns:
                    absorbed.add(child.i)
                elif child.dep_ == "prep":
                    # "killed in an airstrike" is one event; "apologised in a phone call" two.
                    absorbed.update(
                        g.i
                        for g in child.children
                        if g.dep_ == "pobj"
                        and g.i in nouns
                        and rows[g.i].event_type == trig.event_type
                    )
        if trig.roles not in NESTING_ROLES and trig.event_type != "AGREE":
            continue
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in _CIRCUMSTANCE_PREPS:
                continue  # "agreed ... at their first meeting": when and where, not what
            if child.dep_ in _COMPLEMENT_DEPS:
                # when and where ("at their first meeting"), and what a relative clause says
                # of a party ("for Israel, which he blamed for the killing"), are no content
                aside = {
                    t.i
                    for p in child.subtree
                    if (p.dep_ == "prep" and p.lower_ in _CIRCUMSTANCE_PREPS)
                    or (p.dep_ == "relcl" and p.head.pos_ == "PROPN")
                    or _speakers_next_act(p, child, rows)
                    for t in p.subtree
                }
                for t in child.subtree:
                    if t.i in aside:
                        continue
                    if t.i in trigger_at and t.i != token.i and t.i not in parent_of:
                        parent_of[t.i] = token.i
    return absorbed - set(parent_of), parent_of


def _speakers_next_act(token: Token, clause: Token, rows: dict[int, Trigger]) -> bool:
    """'warned that civilians faced starvation, and urged the army to let aid through': the
    parser joins the second act to the reported clause, but the speaker performs it."""
    row = rows.get(token.i)
    return (
        clause.dep_ == "ccomp"
        and token.dep_ == "conj"
        and token.head == clause
        and row is not None
        and row.pos == "VERB"
        and row.event_type in SAID_TYPES
    )


def _is_specific(noun_row: Trigger | None) -> bool:
    return noun_row is not None and noun_row.pos == "NOUN" and len(noun_row.words) > 1


def _carries_specific_noun(verb: Token, trig: Trigger, rows: dict[int, Trigger]) -> bool:
    """A light verb ("held", "launched", "began") whose object is a multiword trigger of another
    type ("a joint exercise", "a general strike") only carries that more specific event."""
    enacting = verb.lemma_.lower() in _ENACTING_VERBS
    if verb.lemma_.lower() in _ENDING_VERBS:
        return False  # "lifted martial law" ends it: the lifting is the event
    for child in verb.children:
        if child.dep_ in {"dobj", "attr"}:
            noun_row = rows.get(content_noun(child).i)
            if (
                (enacting or _is_specific(noun_row))
                and noun_row is not None
                and noun_row.event_type != trig.event_type
            ):
                return True  # "approved a package of sanctions" is the sanctions
    return False


def _mere_modifier(noun: Token, trigger_at: set[int]) -> bool:
    return (
        noun.dep_ == "compound"
        and noun.head.i not in trigger_at
        and noun.head.lemma_.lower() not in _EVENT_CARRIERS
    )


# Acts a state takes "in protest" at something: the protest is their motive, not a
# demonstration of its own ("Iraq summoned Iran's ambassador in protest").
_STATEMENT_ACTS = frozenset(
    {"SANCTION", "ACCUSE", "REJECT", "REQUEST", "THREATEN", "CONCEDE", "RETREAT", "CONSULT"}
)


def _motive(noun: Token, rows: dict[int, Trigger]) -> bool:
    prep = noun.head
    if noun.lemma_.lower() != "protest" or noun.dep_ != "pobj" or prep.lower_ != "in":
        return False
    act = rows.get(prep.head.i)
    return act is not None and act.event_type in _STATEMENT_ACTS


def _is_background_reference(noun: Token, trig: Trigger) -> bool:
    """A noun event named only as the time or cause of another: 'since the invasion', 'in
    retaliation for the attack', 'days after the clash'.  Talks the main clause's parties have
    just held are not background: 'agreed to a ceasefire after six hours of talks' is a meeting
    too."""
    if any(c.dep_ == "prep" and c.lower_ in {"between", "with"} for c in noun.children):
        return False  # "after heavy fighting between the army and Fano": a named event
    if trig.event_type == "CONSULT" and _held_by_main_clause(noun):
        return False
    current = noun
    while current.dep_ == "conj":  # "after days of strikes and street protests"
        current = current.head
    lasting = False
    for _ in range(3):  # through "hours of", "the first day of"
        if current.dep_ != "pobj":
            return False
        prep = current.head
        word = prep.lower_
        if word in _BACKGROUND_PREPS:
            return True
        if lasting:
            return True  # "bowing to two weeks of protests": a span of them, as the cause
        if word == "of" and prep.head.lower_ == "one":
            return True  # "in one of the largest drone attacks": a ranking of the act told
        lasting = word == "of" and _is_span_of_time(prep.head)
        if word in {"to", "for"} and prep.head.lower_ in _CAUSAL_NOUNS:
            return True  # "in response to", "in retaliation for"
        if word == "into" and prep.head.lemma_.lower() in _SPANS_OF_TIME:
            return True  # "nearly a year into the invasion"
        if word != "of":
            return False
        current = prep.head
    return False


def _held_by_main_clause(noun: Token) -> bool:
    """'X and Y agreed on Thursday ... after six hours of talks': the talks hang (through 'of'
    and one circumstance preposition) on a verb of agreeing or meeting."""
    current = noun
    for _ in range(3):
        if current.dep_ != "pobj":
            return False
        prep = current.head
        if prep.lower_ != "of":
            verb = prep.head
            if verb.dep_ == "xcomp":  # "agreed to normalise ties after talks"
                verb = verb.head
            return prep.lower_ in {"after", "following"} and verb.lemma_.lower() in _SETTLING_VERBS
        current = prep.head
    return False


def _is_span_of_time(measure: Token) -> bool:
    """'two weeks', 'days', 'months': a stretch of time counted or in the plural."""
    if measure.lemma_.lower() not in _SPANS_OF_TIME:
        return False
    return measure.tag_ == "NNS" or any(c.dep_ == "nummod" for c in measure.children)
