"""The self-care plan: its model, its sections, and its exports."""

from mentor_course.plan.builder import builder_guide
from mentor_course.plan.exports import to_html, to_ics, to_markdown
from mentor_course.plan.formats import FORMAT_IDS, FORMATS, ExportFormat, export_format
from mentor_course.plan.model import PlanFileError, SelfCarePlan, load_plan, plan_template
from mentor_course.plan.sections import Resources, guide, plan_sections

__all__ = [
    "FORMATS",
    "FORMAT_IDS",
    "ExportFormat",
    "PlanFileError",
    "Resources",
    "SelfCarePlan",
    "builder_guide",
    "export_format",
    "guide",
    "load_plan",
    "plan_sections",
    "plan_template",
    "to_html",
    "to_ics",
    "to_markdown",
]
