"""A local side with no country of its own takes the country of the state side it is joined to
(real spaCy)."""

from __future__ import annotations

from datetime import date

from coded import dyads

PUBLISHED = date(2023, 5, 12)


def test_a_side_joined_to_a_states_forces_is_of_that_state() -> None:
    # the dateline and the mediator's country are elsewhere; the rebels are Myanmar's
    text = (
        "Myanmar's military and an alliance of ethnic armed groups agreed on Thursday to a "
        "ceasefire after talks in Kunming mediated by China."
    )
    assert ("MMRMIL", "MMRREB") in dyads(text, "AGREE", PUBLISHED)
    text = (
        "JEDDAH, Saudi Arabia — Sudan's army and rebels signed a declaration on Thursday "
        "committing them to protect civilians."
    )
    assert dyads(text, "AGREE", PUBLISHED) == [("SDNMIL", "SDNREB")]
