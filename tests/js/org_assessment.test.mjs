// org-assessment.js's scoring and action plan (run by tests/test_check_in.py).
import assert from "node:assert/strict";
import { test } from "node:test";

import { actionPlanMarkdown, scoreAssessment } from "../../src/mentor_course/widgets/static/org-assessment.js";

const assessment = {
  scale: [{ value: 0, label: "Not yet" }, { value: 3, label: "Fully" }],
  areas: [
    { id: "a", title: "A", items: [{ id: "a1", text: "one" }, { id: "a2", text: "two" }] },
    { id: "b", title: "B", items: [{ id: "b1", text: "three" }, { id: "b2", text: "four" }] },
  ],
};

test("each area's total and share of its most; unrated counts as the lowest", () => {
  const scores = scoreAssessment(assessment, { a1: 3, a2: 3, b1: 3 });
  assert.deepEqual(scores.map((s) => [s.id, s.total, s.max, s.share]), [["a", 6, 6, 1], ["b", 3, 6, 0.5]]);
});

test("the action plan is a Markdown table whose cells cannot break it", () => {
  const rows = [{ priority: "High", text: "A | B", area: "Area", owner: "Dana\nRuiz", date: "2027-01-15" }];
  const text = actionPlanMarkdown(rows, "2026-12-02");
  assert.ok(text.startsWith("# Action plan: caring for the people who do this work\n"));
  assert.ok(text.includes("Made on 2026-12-02"));
  assert.ok(text.includes("| High | A \\| B | Area | Dana Ruiz | 2027-01-15 |"), text);
});
