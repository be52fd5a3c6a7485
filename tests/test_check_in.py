"""The private check-ins (a mentor's self-check-in, a program's self-assessment): their
content, widgets that sync no answers, and the browser's scoring (in Node)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from mentor_course.checkin import CheckIn, check_in, org_assessment
from mentor_course.plan import guide
from mentor_course.widgets import ProgramSelfAssessment, SelfCheckIn
from tests.chapters import REPO

TESTS = Path(__file__).resolve().parent


def test_the_check_in_covers_three_areas_with_the_plans_own_signs() -> None:
    content = check_in()
    assert [a.id for a in content.areas] == ["satisfaction", "stress", "burnout"]
    signs = guide()["signs"]
    for area in content.areas:
        for item in area.items:
            if item.plan_sign:
                assert item.plan_sign.text in signs[item.plan_sign.kind]
    assert all(item.plan_sign for a in content.areas if a.strain for item in a.items)


def test_a_sign_the_plan_does_not_have_is_refused() -> None:
    data = check_in().model_dump(mode="json")
    data["areas"][1]["items"][0]["plan_sign"]["text"] = "Something the plan never lists"
    with pytest.raises(ValueError, match="is not one of the plan's compassion_fatigue signs"):
        CheckIn.model_validate(data)


def test_the_widget_syncs_the_words_and_whom_to_talk_to_and_no_answer() -> None:
    widget = SelfCheckIn.for_course()
    state = widget.get_state()
    synced = set(widget.keys) - {"_esm", "_css", "_dom_classes", "layout", "tabbable", "tooltip"}
    assert {"check_in", "resources"} <= synced
    assert not {name for name in synced if "answer" in name or "score" in name or "note" in name}
    assert state["check_in"]["areas"][0]["items"]
    assert state["resources"]["contacts"][0]["label"] == "Your program's contacts"


def test_the_browser_scores_as_the_chapter_says(node: str, tmp_path: Path) -> None:
    content = tmp_path / "check_in.json"
    content.write_text(json.dumps(check_in().model_dump(mode="json")), encoding="utf-8")
    run = subprocess.run(
        [node, "--test", str(TESTS / "js" / "check_in.test.mjs")],
        env={**os.environ, "MENTOR_COURSE_CHECK_IN": str(content)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "# fail 0" in run.stdout
    chapter = (REPO / "book" / "self-check-in.md").read_text(encoding="utf-8")
    assert f"reaches {check_in().talk_at} or more" in chapter


def test_the_program_self_assessment_covers_the_five_areas_and_syncs_no_rating(
    node: str,
) -> None:
    titles = [a.title for a in org_assessment().areas]
    assert titles == [
        "Leadership and mission",
        "Management and supervision",
        "Employee empowerment and work environment",
        "Training and professional development",
        "Staff health and wellness",
    ]
    widget = ProgramSelfAssessment()
    synced = set(widget.keys) - {"_esm", "_css", "_dom_classes", "layout", "tabbable", "tooltip"}
    assert synced >= {"assessment"} and not {n for n in synced if "rating" in n or "plan" in n}
    run = subprocess.run(
        [node, "--test", str(TESTS / "js" / "org_assessment.test.mjs")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
