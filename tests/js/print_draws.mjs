// Prints draw.js's draws as JSON, so tests/test_draw.py can compare them with
// QuizBank.draw(). Reads {banks, seeds} on stdin; for each bank and seed prints
// the drawn ids and the order each drawn question's choices or items are shown in.
import { readFileSync } from "node:fs";

import { drawAttempt, drawIds } from "../../src/mentor_course/widgets/static/draw.js";

const { banks, seeds } = JSON.parse(readFileSync(0, "utf8"));
const shownOrder = (q) => (q.choices || q.items).map((option) => option.id);
console.log(JSON.stringify(banks.map((bank) => seeds.map((seed) => ({
  ids: [...drawIds(bank, seed)].sort(),
  arranged: Object.fromEntries(drawAttempt(bank, seed).map((q) => [q.id, shownOrder(q)])),
})))));
