"""Exports of a plan: Markdown, a printable one-page HTML, and iCalendar reminders.

Each takes the plan and returns text; `formats.py` registers them (and JSON,
`SelfCarePlan.to_json()`) as the formats a plan can be saved in. The builder's
front end makes the same Markdown, HTML and calendar in the browser (tests
compare them).
"""

from __future__ import annotations

import datetime as dt
from html import escape

from icalendar import Alarm, Calendar, Event, vRecur

from mentor_course.plan.model import DAYS, SelfCarePlan
from mentor_course.plan.sections import Resources, guide, plan_sections


def to_markdown(plan: SelfCarePlan, resources: Resources | None = None) -> str:
    words = guide()
    lines = [f"# {words['title']}", ""]
    if plan.name:
        lines += [f"{words['labels']['made_by']} {plan.name}", ""]
    for section in plan_sections(plan, resources):
        lines.append(f"## {section.title}")
        for entry in section.entries:
            lines.append(f"- **{entry.label}:** {entry.text}" if entry.label else f"- {entry.text}")
        lines.append("")
    lines += ["---", "", words["labels"]["footer"], ""]
    return "\n".join(lines)


def to_html(plan: SelfCarePlan, resources: Resources | None = None) -> str:
    words = guide()
    title = escape(words["title"])
    parts = [
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{words['print_style']}</style></head>\n"
        f"<body><main><h1>{title}</h1>\n"
    ]
    if plan.name:
        parts.append(f"<p>{escape(words['labels']['made_by'])} {escape(plan.name)}</p>\n")
    for section in plan_sections(plan, resources):
        items = "".join(
            f"<li><strong>{escape(e.label)}:</strong> {escape(e.text)}</li>"
            if e.label
            else f"<li>{escape(e.text)}</li>"
            for e in section.entries
        )
        parts.append(f"<section><h2>{escape(section.title)}</h2><ul>{items}</ul></section>\n")
    parts.append(
        f'<p class="footer">{escape(words["labels"]["footer"])}</p>\n'
        '<button type="button" onclick="window.print()">Print or save as PDF</button>\n'
        "</main></body></html>\n"
    )
    return "".join(parts)


def next_weekday(today: dt.date, day: str) -> dt.date:
    return today + dt.timedelta(days=(DAYS.index(day) - today.weekday()) % 7)


def to_ics(plan: SelfCarePlan, today: dt.date) -> str:
    """The weekly commitment as a recurring event from `today` on, and the review reminder."""
    words = guide()["calendar"]
    calendar = Calendar()
    calendar.add("prodid", words["prodid"])
    calendar.add("version", "2.0")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    weekly = plan.weekly
    if weekly.activity and weekly.day:
        event = Event()
        event.add("uid", f"{plan.id}-weekly@mentor-course")
        event.add("dtstamp", stamp)
        event.add("summary", words["weekly_summary"] + weekly.activity)
        event.add("description", words["weekly_description"])
        start_day = next_weekday(today, weekly.day)
        if weekly.time:
            hour, minute = map(int, weekly.time.split(":"))
            event.add("dtstart", dt.datetime.combine(start_day, dt.time(hour, minute)))
            event.add("duration", dt.timedelta(minutes=weekly.minutes))
            event.add_component(
                _alarm(dt.timedelta(minutes=-15), words["weekly_alarm"] + weekly.activity)
            )
        else:
            event.add("dtstart", start_day)
            event.add("dtend", start_day + dt.timedelta(days=1))
        event.add("rrule", vRecur(freq="WEEKLY", byday=weekly.day[:2].upper()))
        calendar.add_component(event)
    if plan.review_date:
        event = Event()
        event.add("uid", f"{plan.id}-review@mentor-course")
        event.add("dtstamp", stamp)
        event.add("summary", words["review_summary"])
        event.add("dtstart", plan.review_date)
        event.add("dtend", plan.review_date + dt.timedelta(days=1))
        # 9am on the review day: an all-day event's alarm counts from midnight.
        event.add_component(_alarm(dt.timedelta(hours=9), words["review_alarm"]))
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _alarm(trigger: dt.timedelta, text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", trigger)
    return alarm
