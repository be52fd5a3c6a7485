// The breathing pacer: one ES module with anywidget's `render({ model, el })`
// contract, hosted by a notebook (BreathingPacer) and by the static and served
// book (the breathing-pacer directive).
//
// Model keys
//   reads   patterns  [{id, name, description, phases: [{label, seconds}]}]
//   r/w     pattern   the chosen pattern's id
//   reads   minutes   how long one session lasts
//
// It never starts by itself; Pause and Stop are always there while it runs;
// each step is announced in words; nothing flashes, and with reduced motion
// the circle stays still.

import { h } from "./helpers.js";

let instances = 0;

function render({ model, el }) {
  const uid = `mcb${++instances}`;
  const patterns = model.get("patterns");
  const chosen = () => patterns.find((p) => p.id === model.get("pattern")) || patterns[0];

  const options = patterns.map((p) => {
    const input = h("input", { type: "radio", name: `${uid}-pattern`, id: `${uid}-${p.id}`, value: p.id, checked: p.id === chosen().id });
    input.addEventListener("change", () => {
      model.set("pattern", p.id);
      model.save_changes();
      describe();
    });
    return h("div", { class: "mc-breath-option" }, input,
      h("label", { for: `${uid}-${p.id}` }, h("strong", {}, p.name), ` ${p.description}`));
  });
  const textAlternative = h("p", { class: "mc-breath-help", id: `${uid}-text` });
  const circle = h("div", { class: "mc-breath-circle", "aria-hidden": "true" });
  const phase = h("p", { class: "mc-breath-phase", "aria-live": "polite" }, "Ready when you are");
  const count = h("p", { class: "mc-breath-count", "aria-hidden": "true" });
  const start = h("button", { type: "button", class: "mc-primary", "aria-describedby": `${uid}-text` }, "Start");
  const pause = h("button", { type: "button", hidden: true }, "Pause");
  const stop = h("button", { type: "button", hidden: true }, "Stop");

  function describe() {
    const p = chosen();
    const steps = p.phases.map((s) => `${s.label.toLowerCase()} for ${s.seconds} seconds`).join(", then ");
    textAlternative.textContent =
      `${p.name}: ${steps}. About ${model.get("minutes")} minute${model.get("minutes") === 1 ? "" : "s"}. ` +
      "Keep your eyes open or closed, breathe in whatever way is comfortable, and stop whenever you like.";
  }

  let timer = null;
  let phaseIndex = 0;
  let left = 0;
  let remaining = 0;

  function showPhase() {
    const step = chosen().phases[phaseIndex];
    circle.style.transitionDuration = `${step.seconds}s`;
    circle.dataset.phase = step.label;
    phase.textContent = step.label;
    count.textContent = String(left);
  }

  function tick() {
    left -= 1;
    remaining -= 1;
    if (remaining <= 0) {
      finish("Done. Notice how you feel now; there is no right answer.");
      return;
    }
    if (left <= 0) {
      const phases = chosen().phases;
      phaseIndex = (phaseIndex + 1) % phases.length;
      left = phases[phaseIndex].seconds;
      showPhase();
    } else {
      count.textContent = String(left);
    }
  }

  function run() {
    clearInterval(timer);
    timer = setInterval(tick, 1000);
    start.hidden = true;
    pause.hidden = stop.hidden = false;
    pause.textContent = "Pause";
    for (const input of el.querySelectorAll("input")) input.disabled = true;
  }

  function finish(message) {
    clearInterval(timer);
    timer = null;
    delete circle.dataset.phase;
    circle.style.transitionDuration = "1s";
    phase.textContent = message;
    count.textContent = "";
    start.hidden = false;
    pause.hidden = stop.hidden = true;
    for (const input of el.querySelectorAll("input")) input.disabled = false;
    start.focus();
  }

  start.addEventListener("click", () => {
    phaseIndex = 0;
    left = chosen().phases[0].seconds;
    remaining = model.get("minutes") * 60;
    showPhase();
    run();
    pause.focus();
  });
  pause.addEventListener("click", () => {
    if (timer) {
      clearInterval(timer);
      timer = null;
      pause.textContent = "Resume";
      phase.textContent = `Paused (${chosen().phases[phaseIndex].label.toLowerCase()})`;
    } else {
      showPhase();
      run();
    }
  });
  stop.addEventListener("click", () => finish("Stopped. You can start again whenever you like."));

  el.replaceChildren(
    h("div", { class: "mc-widget mc-breath" },
      h("p", {}, h("strong", {}, "A minute to breathe. "),
        "An invitation, not an instruction: join in only if it feels right today."),
      h("fieldset", { class: "mc-breath-patterns" }, h("legend", {}, "Choose a rhythm"), options),
      textAlternative,
      h("div", { class: "mc-breath-stage" }, circle, phase, count),
      h("div", { class: "mc-breath-controls" }, start, pause, stop)),
  );
  describe();
  return () => clearInterval(timer);
}

export default { render };
