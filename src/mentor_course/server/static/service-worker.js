// The served course's service worker (/sw.js, written by the server from the built book:
// see offline.py). It keeps a copy of every page and of every file the pages load, so after
// one visit the course works with the network gone.
//
// Pages: from the network when it answers (so a new version shows at once), else the copy.
// Other files: the copy first; every file changes name or version when the course is rebuilt,
// and a rebuilt course is a new worker with a new copy, which replaces the old one.
// Anything private (the API, sign-in, the coordinator's and the live pages) never goes
// through it: those always ask the server, and nothing personal is ever kept here.
"use strict";

const MANIFEST = __MANIFEST__;
const CACHE = `mentor-course-${MANIFEST.version}`;
const PRIVATE = ["/api/", "/coordinator", "/me", "/enroll/", "/live", "/join", "/sw.js"];
// A phone on a weak signal: after this long, the saved page is better than waiting.
const PAGE_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(MANIFEST.urls.map((url) => new Request(url, { cache: "no-cache" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith("mentor-course-") && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (PRIVATE.some((prefix) => url.pathname.startsWith(prefix))) return;
  event.respondWith(request.mode === "navigate" ? page(request, url) : file(request));
});

async function page(request, url) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), PAGE_TIMEOUT_MS)),
    ]);
    if (response.ok) await cache.put(url.pathname, response.clone());
    return response;
  } catch {
    const saved = await cache.match(url.pathname, { ignoreSearch: true })
      || (url.pathname.endsWith("/") && await cache.match(`${url.pathname}index.html`));
    return saved || offlinePage();
  }
}

async function file(request) {
  const cache = await caches.open(CACHE);
  const saved = await cache.match(request, { ignoreSearch: true });
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

function offlinePage() {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>You are offline</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
<h1>You are offline</h1><p>This page was not saved on this device. The pages of the course you
have opened before still work: <a href="/">go to the start of the course</a>.</p></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
