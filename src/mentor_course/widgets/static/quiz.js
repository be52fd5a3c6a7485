// The quiz front end: one ES module with anywidget's `render({ model, el })`
// contract, hosted by a notebook (QuizWidget), the static book and the course
// server. It never grades: the host does, and sets `result`.
//
// Model keys
//   reads   bank         {id, title, pass_mark, questions, citations}: no answer key
//   reads   result       null, or the grade() result for the last checked attempt
//   reads   status_note  one sentence on whether attempts are recorded
//   reads   recording    whether checked attempts are saved to a progress store
//   r/w     learner      whose progress; asked for when recording and empty
//   writes  answers      {questionId: answer} as the learner answers
//   writes  submission   {attempt_id, answers} when the learner presses Check
//   writes  result       null when the learner chooses "Try again"
//   r/w     mode         "all" (every question) or "one" (one at a time)
//   reads   presenter    [] for learners; for a facilitator, each question's answer,
//                        explanation and sources, which turns on the presenter view

/** @typedef {{ id: string, text: string }} Option */
/** @typedef {{ id: string, type: string, prompt: string, scenario?: string,
 *   choices?: Option[], categories?: Option[], items?: Option[] }} Question */
/** @typedef {{ target: string, correct: boolean, text: string }} Feedback */
/** @typedef {{ id: string, score: number, verdict: string, feedback: Feedback[],
 *   explanation: string, cite: string[] }} QuestionResult */

import { h, isEmpty, newId } from "./helpers.js";
import { questionType } from "./types/index.js";

const VERDICTS = {
  correct: { icon: "✓", text: "Correct" },
  partial: { icon: "◐", text: "Partly right" },
  incorrect: { icon: "✗", text: "Not quite" },
  unanswered: { icon: "–", text: "Not answered" },
};

let instances = 0;

function percent(fraction) {
  return `${Math.round(fraction * 100)}%`;
}

