"""The course server: `mentor-course serve`."""

from mentor_course.server.app import Settings, create_app, passwords

__all__ = ["Settings", "create_app", "passwords"]
