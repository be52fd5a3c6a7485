// The served book's quiz host, a classic script beside widget-host.js (loaded
// before it, on the served book's quiz pages only; the static book never talks
// to a server). It defines window.mentorCourseServedQuiz(data), which returns
// the {state, attach, onSave} that widget-host.js mounts the quiz with.
(function () {
  "use strict";

  // The quiz shows at once, answerable. Who is signed in decides the note, where
  // a check goes and whether a coordinator gets the presenter view; that is
  // filled in when the course server answers, and a check waits for it.
  window.mentorCourseServedQuiz = function servedQuiz(data) {
    const bankPath = `/api/quizzes/${encodeURIComponent(data.bank.id)}`;
    const get = (url) => fetch(url, { credentials: "same-origin" }).then((r) => (r.ok ? r.json() : null));
    let model = null;
    const ready = (async () => {
      // Offline or no server: the quiz still shows, and says it cannot check.
      const session = (await get("/api/session").catch(() => null)) || { role: "anonymous" };
      const presenter = session.role === "coordinator" ? await get(`${bankPath}/presenter`).catch(() => null) : null;
      const recording = session.role === "mentor";
      model.set("presenter", presenter);
      model.set("status_note", recording
        ? `Checked attempts are saved to your progress as ${session.name}. Your progress page is at ${location.origin}/me.`
        : "You have not opened the course with your enrollment link, so this is a self-check: your answers are checked but not recorded.");
      return { csrf: session.csrf || "", url: recording ? "/api/attempts" : `${bankPath}/check` };
    })();
    return {
      state: {
        bank: data.bank, answers: {}, submission: null, result: null, mode: "all", presenter: null, status_note: "",
      },
      attach(pageModel) {
        model = pageModel; // before `ready` resumes: mounting is synchronous
      },
      onSave(changed) {
        const submission = changed.submission;
        if (!submission) return;
        ready
          .then(({ csrf, url }) => fetch(url, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
            body: JSON.stringify({ attempt_id: submission.attempt_id, bank_id: data.bank.id, answers: submission.answers }),
          }))
          .then(async (response) => {
            const body = await response.json();
            if (!response.ok) throw new Error(typeof body.detail === "string" ? body.detail : response.statusText);
            model.set("result", { attempt_id: submission.attempt_id, ...body.result });
          })
          .catch((error) => model.set("status_note", `Your answers could not be checked: ${error.message}. Please try again.`));
      },
    };
  };
})();
