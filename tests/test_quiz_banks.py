"""Quiz banks: every shipped bank is valid and meets the content bar; broken banks are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentor_course.errors import QuizBankError, SourceErrors
from mentor_course.quiz import QuizBank, find_banks, load_bank
from tests.chapters import CONTENT_CHAPTERS, REPO

BIB = REPO / "book" / "references.bib"
INVALID = Path(__file__).resolve().parent / "fixtures" / "banks" / "invalid"

# defect (= fixture file name) -> (line, field, words in the message)
EXPECTED = {
    "bad-yaml": (19, "", "not valid YAML"),
    "duplicate-choice-id": (18, "questions[0].choices[1].id", "used twice"),
    "duplicate-question-id": (24, "questions[1].id", "used twice"),
    "id-not-file-name": (2, "id", "must equal the file name"),
    "match-unknown-category": (33, "questions[1].items[1].category", "not one of"),
    "missing-explanation": (9, "questions[0].explanation", "missing"),
    "no-correct-choice": (13, "questions[0].choices", "exactly one choice"),
    "objective-unknown": (19, "questions[1].objective", "'o9' is not one of the bank's objectives"),
    "objective-untested": (7, "objectives[1]", "no question tests objective 'o2'"),
    "order-too-few-items": (28, "questions[1].items", "at least 3"),
    "pass-mark-out-of-range": (5, "pass_mark", "out of range"),
    "pool-too-small": (6, "per_attempt", "need a pool of at least 3"),
    "schema-too-new": (1, "schema_version", "version 3 is too new"),
    "schema-too-old": (1, "schema_version", "version 1 is too old"),
    "too-few-per-attempt": (6, "per_attempt", "cannot cover the bank's 2 objectives"),
    "two-correct-choices": (13, "questions[0].choices", "exactly one choice"),
    "unknown-citation": (23, "questions[0].cite", "'nobody1999' is not in book/references.bib"),
    "unknown-field": (13, "questions[0].hint", "unknown field"),
    "unknown-type": (11, "questions[0].type", "unknown type 'singel'"),
}


def test_every_defect_fixture_has_an_expectation() -> None:
    assert {p.stem for p in INVALID.glob("*.yml")} == set(EXPECTED)


@pytest.mark.parametrize("defect", sorted(EXPECTED))
def test_invalid_bank_is_rejected_with_file_line_and_field(defect: str) -> None:
    path = INVALID / f"{defect}.yml"
    with pytest.raises(SourceErrors) as caught:
        load_bank(path, BIB)
    first = caught.value.errors[0]
    assert isinstance(first, QuizBankError)
    line, field, words = EXPECTED[defect]
    assert (first.path, first.line, first.field) == (path, line, field)
    assert words in first.message
    assert str(first).startswith(f"{path}:{line}:")


def load(name: str) -> QuizBank:
    return load_bank(REPO / "quizzes" / f"{name}.yml", BIB)


def test_one_bank_per_content_chapter() -> None:
    assert [p.stem for p in find_banks([REPO / "quizzes"])] == sorted(CONTENT_CHAPTERS)


@pytest.mark.parametrize("name", CONTENT_CHAPTERS)
def test_bank_meets_the_content_bar(name: str) -> None:
    bank = load(name)
    assert bank.chapter == name
    assert len(bank.questions) >= 8
    scenarios = sum(q.scenario is not None for q in bank.questions)
    assert scenarios / len(bank.questions) >= 0.4
    assert len({q.type for q in bank.questions}) >= 3
    chapter = (REPO / "book" / f"{name}.md").read_text(encoding="utf-8")
    assert f"```{{quiz}} {name}" in chapter


def test_every_question_type_is_used_somewhere() -> None:
    types = {q.type for name in CONTENT_CHAPTERS for q in load(name).questions}
    assert types == {"single", "multiple", "true_false", "match", "order"}


def test_public_view_carries_no_answer_key() -> None:
    bank = load("compassion-fatigue-vs-burnout")
    public = bank.public({})
    text = repr(public)
    for secret in ["'correct'", "'feedback'", "'category'", "'explanation'", "'answer'"]:
        assert secret not in text
    for question, shown in zip(bank.questions, public["questions"], strict=True):
        if question.type == "order":
            assert [i["id"] for i in shown["items"]] != [i.id for i in question.items]
