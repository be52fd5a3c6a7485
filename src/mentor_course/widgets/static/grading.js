// The static book's self-check grader: a JavaScript mirror of
// mentor_course.quiz.grading.grade(). Both are checked against
// tests/grading_vectors.json, malformed answers included: for every vector
// they give the same result or refuse with the same message.
//
// grade(bank, answers, shown): bank is QuizBank.answer_key() (the whole bank
// as JSON), answers maps question ids to answers, shown lists the ids of the
// questions the attempt showed (drawIds in draw.js). Returns the same shape as
// the Python GradeResult, or throws AnswerError. Each question type grades
// itself (types/*.js).
import { isEmpty } from "./helpers.js";
import { AnswerError, pyRepr } from "./types/common.js";
import { questionType } from "./types/index.js";

export { AnswerError };

export function gradeQuestion(question, answer) {
  const empty = isEmpty(answer);
  const [score, feedback] = empty ? [0, []] : questionType(question.type).grade(question, answer);
  let verdict;
  if (empty) verdict = "unanswered";
  else if (score === 1) verdict = "correct";
  else if (score === 0) verdict = "incorrect";
  else verdict = "partial";
  return {
    id: question.id,
    score,
    verdict,
    feedback,
    explanation: question.explanation,
    cite: [...question.cite],
  };
}

export function grade(bank, answers, shown) {
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) {
    throw new AnswerError("answers must map question ids to answers");
  }
  const known = new Set(bank.questions.map((q) => q.id));
  const unknown = Object.keys(answers).filter((id) => !known.has(id)).sort();
  if (unknown.length) {
    throw new AnswerError(`unknown question id ${pyRepr(unknown[0])} for quiz ${pyRepr(bank.id)}`);
  }
  const asked = new Set(shown);
  const unasked = Object.keys(answers).filter((id) => !asked.has(id)).sort();
  if (unasked.length) throw new AnswerError(`question ${pyRepr(unasked[0])} was not shown in this attempt`);
  const results = bank.questions.filter((q) => asked.has(q.id)).map((q) => gradeQuestion(q, answers[q.id]));
  const points = results.reduce((sum, r) => sum + r.score, 0);
  const score = points / results.length;
  return {
    bank_id: bank.id,
    score,
    points,
    max_points: results.length,
    passed: score >= bank.pass_mark,
    pass_mark: bank.pass_mark,
    questions: results,
  };
}
