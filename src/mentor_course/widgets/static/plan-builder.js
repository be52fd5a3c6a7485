// The self-care plan builder: one ES module with anywidget's
// `render({ model, el })` contract, hosted by a notebook (PlanBuilder) and by
// the static book (the plan-builder directive). Everything happens here, in
// the browser: the plan is never sent anywhere. Exports (JSON, Markdown,
// printable HTML, iCalendar) are made in the page and offered as downloads.
//
// Model keys
//   reads   guide      the builder's words and the course's lists (plan/guide.json),
//                      and (mentor_course.plan.builder_guide):
//                        formats        the downloads to offer, in order: {id, label,
//                                       filename, media_type, open_label} (plan/formats.py)
//                        plan_template  an empty plan: SelfCarePlan's defaults, id null
//   reads   resources  {contacts, crisis_lines}: the program's entries for "My supports"
//   r/w     plan       the plan (SelfCarePlan as JSON): the single source of truth
//   r/w     step       the step shown, 0-based
//
// A draft is kept in this browser's localStorage only if the mentor ticks the
// box that asks for it; "Erase my draft" removes it and empties the form, once the
// mentor confirms in the page.

import { PLAN_SIGNS_KEY, h, liveRegion, newId } from "./helpers.js";

export const DRAFT_KEY = "mentor-course:self-care-plan-draft";
const DOMAINS = ["body", "mind", "emotions", "relationships", "spirit", "work"];
const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

// ----- the plan's content, shared by every export (mirrors plan/sections.py) -----

/** A new plan: a copy of `template` (guide.plan_template) with its own id. */
export function emptyPlan(template) {
  return { ...structuredClone(template), id: newId() };
}

const isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** A saved plan with every missing part, top-level or within a part, filled from the template. */
export function completePlan(saved, template) {
  const base = emptyPlan(template);
  const plan = { ...base, ...saved };
  for (const [key, value] of Object.entries(base)) {
    if (isRecord(value)) plan[key] = { ...value, ...(saved[key] || {}) };
  }
  return plan;
}

const kind = (value) => (Array.isArray(value) ? "list" : value === null ? "null" : typeof value);

/** The first part of `data` whose kind (list, text...) is not the template's, or "": the form
 * could not show such a part. Parts the template leaves open (null) may hold anything. */
function misfit(data, template, prefix = "") {
  for (const [key, expected] of Object.entries(template)) {
    const found = data[key];
    if (expected === null || found === undefined) continue;
    const inner = kind(found) !== kind(expected) ? prefix + key : isRecord(found) && misfit(found, expected, `${prefix}${key}.`);
    if (inner) return inner;
  }
  return "";
}

/** Why `data` (a file's JSON) is not a plan this builder saved, in a mentor's words, or "". */
export function planProblem(data, template) {
  if (!isRecord(data) || !("schema_version" in data)) return "it holds something other than a plan";
  if (data.schema_version !== template.schema_version) return "it was saved by another version of this builder";
  const part = misfit(data, template);
  return part && `its part "${part}" is not in the form this builder saves`;
}

function when(plan, guide) {
  const day = plan.weekly.day ? guide.days[plan.weekly.day] : "";
  const time = plan.weekly.time || "";
  let text;
  if (day && time) text = `${day} at ${time}`;
  else if (day) text = day;
  else if (time) text = `at ${time}`;
  else return "";
  return `${text}, ${plan.weekly.minutes} minutes`;
}

function breaks(plan) {
  const every = plan.breaks.every_minutes ? `every ${plan.breaks.every_minutes} minutes` : "";
  const what = plan.breaks.what;
  return every && what ? `${every}: ${what}` : every || what;
}

