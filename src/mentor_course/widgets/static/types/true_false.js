// `true_false`: a statement to judge; like `single` with the two choices made
// here from the key. Python twin: mentor_course/quiz/types/true_false.py.
import { renderChoices, presentChoices } from "./choices.js";
import { gradeOneChoice } from "./common.js";

function keyedChoices(question) {
  return [
    { id: "true", text: "True", correct: question.answer, feedback: question.feedback_true },
    { id: "false", text: "False", correct: !question.answer, feedback: question.feedback_false },
  ];
}

export default {
  type: "true_false",
  render: (context) => renderChoices(context, false),
  arrange: (question) => question, // True, then False, in every attempt
  present: presentChoices,
  grade: (question, answer) => gradeOneChoice(question, keyedChoices(question), answer),
};
