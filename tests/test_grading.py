"""grade(): the scoring rules, the shared vectors, and parity with the JavaScript grader."""

from __future__ import annotations

import json
import math
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from mentor_course.quiz import AnswerError, QuizBank, grade
from mentor_course.widgets.linker import linked_module

TESTS = Path(__file__).resolve().parent
VECTORS = json.loads((TESTS / "grading_vectors.json").read_text(encoding="utf-8"))
BANK = QuizBank.model_validate(VECTORS["bank"])
EVERY = [q.id for q in BANK.questions]


def shown(case: dict[str, Any]) -> list[str]:
    """The questions a vector's attempt showed: those it names, or every one."""
    return case.get("shown", EVERY)


def same(a: Any, b: Any) -> bool:
    """Equal, with floats compared to within rounding (the two graders divide the same way)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, float | int) and isinstance(b, float | int):
        return math.isclose(a, b, abs_tol=1e-9)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda case: case["name"])
def test_python_grader_matches_the_vectors(case: dict[str, Any]) -> None:
    result = grade(BANK, case["answers"], shown(case))
    assert result.score == pytest.approx(case["score"])
    assert result.passed is case["passed"]
    assert result.max_points == len(shown(case))
    got = {q.id: [q.score, q.verdict] for q in result.questions}
    assert same(got, case["questions"]), got


def test_same_tells_apart_what_differs() -> None:
    assert same({"a": [{"s": 0.1 + 0.2}]}, {"a": [{"s": 0.3}]})
    assert not same({"a": [{"s": 0.5}]}, {"a": [{"s": 0.25}]})
    assert not same({"a": [1, "correct"]}, {"a": [1, "partial"]})
    assert not same(True, 1.0)


def test_feedback_only_for_what_was_picked() -> None:
    result = grade(BANK, {"q-multi": ["a", "c"]}, EVERY)
    multi = result.questions[2]
    assert [(f.target, f.correct) for f in multi.feedback] == [("a", True), ("c", False)]
    assert multi.explanation == "E3" and multi.cite == ["maslach2001job"]


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ({"nope": "a"}, "unknown question id 'nope'"),
        ({"q-single": "z"}, "one choice id"),
        ({"q-single": ["a"]}, "one choice id"),
        ({"q-multi": "a"}, "list of choice ids"),
        ({"q-multi": ["a", "a"]}, "appears twice"),
        ({"q-match": {"i1": "zz"}}, "unknown item or category"),
        ({"q-match": ["x"]}, "map item ids"),
        ({"q-order": ["s1", "s2"]}, "every item once"),
        (["not", "a", "dict"], "must map question ids"),
    ],
)
def test_malformed_answers_are_refused_with_a_reason(answers: Any, words: str) -> None:
    with pytest.raises(AnswerError, match=words):
        grade(BANK, answers, EVERY)


@pytest.mark.parametrize("case", VECTORS["refused"], ids=lambda case: case["name"])
def test_python_grader_refuses_the_malformed_vectors(case: dict[str, Any]) -> None:
    with pytest.raises(AnswerError) as refused:
        grade(BANK, case["answers"], shown(case))
    assert str(refused.value) == case["error"]


@pytest.mark.parametrize("script", ["grading.test.mjs", "score_words.test.mjs"])
def test_javascript_grader_passes_its_node_tests(node: str, script: str) -> None:
    run = subprocess.run(
        [node, "--test", str(TESTS / "js" / script)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "# fail 0" in run.stdout


def python_outcomes() -> list[dict[str, Any]]:
    """What grade() gives for every vector: the result, or the refusal as JavaScript names it."""
    outcomes = []
    for case in [*VECTORS["cases"], *VECTORS["refused"]]:
        try:
            outcomes.append(grade(BANK, case["answers"], shown(case)).model_dump())
        except AnswerError as exc:
            outcomes.append({"error": f"AnswerError: {exc}"})
    return outcomes


def javascript_outcomes(node: str, grader: Path | None = None) -> Any:
    script = [node, str(TESTS / "js" / "print_grades.mjs"), *([str(grader)] if grader else [])]
    run = subprocess.run(script, capture_output=True, text=True, timeout=120, check=True)
    return json.loads(run.stdout)


def test_javascript_grader_returns_exactly_what_python_returns(node: str) -> None:
    from_js, from_python = javascript_outcomes(node), python_outcomes()
    assert len(from_js) == len(from_python) == len(VECTORS["cases"]) + len(VECTORS["refused"])
    for js, py in zip(from_js, from_python, strict=True):
        assert same(js, py), (js, py)


def test_the_linked_grader_a_page_loads_agrees_with_python(node: str, tmp_path: Path) -> None:
    """The single-file module the linker makes from grading.js and its imports grades the same."""
    bundle = tmp_path / "grading.mjs"
    bundle.write_text(linked_module("grading"), encoding="utf-8")
    assert not re.search(r"^\s*import\b", bundle.read_text(encoding="utf-8"), re.MULTILINE)
    for js, py in zip(javascript_outcomes(node, bundle), python_outcomes(), strict=True):
        assert same(js, py), (js, py)
