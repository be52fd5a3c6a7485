// The quiz front end: one ES module with anywidget's `render({ model, el })`
// contract, hosted by a notebook (QuizWidget), the static book and the course
// server. It never grades: the host does, and sets `result`.
//
// Model keys
//   reads   bank         {id, title, pass_mark, per_attempt, objectives, questions,
//                        citations}: the pool, with no answer key
//   r/w     attempt      the current attempt's id, which seeds its draw of questions
//                        (draw.js); a new one on "Try again"
//   reads   result       null, or the grade() result for the last checked attempt
//   reads   status_note  one sentence on whether attempts are recorded
//   reads   saved_note   one sentence on what became of the last checked attempt
//   reads   standing     one sentence on the learner's standing ("Passed on ...")
//   reads   recording    whether checked attempts are saved to a progress store
//   r/w     learner      whose progress; asked for when recording and empty
//   writes  answers      {questionId: answer} as the learner answers
//   writes  submission   {attempt_id, answers} when the learner presses Check
//   writes  result       null when the learner chooses "Try again"
//   r/w     mode         "all" (every question) or "one" (one at a time)
//   reads   presenter    [] for learners; for a facilitator, each question's answer,
//                        explanation and sources, which turns on the presenter view
//                        where the host passes `present` (presenting-quiz.js)

/** @typedef {{ id: string, text: string }} Option */
/** @typedef {{ id: string, type: string, prompt: string, scenario?: string,
 *   choices?: Option[], categories?: Option[], items?: Option[] }} Question */
/** @typedef {{ target: string, correct: boolean, text: string }} Feedback */
/** @typedef {{ id: string, score: number, verdict: string, feedback: Feedback[],
 *   explanation: string, cite: string[] }} QuestionResult */

import { drawAttempt } from "./draw.js";
import { h, isEmpty, liveRegion, newId } from "./helpers.js";
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

const points = (n) => `${Math.round(n * 100) / 100} ${n === 1 ? "point" : "points"}`;

/** The score in words, partial credit explained: "7.5 of 10 points: 7 fully right, 1 partly right (0.5 points), 2 wrong." */
export function scoreInWords(result) {
  const count = (verdict) => result.questions.filter((q) => q.verdict === verdict);
  const partial = count("partial");
  const parts = [`${count("correct").length} fully right`];
  if (partial.length) parts.push(`${partial.length} partly right (${points(partial.reduce((sum, q) => sum + q.score, 0))})`);
  if (count("incorrect").length) parts.push(`${count("incorrect").length} wrong`);
  if (count("unanswered").length) parts.push(`${count("unanswered").length} not answered`);
  return `${Math.round(result.points * 100) / 100} of ${points(result.max_points)}: ${parts.join(", ")}.`;
}

