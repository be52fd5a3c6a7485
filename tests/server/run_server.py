"""Runs the course server in its own process as `mentor-course serve` does, for tests.

python -m tests.server.run_server STORE BOOK_DIR COURSE_ROOT PORT
"""

from __future__ import annotations

import sys
from pathlib import Path

from mentor_course.course import Course
from mentor_course.server import Settings, create_app
from mentor_course.server.run import run

if __name__ == "__main__":
    store, book, root, port = sys.argv[1:5]
    run(create_app(Settings(store, Path(book), Course(Path(root)))), "127.0.0.1", int(port))
