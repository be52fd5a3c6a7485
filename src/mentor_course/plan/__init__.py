"""The self-care plan: its model, its sections, and its exports."""

from mentor_course.plan.exports import to_html, to_ics, to_markdown
from mentor_course.plan.model import PlanFileError, SelfCarePlan, load_plan
from mentor_course.plan.sections import Resources, guide, plan_sections

__all__ = [
    "PlanFileError",
    "Resources",
    "SelfCarePlan",
    "guide",
    "load_plan",
    "plan_sections",
    "to_html",
    "to_ics",
    "to_markdown",
]
