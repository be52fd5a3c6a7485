// The static book's widget host: a classic script (it must run from file://,
// where module scripts and sibling imports are refused). It mounts the same
// ES modules the notebook widgets use on every `.mc-widget-host` element,
// with a small in-page model that behaves like anywidget's. Module sources
// come from `window.mentorCourseModules` (written by the book extension) and
// are imported from Blob URLs. Nothing here talks to a server.
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

  // Per widget: its starting state and what the host does on save_changes.
  const HOSTS = {
    // A self-check: grading.js grades in the page, as the kernel would. In the
    // served book the page has no answer key: the course server grades, and
    // records the attempt when the mentor is signed in.
    async quiz(data) {
      if (data.served) return servedQuiz(data);
      const { grade } = await importModule("grading");
      return {
        state: {
          bank: data.bank, answers: {}, submission: null, result: null, mode: "all",
          status_note: data.status_note, presenter: data.presenter,
        },
        onSave(changed, model) {
          const submission = changed.submission;
          if (submission) {
            model.set("result", { attempt_id: submission.attempt_id, ...grade(data.key, submission.answers) });
          }
        },
      };
    },
    // The pacer only keeps time in the page.
    async breathing(data) {
      return { state: { patterns: data.patterns, pattern: data.patterns[0].id, minutes: data.minutes }, onSave() {} };
    },
    // The plan stays in the page; there is nothing to send anywhere.
    async "plan-builder"(data) {
      return { state: { guide: data.guide, resources: data.resources, plan: null, step: 0 }, onSave() {} };
    },
  };

  async function servedQuiz(data) {
    let session = { role: "anonymous" };
    try {
      session = await (await fetch("/api/session", { credentials: "same-origin" })).json();
    } catch {
      // Offline or no server: the quiz still shows, and says it cannot check.
    }
    const recording = session.role === "mentor";
    let presenter = null;
    if (session.role === "coordinator") {
      const answers = await fetch(`/api/quizzes/${encodeURIComponent(data.bank.id)}/presenter`, { credentials: "same-origin" });
      if (answers.ok) presenter = await answers.json();
    }
    const url = recording ? "/api/attempts" : `/api/quizzes/${encodeURIComponent(data.bank.id)}/check`;
    return {
      state: {
        bank: data.bank, answers: {}, submission: null, result: null, mode: "all", presenter,
        status_note: recording
          ? `Checked attempts are saved to your progress as ${session.name}. Your progress page is at ${location.origin}/me.`
          : "You have not opened the course with your enrollment link, so this is a self-check: your answers are checked but not recorded.",
      },
      onSave(changed, model) {
        const submission = changed.submission;
        if (!submission) return;
        fetch(url, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": session.csrf || "" },
          body: JSON.stringify({ attempt_id: submission.attempt_id, bank_id: data.bank.id, answers: submission.answers }),
        })
          .then(async (response) => {
            const body = await response.json();
            if (!response.ok) throw new Error(typeof body.detail === "string" ? body.detail : response.statusText);
            model.set("result", { attempt_id: submission.attempt_id, ...body.result });
          })
          .catch((error) => model.set("status_note", `Your answers could not be checked: ${error.message}. Please try again.`));
      },
    };
  }

  async function mount(host) {
    const kind = host.dataset.widget;
    const data = JSON.parse(host.querySelector("script.mc-widget-data").textContent);
    const [{ state, onSave }, widget] = await Promise.all([HOSTS[kind](data), importModule(kind)]);
    const mountPoint = document.createElement("div");
    host.append(mountPoint);
    widget.default.render({ model: new PageModel(state, onSave), el: mountPoint });
    host.dataset.ready = "true";
  }

  function start() {
    for (const host of document.querySelectorAll(".mc-widget-host")) {
      mount(host).catch((error) => {
        const message = document.createElement("p");
        message.textContent = `This part of the page could not load (${error.message}). Try reloading the page.`;
        host.append(message);
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
