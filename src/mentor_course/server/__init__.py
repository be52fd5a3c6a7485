"""The course server: `mentor-course serve`."""

from mentor_course.server.app import create_app
from mentor_course.server.security import passwords
from mentor_course.server.state import Settings

__all__ = ["Settings", "create_app", "passwords"]