function render({ model, el, present = null }) {
  const uid = `mcq${++instances}`;
  /** @type {{questions: Question[], title: string, pass_mark: number, citations: Record<string,string>}} */
  const bank = model.get("bank");
  let questions = [];
  let blocks = [];
  let current = 0;

  const { live, announce } = liveRegion();

  const answers = () => ({ ...(model.get("answers") || {}) });
  const saveAnswer = (questionId, answer) => {
    const next = answers();
    if (!isEmpty(answer)) next[questionId] = answer;
    else delete next[questionId];
    model.set("answers", next);
    model.save_changes();
    confirm.hidden = true;
  };

  // ----- one fieldset per question of the attempt -----
  const questionsBox = h("div", { class: "mc-questions" });
  function startAttempt() {
    if (!model.get("attempt")) {
      model.set("attempt", newId());
      model.save_changes();
    }
    questions = drawAttempt(bank, model.get("attempt"));
    blocks = questions.map((question, index) => renderQuestion(question, index));
    questionsBox.replaceChildren(...blocks);
    current = 0;
  }

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
  const savedNote = h("p", { class: "mc-saved", role: "status" }, model.get("saved_note") || "");
  const standing = h("p", { class: "mc-standing" }, model.get("standing") || "");
  const confirmText = h("p", {});
  const checkAnyway = h("button", { type: "button", class: "mc-primary" }, "Check anyway");
  const answerFirst = h("button", { type: "button", class: "mc-secondary" }, "Answer them first");
  const confirm = h("div", { class: "mc-confirm", tabindex: "-1", hidden: true },
    confirmText, h("div", { class: "mc-actions" }, checkAnyway, answerFirst));
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
    questionsBox, nav, confirm, h("div", { class: "mc-actions" }, check, retry), savedNote, summary);

  // The presenter view is there only when the host gave one (presenting-quiz.js) and the
  // viewer may see the answers.
  const canPresent = () => Boolean(present && (model.get("presenter") || []).length);
  const presentButton = h("button", { type: "button", class: "mc-secondary", hidden: !canPresent() },
    "Presenter view");
  presentButton.addEventListener("click", () =>
    present({ questions, presenter: model.get("presenter"), uid, done: () => presentButton.focus() }));

  el.replaceChildren(
    h("div", { class: "mc-widget mc-quiz" },
      h("p", { class: "mc-title" }, bank.title),
      h("p", { class: "mc-meta" },
        `${bank.per_attempt} questions, drawn from ${bank.questions.length}. Pass mark ${percent(bank.pass_mark)}. ` +
        "No time limit; each try brings a fresh set."),
      standing, note, nameForm, h("div", { class: "mc-actions" }, modeToggle, presentButton), form, live),
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

  const submit = () => {
    confirm.hidden = true;
    model.set("submission", { attempt_id: model.get("attempt"), answers: answers() });
    model.save_changes();
  };
  const unanswered = () => questions.map((q, index) => [q, index]).filter(([q]) => isEmpty(answers()[q.id]));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const blank = unanswered();
    if (!blank.length) return submit();
    // Blanks count as wrong: say so, and let the learner choose.
    confirmText.textContent = `${blank.length} of ${questions.length} questions ${blank.length === 1 ? "is" : "are"} ` +
      "not answered. Unanswered questions count as wrong.";
    confirm.hidden = false;
    confirm.focus();
  });
  checkAnyway.addEventListener("click", submit);
  answerFirst.addEventListener("click", () => {
    confirm.hidden = true;
    const [first] = unanswered();
    if (first) go(first[1]);
    blocks[first ? first[1] : 0].querySelector("input, button")?.focus();
  });

  retry.addEventListener("click", () => {
    model.set("result", null);
    model.set("submission", null);
    model.set("answers", {});
    model.set("attempt", newId());
    model.save_changes();
    startAttempt();
    showMode();
    blocks[0].querySelector("input, button")?.focus();
    announce(`A fresh set of ${questions.length} questions, with nothing chosen yet.`);
  });

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
    const outcome = result.passed
      ? "You passed. Well done."
      : "Not passed yet. Read the feedback, then try again with a fresh set of questions.";
    const text = `Your score: ${percent(result.score)}, ${scoreInWords(result)} ` +
      `The pass mark is ${percent(result.pass_mark)}. ${outcome}`;
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
  const onSavedNote = () => (savedNote.textContent = model.get("saved_note") || "");
  const onStanding = () => (standing.textContent = model.get("standing") || "");
  // A host may learn later that the viewer is a facilitator (the served book asks its server).
  const onPresenter = () => (presentButton.hidden = !canPresent());
  model.on("change:result", showResult);
  model.on("change:mode", onMode);
  model.on("change:status_note", onNote);
  model.on("change:presenter", onPresenter);
  model.on("change:learner", showNameForm);
  model.on("change:saved_note", onSavedNote);
  model.on("change:standing", onStanding);
  startAttempt();
  showNameForm();
  showMode();
  if (model.get("result")) showResult();

  return () => {
    model.off("change:result", showResult);
    model.off("change:mode", onMode);
    model.off("change:status_note", onNote);
    model.off("change:presenter", onPresenter);
    model.off("change:learner", showNameForm);
    model.off("change:saved_note", onSavedNote);
    model.off("change:standing", onStanding);
  };
}

export default { render };
