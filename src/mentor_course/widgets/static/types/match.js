// `match`: sort items into categories, one radio group per item; scores the
// share of items placed right. Python twin: mentor_course/quiz/types/match.py.
import { h, lettered } from "../helpers.js";
import { AnswerError, pyRepr } from "./common.js";

function render({ question, base, saved, saveAnswer, currentAnswer }) {
  const nodes = [h("p", { class: "mc-hint" }, "For each item, choose where it belongs.")];
  for (const item of question.items) {
    const group = h("fieldset", { class: "mc-match-item", "data-target": item.id },
      h("legend", {}, item.text));
    const row = h("div", { class: "mc-match-options" });
    for (const category of question.categories) {
      const id = `${base}-${item.id}-${category.id}`;
      const input = h("input", {
        type: "radio", id, name: `${base}-${item.id}`, value: category.id,
        checked: (saved || {})[item.id] === category.id,
      });
      input.addEventListener("change", () => saveAnswer({ ...(currentAnswer() || {}), [item.id]: category.id }));
      row.append(h("span", { class: "mc-match-option" }, input, h("label", { for: id }, category.text)));
    }
    group.append(row, h("p", { class: "mc-feedback", hidden: true }));
    nodes.push(group);
  }
  return nodes;
}

/** The items in an order of this attempt's own; the categories stay as written. */
function arrange(question, rng) {
  return { ...question, items: rng.shuffled(question.items) };
}

function present(question) {
  return [
    h("p", {}, `Sort into: ${question.categories.map((c) => c.text).join(" / ")}`),
    lettered(question.items.map((item) => item.text)),
  ];
}

function grade(question, answer) {
  if (typeof answer !== "object" || answer === null || Array.isArray(answer)) {
    throw new AnswerError(`question ${pyRepr(question.id)}: the answer must map item ids to categories`);
  }
  const items = new Set(question.items.map((i) => i.id));
  const categories = new Set(question.categories.map((c) => c.id));
  for (const [itemId, category] of Object.entries(answer)) {
    if (!items.has(itemId) || typeof category !== "string" || !categories.has(category)) {
      throw new AnswerError(
        `question ${pyRepr(question.id)}: unknown item or category for item ${pyRepr(itemId)}`);
    }
  }
  const feedback = question.items
    .filter((item) => Object.hasOwn(answer, item.id))
    .map((item) => ({ target: item.id, correct: answer[item.id] === item.category, text: item.feedback }));
  return [feedback.filter((f) => f.correct).length / question.items.length, feedback];
}

export default { type: "match", arrange, render, present, grade };
