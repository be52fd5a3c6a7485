"""Drawing an attempt's questions: the same draw in Python and in the browser, every
objective covered, a fresh set per attempt, and no attempt that starts solved."""

from __future__ import annotations

import json
import subprocess
import uuid
from collections import Counter
from pathlib import Path

import pytest

from mentor_course.quiz import QuizBank
from mentor_course.quiz.draw import SeededRandom
from tests.attempts import bank as shipped_bank
from tests.chapters import CONTENT_CHAPTERS

TESTS = Path(__file__).resolve().parent
SEEDS = [str(uuid.UUID(int=n * 7919 + 1)) for n in range(60)] + ["", "ABC-123", "é/ü"]


def banks() -> list[QuizBank]:
    return [shipped_bank(name) for name in CONTENT_CHAPTERS]


def test_the_generator_is_fixed_by_its_seed() -> None:
    first, again, other = SeededRandom("seed"), SeededRandom("seed"), SeededRandom("Seed")
    draws = [first.next() for _ in range(5)]
    assert draws == [again.next() for _ in range(5)]
    assert draws != [other.next() for _ in range(5)]
    assert all(0 <= x < 1 for x in draws) and len(set(draws)) == 5


def test_python_and_the_browser_draw_the_same_questions(node: str) -> None:
    pools = banks()
    payload = {"banks": [b.public({}) for b in pools], "seeds": SEEDS}
    run = subprocess.run(
        [node, str(TESTS / "js" / "print_draws.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    from_js = json.loads(run.stdout)
    for quiz, draws in zip(pools, from_js, strict=True):
        for seed, drawn in zip(SEEDS, draws, strict=True):
            assert drawn["ids"] == sorted(quiz.draw(seed)), (quiz.id, seed)
            for question_id, order in drawn["arranged"].items():
                question = quiz.question(question_id)
                options = getattr(question, "choices", None) or question.items  # type: ignore[union-attr]
                assert sorted(order) == sorted(o.id for o in options)
                if question.type == "order":  # no attempt starts already solved
                    assert order != [i.id for i in question.items], (question_id, seed)


@pytest.mark.parametrize("name", CONTENT_CHAPTERS)
def test_every_attempt_covers_every_objective_and_retries_see_fresh_questions(name: str) -> None:
    quiz = shipped_bank(name)
    seen: Counter[str] = Counter()
    sets = set()
    for seed in SEEDS:
        shown = quiz.draw(seed)
        assert len(shown) == quiz.per_attempt
        assert {quiz.question(q).objective for q in shown} == {o.id for o in quiz.objectives}
        seen.update(shown)
        sets.add(tuple(shown))
    assert set(seen) == {q.id for q in quiz.questions}, "some question is never drawn"
    assert len(sets) > len(SEEDS) // 2, "attempts keep drawing the same set"
