// A SCORM package's launch page: finds the LMS's API, keeps the one session of
// this launch, and shows the book in a frame. Book pages (page.js) tell it where
// the learner is and hand it each checked attempt; it reports to the LMS:
//   SCORM 1.2   cmi.core.lesson_status (incomplete, then passed or failed once
//               every knowledge check has been taken), cmi.core.score.raw/min/max
//               (the share of checks passed, 0 to 100), cmi.core.lesson_location
//   SCORM 2004  cmi.completion_status, cmi.success_status, cmi.score.scaled and
//               raw/min/max, cmi.location, and one cmi.interactions entry per
//               answered question (id, type, result)
// Progress resumes from cmi.suspend_data: for each knowledge check, taken or
// passed, and nothing else (never a plan or what a mentor wrote). Outside an
// LMS the frame shows the book and nothing is reported.
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("mc-scorm").textContent);
  const frame = document.getElementById("mc-course");
  const base = new URL(".", location.href).href;

  const VERSIONS = {
    "1.2": {
      api: "API", init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue",
      commit: "LMSCommit", finish: "LMSFinish", location: "cmi.core.lesson_location", exit: "cmi.core.exit",
      report(set, share, allTaken) {
        set("cmi.core.lesson_status", allTaken ? (share === 1 ? "passed" : "failed") : "incomplete");
        set("cmi.core.score.min", "0");
        set("cmi.core.score.max", "100");
        set("cmi.core.score.raw", String(Math.round(share * 100)));
      },
      interactions: false,
    },
    "2004": {
      api: "API_1484_11", init: "Initialize", get: "GetValue", set: "SetValue",
      commit: "Commit", finish: "Terminate", location: "cmi.location", exit: "cmi.exit",
      report(set, share, allTaken) {
        set("cmi.completion_status", allTaken ? "completed" : "incomplete");
        set("cmi.success_status", allTaken ? (share === 1 ? "passed" : "failed") : "unknown");
        set("cmi.score.min", "0");
        set("cmi.score.max", "100");
        set("cmi.score.raw", String(Math.round(share * 100)));
        set("cmi.score.scaled", String(Math.round(share * 10000) / 10000));
      },
      interactions: true,
    },
  };
  const INTERACTION_TYPES = {
    single: "choice", multiple: "choice", true_false: "true-false", match: "matching", order: "sequencing",
  };

  /** The API object named `name` in `start` or the frames above it, as the standard searches. */
  function searchFrom(start, name) {
    let win = start;
    for (let hops = 0; win && hops < 10; hops++) {
      try {
        if (win[name]) return win[name];
      } catch {
        return null; // a frame of another origin
      }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  const version = VERSIONS[config.version];
  const api = searchFrom(window, version.api) || (window.opener && searchFrom(window.opener, version.api));
  if (!api) {
    frame.src = config.start; // outside an LMS: the static book
    return;
  }

  const call = (method, ...args) => String(api[version[method]](...args));
  const set = (key, value) => call("set", key, value);
  call("init", "");
  let finished = false;

  // What was taken and passed: {checks: {bankId: 1 passed | 0 taken}}.
  let progress = { checks: {} };
  try {
    progress = { checks: {}, ...JSON.parse(call("get", "cmi.suspend_data") || "{}") };
  } catch {
    // unreadable: start afresh rather than stop the course
  }

  function report() {
    const taken = config.checks.filter((id) => id in progress.checks);
    const passed = config.checks.filter((id) => progress.checks[id] === 1);
    version.report(set, passed.length / config.checks.length, taken.length === config.checks.length);
    set("cmi.suspend_data", JSON.stringify(progress)); // about 30 characters a check
  }

  function interactions(bankId, result, types) {
    let next = Number(call("get", "cmi.interactions._count")) || 0;
    for (const question of result.questions) {
      if (question.verdict === "unanswered") continue;
      const at = `cmi.interactions.${next++}`;
      set(`${at}.id`, `${bankId}.${question.id}`);
      set(`${at}.type`, INTERACTION_TYPES[types[question.id]] || "other");
      set(`${at}.result`, question.verdict === "correct" ? "correct"
        : question.verdict === "incorrect" ? "incorrect" : String(question.score));
    }
  }

  window.mentorCourseScorm = {
    /** The learner opened `href`, a page of the package. */
    visit(href) {
      if (finished || !href.startsWith(base)) return;
      set(version.location, href.slice(base.length));
      call("commit", "");
    },
    /** A checked attempt: {bank_id, result (grade()'s), types: {questionId: type}}. */
    recordAttempt({ bank_id: bankId, result, types }) {
      if (finished || !config.checks.includes(bankId)) return;
      progress.checks[bankId] = progress.checks[bankId] === 1 || result.passed ? 1 : 0;
      if (version.interactions) interactions(bankId, result, types);
      report();
      call("commit", "");
    },
  };

  function finish() {
    if (finished) return;
    finished = true;
    set(version.exit, "suspend"); // so the next launch resumes here
    call("commit", "");
    call("finish", "");
  }
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);

  report();
  call("commit", "");
  const resume = call("get", version.location);
  frame.src = resume && !/^[a-z]+:|^\/|\.\./i.test(resume) ? resume : config.start;
})();
