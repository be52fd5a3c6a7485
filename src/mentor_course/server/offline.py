"""The served course offline: the files a service worker keeps, and the worker itself.

After one visit, a mentor's phone holds every page of the book and every file those pages
load, so the course (quizzes, plan builder, self-check-in, search) keeps working with the
network gone; attempts made meanwhile wait on the device (attempt-queue.js). The list is
read from the built book when the server starts: each page's scripts, stylesheets, icons
and images, and the fonts and images those stylesheets name. Its version is a hash of the
files' contents, so a rebuilt course is a new worker, which replaces the old copy whole.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import threading
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

STATIC = Path(__file__).parent / "static"
# Folders of the build that no page loads as it is shown: page sources, notebook downloads.
SKIPPED = ("_sources/", "_downloads/", ".doctrees/")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
LOADS = {"script": "src", "img": "src", "source": "src", "link": "href"}


class _Loaded(HTMLParser):
    """The local files one page loads (not the pages it links to)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attribute = LOADS.get(tag)
        values = dict(attrs)
        if attribute is None or not values.get(attribute):
            return
        if tag == "link" and not {"stylesheet", "icon"} & set((values.get("rel") or "").split()):
            return
        self.found.append(str(values[attribute]))


def _local(reference: str, base: str) -> str | None:
    """`reference` as a path from the book's root, when it names a file of ours."""
    reference = reference.split("#")[0].split("?")[0]
    if not reference or ":" in reference or reference.startswith("//"):
        return None  # another origin, data:, blob:, mailto:, a bare fragment
    path = reference.lstrip("/") if reference.startswith("/") else posixpath.join(base, reference)
    return posixpath.normpath(path)


@dataclass(frozen=True)
class OfflineCopy:
    version: str
    urls: tuple[str, ...]

    @classmethod
    def of_book(cls, book_dir: Path) -> OfflineCopy:
        pages = sorted(
            path.relative_to(book_dir).as_posix()
            for path in book_dir.rglob("*.html")
            if not path.relative_to(book_dir).as_posix().startswith((*SKIPPED, "_static/"))
        )
        files = set(pages)
        for page in pages:
            parser = _Loaded()
            parser.feed((book_dir / page).read_text(encoding="utf-8", errors="replace"))
            files |= {p for r in parser.found if (p := _local(r, posixpath.dirname(page)))}
        for sheet in sorted(f for f in files if f.endswith(".css")):
            text = (book_dir / sheet).read_text(encoding="utf-8", errors="replace")
            base = posixpath.dirname(sheet)
            files |= {p for r in CSS_URL.findall(text) if (p := _local(r, base))}
        kept = sorted(f for f in files if (book_dir / f).is_file())
        digest = hashlib.sha256()
        for name in kept:
            digest.update(name.encode() + b"\0" + (book_dir / name).read_bytes() + b"\0")
        return cls(digest.hexdigest()[:16], ("/", *(f"/{name}" for name in kept)))

    def service_worker(self) -> str:
        """The worker's script, with this copy's version and files written in."""
        manifest = json.dumps({"version": self.version, "urls": list(self.urls)})
        return (
            (STATIC / "service-worker.js")
            .read_text(encoding="utf-8")
            .replace("__MANIFEST__", manifest)
        )


class OfflineCopies:
    """The book's `OfflineCopy`, read when a browser first asks for the worker: an app made
    for a test that never asks pays nothing."""

    def __init__(self, book_dir: Path) -> None:
        self.book_dir = book_dir
        self._copy: OfflineCopy | None = None
        self._lock = threading.Lock()

    def current(self) -> OfflineCopy:
        with self._lock:
            if self._copy is None:
                self._copy = OfflineCopy.of_book(self.book_dir)
            return self._copy
