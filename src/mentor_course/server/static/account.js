// The served book's account bar, on every page (a classic script; the static book has none).
// A signed-in mentor sees their name, "My progress" and "Sign out"; a coordinator, the
// dashboard and "Sign out"; a visitor, nothing. It also counts the attempts waiting on
// this device (attempt-queue.js) and sends them when the server answers again, and it
// registers the service worker that keeps the course readable offline.
(function () {
  "use strict";

  const LEARNER = "mentor-course-learner"; // who last signed in on this device (served-quiz.js)
  const ACCOUNT = "mentor-course-account"; // the bar as last shown, drawn again at once
  const RETRY_MS = 15000;
  const queue = window.mentorCourseAttemptQueue;
  let session = null;
  let retrying = null;

  // After the load event, so its copying of the course never slows the first visit.
  if ("serviceWorker" in navigator) {
    addEventListener("load", () => navigator.serviceWorker.register("/sw.js").catch(() => {}));
  }
  // Written in by the book extension (served.py) from account.css.
  document.head.append(Object.assign(document.createElement("style"), { textContent: "__ACCOUNT_CSS__" }));

  const h = (tag, props = {}, ...children) => {
    const el = Object.assign(document.createElement(tag), props);
    el.append(...children);
    return el;
  };

  function signOutForm(action, csrf) {
    const form = h("form", { method: "post", action, className: "mc-account-sign-out" },
      h("input", { type: "hidden", name: "csrf", value: csrf }),
      h("button", { type: "submit", className: "btn btn-sm" }, "Sign out"));
    form.addEventListener("submit", () => localStorage.removeItem(ACCOUNT));
    return form;
  }

  function bar() {
    let nav = document.querySelector(".mc-account");
    if (!nav) {
      nav = h("nav", { className: "mc-account", ariaLabel: "Your account" });
      const header = document.querySelector(".bd-header-article");
      if (header) header.after(nav);
      else document.body.prepend(nav);
    }
    return nav;
  }

  function draw(account, waiting) {
    const parts = [];
    if (account.role === "mentor") {
      parts.push(h("span", {}, "Signed in as ", h("strong", {}, account.name)),
        h("a", { href: "/me" }, "My progress"));
      if (account.csrf) parts.push(signOutForm("/me/sign-out", account.csrf));
    } else if (account.role === "coordinator") {
      parts.push(h("span", {}, "Coordinator ", h("strong", {}, account.name)),
        h("a", { href: "/coordinator" }, "Dashboard"));
      if (account.csrf) parts.push(signOutForm("/coordinator/logout", account.csrf));
    }
    if (account.offline) parts.push(h("span", {}, "Offline: pages you opened before still work."));
    const status = h("span", { className: "mc-account-waiting", role: "status" },
      waiting ? `${waiting} ${waiting === 1 ? "attempt" : "attempts"} waiting to send` : "");
    if (!parts.length && !waiting) {
      document.querySelector(".mc-account")?.remove();
      return;
    }
    bar().replaceChildren(...parts, status);
  }

  async function waitingCount() {
    if (!queue) return 0;
    const name = (session && session.name) || localStorage.getItem(LEARNER);
    return (await queue.waiting().catch(() => [])).filter((entry) => entry.learner === name).length;
  }

  async function refresh() {
    try {
      const response = await fetch("/api/session", { credentials: "same-origin" });
      if (!response.ok) throw new Error(`status ${response.status}`);
      const fresh = await response.json();
      const changed = !session || session.role !== fresh.role || session.name !== fresh.name;
      session = fresh;
      if (changed) window.dispatchEvent(new CustomEvent("mc-session", { detail: session }));
      if (session.role === "mentor") localStorage.setItem(LEARNER, session.name);
      localStorage.setItem(ACCOUNT, JSON.stringify({ role: session.role, name: session.name }));
    } catch {
      // The server cannot be reached: show who was signed in here, marked offline.
      const known = JSON.parse(localStorage.getItem(ACCOUNT) || "null");
      session = null;
      draw({ ...(known || { role: "anonymous" }), offline: true }, await waitingCount());
      return false;
    }
    if (session.role === "mentor") await queue.send(session);
    draw(session, await waitingCount());
    return true;
  }

  // While attempts wait, ask the server again now and then: a stopped server or a lost
  // signal says nothing when it comes back.
  async function keepTrying() {
    if (retrying || !(await waitingCount())) return;
    retrying = setTimeout(async () => {
      retrying = null;
      await refresh();
      keepTrying();
    }, RETRY_MS);
  }

  // Drawn from what this device knew, before the server answers, so the page does not jump.
  const known = JSON.parse(localStorage.getItem(ACCOUNT) || "null");
  if (known && known.role !== "anonymous") draw(known, 0);
  window.addEventListener("mc-attempts-changed", () => waitingCount().then((n) => {
    draw(session || { ...(known || { role: "anonymous" }), offline: true }, n);
    keepTrying();
  }));
  window.addEventListener("online", () => refresh().then(keepTrying));
  refresh().then(keepTrying);
})();
