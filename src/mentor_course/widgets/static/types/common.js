// What the question-type modules share: the refusal of a malformed answer,
// worded exactly as Python's (mentor_course.quiz.types.base), so both
// graders refuse the same vectors with the same message.

export class AnswerError extends Error {
  constructor(message) {
    super(message);
    this.name = "AnswerError";
  }
}

/** A string as Python's repr() writes it, for messages that match Python's. */
export function pyRepr(text) {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text
    .replaceAll("\\", "\\\\")
    .replaceAll("\n", "\\n")
    .replaceAll("\r", "\\r")
    .replaceAll("\t", "\\t");
  return quote + (quote === "'" ? escaped.replaceAll("'", "\\'") : escaped) + quote;
}

/** `answer` as a list of distinct known ids, or an AnswerError saying what is wrong. */
export function idList(answer, questionId, allowed, kind) {
  const where = `question ${pyRepr(questionId)}`;
  if (!Array.isArray(answer) || !answer.every((a) => typeof a === "string")) {
    throw new AnswerError(`${where}: the answer must be a list of ${kind} ids`);
  }
  const unknown = answer.find((a) => !allowed.has(a));
  if (unknown !== undefined) throw new AnswerError(`${where}: unknown ${kind} id ${pyRepr(unknown)}`);
  if (new Set(answer).size !== answer.length) throw new AnswerError(`${where}: the same ${kind} id appears twice`);
  return answer;
}

/** Feedback on the one choice id `answer` (single and true_false). */
export function gradeOneChoice(question, choices, answer) {
  const choice = typeof answer === "string" ? choices.find((c) => c.id === answer) : undefined;
  if (!choice) throw new AnswerError(`question ${pyRepr(question.id)}: the answer must be one choice id`);
  return [choice.correct ? 1 : 0, [{ target: choice.id, correct: choice.correct, text: choice.feedback }]];
}
