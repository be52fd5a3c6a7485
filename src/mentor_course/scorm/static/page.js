// Every page of a SCORM package's book: tells the package's launch page
// (session.js, this page's parent frame) where the learner is, and forwards
// each checked quiz attempt (the "mc-graded" event widget-host.js sends).
// Without a launch page above it, the page is the static book: nothing is sent.
(function () {
  "use strict";

  function session() {
    try {
      return window.parent !== window ? window.parent.mentorCourseScorm || null : null;
    } catch {
      return null; // a parent of another origin: not our launch page
    }
  }

  const lms = session();
  if (!lms) return;
  lms.visit(location.href);
  document.addEventListener("mc-graded", (event) => lms.recordAttempt(event.detail));
})();
