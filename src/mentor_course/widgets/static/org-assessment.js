// The program self-assessment: one ES module with anywidget's
// `render({ model, el })` contract, hosted by a notebook (ProgramSelfAssessment)
// and by the static book (the org-assessment directive). Staff rate their
// program, see where it stands by area, and turn the gaps into a one-page
// action plan (statement, priority, owner, date) to print or save. All of it
// stays in the page; nothing is synced, saved or sent.
//
// Model keys
//   reads   assessment   the areas, statements and scale (checkin/org_assessment.yml)

import { h, liveRegion } from "./helpers.js";
import { ratingGroups } from "./rating.js";

const PRIORITIES = ["High", "Medium", "Low"];
const GAP = 1; // "Partly" or below: a statement that belongs in the action plan

/** Each area's total, as points and a share of its most. */
export function scoreAssessment(assessment, ratings) {
  const top = Math.max(...assessment.scale.map((s) => s.value));
  return assessment.areas.map((area) => {
    const total = area.items.reduce((sum, item) => sum + (ratings[item.id] ?? 0), 0);
    const max = top * area.items.length;
    return { id: area.id, title: area.title, total, max, share: total / max };
  });
}

const cell = (text) => String(text || "").replaceAll("|", "\\|").replaceAll("\n", " ");

/** The action plan as Markdown: one row per statement, with its priority, owner and date. */
export function actionPlanMarkdown(rows, today) {
  const lines = [
    "# Action plan: caring for the people who do this work",
    "",
    `Made on ${today} from the program self-assessment.`,
    "",
    "| Priority | Statement | Area | Owner | By |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| ${cell(r.priority)} | ${cell(r.text)} | ${cell(r.area)} | ${cell(r.owner)} | ${cell(r.date)} |`),
  ];
  return `${lines.join("\n")}\n`;
}

let instances = 0;

function render({ model, el }) {
  const uid = `mco${++instances}`;
  const assessment = model.get("assessment");
  const ratings = {};
  const { live, announce } = liveRegion();

  const groups = ratingGroups({ uid, areas: assessment.areas, scale: assessment.scale, ratings });

  const results = h("div", { class: "mc-checkin-results", tabindex: "-1", hidden: true });
  const plan = h("section", { class: "mc-org-plan", "aria-labelledby": `${uid}-plan`, hidden: true });
  const show = h("button", { type: "button", class: "mc-primary" }, "See results and make an action plan");
  let rows = [];

  function planRows() {
    return rows.map(({ item, area, priority, owner, date }) => ({
      text: item.text, area: area.title, priority: priority.value, owner: owner.value.trim(), date: date.value,
    }));
  }

  function download() {
    const today = new Date().toISOString().slice(0, 10);
    const blob = new Blob([actionPlanMarkdown(planRows(), today)], { type: "text/markdown" });
    const link = h("a", { href: URL.createObjectURL(blob), download: `action-plan-${today}.md` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    announce("The action plan is saved to your downloads.");
  }

  function print() {
    document.body.classList.add("mc-printing-org-plan");
    window.print();
    document.body.classList.remove("mc-printing-org-plan");
  }

  show.addEventListener("click", () => {
    const scores = scoreAssessment(assessment, ratings);
    const lowest = Math.min(...scores.map((s) => s.share));
    results.replaceChildren(h("h3", {}, "Where your program stands"),
      h("ul", {}, scores.map((s) => h("li", {},
        `${s.title}: ${s.total} of ${s.max} (${Math.round(s.share * 100)}%)`,
        s.share === lowest ? h("strong", {}, " Start here.") : null))),
      h("p", { class: "mc-checkin-caution" }, "A starting point for a conversation, not a grade. " +
        "Nothing you chose here was saved or sent."));
    const areaOf = Object.fromEntries(assessment.areas.flatMap((a) => a.items.map((i) => [i.id, a])));
    const gaps = assessment.areas.flatMap((a) => a.items).filter((item) => (ratings[item.id] ?? 0) <= GAP);
    rows = gaps.map((item) => {
      const base = `${uid}-plan-${item.id}`;
      const priority = h("select", { id: `${base}-priority` }, PRIORITIES.map((p) => h("option", { value: p }, p)));
      priority.value = areaOf[item.id] && scores.find((s) => s.id === areaOf[item.id].id).share === lowest ? "High" : "Medium";
      const owner = h("input", { type: "text", id: `${base}-owner`, autocomplete: "off" });
      const date = h("input", { type: "date", id: `${base}-date` });
      return { item, area: areaOf[item.id], priority, owner, date, base };
    });
    const save = h("button", { type: "button", class: "mc-secondary" }, "Save the action plan (.md)");
    const printButton = h("button", { type: "button", class: "mc-secondary" }, "Print the action plan");
    save.addEventListener("click", download);
    printButton.addEventListener("click", print);
    plan.replaceChildren(
      h("h3", { id: `${uid}-plan` }, "Action plan"),
      rows.length
        ? h("p", {}, "Each statement you rated \"Partly\" or \"Not yet\" is a possible step. Set a priority, " +
          "name who will take it on, and pick a date.")
        : h("p", {}, "You rated every statement \"Mostly\" or \"Fully\". Keep it that way: check again in a year."),
      ...rows.map((r) => h("fieldset", { class: "mc-org-row" },
        h("legend", {}, r.item.text),
        h("p", { class: "mc-org-area-name" }, r.area.title),
        h("div", { class: "mc-org-fields" },
          h("span", { class: "mc-field" }, h("label", { for: `${r.base}-priority` }, "Priority"), r.priority),
          h("span", { class: "mc-field" }, h("label", { for: `${r.base}-owner` }, "Owner"), r.owner),
          h("span", { class: "mc-field" }, h("label", { for: `${r.base}-date` }, "By"), r.date)))),
      rows.length ? h("div", { class: "mc-actions" }, save, printButton) : null,
    );
    results.hidden = false;
    plan.hidden = false;
    results.focus();
    announce(`Results ready. ${rows.length} possible ${rows.length === 1 ? "step" : "steps"} in the action plan.`);
  });

  el.replaceChildren(h("div", { class: "mc-widget mc-checkin mc-org" },
    h("p", { class: "mc-checkin-privacy" }, h("strong", {}, "Private. "),
      "For program staff: rate each statement for your program today. Your ratings stay in this page: " +
      "nothing is saved or sent."),
    ...groups,
    h("div", { class: "mc-actions" }, show),
    results, plan, live));
}

export default { render };
