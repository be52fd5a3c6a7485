"""Keep every test run away from the user's own progress store and learner name.

Set before any test or notebook kernel starts, so nbval's kernels inherit it.
"""

from __future__ import annotations

import os
import tempfile

import pytest

HOME = tempfile.mkdtemp(prefix="mentor-course-tests-")


def pytest_configure(config: pytest.Config) -> None:
    os.environ["MENTOR_COURSE_DB"] = os.path.join(HOME, "progress.sqlite3")
    os.environ["MENTOR_COURSE_CONFIG_DIR"] = os.path.join(HOME, "config")
    os.environ.pop("JUPYTERHUB_USER", None)
