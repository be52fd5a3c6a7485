// An attempt's questions, drawn from the bank's pool: the twin of
// mentor_course/quiz/draw.py. The attempt id is the seed, so this page and
// the grader (Python or grading.js) pick the same questions without asking
// each other; tests/test_draw.py holds the two to the same draws.
import { questionType } from "./types/index.js";

/** mulberry32 seeded with the FNV-1a hash of `seed`'s UTF-8 bytes; next() is in [0, 1). */
export function seededRandom(seed) {
  let state = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(seed)) state = Math.imul(state ^ byte, 0x01000193) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const shuffled = (items) => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  return { next, shuffled };
}

/** The ids of the questions attempt `seed` shows: `bank.per_attempt` of them, every objective covered. */
export function drawIds(bank, seed) {
  const rng = seededRandom(seed);
  const pools = bank.objectives.map((objective) =>
    rng.shuffled(bank.questions.filter((q) => q.objective === objective.id).map((q) => q.id)));
  const turns = rng.shuffled(pools.map((_, index) => index));
  const picked = new Set();
  for (let depth = 0; picked.size < bank.per_attempt && pools.some((pool) => depth < pool.length); depth++) {
    for (const index of turns) {
      if (depth < pools[index].length && picked.size < bank.per_attempt) picked.add(pools[index][depth]);
    }
  }
  return picked;
}

/** The questions attempt `seed` shows, in the bank's order, each arranged (choices shuffled) for it. */
export function drawAttempt(bank, seed) {
  const picked = drawIds(bank, seed);
  return bank.questions
    .filter((q) => picked.has(q.id))
    .map((q) => questionType(q.type).arrange(q, seededRandom(`${seed}/${q.id}`)));
}
