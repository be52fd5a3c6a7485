"""Who the learner is in a notebook: the JupyterHub user, or the name set once locally.

`mentor-course whoami --set NAME` (or the name field in a quiz widget) saves
the name in the user's configuration folder; `JUPYTERHUB_USER` wins when set.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

from mentor_course.errors import MentorCourseError

CONFIG_ENV = "MENTOR_COURSE_CONFIG_DIR"
HUB_ENV = "JUPYTERHUB_USER"
MAX_NAME = 200


def config_dir() -> Path:
    return Path(os.environ.get(CONFIG_ENV) or platformdirs.user_config_dir("mentor-course"))


def _learner_file() -> Path:
    return config_dir() / "learner.json"


def hub_user() -> str | None:
    """The JupyterHub user this notebook server runs for, if any."""
    return os.environ.get(HUB_ENV) or None


def current_learner() -> str | None:
    """The learner's name, or None when nobody has been set on this machine."""
    if user := hub_user():
        return user
    try:
        saved = json.loads(_learner_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    name = saved.get("name") if isinstance(saved, dict) else None
    return name if isinstance(name, str) and name.strip() else None


def set_learner(name: str) -> Path:
    """Save `name` as this machine's learner; return the file it is kept in."""
    name = " ".join(name.split())
    if not name:
        raise MentorCourseError("the name is empty; give the name your coordinator knows you by")
    if len(name) > MAX_NAME:
        raise MentorCourseError(f"the name is longer than {MAX_NAME} characters")
    path = _learner_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps({"name": name}), encoding="utf-8")
    partial.replace(path)  # atomic: a crash never leaves half a file
    return path