export function planSections(plan, guide, resources = { contacts: [], crisis_lines: [] }) {
  const labels = guide.labels;
  const titles = guide.sections;
  const many = (key, values) => values.map((text) => ({ label: labels[key], text }));
  const maintenance = [];
  for (const domain of DOMAINS) {
    const part = plan.maintenance[domain];
    if (!part) continue;
    const texts = ["now", "add", "how_often"]
      .filter((key) => part[key])
      .map((key) => `${guide.maintenance_parts[key]}: ${part[key]}`);
    if (texts.length) maintenance.push({ label: guide.maintenance[domain].label, text: texts.join("; ") });
  }
  const weekly = plan.weekly.activity ? [{ label: "", text: plan.weekly.activity }] : [];
  const whenText = when(plan, guide);
  if (whenText) weekly.push({ label: labels.when, text: whenText });
  const breaksText = breaks(plan);
  if (breaksText) weekly.push({ label: labels.breaks, text: breaksText });
  let supports = plan.supports.people
    .filter((p) => p.name || p.how)
    .map((p) => ({ label: p.name, text: p.how }));
  if (plan.supports.program_contacts) supports = supports.concat(resources.contacts);
  if (plan.supports.crisis_lines) supports = supports.concat(resources.crisis_lines);
  const sections = [
    [titles.coping, [
      ...many("helpful", plan.coping.helpful),
      ...many("unhelpful", plan.coping.unhelpful),
      ...(plan.coping.reduce ? [{ label: labels.reduce, text: plan.coping.reduce }] : []),
    ]],
    [titles.warning_signs, [
      ...many("compassion_fatigue", plan.warning_signs.compassion_fatigue),
      ...many("burnout", plan.warning_signs.burnout),
      ...many("own", plan.warning_signs.own),
    ]],
    [titles.maintenance, maintenance],
    [titles.weekly, weekly],
    [titles.barriers, plan.barriers
      .filter((b) => b.barrier || b.plan)
      .map((b) => ({ label: b.barrier, text: b.plan }))],
    [titles.supports, supports],
    [titles.bad_day, [
      ...many("do", plan.bad_day.do),
      ...many("tell_myself", plan.bad_day.tell_myself),
      ...many("avoid", plan.bad_day.avoid),
    ]],
    [titles.boundaries, plan.boundaries.map((text) => ({ label: "", text }))],
    [titles.review, plan.review_date ? [{ label: labels.review_date, text: plan.review_date }] : []],
  ];
  return sections.filter(([, entries]) => entries.length).map(([title, entries]) => ({ title, entries }));
}

// ----- exports -----

export function toMarkdown(plan, guide, resources) {
  const lines = [`# ${guide.title}`, ""];
  if (plan.name) lines.push(`${guide.labels.made_by} ${plan.name}`, "");
  for (const section of planSections(plan, guide, resources)) {
    lines.push(`## ${section.title}`);
    for (const e of section.entries) lines.push(e.label ? `- **${e.label}:** ${e.text}` : `- ${e.text}`);
    lines.push("");
  }
  lines.push("---", "", guide.labels.footer, "");
  return lines.join("\n");
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);

export function toHtml(plan, guide, resources) {
  const title = escapeHtml(guide.title);
  const parts = [
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      `<title>${title}</title><style>${guide.print_style}</style></head>\n` +
      `<body><main><h1>${title}</h1>\n`,
  ];
  if (plan.name) parts.push(`<p>${escapeHtml(guide.labels.made_by)} ${escapeHtml(plan.name)}</p>\n`);
  for (const section of planSections(plan, guide, resources)) {
    const items = section.entries
      .map((e) => e.label
        ? `<li><strong>${escapeHtml(e.label)}:</strong> ${escapeHtml(e.text)}</li>`
        : `<li>${escapeHtml(e.text)}</li>`)
      .join("");
    parts.push(`<section><h2>${escapeHtml(section.title)}</h2><ul>${items}</ul></section>\n`);
  }
  parts.push(
    `<p class="footer">${escapeHtml(guide.labels.footer)}</p>\n` +
      '<button type="button" onclick="window.print()">Print or save as PDF</button>\n' +
      "</main></body></html>\n",
  );
  return parts.join("");
}

