// What the two private check-ins (self-check-in.js, org-assessment.js) share:
// areas of statements, each statement rated on one scale with native radio buttons.
import { h } from "./helpers.js";

/** A fieldset per area and a radio group per statement; a choice is kept in `ratings[id]`. */
export function ratingGroups({ uid, areas, scale, ratings }) {
  return areas.map((area) => h("fieldset", { class: "mc-group mc-checkin-area" },
    h("legend", {}, area.title),
    area.items.map((item) => {
      const name = `${uid}-${item.id}`;
      return h("fieldset", { class: "mc-checkin-item" }, h("legend", {}, item.text),
        h("div", { class: "mc-checkin-scale" }, scale.map((step) => {
          const id = `${name}-${step.value}`;
          const input = h("input", { type: "radio", name, id, value: String(step.value) });
          input.addEventListener("change", () => (ratings[item.id] = step.value));
          return h("span", { class: "mc-checkin-step" }, input, h("label", { for: id }, step.label));
        })));
    })));
}
