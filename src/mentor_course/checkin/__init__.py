"""The private self-check-in: original reflection items, scored on the mentor's device."""

from mentor_course.checkin.model import CheckIn, check_in

__all__ = ["CheckIn", "check_in"]