function render({ model, el }) {
  const uid = `mcq${++instances}`;
  /** @type {{questions: Question[], title: string, pass_mark: number, citations: Record<string,string>}} */
  const bank = model.get("bank");
  const questions = bank.questions;
  let current = 0;

  const live = h("div", { class: "mc-live", role: "status", "aria-live": "polite" });
  const announce = (text) => {
    // Clearing first makes a repeated message be read again.
    live.textContent = "";
    setTimeout(() => (live.textContent = text), 50);
  };

  const answers = () => ({ ...(model.get("answers") || {}) });
  const saveAnswer = (questionId, answer) => {
    const next = answers();
    if (!isEmpty(answer)) next[questionId] = answer;
    else delete next[questionId];
    model.set("answers", next);
    model.save_changes();
  };

  // ----- one fieldset per question -----
  const blocks = questions.map((question, index) => renderQuestion(question, index));

  function questionHeading(question, index) {
    return `Question ${index + 1} of ${questions.length}: ${question.prompt}`;
  }

  function renderQuestion(question, index) {
    const base = `${uid}-${question.id}`;
    const saved = answers()[question.id];
    // The scenario sits above its fieldset, so it reads before the question it sets up.
    const block = h("div", { class: "mc-block", "data-question": question.id });
    const fieldset = h("fieldset", { class: "mc-question", id: base });
    const legend = h("legend", {}, questionHeading(question, index));
    if (question.scenario) {
      block.append(h("p", { class: "mc-scenario", id: `${base}-scenario` }, question.scenario));
      fieldset.setAttribute("aria-describedby", `${base}-scenario`);
    }
    const body = h("div", { class: "mc-body" },
      questionType(question.type).render({
        question, base, saved, announce,
        saveAnswer: (answer) => saveAnswer(question.id, answer),
        currentAnswer: () => answers()[question.id],
      }));
    const outcome = h("div", { class: "mc-outcome", id: `${base}-outcome`, hidden: true });
    fieldset.append(legend, body, outcome);
    block.append(fieldset);
    return block;
  }

  // ----- controls -----
  const progress = h("p", { class: "mc-progress", "aria-live": "off" });
  const previous = h("button", { type: "button", class: "mc-nav" }, "← Previous");
  const next = h("button", { type: "button", class: "mc-nav" }, "Next →");
  const nav = h("div", { class: "mc-navbar" }, previous, progress, next);
  const check = h("button", { type: "submit", class: "mc-primary" }, "Check answers");
  const retry = h("button", { type: "button", class: "mc-secondary", hidden: true }, "Try again");
  const summary = h("div", { class: "mc-summary", tabindex: "-1", hidden: true });
  const modeToggle = h("button", { type: "button", class: "mc-mode", "aria-pressed": "false" },
    "Show one question at a time");
  const note = h("p", { class: "mc-note", role: "status" }, model.get("status_note") || "");
  const nameInput = h("input", { type: "text", id: `${uid}-learner`, autocomplete: "name", maxlength: "200" });
  const nameForm = h("form", { class: "mc-learner", hidden: true },
    h("label", { for: `${uid}-learner` }, "Your name, as your coordinator knows you"),
    h("span", { class: "mc-learner-row" }, nameInput,
      h("button", { type: "submit", class: "mc-secondary" }, "Save my name")));
  nameForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = nameInput.value.trim();
    if (!name) {
      nameInput.focus();
      return;
    }
    model.set("learner", name);
    model.save_changes();
  });
  const showNameForm = () => {
    nameForm.hidden = !(model.get("recording") && !(model.get("learner") || "").trim());
  };

  const form = h("form", { class: "mc-form", novalidate: true, "aria-label": bank.title },
    ...blocks, nav, h("div", { class: "mc-actions" }, check, retry), summary);

  const presentButton = h("button", { type: "button", class: "mc-secondary", hidden: !(model.get("presenter") || []).length },
    "Presenter view");
  presentButton.addEventListener("click", () => present(0));

  el.replaceChildren(
    h("div", { class: "mc-widget mc-quiz" },
      h("p", { class: "mc-title" }, bank.title),
      h("p", { class: "mc-meta" },
        `${questions.length} questions. Pass mark ${percent(bank.pass_mark)}. No time limit; try as often as you like.`),
      note, nameForm, h("div", { class: "mc-actions" }, modeToggle, presentButton), form, live),
  );

  function showMode() {
    const one = model.get("mode") === "one";
    modeToggle.setAttribute("aria-pressed", String(one));
    modeToggle.textContent = one ? "Show all questions" : "Show one question at a time";
    nav.hidden = !one;
    blocks.forEach((block, index) => (block.hidden = one && index !== current));
    previous.disabled = current === 0;
    next.disabled = current === questions.length - 1;
    progress.textContent = `Question ${current + 1} of ${questions.length}`;
  }

  function go(index, focus = true) {
    current = Math.max(0, Math.min(questions.length - 1, index));
    showMode();
    if (focus) blocks[current].querySelector("input, button")?.focus();
  }

  modeToggle.addEventListener("click", () => {
    model.set("mode", model.get("mode") === "one" ? "all" : "one");
    model.save_changes();
  });
  previous.addEventListener("click", () => go(current - 1));
  next.addEventListener("click", () => go(current + 1));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    model.set("submission", { attempt_id: newId(), answers: answers() });
    model.save_changes();
  });

  retry.addEventListener("click", () => {
    const last = model.get("result");
    model.set("result", null);
    model.set("submission", null);
    model.save_changes();
    const firstMissed = last ? last.questions.findIndex((q) => q.verdict !== "correct") : 0;
    go(Math.max(firstMissed, 0), false);
    blocks[Math.max(firstMissed, 0)].querySelector("input, button")?.focus();
    announce("Your answers are kept. Change any you like, then check again.");
  });

  // ----- presenter view: one question at a time, large, for a projector -----
  function present(start) {
    const reveal = Object.fromEntries((model.get("presenter") || []).map((r) => [r.id, r]));
    let index = start;
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
      presentButton.focus();
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

  // ----- results -----
  function clearResult() {
    for (const node of form.querySelectorAll(".mc-feedback, .mc-outcome")) {
      node.hidden = true;
      node.replaceChildren();
    }
    for (const node of form.querySelectorAll("[data-verdict]")) node.removeAttribute("data-verdict");
    for (const input of form.querySelectorAll("input")) input.removeAttribute("aria-describedby");
    summary.hidden = true;
    retry.hidden = true;
    check.hidden = false;
  }

  /** @param {QuestionResult} outcome */
  function showQuestionResult(block, outcome) {
    const verdict = VERDICTS[outcome.verdict];
    block.dataset.verdict = outcome.verdict;
    for (const fb of outcome.feedback) {
      const target = block.querySelector(`[data-target="${CSS.escape(fb.target)}"]`);
      const para = target?.querySelector(".mc-feedback");
      if (!para) continue;
      para.hidden = false;
      para.replaceChildren(
        h("span", { class: "mc-icon", "aria-hidden": "true" }, fb.correct ? "✓" : "✗"),
        h("strong", {}, fb.correct ? "Right. " : "Not this one. "),
        fb.text,
      );
      target.dataset.verdict = fb.correct ? "correct" : "incorrect";
      const input = target.querySelector("input:checked");
      if (input && para.id) input.setAttribute("aria-describedby", para.id);
    }
    const box = block.querySelector(".mc-outcome");
    const sources = outcome.cite.map((key) => bank.citations[key] || key).join("; ");
    const scoreText = outcome.verdict === "partial" ? ` (${percent(outcome.score)} of this question)` : "";
    box.hidden = false;
    box.replaceChildren(
      h("p", { class: "mc-verdict" },
        h("span", { class: "mc-icon", "aria-hidden": "true" }, verdict.icon), `${verdict.text}${scoreText}.`),
      h("p", { class: "mc-explanation" }, outcome.explanation),
      h("p", { class: "mc-sources" }, `Source: ${sources}.`),
    );
  }

  function showResult() {
    const result = model.get("result");
    clearResult();
    if (!result) return;
    const byId = Object.fromEntries(result.questions.map((q) => [q.id, q]));
    blocks.forEach((block) => showQuestionResult(block, byId[block.dataset.question]));
    const right = result.questions.filter((q) => q.verdict === "correct").length;
    const unanswered = result.questions.filter((q) => q.verdict === "unanswered").length;
    const outcome = result.passed
      ? "You passed. Well done."
      : "Not passed yet. Read the feedback, then try again.";
    const text =
      `Your score: ${percent(result.score)} (${right} of ${result.questions.length} questions fully right). ` +
      `The pass mark is ${percent(result.pass_mark)}. ${outcome}` +
      (unanswered ? ` ${unanswered} not answered.` : "");
    summary.hidden = false;
    summary.dataset.passed = String(result.passed);
    summary.replaceChildren(
      h("p", { class: "mc-summary-line" },
        h("span", { class: "mc-icon", "aria-hidden": "true" }, result.passed ? "✓" : "↻"), text),
    );
    check.hidden = true;
    retry.hidden = false;
    announce(text);
    summary.focus();
  }

  const onMode = () => go(current, false);
  const onNote = () => (note.textContent = model.get("status_note") || "");
  // A host may learn later that the viewer is a facilitator (the served book asks its server).
  const onPresenter = () => (presentButton.hidden = !(model.get("presenter") || []).length);
  model.on("change:result", showResult);
  model.on("change:mode", onMode);
  model.on("change:status_note", onNote);
  model.on("change:presenter", onPresenter);
  model.on("change:learner", showNameForm);
  showNameForm();
  showMode();
  if (model.get("result")) showResult();

  return () => {
    model.off("change:result", showResult);
    model.off("change:mode", onMode);
    model.off("change:status_note", onNote);
    model.off("change:presenter", onPresenter);
    model.off("change:learner", showNameForm);
  };
}

export default { render };
