// grading.js against the shared vectors (run by `node --test tests/js/`;
// tests/test_grading.py runs it too, so plain `pytest` covers both graders).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { AnswerError, grade } from "../../src/mentor_course/widgets/static/grading.js";

const vectors = JSON.parse(readFileSync(new URL("../grading_vectors.json", import.meta.url), "utf8"));
// The questions a vector's attempt showed: those it names, or every one.
const shown = (vector) => vector.shown ?? vectors.bank.questions.map((q) => q.id);

for (const vector of vectors.cases) {
  test(vector.name, () => {
    const result = grade(vectors.bank, vector.answers, shown(vector));
    assert.ok(Math.abs(result.score - vector.score) < 1e-9, `score ${result.score}`);
    assert.equal(result.passed, vector.passed);
    for (const question of result.questions) {
      const [score, verdict] = vector.questions[question.id];
      assert.ok(Math.abs(question.score - score) < 1e-9, `${question.id} score ${question.score}`);
      assert.equal(question.verdict, verdict, question.id);
    }
  });
}

for (const vector of vectors.refused) {
  test(`refused: ${vector.name}`, () => {
    assert.throws(() => grade(vectors.bank, vector.answers, shown(vector)), (error) => {
      assert.ok(error instanceof AnswerError, String(error));
      assert.equal(error.message, vector.error);
      return true;
    });
  });
}

test("feedback names the picked choice and says whether it was right", () => {
  const result = grade(vectors.bank, { "q-single": "b" }, shown({}));
  assert.deepEqual(result.questions[0].feedback, [{ target: "b", correct: false, text: "fb" }]);
});
