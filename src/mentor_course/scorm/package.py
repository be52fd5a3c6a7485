"""`mentor-course export scorm`: the course as a SCORM package an LMS imports as it is.

The zip holds `imsmanifest.xml` at its root, the launch page (`scorm-launch.html`, which
finds the LMS's API and keeps the session), and the SCORM variant of the static book,
whose pages grade in the browser (the key is in the package, as in any SCORM quiz) and
report through the launch page.
"""

from __future__ import annotations

import html
import json
import zipfile
from pathlib import Path

from mentor_course.book import build_book
from mentor_course.course import Course
from mentor_course.errors import MentorCourseError
from mentor_course.files import atomic_file
from mentor_course.scorm.assets import SESSION_SCRIPT
from mentor_course.scorm.manifest import LAUNCH, Package, ScormVersion, manifest

SESSION = "scorm-session.js"


def launch_page(title: str, version: ScormVersion, checks: list[str]) -> str:
    config = json.dumps({"version": version, "checks": checks, "start": "index.html"})
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
html, body, iframe {{ margin: 0; border: 0; width: 100%; height: 100%; display: block; }}
</style>
</head>
<body>
<iframe id="mc-course" title="{html.escape(title)}"></iframe>
<script type="application/json" id="mc-scorm">{config}</script>
<script src="{SESSION}"></script>
</body>
</html>
"""


def export_scorm(course: Course, version: ScormVersion, output: Path) -> Path:
    """Build the SCORM variant of the book and write the package for `version` to `output`."""
    if output.is_dir():
        raise MentorCourseError(f"{output} is a folder; name the .zip file to write")
    if not output.parent.is_dir():
        raise MentorCourseError(f"{output.parent}: no such folder for the package")
    built = build_book(course.root, scorm=True)
    title = course.title()
    checks = [bank.id for bank in course.banks()]  # in book order
    book_files = {
        path.relative_to(built.html_dir).as_posix(): path
        for path in sorted(built.html_dir.rglob("*"))
        # Not the Markdown sources Sphinx copies beside the pages: the package needs none.
        if path.is_file() and not path.name.startswith(".") and "_sources" not in path.parts
    }
    package = Package(
        title=title,
        chapters=[f"{page}.html" for page in course.pages() if f"{page}.html" in book_files],
        files=[LAUNCH, SESSION, *book_files],
    )
    with atomic_file(output) as file, zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", manifest(package, version))
        archive.writestr(LAUNCH, launch_page(title, version, checks))
        archive.write(SESSION_SCRIPT, SESSION)
        for name, path in book_files.items():
            archive.write(path, name)
    return output
