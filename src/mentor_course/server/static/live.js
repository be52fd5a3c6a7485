// Live check-in pages. Both follow the room by polling /live/CODE/state: the
// phones reload when the question changes or the check-in ends, the presenter
// when anything it shows changes (a changed answer included). Without
// JavaScript the pages still work with their Refresh links. The presenter can
// switch automatic updates off, and steer by keyboard or a presentation
// clicker: → or Page Down next, ← or Page Up previous, R reveal, B blank.
(function () {
  "use strict";
  const poll = document.querySelector("[data-live-state]");
  if (!poll) return;
  const toggle = document.getElementById("live-auto");
  const presenter = poll.dataset.watch === "presenter";

  setInterval(async () => {
    if (toggle && !toggle.checked) return;
    try {
      const response = await fetch(poll.dataset.liveState, { credentials: "same-origin" });
      if (!response.ok) return;
      const state = await response.json();
      const version = presenter ? state.version : `${state.question_index}:${state.ended ? 1 : 0}`;
      if (version !== poll.dataset.version) location.reload();
    } catch {
      // The server is away for a moment; try again on the next tick.
    }
  }, 3000);

  if (!("presenterKeys" in poll.dataset)) return;
  const press = (id) => {
    const button = document.getElementById(id);
    if (button && !button.disabled) button.click();
  };
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest && event.target.closest("input, textarea, select")) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (key === "ArrowRight" || key === "PageDown") press("live-next");
    else if (key === "ArrowLeft" || key === "PageUp") press("live-prev");
    else if (key === "r") document.getElementById("live-reveal")?.click();
    else if (key === "b") document.body.classList.toggle("live-blank");
    else return;
    event.preventDefault();
  });
})();
