// Prints plan-builder.js's exports of every plan in tests/plan_fixtures.json
// as JSON, so tests/test_plan.py can compare them with the Python exports.
import { readFileSync } from "node:fs";

import { completePlan, toHtml, toIcs, toMarkdown } from "../../src/mentor_course/widgets/static/plan-builder.js";

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const fixtures = read("../plan_fixtures.json");
const guide = read("../../src/mentor_course/plan/guide.json");
const [y, m, d] = fixtures.today.split("-").map(Number);
const today = new Date(y, m - 1, d);
const out = {};
for (const [name, saved] of Object.entries(fixtures.plans)) {
  const plan = completePlan(saved);
  out[name] = {
    md: toMarkdown(plan, guide, fixtures.resources),
    html: toHtml(plan, guide, fixtures.resources),
    ics: toIcs(plan, guide, today),
  };
}
console.log(JSON.stringify(out));
