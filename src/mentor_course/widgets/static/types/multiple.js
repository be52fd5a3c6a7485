// `multiple`: choose all that apply; scores (right picks - wrong picks) /
// correct choices, never below 0. Python twin: mentor_course/quiz/types/multiple.py.
import { arrangeChoices, presentChoices, renderChoices } from "./choices.js";
import { idList } from "./common.js";

function grade(question, answer) {
  const byId = Object.fromEntries(question.choices.map((c) => [c.id, c]));
  const picked = idList(answer, question.id, new Set(Object.keys(byId)), "choice");
  const right = picked.filter((id) => byId[id].correct).length;
  const total = question.choices.filter((c) => c.correct).length;
  const feedback = picked.map((id) => ({ target: id, correct: byId[id].correct, text: byId[id].feedback }));
  return [Math.max(0, (right - (picked.length - right)) / total), feedback];
}

export default {
  type: "multiple",
  render: (context) => renderChoices(context, true),
  arrange: arrangeChoices,
  present: presentChoices,
  grade,
};
