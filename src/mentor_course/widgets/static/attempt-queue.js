// Attempts kept on this device until the course server has them: a classic
// script on every served page, before account.js and served-quiz.js, which use
// it. An attempt
// waits here when the mentor's session is gone (cookie expired, another
// device) or the network is; it is sent, once, when the mentor is signed in
// and online again. Each entry carries the name it was made under, so a
// shared device never sends one mentor's attempt as another's.
// Nothing here ever holds a plan or a self-check-in: only quiz answers.
(function () {
  "use strict";

  const DB = "mentor-course";
  const STORE = "attempts";

  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "attempt_id" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function run(mode, work) {
    const db = await open();
    try {
      return await new Promise((resolve, reject) => {
        const transaction = db.transaction(STORE, mode);
        const request = work(transaction.objectStore(STORE));
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = () => reject(transaction.error);
      });
    } finally {
      db.close();
    }
  }

  // Each change is announced, so every script on the page shows the same count.
  const changed = (detail) => window.dispatchEvent(new CustomEvent("mc-attempts-changed", { detail }));
  const waiting = () => run("readonly", (store) => store.getAll());
  const forget = (attemptId) => run("readwrite", (store) => store.delete(attemptId));

  async function send(session) {
    let sent = 0;
    try {
      for (const entry of await waiting()) {
        if (entry.learner !== session.name) continue;
        const response = await fetch("/api/attempts", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": session.csrf },
          body: JSON.stringify({ attempt_id: entry.attempt_id, bank_id: entry.bank_id, answers: entry.answers }),
        });
        // Stored now (or already); a refused one would be refused again.
        if (!(response.ok || response.status === 409 || response.status === 422)) break;
        await forget(entry.attempt_id);
        sent += response.ok ? 1 : 0;
      }
    } catch {
      // Offline again: the rest wait for the next chance.
    }
    if (sent) changed({ sent });
    return sent;
  }

  let sending = null;
  window.mentorCourseAttemptQueue = {
    /** Keep an attempt ({attempt_id, bank_id, answers, learner}); the same id again replaces it. */
    keep: (entry) => run("readwrite", (store) => store.put(entry)).then(() => changed({ kept: 1 })),
    /** Every attempt waiting here. */
    waiting,
    /** Send the attempts kept here for `session`'s mentor, oldest first; how many were
     * stored. Two callers at once share one sending, so no attempt is posted twice. */
    send(session) {
      sending = sending || send(session).finally(() => { sending = null; });
      return sending;
    },
  };
})();
