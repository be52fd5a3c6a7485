// The static book's self-check grader: a JavaScript mirror of
// mentor_course.quiz.grading.grade(). Both are checked against
// tests/grading_vectors.json; change them together.
//
// grade(bank, answers): bank is QuizBank.answer_key() (the whole bank as
// JSON), answers maps question ids to answers. Returns the same shape as the
// Python GradeResult. Malformed answers (never produced by quiz.js) count as
// unanswered rather than throwing, since a learner's page has nobody to read
// an exception.

function isEmpty(answer) {
  if (answer === undefined || answer === null || answer === "") return true;
  if (Array.isArray(answer)) return answer.length === 0;
  if (typeof answer === "object") return Object.keys(answer).length === 0;
  return false;
}

function choicesOf(question) {
  if (question.type !== "true_false") return question.choices;
  return [
    { id: "true", text: "True", correct: question.answer, feedback: question.feedback_true },
    { id: "false", text: "False", correct: !question.answer, feedback: question.feedback_false },
  ];
}

function gradeChoices(question, answer) {
  const choices = Object.fromEntries(choicesOf(question).map((c) => [c.id, c]));
  let picked;
  let score;
  if (question.type === "multiple") {
    picked = Array.isArray(answer) ? answer.filter((id) => id in choices) : [];
    const right = picked.filter((id) => choices[id].correct).length;
    const wrong = picked.length - right;
    const total = Object.values(choices).filter((c) => c.correct).length;
    score = Math.max(0, (right - wrong) / total);
  } else {
    picked = answer in choices ? [answer] : [];
    score = picked.length && choices[answer].correct ? 1 : 0;
  }
  const feedback = picked.map((id) => ({
    target: id,
    correct: choices[id].correct,
    text: choices[id].feedback,
  }));
  return [score, feedback];
}

function gradeMatch(question, answer) {
  const feedback = question.items
    .filter((item) => item.id in answer)
    .map((item) => ({
      target: item.id,
      correct: answer[item.id] === item.category,
      text: item.feedback,
    }));
  const right = feedback.filter((f) => f.correct).length;
  return [right / question.items.length, feedback];
}

function gradeOrder(question, answer) {
  const expected = question.items.map((item) => item.id);
  const feedback = answer.map((id, position) => ({
    target: id,
    correct: id === expected[position],
    text: `Belongs in position ${expected.indexOf(id) + 1}.`,
  }));
  const right = feedback.filter((f) => f.correct).length;
  return [right / expected.length, feedback];
}

export function gradeQuestion(question, answer) {
  let score = 0;
  let feedback = [];
  const empty = isEmpty(answer);
  if (!empty) {
    if (question.type === "match") [score, feedback] = gradeMatch(question, answer);
    else if (question.type === "order") [score, feedback] = gradeOrder(question, answer);
    else [score, feedback] = gradeChoices(question, answer);
  }
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

export function grade(bank, answers) {
  const results = bank.questions.map((q) => gradeQuestion(q, answers[q.id]));
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
