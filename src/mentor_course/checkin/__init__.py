"""Private check-ins, scored in the browser: a mentor's self-check-in and a program's
self-assessment with its action plan."""

from mentor_course.checkin.model import CheckIn, check_in
from mentor_course.checkin.organization import OrgAssessment, org_assessment

__all__ = ["CheckIn", "OrgAssessment", "check_in", "org_assessment"]
