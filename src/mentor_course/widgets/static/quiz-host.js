// The static book's quiz host: a classic script (it must run from file://,
// where module scripts and sibling imports are refused). It mounts quiz.js
// on every `.mc-quiz-host` element with a small in-page model that behaves
// like anywidget's, and grades with grading.js: a self-check, nothing leaves
// the page. Module sources come from `window.mentorCourseModules` (written
// by the book extension) and are imported from Blob URLs.
(function () {
  "use strict";

  const moduleUrls = {};
  function importModule(name) {
    if (!moduleUrls[name]) {
      const source = (window.mentorCourseModules || {})[name];
      if (!source) return Promise.reject(new Error(`missing module ${name}`));
      moduleUrls[name] = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    }
    return import(moduleUrls[name]);
  }

  // Just enough of anywidget's model: get, set (fires change:<key> at once),
  // on, off, save_changes (hands the keys set since the last save to the host).
  class PageModel {
    constructor(state, onSave) {
      this.state = { ...state };
      this.pending = {};
      this.listeners = {};
      this.onSave = onSave;
    }
    get(key) {
      return this.state[key];
    }
    set(key, value) {
      this.state[key] = value;
      this.pending[key] = value;
      for (const callback of this.listeners[`change:${key}`] || []) callback(value);
    }
    on(event, callback) {
      (this.listeners[event] = this.listeners[event] || []).push(callback);
    }
    off(event, callback) {
      this.listeners[event] = (this.listeners[event] || []).filter((c) => c !== callback);
    }
    save_changes() {
      const changed = this.pending;
      this.pending = {};
      this.onSave(changed, this);
    }
    send() {}
  }

  async function mount(host) {
    const data = JSON.parse(host.querySelector("script.mc-quiz-data").textContent);
    const [{ grade }, quiz] = await Promise.all([importModule("grading"), importModule("quiz")]);
    const model = new PageModel(
      { bank: data.bank, answers: {}, submission: null, result: null, mode: "all", status_note: data.status_note },
      (changed, self) => {
        const submission = changed.submission;
        if (submission) {
          self.set("result", { attempt_id: submission.attempt_id, ...grade(data.key, submission.answers) });
        }
      },
    );
    const mountPoint = document.createElement("div");
    host.append(mountPoint);
    quiz.default.render({ model, el: mountPoint });
    host.dataset.ready = "true";
  }

  function start() {
    for (const host of document.querySelectorAll(".mc-quiz-host")) {
      mount(host).catch((error) => {
        const message = document.createElement("p");
        message.textContent = `The knowledge check could not load (${error.message}). Try reloading the page.`;
        host.append(message);
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
