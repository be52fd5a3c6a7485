// Attempts kept on this device until the course server has them: a classic
// script (served pages only), before served-quiz.js, which uses it. An attempt
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

  window.mentorCourseAttemptQueue = {
    /** Keep an attempt ({attempt_id, bank_id, answers, learner}); the same id again replaces it. */
    keep: (entry) => run("readwrite", (store) => store.put(entry)),
    /** Every attempt waiting here. */
    waiting: () => run("readonly", (store) => store.getAll()),
    /** Forget an attempt the server has stored. */
    forget: (attemptId) => run("readwrite", (store) => store.delete(attemptId)),
  };
})();
