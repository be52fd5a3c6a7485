// Front-end helpers every widget module uses. Imported by name
// (`import { h } from "./helpers.js"`); the Python linker
// (mentor_course.widgets.linker) inlines them for the notebook and the book.

/**
 * Create an element with attributes and children. `on<event>` attributes add
 * listeners; `value` sets the property, which is what a text area shows.
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "value") node.value = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
  }
  return node;
}

/** Where the self-check-in hands the signs a mentor chose to the plan builder (localStorage). */
export const PLAN_SIGNS_KEY = "mentor-course:plan-signs-from-check-in";

/** A random version-4 UUID. crypto.randomUUID needs a secure context, which file:// pages may lack. */
export function newId() {
  if (globalThis.crypto && typeof globalThis.crypto.randomUUID === "function") {
    return globalThis.crypto.randomUUID();
  }
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A polite live region and the function that speaks through it. Clearing it first makes a
 * repeated message be read again.
 */
export function liveRegion() {
  const live = h("div", { class: "mc-live", role: "status", "aria-live": "polite" });
  const announce = (text) => {
    live.textContent = "";
    setTimeout(() => (live.textContent = text), 50);
  };
  return { live, announce };
}

/** Options on a presenter's screen: "A. ...", "B. ...". */
export function lettered(texts) {
  return h("ol", { class: "mc-present-options" }, texts.map((text, i) => h("li", {}, `${String.fromCharCode(65 + i)}. ${text}`)));
}

/** Whether an answer is missing: nothing, an empty string, list or mapping. */
export function isEmpty(answer) {
  if (answer === undefined || answer === null || answer === "") return true;
  if (Array.isArray(answer)) return answer.length === 0;
  if (typeof answer === "object") return Object.keys(answer).length === 0;
  return false;
}
