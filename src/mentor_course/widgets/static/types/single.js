// `single`: one right choice among several; scores 1 or 0.
// Python twin: mentor_course/quiz/types/single.py.
import { arrangeChoices, presentChoices, renderChoices } from "./choices.js";
import { gradeOneChoice } from "./common.js";

export default {
  type: "single",
  render: (context) => renderChoices(context, false),
  arrange: arrangeChoices,
  present: presentChoices,
  grade: (question, answer) => gradeOneChoice(question, question.choices, answer),
};
