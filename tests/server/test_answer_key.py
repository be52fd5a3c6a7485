"""The answer key stays hidden where completion counts: an attacker who probes the course
server for it is held to a few self-checks an hour, and a mentor's every probe is an
attempt the coordinator sees."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient

from mentor_course.quiz import QuizBank, grade
from mentor_course.server.state import SELF_CHECKS_PER_HOUR
from mentor_course.store import Store
from tests.attempts import bank
from tests.chapters import CONTENT_CHAPTERS
from tests.server.conftest import Server, csrf


class KeyProber:
    """Rebuilds a bank's key from the server's feedback, the cheapest way the feedback allows:
    each attempt answers every shown question with an option not yet ruled out, and reads back
    which ones were right."""

    def __init__(self, quiz: QuizBank) -> None:
        self.public = {q["id"]: q for q in quiz.public({})["questions"]}
        self.key: dict[str, Any] = {}
        self.ruled_out: dict[str, set[str]] = {q: set() for q in self.public}
        self.placed: dict[str, dict[str, str]] = {q: {} for q in self.public}  # match items
        self.tries: dict[str, int] = dict.fromkeys(self.public, 0)

    def done(self) -> bool:
        return len(self.key) == len(self.public)

    def guess(self, question_id: str) -> Any:
        shown = self.public[question_id]
        if question_id in self.key:
            return self.key[question_id]
        if shown["type"] in ("single", "true_false"):
            return next(
                c["id"] for c in shown["choices"] if c["id"] not in self.ruled_out[question_id]
            )
        if shown["type"] == "multiple":  # per-choice feedback says which ticks were right
            return [c["id"] for c in shown["choices"]]
        if shown["type"] == "match":  # per-item feedback: the next category for unplaced items
            categories = [c["id"] for c in shown["categories"]]
            untried = categories[min(self.tries[question_id], len(categories) - 1)]
            return {i["id"]: self.placed[question_id].get(i["id"], untried) for i in shown["items"]}
        return [i["id"] for i in shown["items"]]  # order: feedback names each item's place

    def learn(self, question_id: str, answer: Any, result: dict[str, Any]) -> None:
        shown = self.public[question_id]
        self.tries[question_id] += 1
        if result["verdict"] == "correct":
            self.key[question_id] = answer
        elif shown["type"] in ("single", "true_false"):
            self.ruled_out[question_id].add(answer)
        elif shown["type"] == "multiple":
            self.key[question_id] = [f["target"] for f in result["feedback"] if f["correct"]]
        elif shown["type"] == "match":
            for f in result["feedback"]:
                if f["correct"]:
                    self.placed[question_id][f["target"]] = answer[f["target"]]
        else:
            places = {
                f["target"]: int(f["text"].split()[-1].rstrip(".")) for f in result["feedback"]
            }
            self.key[question_id] = sorted(places, key=places.__getitem__)

    def probe(self, client: TestClient, url: str, quiz: QuizBank, headers: dict[str, str]) -> int:
        attempt_id = str(uuid.uuid4())
        answers = {q: self.guess(q) for q in quiz.draw(attempt_id)}
        body = {"attempt_id": attempt_id, "bank_id": quiz.id, "answers": answers}
        response = client.post(url, json=body, headers=headers)
        if response.status_code == 200:
            for result in response.json()["result"]["questions"]:
                self.learn(result["id"], answers[result["id"]], result)
        return response.status_code


def test_an_anonymous_visitor_cannot_rebuild_the_keys_in_an_hour(server: Server) -> None:
    visitor = server.client()
    probers = {name: KeyProber(bank(name)) for name in CONTENT_CHAPTERS}
    answered = refused = 0
    while refused == 0 and not all(p.done() for p in probers.values()):
        for name, prober in probers.items():
            if prober.done():
                continue
            status = prober.probe(visitor, f"/api/quizzes/{name}/check", bank(name), {})
            answered += status == 200
            refused += status == 429
            if refused:
                break
    assert answered == SELF_CHECKS_PER_HOUR and refused == 1
    assert not all(p.done() for p in probers.values()), "every key rebuilt within the limit"
    # ...and a refused visitor stays refused, however the checks are spread.
    status = KeyProber(bank("practice")).probe(
        visitor, "/api/quizzes/practice/check", bank("practice"), {}
    )
    assert status == 429


def test_every_probe_a_mentor_makes_is_an_attempt_the_coordinator_sees(server: Server) -> None:
    mentor = server.mentor("Probing Pat")
    headers = csrf(mentor)
    quiz = bank("practice")
    prober = KeyProber(quiz)
    probes = 0
    while not prober.done():
        assert prober.probe(mentor, "/api/attempts", quiz, headers) == 200
        probes += 1
        assert probes < 50
    assert grade(quiz, prober.key, [q.id for q in quiz.questions]).score == 1  # the whole key
    with Store.open(server.url) as store:
        stored = [a for a in store.attempts("Probing Pat") if a.bank_id == quiz.id]
    assert len(stored) == probes  # the key cost this many visible attempts
    assert probes >= 3, "a whole key from fewer than three attempts is too cheap"
    dashboard = server.coordinator().get("/coordinator").text
    assert "Probing Pat" in dashboard
