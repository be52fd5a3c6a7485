// The quiz's presenter view: one question at a time, large, for a projector,
// with each answer revealed on request. Only hosts where a facilitator may
// present load it (presenting-quiz.js: the notebook and the served book, where
// a signed-in coordinator gets the answers); the static book's pages do not.
import { h } from "./helpers.js";
import { questionType } from "./types/index.js";

/**
 * Open the presenter view over `questions` (an attempt's, as arranged for it), with the
 * answers in `presenter` ([{id, answer, explanation, sources}]); `done()` runs on closing.
 */
export function present({ questions, presenter, uid, done }) {
  const reveal = Object.fromEntries(presenter.map((r) => [r.id, r]));
  let index = 0;
  const titleId = `${uid}-present-title`;
  const body = h("div", { class: "mc-present-body" });
  const answerBox = h("div", { class: "mc-present-answer", "aria-live": "polite" });
  const prev = h("button", { type: "button" }, "← Previous");
  const show = h("button", { type: "button", class: "mc-primary" }, "Reveal answer");
  const nextQ = h("button", { type: "button" }, "Next →");
  const close = h("button", { type: "button" }, "Close");
  const dialog = h("div", { class: "mc-widget mc-present", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId },
    body, answerBox, h("div", { class: "mc-present-controls" }, prev, show, nextQ, close),
    h("p", { class: "mc-present-keys" }, "Keys: ← and → move between questions, R reveals the answer, Esc closes."));
  const draw = () => {
    const q = questions[index];
    // replaceChildren would print a null as the text "null": leave absent parts out.
    body.replaceChildren(...[
      h("p", { class: "mc-present-count", id: titleId }, `Question ${index + 1} of ${questions.length}`),
      q.scenario ? h("p", { class: "mc-present-scenario" }, q.scenario) : null,
      h("p", { class: "mc-present-prompt" }, q.prompt),
      ...questionType(q.type).present(q),
    ].filter(Boolean));
    answerBox.replaceChildren();
    prev.disabled = index === 0;
    nextQ.disabled = index === questions.length - 1;
  };
  const revealAnswer = () => {
    const r = reveal[questions[index].id];
    if (!r) return;
    answerBox.replaceChildren(
      h("p", { class: "mc-present-right" }, h("span", { "aria-hidden": "true" }, "✓ "), `Answer: ${r.answer.join("; ")}`),
      h("p", {}, r.explanation), h("p", { class: "mc-sources" }, `Source: ${r.sources}.`));
  };
  const move = (step) => {
    index = Math.max(0, Math.min(questions.length - 1, index + step));
    draw();
  };
  const end = () => {
    dialog.remove();
    done();
  };
  prev.addEventListener("click", () => move(-1));
  nextQ.addEventListener("click", () => move(1));
  show.addEventListener("click", revealAnswer);
  close.addEventListener("click", end);
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") end();
    else if (event.key === "ArrowRight") move(1);
    else if (event.key === "ArrowLeft") move(-1);
    else if (event.key.toLowerCase() === "r" && event.target.tagName !== "INPUT") revealAnswer();
    else return;
    event.preventDefault();
  });
  draw();
  document.body.append(dialog);
  show.focus();
}
