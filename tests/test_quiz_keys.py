"""The banks' keys give nothing away: the statistics a test-wise guesser exploits, computed
from the banks, and content-blind guessers that must not pass any knowledge check."""

from __future__ import annotations

import math
import random
import re
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from mentor_course.quiz import QuizBank, grade
from mentor_course.quiz.draw import SeededRandom
from mentor_course.quiz.types import Choice, Question
from tests.attempts import bank as shipped_bank
from tests.chapters import CONTENT_CHAPTERS

ABSOLUTE = re.compile(
    r"\b(only|never|always|all|every|everyone|everything|exactly|just|proof|proven|must|none|"
    r"nothing|completely|entirely|totally|guaranteed|forever)\b",
    re.IGNORECASE,
)
# A stem that says how many answers there are ("the three clusters", "choose two").
COUNT_IN_STEM = re.compile(
    r"\b(the|these|those|choose|pick|select|which)\s+(two|three|four|five|six|\d+)\b",
    re.IGNORECASE,
)
NUMBER = re.compile(r"\b(one|two|three|four|five|six|both|\d+)\b", re.IGNORECASE)
DRAWS = 300


def banks() -> list[QuizBank]:
    return [shipped_bank(name) for name in CONTENT_CHAPTERS]


def choice_lists(quiz: QuizBank) -> list[list[Choice]]:
    return [q.choices for q in quiz.questions if q.type in ("single", "multiple")]  # type: ignore[union-attr]


# ----- the statistics -----


@pytest.mark.parametrize("name", CONTENT_CHAPTERS)
def test_the_right_choice_is_the_longest_in_at_most_a_third_of_single_questions(name: str) -> None:
    quiz = shipped_bank(name)
    singles = [q for q in quiz.questions if q.type == "single"]
    longest = [
        q.id
        for q in singles
        if max(len(c.text) for c in q.choices if c.correct)  # type: ignore[union-attr]
        >= max(len(c.text) for c in q.choices if not c.correct)  # type: ignore[union-attr]
    ]
    assert len(longest) <= len(singles) / 3, f"the key is the longest choice in {longest}"


def test_true_false_keys_are_balanced_across_the_course() -> None:
    keys = [q.answer for quiz in banks() for q in quiz.questions if q.type == "true_false"]  # type: ignore[union-attr]
    assert keys and 0.4 <= sum(keys) / len(keys) <= 0.6, f"{sum(keys)} of {len(keys)} are true"


@pytest.mark.parametrize("name", CONTENT_CHAPTERS)
def test_absolute_words_are_no_more_common_in_wrong_choices(name: str) -> None:
    choices = [c for options in choice_lists(shipped_bank(name)) for c in options]
    right = [c for c in choices if c.correct]
    wrong = [c for c in choices if not c.correct]

    def rate(group: list[Choice]) -> float:
        return sum(bool(ABSOLUTE.search(c.text)) for c in group) / len(group)

    flagged = [c.text for c in wrong if ABSOLUTE.search(c.text)]
    assert rate(wrong) <= rate(right), f"absolute words in wrong choices: {flagged}"


@pytest.mark.parametrize("name", CONTENT_CHAPTERS)
def test_no_stem_gives_away_a_count_or_the_answer(name: str) -> None:
    for question in shipped_bank(name).questions:
        stem = f"{question.scenario or ''} {question.prompt}"
        assert not COUNT_IN_STEM.search(stem), f"{question.id} says how many: {stem!r}"
        if question.type == "multiple":
            assert not NUMBER.search(question.prompt), f"{question.id}: {question.prompt!r}"
        for words in question.answer_in_words():
            if question.type in ("single", "multiple"):
                assert words.lower() not in stem.lower(), f"{question.id} holds its answer"


@pytest.mark.parametrize("name", CONTENT_CHAPTERS)
def test_no_match_category_holds_more_than_half_the_items(name: str) -> None:
    for question in shipped_bank(name).questions:
        if question.type == "match":
            for category in question.categories:
                held = sum(item.category == category.id for item in question.items)
                assert held <= len(question.items) / 2, (question.id, category.id)


# ----- content-blind guessers -----
# Each sees a question as the learner's page shows it (choices shuffled per attempt, as
# static/types/*.js arrange them) and never reads what the words mean.

Shown = dict[str, Any]
Guesser = Callable[[Shown, random.Random], Any]


