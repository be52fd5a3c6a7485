"""Where the SCORM runtime's files live: the launch page's script and the pages' script."""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).parent / "static"
SESSION_SCRIPT = STATIC / "session.js"  # the launch page's: talks to the LMS
PAGE_SCRIPT = STATIC / "page.js"  # every book page's: talks to the launch page
