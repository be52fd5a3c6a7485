// The served book's quiz host, a classic script beside widget-host.js (loaded
// before it, on the served book's quiz pages only; the static book never talks
// to a server). It defines window.mentorCourseServedQuiz(data), which returns
// the {state, attach, onSave} that widget-host.js mounts the quiz with.
//
// A signed-in mentor's attempt goes to /api/attempts, which grades and records
// it. When that cannot happen (the session is gone, or the network), the
// attempt is kept on the device (attempt-queue.js) and sent once the mentor is
// signed in and online again; the page still shows its result where the
// server's self-check can grade it.
(function () {
  "use strict";

  const LEARNER = "mentor-course-learner"; // who last signed in on this device
  // attempt-queue.js is deferred and this host runs as the page is read: the queue is
  // there once the document is parsed (deferred scripts run just before that).
  const parsed = new Promise((resolve) => {
    if (document.readyState !== "loading") resolve();
    else document.addEventListener("DOMContentLoaded", resolve);
  });
  const queue = {
    keep: (entry) => parsed.then(() => window.mentorCourseAttemptQueue.keep(entry)),
    send: (session) => parsed.then(() => window.mentorCourseAttemptQueue.send(session)),
  };
  const clock = () => new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const passedOn = (iso) => {
    const day = new Date(iso);
    return `You passed this check on ${day.toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric" })}.`;
  };

  async function post(url, csrf, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
    });
    const reply = await response.json().catch(() => ({}));
    return { status: response.status, ok: response.ok, reply };
  }

  window.mentorCourseServedQuiz = function servedQuiz(data) {
    const bankPath = `/api/quizzes/${encodeURIComponent(data.bank.id)}`;
    const get = (url) => fetch(url, { credentials: "same-origin" }).then((r) => (r.ok ? r.json() : null));
    let model = null;
    let session = { role: "anonymous" };

    async function showStanding() {
      const mine = (await get("/api/me/attempts").catch(() => null)) || [];
      const passes = mine.filter((a) => a.bank_id === data.bank.id && a.passed);
      if (passes.length) model.set("standing", passedOn(passes[0].finished_at));
    }

    async function catchUp() {
      if (session.role !== "mentor") return;
      await queue.send(session);
      await showStanding();
    }
    // Whoever sent them (this page, or the account bar retrying), the quiz says so.
    window.addEventListener("mc-attempts-changed", (event) => {
      const sent = event.detail.sent;
      if (!sent || !model) return;
      model.set("saved_note", `${sent} ${sent === 1 ? "attempt" : "attempts"} kept on this device ${sent === 1 ? "was" : "were"} sent and saved at ${clock()}.`);
      if (session.role === "mentor") showStanding();
    });

    // The quiz shows at once, answerable. Who is signed in decides the note, where
    // a check goes and whether a coordinator gets the presenter view; that is
    // filled in when the course server answers, and a check waits for it.
    const ready = (async () => {
      // Offline or no server: the quiz still shows, and keeps what it cannot send.
      session = (await get("/api/session").catch(() => null)) || { role: "anonymous" };
      if (session.role === "mentor") localStorage.setItem(LEARNER, session.name);
      const presenter = session.role === "coordinator" ? await get(`${bankPath}/presenter`).catch(() => null) : null;
      model.set("presenter", presenter);
      const known = localStorage.getItem(LEARNER);
      model.set("status_note", session.role === "mentor"
        ? `Checked attempts are saved to your progress as ${session.name}: see "My progress" at the top of the page.`
        : known
          ? `You are not signed in on this page, ${known}. Checked attempts are kept on this device and sent to your progress when you open the course with your enrollment link again.`
          : "You have not opened the course with your enrollment link, so this is a self-check: your answers are checked but not recorded.");
      await catchUp();
    })();
    window.addEventListener("online", () => ready.then(catchUp));
    // The account bar found the server again after an outage: attempts now go straight to it.
    window.addEventListener("mc-session", (event) => { session = event.detail; });

    /** Grade without recording, so the learner still sees a result; null when that fails too. */
    async function selfCheck(submission) {
      try {
        const { ok, reply } = await post(`${bankPath}/check`, session.csrf || "", submission);
        return ok ? reply.result : null;
      } catch {
        return null;
      }
    }

    async function keepOnDevice(submission, learner) {
      await queue.keep({ ...submission, learner });
      const result = await selfCheck(submission);
      if (result) model.set("result", { attempt_id: submission.attempt_id, ...result });
      model.set("saved_note", result
        ? "Kept on this device: this attempt is sent to your progress when you open the course with your enrollment link again."
        : "Kept on this device, waiting to send: it is checked and saved when the course server can be reached again.");
    }

    async function submit(submission) {
      await ready;
      const known = localStorage.getItem(LEARNER);
      if (session.role !== "mentor") {
        if (known) return keepOnDevice(submission, known);
        const result = await selfCheck(submission);
        if (result) return model.set("result", { attempt_id: submission.attempt_id, ...result });
        return model.set("saved_note", "Your answers could not be checked: the course server cannot be reached. Please try again later.");
      }
      let sent;
      try {
        sent = await post("/api/attempts", session.csrf, submission);
      } catch {
        return keepOnDevice(submission, session.name); // offline
      }
      if (sent.status === 503) return keepOnDevice(submission, session.name); // store full: later
      if (sent.status === 401) {
        const name = session.name;
        session = { role: "anonymous" };
        return keepOnDevice(submission, name);
      }
      if (!sent.ok) {
        const reason = typeof sent.reply.detail === "string" ? sent.reply.detail : `error ${sent.status}`;
        return model.set("saved_note", `Your answers could not be checked: ${reason}. Please try again.`);
      }
      model.set("result", { attempt_id: submission.attempt_id, ...sent.reply.result });
      model.set("saved_note", `Saved at ${clock()}.`);
      if (sent.reply.result.passed && !model.get("standing")) model.set("standing", passedOn(new Date().toISOString()));
    }

    return {
      module: "presenting-quiz", // a signed-in coordinator gets the presenter view
      state: {
        bank: data.bank, attempt: "", answers: {}, submission: null, result: null, mode: "all",
        presenter: null, status_note: "", saved_note: "", standing: "",
      },
      attach(pageModel) {
        model = pageModel; // before `ready` resumes: mounting is synchronous
      },
      onSave(changed) {
        const submission = changed.submission;
        if (!submission) return;
        model.set("saved_note", "Checking…");
        submit({ attempt_id: submission.attempt_id, bank_id: data.bank.id, answers: submission.answers })
          .catch((error) => model.set("saved_note", `Your answers could not be checked: ${error.message}. Please try again.`));
      },
    };
  };
})();
