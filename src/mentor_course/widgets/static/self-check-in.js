// The private self-check-in: one ES module with anywidget's
// `render({ model, el })` contract, hosted by a notebook (SelfCheckIn) and by
// the static book (the self-check-in directive). It is scored here, in the
// browser; the answers are never synced, saved or sent. A mentor may carry the
// signs they noticed into their self-care plan: they are handed over in this
// browser's localStorage, which the plan builder reads once and clears.
//
// Model keys
//   reads   check_in   the items, scale and rule (mentor_course/checkin/check_in.yml)
//   reads   resources  {contacts, crisis_lines}: whom to talk to (program.yml)

import { PLAN_SIGNS_KEY, h, liveRegion } from "./helpers.js";
import { ratingGroups } from "./rating.js";
const NOTICED = 2; // "Sometimes" or more: a sign worth carrying into the plan

/** Totals per area, whether to suggest talking to someone, and the plan signs noticed. */
export function scoreCheckIn(checkIn, answers) {
  const top = Math.max(...checkIn.scale.map((s) => s.value));
  const signs = { compassion_fatigue: [], burnout: [] };
  let talk = false;
  const areas = checkIn.areas.map((area) => {
    const values = area.items.map((item) => answers[item.id]).filter((v) => v !== undefined);
    const total = values.reduce((sum, v) => sum + v, 0);
    const max = top * area.items.length;
    if (area.strain) {
      if (total >= checkIn.talk_at || values.includes(top)) talk = true;
      for (const item of area.items) {
        if (item.plan_sign && (answers[item.id] ?? 0) >= NOTICED) signs[item.plan_sign.kind].push(item.plan_sign.text);
      }
    }
    const share = total / max;
    // A strain area's top band is the one that suggests talking to someone.
    const level = area.strain
      ? (total >= checkIn.talk_at ? 2 : share >= 0.25 ? 1 : 0)
      : (share < 0.35 ? 0 : share < 0.6 ? 1 : 2);
    const words = area.strain
      ? ["few signs right now", "some signs: worth keeping an eye on", "many signs: worth talking over soon"][level]
      : ["low right now", "some", "strong"][level];
    return { id: area.id, title: area.title, total, max, answered: values.length, words };
  });
  return { areas, talk, signs };
}

let instances = 0;

function render({ model, el }) {
  const uid = `mcc${++instances}`;
  const checkIn = model.get("check_in");
  const resources = model.get("resources") || { contacts: [], crisis_lines: [] };
  const answers = {};
  const { live, announce } = liveRegion();

  const groups = ratingGroups({ uid, areas: checkIn.areas, scale: checkIn.scale, ratings: answers });
  const note = h("textarea", { id: `${uid}-note`, rows: 3 });
  const results = h("div", { class: "mc-checkin-results", tabindex: "-1", hidden: true });
  const show = h("button", { type: "button", class: "mc-primary" }, "See my results");
  const clear = h("button", { type: "button", class: "mc-secondary" }, "Clear my answers");
  const toPlan = h("button", { type: "button", class: "mc-secondary", hidden: true }, "Add what I noticed to my self-care plan");

  function whomToTell() {
    const entries = [...resources.contacts, ...resources.crisis_lines];
    return h("div", { class: "mc-checkin-talk" },
      h("p", {}, h("strong", {}, "It may help to talk to someone soon. "),
        "Some of your answers point to strain that is easier to carry with support: your coordinator or " +
        "supervisor, a counselor, or one of these. If you are in crisis, call or text 988; if someone is in " +
        "immediate danger, call 911."),
      entries.length ? h("ul", {}, entries.map((e) => h("li", {}, `${e.label}: ${e.text}`))) : null);
  }

  show.addEventListener("click", () => {
    const score = scoreCheckIn(checkIn, answers);
    const unanswered = checkIn.areas.reduce((n, a) => n + a.items.length, 0) - Object.keys(answers).length;
    results.replaceChildren(...[
      h("h3", {}, "Your results"),
      h("ul", {}, score.areas.map((a) => h("li", {}, `${a.title}: ${a.total} of ${a.max}, ${a.words}.`))),
      unanswered ? h("p", {}, `${unanswered} left unanswered; they count as "${checkIn.scale[0].label}".`) : null,
      score.talk ? whomToTell() : h("p", {}, "Nothing here suggests a need for extra support right now. " +
        "Check in again in a few weeks, or sooner after a hard visit."),
      h("p", { class: "mc-checkin-caution" }, "This is a reflection, not a diagnosis. Only you have seen these answers: " +
        "nothing was saved or sent."),
    ].filter(Boolean));
    results.hidden = false;
    toPlan.hidden = !(score.signs.compassion_fatigue.length || score.signs.burnout.length || note.value.trim());
    results.focus();
    announce(score.talk ? "Your results are ready. They suggest talking to someone soon." : "Your results are ready.");
  });

  toPlan.addEventListener("click", () => {
    const { signs } = scoreCheckIn(checkIn, answers);
    const own = note.value.split("\n").map((s) => s.trim()).filter(Boolean);
    const count = signs.compassion_fatigue.length + signs.burnout.length + own.length;
    try {
      globalThis.localStorage.setItem(PLAN_SIGNS_KEY, JSON.stringify({ ...signs, own }));
      announce(`${count} ${count === 1 ? "sign" : "signs"} will be ticked in your self-care plan's "My warning signs" step ` +
        "the next time you open the plan builder in this browser.");
    } catch {
      announce("This browser does not let the course keep anything, so the signs could not be carried over. " +
        "Tick them yourself in the plan builder's \"My warning signs\" step.");
    }
  });

  clear.addEventListener("click", () => {
    for (const input of el.querySelectorAll("input:checked")) input.checked = false;
    for (const key of Object.keys(answers)) delete answers[key];
    note.value = "";
    results.hidden = true;
    toPlan.hidden = true;
    announce("Your answers are cleared.");
  });

  el.replaceChildren(h("div", { class: "mc-widget mc-checkin" },
    h("p", { class: "mc-checkin-privacy" }, h("strong", {}, "Private. "),
      `Think about ${checkIn.period}. For each line, choose how often it was true for you. ` +
      "Your answers stay on this screen: nothing is saved or sent."),
    ...groups,
    h("div", { class: "mc-field" }, h("label", { for: `${uid}-note` }, "Anything else you noticed (only you see this)"), note),
    h("div", { class: "mc-actions" }, show, clear, toPlan),
    results, live));
}

export default { render };
