// The learner's and presenter's views shared by the choice types (single,
// multiple, true_false): native radio buttons or checkboxes, one per choice.
import { h, lettered } from "../helpers.js";

/** The inputs of a choice question; `multiple` makes checkboxes. */
export function renderChoices({ question, base, saved, saveAnswer }, multiple) {
  const kind = multiple ? "checkbox" : "radio";
  const nodes = multiple ? [h("p", { class: "mc-hint" }, "Choose all that apply.")] : [];
  const inputs = [];
  for (const choice of question.choices) {
    const id = `${base}-${choice.id}`;
    const checked = multiple ? (saved || []).includes(choice.id) : saved === choice.id;
    const input = h("input", { type: kind, id, name: base, value: choice.id, checked });
    input.addEventListener("change", () => {
      const picked = inputs.filter((i) => i.checked).map((i) => i.value);
      saveAnswer(multiple ? picked : picked[0]);
    });
    inputs.push(input);
    nodes.push(
      h("div", { class: "mc-choice", "data-target": choice.id },
        input, h("label", { for: id }, choice.text),
        h("p", { class: "mc-feedback", id: `${id}-feedback`, hidden: true })),
    );
  }
  return nodes;
}

/** The question as one attempt shows it: its choices in an order of that attempt's own. */
export function arrangeChoices(question, rng) {
  return { ...question, choices: rng.shuffled(question.choices) };
}

/** The lettered options on a presenter's screen. */
export function presentChoices(question) {
  return [lettered(question.choices.map((c) => c.text))];
}
