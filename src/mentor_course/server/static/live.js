// Live check-in pages: reload when the room moves on (a new question, or new
// answers for the presenter). Without JavaScript the pages still work with
// their Refresh links. The presenter can switch automatic updates off.
(function () {
  "use strict";
  const poll = document.querySelector("[data-live-state]");
  if (!poll) return;
  const toggle = document.getElementById("live-auto");
  setInterval(async () => {
    if (toggle && !toggle.checked) return;
    try {
      const response = await fetch(poll.dataset.liveState, { credentials: "same-origin" });
      if (!response.ok) return;
      const state = await response.json();
      const version = poll.dataset.watch === "answers" ? `${state.question_index}:${state.answers}` : `${state.question_index}`;
      if (version !== poll.dataset.version) location.reload();
    } catch {
      // The server is away for a moment; try again on the next tick.
    }
  }, 3000);
})();
