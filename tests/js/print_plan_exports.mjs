// Prints plan-builder.js's exports of every plan in tests/plan_fixtures.json,
// and the format ids it has exporters for, as JSON, so tests/test_plan.py can
// compare them with the Python exports and the format registry. Reads the
// builder's `guide` (mentor_course.plan.builder_guide(): words, formats and the
// plan template) on stdin, as the front end gets it from Python.
import { readFileSync } from "node:fs";

import { completePlan, EXPORTERS, toHtml, toIcs, toMarkdown } from "../../src/mentor_course/widgets/static/plan-builder.js";

const fixtures = JSON.parse(readFileSync(new URL("../plan_fixtures.json", import.meta.url), "utf8"));
const guide = JSON.parse(readFileSync(0, "utf8"));
const [y, m, d] = fixtures.today.split("-").map(Number);
const today = new Date(y, m - 1, d);
const plans = {};
for (const [name, saved] of Object.entries(fixtures.plans)) {
  const plan = completePlan(saved, guide.plan_template);
  plans[name] = {
    md: toMarkdown(plan, guide, fixtures.resources),
    html: toHtml(plan, guide, fixtures.resources),
    ics: toIcs(plan, guide, today),
    json: EXPORTERS.json(plan, guide, fixtures.resources),
  };
}
console.log(JSON.stringify({ exporters: Object.keys(EXPORTERS), plans }));
