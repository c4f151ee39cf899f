"""Which triggers of a sentence are events of their own: nouns absorbed by the verb that
carries them, triggers that are only the content of a claim, demand or deal, and orders that
are directives about the act they order."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.extract.lexicon import SAID_TYPES, Lexicon, Trigger
from flashpoint.extract.parse_paths import content_index
from flashpoint.nlp import TokenTable, token_table

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
    table = token_table(token.doc)
    complements = [c for c in table.children[token.i] if table.dep[c] in {"xcomp", "ccomp"}]
    if trig.objects & {table.lemma[c] for c in complements}:
        return trig  # "invited Finland to join NATO": the row was chosen for that very act
    content = any(t in trigger_at and t != token.i for c in complements for t in table.subtree(c))
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
    if not matches:
        return set(), {}
    # Read by token index from the table: no ``Token`` is built for the children walked.
    table = token_table(matches[0][0].doc)
    dep, lower, children = table.dep, table.lower, table.children
    absorbed: set[int] = set()
    parent_of: dict[int, int] = {}
    trigger_at = {tok.i for tok, _ in matches}
    rows = {tok.i: trig for tok, trig in matches}
    nouns = {tok.i for tok, trig in matches if trig.pos == "NOUN"}
    for token, trig in matches:
        i = token.i
        if trig.pos == "VERB" and _carries_specific_noun(table, i, trig, rows):
            absorbed.add(i)  # "held a joint exercise": the noun says what happened
            continue
        if trig.pos == "NOUN" and _mere_modifier(table, i, trigger_at):
            absorbed.add(i)  # "arrest warrants", "attack helicopters"
            continue
        if trig.pos == "NOUN" and _motive(table, i, rows):
            absorbed.add(i)  # "recalled its ambassador in protest": why, not a protest
            continue
        if trig.pos == "NOUN" and _is_background_reference(table, i, trig):
            absorbed.add(i)  # "since the invasion began", "after talks", "in response to"
            continue
        if trig.pos == "VERB":
            ending = table.lemma[i] in _ENDING_VERBS
            for child in children[i]:
                content = content_index(table, child)
                specific = _is_specific(rows.get(content))
                if dep[child] in {"dobj", "attr"} and specific and not ending:
                    continue
                if dep[child] in {"dobj", "attr"} and content in nouns:
                    absorbed.add(content)  # "held four hours of talks"
                if dep[child] in {"dobj", "attr"} and child in nouns:
                    absorbed.add(child)
                elif dep[child] == "prep":
                    # "killed in an airstrike" is one event; "apologised in a phone call" two.
                    absorbed.update(
                        g
                        for g in children[child]
                        if dep[g] == "pobj" and g in nouns and rows[g].event_type == trig.event_type
                    )
        if trig.roles not in NESTING_ROLES and trig.event_type != "AGREE":
            continue
        for child in children[i]:
            if dep[child] == "prep" and lower[child] in _CIRCUMSTANCE_PREPS:
                continue  # "agreed ... at their first meeting": when and where, not what
            if dep[child] in _COMPLEMENT_DEPS:
                # when and where ("at their first meeting"), and what a relative clause says
                # of a party ("for Israel, which he blamed for the killing"), are no content
                clause = table.subtree(child)
                aside = {
                    t
                    for p in clause
                    if (dep[p] == "prep" and lower[p] in _CIRCUMSTANCE_PREPS)
                    or (dep[p] == "relcl" and table.pos[table.head[p]] == "PROPN")
                    or _speakers_next_act(table, p, child, rows)
                    for t in table.subtree(p)
                }
                for t in clause:
                    if t in aside:
                        continue
                    if t in trigger_at and t != i and t not in parent_of:
                        parent_of[t] = i
    return absorbed - set(parent_of), parent_of


def _speakers_next_act(
    table: TokenTable, token: int, clause: int, rows: dict[int, Trigger]
) -> bool:
    """'warned that civilians faced starvation, and urged the army to let aid through': the
    parser joins the second act to the reported clause, but the speaker performs it."""
    row = rows.get(token)
    return (
        table.dep[clause] == "ccomp"
        and table.dep[token] == "conj"
        and table.head[token] == clause
        and row is not None
        and row.pos == "VERB"
        and row.event_type in SAID_TYPES
    )


def _is_specific(noun_row: Trigger | None) -> bool:
    return noun_row is not None and noun_row.pos == "NOUN" and len(noun_row.words) > 1


def _carries_specific_noun(
    table: TokenTable, verb: int, trig: Trigger, rows: dict[int, Trigger]
) -> bool:
    """A light verb ("held", "launched", "began") whose object is a multiword trigger of another
    type ("a joint exercise", "a general strike") only carries that more specific event."""
    enacting = table.lemma[verb] in _ENACTING_VERBS
    if table.lemma[verb] in _ENDING_VERBS:
        return False  # "lifted martial law" ends it: the lifting is the event
    if trig.roles in NESTING_ROLES:
        return False  # "vetoed an EU aid package": a stand taken on it, no light verb
    for child in table.children[verb]:
        if table.dep[child] in {"dobj", "attr"}:
            noun_row = rows.get(content_index(table, child))
            if (
                (enacting or _is_specific(noun_row))
                and noun_row is not None
                and noun_row.event_type != trig.event_type
            ):
                return True  # "approved a package of sanctions" is the sanctions
    return False


def _mere_modifier(table: TokenTable, noun: int, trigger_at: set[int]) -> bool:
    head = table.head[noun]
    return (
        table.dep[noun] == "compound"
        and head not in trigger_at
        and table.lemma[head] not in _EVENT_CARRIERS
    )


# Acts a state takes "in protest" at something: the protest is their motive, not a
# demonstration of its own ("Iraq summoned Iran's ambassador in protest").
_STATEMENT_ACTS = frozenset(
    {"SANCTION", "ACCUSE", "REJECT", "REQUEST", "THREATEN", "CONCEDE", "RETREAT", "CONSULT"}
)


def _motive(table: TokenTable, noun: int, rows: dict[int, Trigger]) -> bool:
    prep = table.head[noun]
    if table.lemma[noun] != "protest" or table.dep[noun] != "pobj" or table.lower[prep] != "in":
        return False
    act = rows.get(table.head[prep])
    return act is not None and act.event_type in _STATEMENT_ACTS


def _is_background_reference(table: TokenTable, noun: int, trig: Trigger) -> bool:
    """A noun event named only as the time or cause of another: 'since the invasion', 'in
    retaliation for the attack', 'days after the clash'.  Talks the main clause's parties have
    just held are not background: 'agreed to a ceasefire after six hours of talks' is a meeting
    too."""
    dep, lower, head = table.dep, table.lower, table.head
    if any(dep[c] == "prep" and lower[c] in {"between", "with"} for c in table.children[noun]):
        return False  # "after heavy fighting between the army and Fano": a named event
    if trig.event_type == "CONSULT" and _held_by_main_clause(table, noun):
        return False
    current = noun
    while dep[current] == "conj":  # "after days of strikes and street protests"
        current = head[current]
    lasting = False
    for _ in range(3):  # through "hours of", "the first day of"
        if dep[current] != "pobj":
            return False
        prep = head[current]
        word = lower[prep]
        if word in _BACKGROUND_PREPS:
            return True
        if lasting:
            return True  # "bowing to two weeks of protests": a span of them, as the cause
        if word == "of" and lower[head[prep]] == "one":
            return True  # "in one of the largest drone attacks": a ranking of the act told
        lasting = word == "of" and _is_span_of_time(table, head[prep])
        if word in {"to", "for"} and lower[head[prep]] in _CAUSAL_NOUNS:
            return True  # "in response to", "in retaliation for"
        if word == "into" and table.lemma[head[prep]] in _SPANS_OF_TIME:
            return True  # "nearly a year into the invasion"
        if word != "of":
            return False
        current = head[prep]
    return False


def _held_by_main_clause(table: TokenTable, noun: int) -> bool:
    """'X and Y agreed on Thursday ... after six hours of talks': the talks hang (through 'of'
    and one circumstance preposition) on a verb of agreeing or meeting."""
    current = noun
    for _ in range(3):
        if table.dep[current] != "pobj":
            return False
        prep = table.head[current]
        if table.lower[prep] != "of":
            verb = table.head[prep]
            if table.dep[verb] == "xcomp":  # "agreed to normalise ties after talks"
                verb = table.head[verb]
            return table.lower[prep] in {"after", "following"} and (
                table.lemma[verb] in _SETTLING_VERBS
            )
        current = table.head[prep]
    return False


def _is_span_of_time(table: TokenTable, measure: int) -> bool:
    """'two weeks', 'days', 'months': a stretch of time counted or in the plural."""
    if table.lemma[measure] not in _SPANS_OF_TIME:
        return False
    return table.tag[measure] == "NNS" or any(
        table.dep[c] == "nummod" for c in table.children[measure]
    )
