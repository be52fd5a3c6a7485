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
from mentor_course.fields import LEARNER_NAME
from mentor_course.files import write_atomically

CONFIG_ENV = "MENTOR_COURSE_CONFIG_DIR"
HUB_ENV = "JUPYTERHUB_USER"


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
    name = LEARNER_NAME.required_clean(name)  # the store's rule: length, no control characters
    path = _learner_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MentorCourseError(f"{path.parent}: cannot make the folder ({exc.strerror})") from None
    write_atomically(path, json.dumps({"name": name}))
    return path
