// `order`: put items in order with Move up / Move down buttons; scores the
// share of items in their place. Python twin: mentor_course/quiz/types/order.py.
import { h, lettered } from "../helpers.js";
import { AnswerError, idList, pyRepr } from "./common.js";

function updateButtons(list) {
  const items = [...list.children];
  items.forEach((li, index) => {
    const [up, down] = li.querySelectorAll(".mc-move");
    up.disabled = index === 0;
    down.disabled = index === items.length - 1;
  });
}

function render({ question, saved, saveAnswer, announce }) {
  const hint = h("p", { class: "mc-hint" },
    "Use the Move up and Move down buttons to put the items in order, first at the top.");
  const list = h("ol", { class: "mc-order" });
  const byId = Object.fromEntries(question.items.map((item) => [item.id, item]));
  const order = saved && saved.length === question.items.length ? saved : question.items.map((i) => i.id);
  const save = () => saveAnswer([...list.children].map((li) => li.dataset.target));
  const move = (li, step) => {
    const items = [...list.children];
    const to = items.indexOf(li) + step;
    if (to < 0 || to >= items.length) return;
    if (step < 0) list.insertBefore(li, items[to]);
    else list.insertBefore(li, items[to].nextSibling);
    updateButtons(list);
    save();
    announce(`${byId[li.dataset.target].text}: moved to position ${to + 1} of ${items.length}.`);
  };
  for (const itemId of order) {
    const item = byId[itemId];
    const li = h("li", { "data-target": item.id, class: "mc-order-item" },
      h("span", { class: "mc-order-text" }, item.text));
    const up = h("button", { type: "button", class: "mc-move", "aria-label": `Move up: ${item.text}` }, "↑ Up");
    const down = h("button", { type: "button", class: "mc-move", "aria-label": `Move down: ${item.text}` }, "↓ Down");
    up.addEventListener("click", () => { move(li, -1); up.disabled ? down.focus() : up.focus(); });
    down.addEventListener("click", () => { move(li, 1); down.disabled ? up.focus() : down.focus(); });
    li.append(h("span", { class: "mc-order-buttons" }, up, down), h("p", { class: "mc-feedback", hidden: true }));
    list.append(li);
  }
  updateButtons(list);
  if (!saved) save();
  return [hint, list];
}

/**
 * A rotation of the served order, a different one per attempt. No rotation of the
 * served order is the answer (mentor_course/quiz/types/order.py), so no attempt
 * starts already solved.
 */
function arrange(question, rng) {
  const turn = Math.floor(rng.next() * question.items.length);
  return { ...question, items: [...question.items.slice(turn), ...question.items.slice(0, turn)] };
}

function present(question) {
  return [lettered(question.items.map((item) => item.text))];
}

function grade(question, answer) {
  const expected = question.items.map((item) => item.id);
  const order = idList(answer, question.id, new Set(expected), "item");
  if (order.length !== expected.length) {
    throw new AnswerError(`question ${pyRepr(question.id)}: the answer must list every item once`);
  }
  const feedback = order.map((id, position) => ({
    target: id,
    correct: id === expected[position],
    text: `Belongs in position ${expected.indexOf(id) + 1}.`,
  }));
  return [feedback.filter((f) => f.correct).length / expected.length, feedback];
}

export default { type: "order", arrange, render, present, grade };
