// quiz.js's summary of a result, partial credit explained (run by tests/test_grading.py).
import assert from "node:assert/strict";
import { test } from "node:test";

import { scoreInWords } from "../../src/mentor_course/widgets/static/quiz.js";

const result = (...verdicts) => {
  const questions = verdicts.map(([verdict, score]) => ({ verdict, score }));
  const points = questions.reduce((sum, q) => sum + q.score, 0);
  return { questions, points, max_points: questions.length };
};

test("partial credit is counted and explained", () => {
  const ten = [...Array(7).fill(["correct", 1]), ["partial", 0.5], ["incorrect", 0], ["unanswered", 0]];
  assert.equal(scoreInWords(result(...ten)),
    "7.5 of 10 points: 7 fully right, 1 partly right (0.5 points), 1 wrong, 1 not answered.");
});

test("several partly right questions add up their points", () => {
  assert.equal(scoreInWords(result(["partial", 0.5], ["partial", 0.5], ["correct", 1])),
    "2 of 3 points: 1 fully right, 2 partly right (1 point).");
});

test("only the kinds that occur are named", () => {
  assert.equal(scoreInWords(result(["correct", 1], ["correct", 1])), "2 of 2 points: 2 fully right.");
  assert.equal(scoreInWords(result(["partial", 1 / 3])), "0.33 of 1 point: 0 fully right, 1 partly right (0.33 points).");
});
