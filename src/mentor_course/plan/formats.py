"""The one registry of a plan's export formats.

The CLI (`mentor-course plan export --format`), the notebook widget
(`PlanBuilder.export`/`save`) and the builder's download list in the book and
the notebook all read `FORMATS`, so a format is added or renamed here only.
The front end gets each format's `public()` part and makes the file in the
browser with its own exporter of the same id (plan-builder.js's `EXPORTERS`);
tests/test_plan.py checks both sides offer the same formats and agree on the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from mentor_course.errors import MentorCourseError
from mentor_course.plan.exports import to_html, to_ics, to_markdown
from mentor_course.plan.model import SelfCarePlan
from mentor_course.plan.sections import Resources

# Every renderer takes the same arguments, so callers need not know which one a format
# uses; `today` places the calendar's first weekly event.
Renderer = Callable[[SelfCarePlan, Resources, dt.date], str]
DOWNLOAD_STEM = "self-care-plan"


@dataclass(frozen=True, kw_only=True)
class ExportFormat:
    id: str
    suffix: str
    media_type: str
    label: str
    """The builder's download link, which names the suffix so a mentor knows what they get."""
    render: Renderer
    open_label: str | None = None
    """If set, the builder also offers to open the file in a new tab, under this label."""

    @property
    def filename(self) -> str:
        return DOWNLOAD_STEM + self.suffix

    def public(self) -> dict[str, str | None]:
        """What the builder's front end needs to offer the download (no renderer)."""
        return {
            "id": self.id,
            "label": self.label,
            "filename": self.filename,
            "media_type": self.media_type,
            "open_label": self.open_label,
        }


# In the order the builder lists its downloads.
FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(
        id="json",
        suffix=".json",
        media_type="application/json",
        label="Save my plan to continue later (.json)",
        render=lambda plan, resources, today: plan.to_json(),
    ),
    ExportFormat(
        id="md",
        suffix=".md",
        media_type="text/markdown",
        label="Download as text (.md)",
        render=lambda plan, resources, today: to_markdown(plan, resources),
    ),
    ExportFormat(
        id="html",
        suffix=".html",
        media_type="text/html",
        label="Printable page (.html)",
        render=lambda plan, resources, today: to_html(plan, resources),
        open_label="Open it to print or save as PDF",
    ),
    ExportFormat(
        id="ics",
        suffix=".ics",
        media_type="text/calendar",
        label="Add reminders to my calendar (.ics)",
        render=lambda plan, resources, today: to_ics(plan, today),
    ),
)
FORMAT_IDS = tuple(f.id for f in FORMATS)


def export_format(format_id: str) -> ExportFormat:
    """The registered format `format_id`, or an error listing the ones there are."""
    for fmt in FORMATS:
        if fmt.id == format_id:
            return fmt
    raise MentorCourseError(f"unknown format {format_id!r}; use one of {', '.join(FORMAT_IDS)}")
