// The question types, registered in one place: each module has the same shape
//   { type, arrange(question, rng) -> question as one attempt shows it,
//     render(context) -> nodes, present(question) -> nodes,
//     grade(question, answer) -> [score, feedback] or throws AnswerError }.
// Python's registry (mentor_course/quiz/types/__init__.py) must name the same
// types; tests/test_question_types.py checks that.
import match from "./match.js";
import multiple from "./multiple.js";
import order from "./order.js";
import single from "./single.js";
import trueFalse from "./true_false.js";

export const TYPES = Object.fromEntries([single, multiple, trueFalse, match, order].map((t) => [t.type, t]));

/** The module of question type `name`; an unknown type is an error, never a fallback. */
export function questionType(name) {
  if (!Object.hasOwn(TYPES, name)) {
    throw new Error(`unknown question type ${JSON.stringify(name)}; this page knows ${Object.keys(TYPES).join(", ")}`);
  }
  return TYPES[name];
}
