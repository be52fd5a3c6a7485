"""What the served course sends for phones: the service worker's copy of the book, caching
headers, compression. The outage itself is tested in a browser
(tests/browser/test_offline_course.py)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from mentor_course.book import BuildResult
from mentor_course.server.caching import policy
from mentor_course.server.offline import OfflineCopy
from tests.server.conftest import Server


def manifest(script: str) -> dict[str, object]:
    found = re.search(r"const MANIFEST = (\{.*?\});", script)
    assert found, "the worker carries its manifest"
    return json.loads(found[1])


def test_the_copy_holds_every_page_and_what_the_pages_load(served_book: BuildResult) -> None:
    book = served_book.html_dir
    copy = OfflineCopy.of_book(book)
    urls = set(copy.urls)
    pages = {f"/{p.relative_to(book).as_posix()}" for p in book.glob("book/*.html")}
    assert pages and pages <= urls
    assert {"/", "/index.html", "/search.html", "/searchindex.js"} <= urls
    quiz_page = (book / "book" / "practice.html").read_text(encoding="utf-8")
    for src in re.findall(r'<script src="\.\./([^"?]+)', quiz_page):
        assert f"/{src}" in urls, src
    assert any(u.endswith(".woff") for u in urls), "the icon font a stylesheet names"
    assert not [u for u in urls if u.startswith(("/_sources/", "/_static/vendor/"))]
    assert all((book / u.lstrip("/")).is_file() for u in urls if u != "/")


def test_a_changed_course_is_a_new_version(served_book: BuildResult, tmp_path: Path) -> None:
    book = tmp_path / "html"
    shutil.copytree(served_book.html_dir, book)
    before = OfflineCopy.of_book(book)
    assert OfflineCopy.of_book(book) == before  # the same files, the same version
    page = book / "book" / "practice.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    assert OfflineCopy.of_book(book).version != before.version


def test_the_worker_is_served_from_the_root_with_its_copy(server: Server) -> None:
    response = server.client().get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == "no-cache"
    listed = manifest(response.text)
    assert "/book/practice.html" in listed["urls"]  # type: ignore[operator]
    for private in ["/api/", "/coordinator", "/me", "/enroll/"]:
        assert not [u for u in listed["urls"] if u.startswith(private)]  # type: ignore[attr-defined]
        assert f'"{private}"' in response.text, "the worker leaves private routes alone"


def test_fingerprinted_files_are_immutable_and_pages_revalidate(server: Server) -> None:
    client = server.client()
    page = client.get("/book/practice.html")
    assert page.headers["cache-control"] == "no-cache"
    again = client.get("/book/practice.html", headers={"If-None-Match": page.headers["etag"]})
    assert again.status_code == 304
    fingerprinted = re.search(r'src="\.\./(_static/[^"]+\?v=[0-9a-f]{8})"', page.text)
    assert fingerprinted
    asset = client.get(f"/{fingerprinted[1]}")
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert client.get("/api/session").headers["cache-control"] == "no-store"
    assert client.get("/coordinator/login").headers["cache-control"] == "no-store"


def test_a_version_label_is_no_fingerprint() -> None:
    assert policy("/_static/theme.css", "v=0.1.0") == "no-cache"
    assert policy("/_static/doctools.js", "v=9a2dae69") == "public, max-age=31536000, immutable"
    assert policy("/_static/scripts/bootstrap.js", "digest=55c26ed414f5f8a31ebb").endswith(
        "immutable"
    )
    assert policy("/me", "v=9a2dae69") is None


def test_pages_styles_and_scripts_are_compressed(server: Server) -> None:
    client = server.client()
    page = client.get("/book/practice.html", headers={"Accept-Encoding": "gzip"})
    assert page.headers["content-encoding"] == "gzip" and "Accept-Encoding" in page.headers["vary"]
    # Files of over a kilobyte: smaller ones gain nothing from it.
    for path in ["_static/mentor-course-theme/pydata-sphinx-theme.css", "_static/doctools.js"]:
        assert path in page.text
        response = client.get(f"/{path}", headers={"Accept-Encoding": "gzip"})
        assert response.headers.get("content-encoding") == "gzip", path
    plain = client.get("/book/practice.html", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
