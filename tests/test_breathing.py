"""BreathingPacer in plain pytest: patterns reach the front end; a bad choice is refused."""

from __future__ import annotations

import pytest
import traitlets

from mentor_course.widgets import BreathingPacer
from mentor_course.widgets.breathing import PATTERNS


def test_patterns_are_synced_and_the_front_end_can_choose_one() -> None:
    pacer = BreathingPacer(minutes=2)
    state = pacer.get_state()
    assert [p["id"] for p in state["patterns"]] == ["longer-out", "even", "box"]
    assert state["minutes"] == 2
    pacer.set_state({"pattern": "box"})  # as the radio buttons would
    assert pacer.pattern == "box"


def test_an_unknown_pattern_is_refused() -> None:
    with pytest.raises(traitlets.TraitError, match="unknown pattern"):
        BreathingPacer().pattern = "hyperventilate"


def test_every_pattern_is_slow_and_starts_with_a_breath_in() -> None:
    for pattern in PATTERNS:
        assert pattern["phases"][0]["label"] == "Breathe in"
        assert all(4 <= phase["seconds"] <= 6 for phase in pattern["phases"])