def as_shown(question: Question, seed: str) -> Shown:
    """The question as attempt `seed` shows it: the arrangement in static/types/*.js."""
    view: Shown = {"type": question.type, "prompt": question.prompt} | question.public_view(seed)
    rng = SeededRandom(f"{seed}/{question.id}")
    if question.type in ("single", "multiple"):
        view["choices"] = rng.shuffled(view["choices"])
    elif question.type == "match":
        view["items"] = rng.shuffled(view["items"])
    elif question.type == "order":
        turn = int(rng.next() * len(view["items"]))
        view["items"] = view["items"][turn:] + view["items"][:turn]
    return view


def _texts(view: Shown) -> list[tuple[str, str]]:
    return [(c["id"], c["text"]) for c in view.get("choices", [])]


def longest(view: Shown, rng: random.Random) -> Any:
    ranked = sorted(_texts(view), key=lambda c: -len(c[1]))
    return {
        "single": lambda: ranked[0][0],
        "multiple": lambda: [c[0] for c in ranked[: max(1, len(ranked) // 2)]],
        "true_false": lambda: "false",
        "match": lambda: {i["id"]: view["categories"][0]["id"] for i in view["items"]},
        "order": lambda: [i["id"] for i in view["items"]],
    }[view["type"]]()


def shortest(view: Shown, rng: random.Random) -> Any:
    ranked = sorted(_texts(view), key=lambda c: len(c[1]))
    return {
        "single": lambda: ranked[0][0],
        "multiple": lambda: [c[0] for c in ranked],
        "true_false": lambda: "true",
        "match": lambda: {i["id"]: view["categories"][-1]["id"] for i in view["items"]},
        "order": lambda: [i["id"] for i in reversed(view["items"])],
    }[view["type"]]()


def first_shown(view: Shown, rng: random.Random) -> Any:
    categories = [c["id"] for c in view["categories"]] if view["type"] == "match" else []
    return {
        "single": lambda: view["choices"][0]["id"],
        "multiple": lambda: [c["id"] for c in view["choices"][:2]],
        "true_false": lambda: "true",
        "match": lambda: {
            item["id"]: categories[n % len(categories)] for n, item in enumerate(view["items"])
        },
        "order": lambda: [i["id"] for i in view["items"]],
    }[view["type"]]()


def savvy(view: Shown, rng: random.Random) -> Any:
    """The classic tips: avoid absolute words, prefer the longest hedged choice, and call a
    statement with an absolute word false."""
    hedged = [c for c in _texts(view) if not ABSOLUTE.search(c[1])] or _texts(view)
    ranked = sorted(hedged, key=lambda c: -len(c[1]))
    return {
        "single": lambda: ranked[0][0],
        "multiple": lambda: [c[0] for c in ranked],
        "true_false": lambda: "false" if ABSOLUTE.search(view["prompt"]) else "true",
        "match": lambda: {i["id"]: view["categories"][0]["id"] for i in view["items"]},
        "order": lambda: [i["id"] for i in view["items"]],
    }[view["type"]]()


def at_random(view: Shown, rng: random.Random) -> Any:
    ids = [c["id"] for c in view.get("choices", [])]
    return {
        "single": lambda: rng.choice(ids),
        "multiple": lambda: rng.sample(ids, rng.randint(1, len(ids))),
        "true_false": lambda: rng.choice(["true", "false"]),
        "match": lambda: {i["id"]: rng.choice(view["categories"])["id"] for i in view["items"]},
        "order": lambda: rng.sample([i["id"] for i in view["items"]], len(view["items"])),
    }[view["type"]]()


GUESSERS: dict[str, Guesser] = {
    "longest choice": longest,
    "shortest choice, tick every box": shortest,
    "first shown": first_shown,
    "test-wise": savvy,
    "at random": at_random,
}


@pytest.mark.parametrize("guesser", GUESSERS)
@pytest.mark.parametrize("name", CONTENT_CHAPTERS)
def test_a_content_blind_guesser_does_not_pass(name: str, guesser: str) -> None:
    quiz = shipped_bank(name)
    rng = random.Random(f"{name}/{guesser}")
    scores = []
    for _ in range(DRAWS):
        seed = str(uuid.UUID(int=rng.getrandbits(128)))
        shown = quiz.draw(seed)
        answers = {q: GUESSERS[guesser](as_shown(quiz.question(q), seed), rng) for q in shown}
        scores.append(grade(quiz, answers, shown).score)
    passes = sum(score >= quiz.pass_mark for score in scores)
    mean = math.fsum(scores) / len(scores)
    # A lucky draw now and then is chance; passing as a habit is a leaking key.
    assert passes <= DRAWS * 0.05 and mean < quiz.pass_mark - 0.15, (
        f"{guesser}: passes {passes} of {DRAWS} draws, mean score {mean:.2f}"
    )
