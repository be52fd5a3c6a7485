// self-check-in.js's scoring (run by tests/test_check_in.py with the course's check-in).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { scoreCheckIn } from "../../src/mentor_course/widgets/static/self-check-in.js";

// The check-in as JSON, written by the Python test to the file this names.
const checkIn = JSON.parse(readFileSync(process.env.MENTOR_COURSE_CHECK_IN, "utf8"));
const area = (id) => checkIn.areas.find((a) => a.id === id);
const all = (value, ...ids) => Object.fromEntries(ids.flatMap((id) => area(id).items.map((i) => [i.id, value])));

test("nothing answered: totals of 0 and no call to talk", () => {
  const score = scoreCheckIn(checkIn, {});
  assert.deepEqual(score.areas.map((a) => a.total), [0, 0, 0]);
  assert.equal(score.talk, false);
  assert.deepEqual(score.signs, { compassion_fatigue: [], burnout: [] });
});

test("strong satisfaction alone never suggests talking to someone", () => {
  const score = scoreCheckIn(checkIn, all(4, "satisfaction"));
  assert.equal(score.areas[0].total, 16);
  assert.equal(score.areas[0].words, "strong");
  assert.equal(score.talk, false);
});

test("a strain area at the threshold suggests talking to someone", () => {
  const [a, b, c] = area("burnout").items;
  const below = scoreCheckIn(checkIn, { [a.id]: 3, [b.id]: 3, [c.id]: 2 }); // 8
  assert.equal(below.talk, false);
  const at = scoreCheckIn(checkIn, { [a.id]: 3, [b.id]: 3, [c.id]: 3 }); // 9
  assert.equal(at.talk, true);
  assert.equal(at.areas.find((x) => x.id === "burnout").words, "many signs: worth talking over soon");
});

test("one strain statement answered Very often is enough", () => {
  const [first] = area("stress").items;
  assert.equal(scoreCheckIn(checkIn, { [first.id]: 4 }).talk, true);
});

test("signs answered Sometimes or more are the plan's own words", () => {
  const [first, second] = area("stress").items;
  const score = scoreCheckIn(checkIn, { [first.id]: 2, [second.id]: 1 });
  assert.deepEqual(score.signs.compassion_fatigue, [first.plan_sign.text]);
});