const pad = (n) => String(n).padStart(2, "0");
const icsDate = (d) => `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
const icsText = (text) =>
  String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

/** RFC 5545 folding: lines of at most 75 octets, continued with a leading space. */
function fold(line) {
  const bytes = new TextEncoder();
  const out = [];
  let current = "";
  for (const char of line) {
    const limit = out.length ? 74 : 75;
    if (bytes.encode(current + char).length > limit) {
      out.push(current);
      current = char;
    } else {
      current += char;
    }
  }
  out.push(current);
  return out.join("\r\n ");
}

function parseDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y, m - 1, d);
}

export function toIcs(plan, guide, today = new Date()) {
  const words = guide.calendar;
  const now = new Date();
  const stamp =
    `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}T` +
    `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}Z`;
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${words.prodid}`];
  const alarm = (trigger, text) => ["BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${icsText(text)}`, `TRIGGER:${trigger}`, "END:VALARM"];
  const weekly = plan.weekly;
  if (weekly.activity && weekly.day) {
    const start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
    const monday0 = (start.getDay() + 6) % 7;
    start.setDate(start.getDate() + ((DAYS.indexOf(weekly.day) - monday0 + 7) % 7));
    lines.push("BEGIN:VEVENT", `UID:${plan.id}-weekly@mentor-course`, `DTSTAMP:${stamp}`,
      `SUMMARY:${icsText(words.weekly_summary + weekly.activity)}`,
      `DESCRIPTION:${icsText(words.weekly_description)}`);
    if (weekly.time) {
      lines.push(`DTSTART:${icsDate(start)}T${weekly.time.replace(":", "")}00`, `DURATION:PT${weekly.minutes}M`,
        ...alarm("-PT15M", words.weekly_alarm + weekly.activity));
    } else {
      const end = new Date(start);
      end.setDate(end.getDate() + 1);
      lines.push(`DTSTART;VALUE=DATE:${icsDate(start)}`, `DTEND;VALUE=DATE:${icsDate(end)}`);
    }
    lines.push(`RRULE:FREQ=WEEKLY;BYDAY=${weekly.day.slice(0, 2).toUpperCase()}`, "END:VEVENT");
  }
  if (plan.review_date) {
    const day = parseDate(plan.review_date);
    const next = new Date(day);
    next.setDate(next.getDate() + 1);
    lines.push("BEGIN:VEVENT", `UID:${plan.id}-review@mentor-course`, `DTSTAMP:${stamp}`,
      `SUMMARY:${icsText(words.review_summary)}`,
      `DTSTART;VALUE=DATE:${icsDate(day)}`, `DTEND;VALUE=DATE:${icsDate(next)}`,
      ...alarm("PT9H", words.review_alarm), "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}

export function toJson(plan) {
  return JSON.stringify(plan, null, 2) + "\n";
}

/** Format id (plan/formats.py) -> (plan, guide, resources) -> the file's text. */
export const EXPORTERS = {
  json: toJson,
  md: toMarkdown,
  html: toHtml,
  ics: (plan, guide) => toIcs(plan, guide), // the weekly event starts from today
};

/** Fail, naming it, on a format Python registers that this file cannot make. */
function checkExporters(formats) {
  const missing = formats.filter((format) => !Object.hasOwn(EXPORTERS, format.id)).map((format) => format.id);
  if (missing.length) {
    throw new Error(`plan-builder.js has no exporter for the format ${missing.join(", ")} (plan/formats.py registers it)`);
  }
}

// ----- the form -----

let instances = 0;

function storage() {
  try {
    return globalThis.localStorage || null;
  } catch {
    return null; // storage blocked (private mode, sandboxed frame)
  }
}

function render({ model, el }) {
  const uid = `mcp${++instances}`;
  const guide = model.get("guide");
  checkExporters(guide.formats); // now, not when the mentor reaches the last step to save
  const template = guide.plan_template;
  const resources = model.get("resources") || { contacts: [], crisis_lines: [] };
  const steps = guide.steps;
  const store = storage();
  const { live, announce } = liveRegion();

  const saved = store?.getItem(DRAFT_KEY);
  let keepDraft = Boolean(saved);
  if (saved) {
    try {
      model.set("plan", completePlan(JSON.parse(saved), template));
      model.save_changes();
    } catch {
      store.removeItem(DRAFT_KEY);
      keepDraft = false;
    }
  }
  if (!model.get("plan") || !model.get("plan").schema_version) {
    model.set("plan", emptyPlan(template));
    model.save_changes();
  }

  const plan = () => completePlan(model.get("plan"), template);
  const update = (change) => {
    const next = plan();
    change(next);
    model.set("plan", next);
    model.save_changes();
    if (keepDraft && store) store.setItem(DRAFT_KEY, JSON.stringify(next));
  };

  // Signs the mentor chose to carry over from the self-check-in: ticked once, then forgotten.
  const handed = store?.getItem(PLAN_SIGNS_KEY);
  if (handed) {
    store.removeItem(PLAN_SIGNS_KEY);
    try {
      const signs = JSON.parse(handed);
      update((p) => {
        for (const kind of ["compassion_fatigue", "burnout", "own"]) {
          p.warning_signs[kind] = [...new Set([...p.warning_signs[kind], ...(signs[kind] || [])])];
        }
      });
      setTimeout(() => announce("The signs you noticed in the self-check-in are ticked in \"My warning signs\"."), 0);
    } catch {
      // not ours to read: leave the plan as it was
    }
  }
  const lines = (text) => text.split("\n").map((s) => s.trim()).filter(Boolean);
  const id = (name) => `${uid}-${name}`;
  const field = (name) => guide.fields[name] || { label: name };

  /** A labelled text input; `key` names its words in the guide when `name` is made unique. */
  function textInput(name, value, onValue, { type = "text", key = name } = {}) {
    const f = field(key);
    const input = h("input", { type, id: id(name), value: value ?? "", placeholder: f.example ? `e.g. ${f.example}` : null });
    input.addEventListener("input", () => onValue(input.value));
    return h("div", { class: "mc-field" }, h("label", { for: id(name) }, f.label), input);
  }

  function linesInput(name, values, onValues) {
    const f = field(name);
    const area = h("textarea", { id: id(name), rows: 3, placeholder: f.example ? `e.g. ${f.example}` : null });
    area.value = values.join("\n");
    area.addEventListener("input", () => onValues(lines(area.value)));
    return h("div", { class: "mc-field" }, h("label", { for: id(name) }, f.label), area);
  }

  function checkbox(name, label, checked, onChecked) {
    const input = h("input", { type: "checkbox", id: id(name), checked });
    input.addEventListener("change", () => onChecked(input.checked));
    return h("div", { class: "mc-check" }, input, h("label", { for: id(name) }, label));
  }

  function signList(kind, legend) {
    const chosen = plan().warning_signs[kind];
    return h("fieldset", { class: "mc-group" }, h("legend", {}, legend),
      guide.signs[kind].map((sign, i) => checkbox(`${kind}-${i}`, sign, chosen.includes(sign), (on) =>
        update((p) => {
          const list = p.warning_signs[kind].filter((s) => s !== sign);
          p.warning_signs[kind] = on ? [...list, sign] : list;
        }))));
  }

  /** Repeating rows (people, barriers) with add and remove buttons. */
  function rows(kind, fields, addLabel, suggestions = []) {
    const listOf = (p) => (kind === "people" ? p.supports.people : p.barriers);
    const noun = kind === "people" ? "person" : "barrier";
    const blank = () => Object.fromEntries(fields.map(([key]) => [key, ""]));
    const box = h("div", { class: "mc-rows" });
    const addButton = h("button", { type: "button", class: "mc-secondary" }, addLabel);
    const actions = h("div", { class: "mc-row-actions" }, addButton,
      suggestions.map((s) => h("button", { type: "button", class: "mc-secondary", onclick: () => {
        update((p) => { listOf(p).push({ ...s }); });
        draw();
        announce(`Added the barrier "${s.barrier}" with a suggested plan. Change the words to your own.`);
      } }, `Add: ${s.barrier}`)));
    const draw = (focusIndex = null) => {
      box.replaceChildren(
        ...listOf(plan()).map((row, index) => h("fieldset", { class: "mc-group" },
          h("legend", {}, `${noun[0].toUpperCase()}${noun.slice(1)} ${index + 1}`),
          fields.map(([key, name]) => textInput(`${name}-${index}`, row[key],
            (value) => update((p) => { listOf(p)[index][key] = value.trim(); }), { key: name })),
          h("button", { type: "button", class: "mc-secondary", "aria-label": `Remove ${noun} ${index + 1}`,
            onclick: () => {
              update((p) => { listOf(p).splice(index, 1); });
              draw();
              addButton.focus();
              announce(`Removed ${noun} ${index + 1}.`);
            } }, "Remove"))),
        actions);
      if (focusIndex !== null) box.querySelectorAll("fieldset")[focusIndex]?.querySelector("input")?.focus();
    };
    addButton.addEventListener("click", () => {
      update((p) => { listOf(p).push(blank()); });
      draw(listOf(plan()).length - 1);
    });
    draw();
    return box;
  }

  const stepBodies = {
    coping: () => [
      linesInput("coping.helpful", plan().coping.helpful, (v) => update((p) => { p.coping.helpful = v; })),
      linesInput("coping.unhelpful", plan().coping.unhelpful, (v) => update((p) => { p.coping.unhelpful = v; })),
      textInput("coping.reduce", plan().coping.reduce, (v) => update((p) => { p.coping.reduce = v.trim(); })),
    ],
    warning_signs: () => [
      signList("compassion_fatigue", "Signs of compassion fatigue I might notice"),
      signList("burnout", "Signs of burnout I might notice"),
      linesInput("warning_signs.own", plan().warning_signs.own, (v) => update((p) => { p.warning_signs.own = v; })),
    ],
    maintenance: () => DOMAINS.map((domain) => {
      const d = guide.maintenance[domain];
      const part = plan().maintenance[domain] || {};
      return h("fieldset", { class: "mc-group" }, h("legend", {}, `${d.label}: ${d.prompt}`),
        ["now", "add", "how_often"].map((key) => {
          const name = `maintenance.${domain}.${key}`;
          const input = h("input", { type: "text", id: id(name), value: part[key] || "",
            placeholder: key === "add" ? `e.g. ${d.example}` : null });
          input.addEventListener("input", () => update((p) => {
            p.maintenance[domain] = { now: "", add: "", how_often: "", ...(p.maintenance[domain] || {}), [key]: input.value.trim() };
          }));
          return h("div", { class: "mc-field" }, h("label", { for: id(name) }, guide.maintenance_parts[key]), input);
        }));
    }),
    weekly: () => {
      const p = plan();
      const day = h("select", { id: id("weekly.day") },
        h("option", { value: "" }, "Choose a day"),
        DAYS.map((d) => h("option", { value: d, selected: p.weekly.day === d }, guide.days[d])));
      day.addEventListener("change", () => update((q) => { q.weekly.day = day.value || null; }));
      const time = h("input", { type: "time", id: id("weekly.time"), value: p.weekly.time || "" });
      time.addEventListener("input", () => update((q) => { q.weekly.time = time.value || null; }));
      const minutes = h("input", { type: "number", id: id("weekly.minutes"), min: 5, max: 600, step: 5, value: p.weekly.minutes, inputmode: "numeric" });
      minutes.addEventListener("input", () => {
        const n = Number(minutes.value);
        if (n >= 5 && n <= 600) update((q) => { q.weekly.minutes = Math.round(n); });
      });
      const every = h("select", { id: id("breaks.every_minutes") },
        h("option", { value: "" }, "No set breaks"),
        guide.break_intervals.map((n) => h("option", { value: n, selected: p.breaks.every_minutes === n }, `${n} minutes`)));
      every.addEventListener("change", () => update((q) => { q.breaks.every_minutes = every.value ? Number(every.value) : null; }));
      const labelled = (name, control) => h("div", { class: "mc-field" }, h("label", { for: id(name) }, field(name).label), control);
      return [
        textInput("weekly.activity", p.weekly.activity, (v) => update((q) => { q.weekly.activity = v.trim(); })),
        h("div", { class: "mc-inline" }, labelled("weekly.day", day), labelled("weekly.time", time), labelled("weekly.minutes", minutes)),
        h("fieldset", { class: "mc-group" }, h("legend", {}, "Short breaks on long days"),
          h("p", { class: "mc-hint" }, "A common habit is a one-to-five-minute break every 90 to 120 minutes of focused work. Treat it as a practical habit to try, not a rule."),
          labelled("breaks.every_minutes", every),
          textInput("breaks.what", p.breaks.what, (v) => update((q) => { q.breaks.what = v.trim(); }))),
      ];
    },
    barriers: () => [
      h("p", { class: "mc-hint" }, "Common barriers are offered below; add any that fit and change the words to your own."),
      rows("barriers", [["barrier", "barriers.barrier"], ["plan", "barriers.plan"]], "Add another barrier", guide.barriers),
    ],
    supports: () => [
      rows("people", [["name", "supports.people.name"], ["how", "supports.people.how"]], "Add a person"),
      checkbox("supports.program_contacts", field("supports.program_contacts").label, plan().supports.program_contacts,
        (on) => update((p) => { p.supports.program_contacts = on; })),
      resources.contacts.length ? h("ul", { class: "mc-resources" }, resources.contacts.map((c) => h("li", {}, `${c.label}: ${c.text}`))) : null,
      checkbox("supports.crisis_lines", field("supports.crisis_lines").label, plan().supports.crisis_lines,
        (on) => update((p) => { p.supports.crisis_lines = on; })),
      resources.crisis_lines.length ? h("ul", { class: "mc-resources" }, resources.crisis_lines.map((c) => h("li", {}, `${c.label}: ${c.text}`))) : null,
    ],
    bad_day: () => [
      linesInput("bad_day.do", plan().bad_day.do, (v) => update((p) => { p.bad_day.do = v; })),
      linesInput("bad_day.tell_myself", plan().bad_day.tell_myself, (v) => update((p) => { p.bad_day.tell_myself = v; })),
      linesInput("bad_day.avoid", plan().bad_day.avoid, (v) => update((p) => { p.bad_day.avoid = v; })),
    ],
    boundaries: () => [
      linesInput("boundaries", plan().boundaries, (v) => update((p) => { p.boundaries = v; })),
    ],
    review: () => [
      textInput("review_date", plan().review_date, (v) => update((p) => { p.review_date = v || null; }), { type: "date" }),
      textInput("name", plan().name, (v) => update((p) => { p.name = v.trim(); })),
    ],
    summary: () => {
      const p = plan();
      const sections = planSections(p, guide, resources);
      const preview = sections.length
        ? sections.map((s) => h("section", { class: "mc-plan-section" }, h("h4", {}, s.title),
          h("ul", {}, s.entries.map((e) => h("li", {}, e.label ? h("strong", {}, `${e.label}: `) : null, e.text)))))
        : [h("p", {}, "Your plan is empty so far. Go back to any step to add to it; every part is optional.")];
      return [h("div", { class: "mc-plan-preview" }, preview), downloads(p)];
    },
  };

  /** A format's list item: its download link, and an "open it" link if the format has one. */
  function download(format, p) {
    const text = EXPORTERS[format.id](p, guide, resources);
    const url = URL.createObjectURL(new Blob([text], { type: format.media_type }));
    return h("li", {}, h("a", { href: url, download: format.filename, class: "mc-download" }, format.label),
      format.open_label
        ? [" ", h("a", { href: url, target: "_blank", rel: "noopener", class: "mc-download" }, format.open_label)]
        : null);
  }

  function downloads(p) {
    return h("div", { class: "mc-downloads" },
      h("p", {}, "Save or share your plan. Each file is made here, on your device."),
      h("ul", {}, guide.formats.map((format) => download(format, p))));
  }

  // ----- draft, load, privacy -----

  // What the tools did, shown beside them as well as spoken: a message only a screen reader
  // heard left everyone else guessing whether a file had loaded or a plan was gone.
  const status = h("p", { class: "mc-plan-status", hidden: true });
  const say = (text, error = false) => {
    status.replaceChildren(h("span", { "aria-hidden": "true" }, error ? "⚠" : "✓"), h("span", {}, text));
    status.classList.toggle("mc-error", error);
    status.hidden = false;
    announce(text);
  };

  const draftBox = h("input", { type: "checkbox", id: id("draft"), checked: keepDraft });
  draftBox.addEventListener("change", () => {
    keepDraft = draftBox.checked;
    if (!store) {
      say("This browser does not allow saving a draft. Save your plan as a file instead, on the last step.", true);
      draftBox.checked = keepDraft = false;
      return;
    }
    if (keepDraft) {
      store.setItem(DRAFT_KEY, JSON.stringify(plan()));
      say("Your draft will be kept in this browser until you erase it.");
    } else {
      store.removeItem(DRAFT_KEY);
      say("Your draft is no longer kept in this browser.");
    }
  });

  // Erasing asks first, in the page: window.confirm is blocked in some embedding frames.
  const erase = h("button", { type: "button", class: "mc-secondary", "aria-expanded": "false", onclick: () => askToErase(true) },
    "Erase my draft");
  const keep = h("button", { type: "button", class: "mc-primary", onclick: () => askToErase(false) }, "Keep my plan");
  const confirmBox = h("div", { class: "mc-plan-confirm", role: "group", "aria-labelledby": id("erase"), hidden: true, onkeydown: keepOnEscape },
    h("p", { id: id("erase") }, h("strong", {}, "Erase everything in this plan?"),
      " Every step is emptied and no draft is kept in this browser. This cannot be undone."),
    h("div", { class: "mc-row-actions" }, h("button", { type: "button", class: "mc-danger", onclick: eraseAll }, "Erase"), keep));
  function askToErase(open) {
    confirmBox.hidden = !open;
    erase.setAttribute("aria-expanded", String(open));
    (open ? keep : erase).focus(); // the safe choice first; back where the mentor was after
  }
  function keepOnEscape(event) {
    if (event.key !== "Escape") return;
    event.stopPropagation(); // a notebook's own Esc shortcut is not meant here
    askToErase(false);
  }
  function eraseAll() {
    store?.removeItem(DRAFT_KEY);
    keepDraft = draftBox.checked = false;
    model.set("plan", emptyPlan(template));
    model.save_changes();
    go(0, false);
    askToErase(false);
    say("Your plan is erased: the form is empty and no draft is kept in this browser.");
  }

  const loader = h("input", { type: "file", id: id("load"), accept: ".json,application/json" });
  const saveLabel = guide.formats.find((format) => format.id === "json").label;
  loader.addEventListener("change", async () => {
    const file = loader.files[0];
    if (!file) return;
    loader.value = "";
    let data;
    try {
      data = JSON.parse(await file.text());
    } catch {
      // not JSON: said below, in words, rather than the parser's
    }
    const problem = data === undefined ? "it is not a plan file (it is not JSON)" : planProblem(data, template);
    if (problem) {
      say(`"${file.name}" was not loaded: ${problem}. Your plan here is unchanged. ` +
        `Choose the .json file you saved with "${saveLabel}" on the last step.`, true);
      return;
    }
    model.set("plan", completePlan(data, template));
    model.save_changes();
    if (keepDraft && store) store.setItem(DRAFT_KEY, JSON.stringify(plan()));
    go(0, false);
    say(`Loaded your plan from "${file.name}". Continue where you left off.`);
  });

  // ----- steps -----

  const progress = h("ol", { class: "mc-plan-progress" });
  const count = h("p", { class: "mc-plan-count" });
  const stepBox = h("section", { class: "mc-plan-step", "aria-labelledby": id("step-title") });
  const back = h("button", { type: "button", class: "mc-secondary" }, "← Back");
  const next = h("button", { type: "button", class: "mc-primary" }, "Next →");

  function go(index, focus = true) {
    const step = Math.max(0, Math.min(steps.length - 1, index));
    model.set("step", step);
    model.save_changes();
    const info = steps[step];
    progress.replaceChildren(...steps.map((s, i) =>
      h("li", { "aria-current": i === step ? "step" : null, class: i < step ? "done" : null }, s.title)));
    count.textContent = `Step ${step + 1} of ${steps.length}`;
    const heading = h("h3", { id: id("step-title"), tabindex: "-1" }, info.title);
    stepBox.replaceChildren(heading, h("p", { class: "mc-plan-intro" }, info.intro), ...stepBodies[info.id]().filter(Boolean));
    back.disabled = step === 0;
    next.hidden = step === steps.length - 1;
    if (focus) {
      heading.focus();
      announce(`Step ${step + 1} of ${steps.length}: ${info.title}`);
    }
  }
  back.addEventListener("click", () => go(model.get("step") - 1));
  next.addEventListener("click", () => go(model.get("step") + 1));

  el.replaceChildren(
    h("div", { class: "mc-widget mc-plan" },
      h("p", { class: "mc-plan-privacy" }, h("strong", {}, "Private. "), guide.privacy),
      h("div", { class: "mc-plan-tools" },
        h("div", { class: "mc-check" }, draftBox,
          h("label", { for: id("draft") }, "Keep a draft in this browser so I can come back to it (on this device only)")),
        erase, confirmBox,
        h("div", { class: "mc-field" }, h("label", { for: id("load") }, "Continue a plan you saved (.json)"), loader),
        status),
      h("nav", { "aria-label": "Plan steps" }, progress),
      count, stepBox,
      h("div", { class: "mc-plan-nav" }, back, next),
      live),
  );
  go(model.get("step") || 0, false);
}

export default { render };
