// The static book's widget host: a classic script (it must run from file://,
// where module scripts and sibling imports are refused). It mounts the same
// ES modules the notebook widgets use on every `.mc-widget-host` element,
// with a small in-page model that behaves like anywidget's. The book extension
// writes each module into `window.mentorCourseModules` as a function of a
// loader (for the modules it imports) returning its exports, so every widget is
// mounted synchronously as soon as the parser has read it (an inline call after
// each host), before the load event; nothing waits on an import or the network.
// Nothing here talks to a server: a served-book quiz's host is served-quiz.js.
(function () {
  "use strict";
  // Each widget's script ends with this host: on a page with widgets of two kinds, the
  // first copy mounts them all (their modules are all in window.mentorCourseModules).
  if (window.mentorCourseMountWidgets) return;

  const loaded = {};
  function loadModule(name) {
    if (!loaded[name]) {
      const factory = (window.mentorCourseModules || {})[name];
      if (typeof factory !== "function") throw new Error(`missing module ${name}`);
      loaded[name] = factory(loadModule); // a module's imports load through the same cache
    }
    return loaded[name];
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

  // Per widget: its starting state and what the host does on save_changes.
  const HOSTS = {
    // A self-check: grading.js grades in the page, as the kernel would. In the
    // served book the page has no answer key: the course server grades, and
    // records the attempt when the mentor is signed in.
    quiz(data, host) {
      if (data.served) {
        // served-quiz.js, which only the served book's quiz pages load.
        if (typeof window.mentorCourseServedQuiz !== "function") throw new Error("missing served-quiz.js");
        return window.mentorCourseServedQuiz(data);
      }
      const { grade } = loadModule("grading");
      const { drawIds } = loadModule("draw");
      return {
        state: {
          bank: data.bank, attempt: "", answers: {}, submission: null, result: null, mode: "all",
          status_note: data.status_note, saved_note: "", standing: "",
        },
        onSave(changed, model) {
          const submission = changed.submission;
          if (!submission) return;
          try {
            const shown = [...drawIds(data.key, submission.attempt_id)];
            const result = grade(data.key, submission.answers, shown);
            model.set("result", { attempt_id: submission.attempt_id, ...result });
            // For whoever listens: a SCORM package's page script (scorm/static/page.js).
            const types = Object.fromEntries(data.key.questions.map((q) => [q.id, q.type]));
            host.dispatchEvent(new CustomEvent("mc-graded", { bubbles: true, detail: { bank_id: data.key.id, result, types } }));
          } catch (error) {
            // grading.js refuses a malformed answer as the server would (an AnswerError).
            model.set("status_note", `That answer could not be checked: ${error.message}`);
          }
        },
      };
    },
    // The pacer only keeps time in the page.
    breathing(data) {
      return { state: { patterns: data.patterns, pattern: data.patterns[0].id, minutes: data.minutes }, onSave() {} };
    },
    // The check-in is scored in the page, and its answers go nowhere.
    "self-check-in"(data) {
      return { state: { check_in: data.check_in, resources: data.resources }, onSave() {} };
    },
    // So are a program's ratings and its action plan.
    "org-assessment"(data) {
      return { state: { assessment: data.assessment }, onSave() {} };
    },
    // The plan stays in the page; there is nothing to send anywhere.
    "plan-builder"(data) {
      return { state: { guide: data.guide, resources: data.resources, plan: null, step: 0 }, onSave() {} };
    },
  };

  function mount(host) {
    const kind = host.dataset.widget;
    const data = JSON.parse(host.querySelector("script.mc-widget-data").textContent);
    const { state, onSave, attach, module = kind } = HOSTS[kind](data, host);
    const widget = loadModule(module);
    const model = new PageModel(state, onSave);
    if (attach) attach(model);
    const mountPoint = document.createElement("div");
    host.append(mountPoint);
    widget.default.render({ model, el: mountPoint });
    host.dataset.ready = "true";
  }

  const mounted = new WeakSet();

  // Mounts every host not mounted yet: called by the inline script the book writes
  // right after each host (so a widget is usable as soon as it is parsed, without
  // waiting for the rest of the page and the theme's deferred scripts), and once
  // more when the document is parsed, for a page without those inline calls.
  function start() {
    for (const host of document.querySelectorAll(".mc-widget-host")) {
      if (mounted.has(host)) continue;
      mounted.add(host);
      try {
        mount(host);
      } catch (error) {
        const message = document.createElement("p");
        message.textContent = `This part of the page could not load (${error.message}). Try reloading the page.`;
        host.append(message);
      }
    }
  }

  window.mentorCourseMountWidgets = start;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
