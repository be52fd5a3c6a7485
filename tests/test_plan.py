"""The self-care plan: model, exports, the JavaScript exporters' parity, the widget, the CLI.

Also that every place a plan is exported from (the CLI, the notebook widget, the
book's builder and plan-builder.js) offers exactly the formats `plan/formats.py`
registers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import vobject
from sphinx.application import Sphinx
from typer.testing import CliRunner

from mentor_course.cli import app
from mentor_course.errors import MentorCourseError
from mentor_course.plan import (
    FORMAT_IDS,
    FORMATS,
    PlanFileError,
    Resources,
    SelfCarePlan,
    builder_guide,
    guide,
    load_plan,
    plan_template,
    to_html,
    to_ics,
    to_markdown,
)
from mentor_course.plan.sections import Entry
from mentor_course.support import NOT_SET
from mentor_course.widgets import PlanBuilder
from tests.chapters import REPO

FIXTURES = json.loads((REPO / "tests" / "plan_fixtures.json").read_text(encoding="utf-8"))
TODAY = dt.date.fromisoformat(FIXTURES["today"])
RESOURCES = Resources(
    contacts=[Entry(**e) for e in FIXTURES["resources"]["contacts"]],
    crisis_lines=[Entry(**e) for e in FIXTURES["resources"]["crisis_lines"]],
)
PLAN_BUILDER_JS = REPO / "src" / "mentor_course" / "widgets" / "static" / "plan-builder.js"


def plan(name: str) -> SelfCarePlan:
    return SelfCarePlan.model_validate(FIXTURES["plans"][name])


def test_json_round_trip_keeps_every_answer() -> None:
    full = plan("full")
    again = load_plan(full.to_json())
    assert again == full
    assert json.loads(again.to_json()) == json.loads(full.to_json())


def test_markdown_and_html_hold_every_filled_in_section() -> None:
    full = plan("full")
    md, html = to_markdown(full, RESOURCES), to_html(full, RESOURCES)
    for title in guide()["sections"].values():
        assert f"## {title}" in md
        assert f"<h2>{title}</h2>" in html
    for answer in [
        "A walk after a hard visit", "Swim on Saturdays", "Tuesday at 18:30, 90 minutes",
        "every 90 minutes: Stretch", "Ten minutes in my calendar", "Program coordinator: Dana",
        "Replaying the conversation", "2027-01-15", "I feel worn out, even after rest",
    ]:  # fmt: skip
        assert answer in md, answer
    assert "Made by Ana María O'Neil" in md
    assert "&lt;friends&gt;" in html and "<friends>" not in html
    assert "988" not in md  # the mentor left the crisis lines out
    assert "@media print" in html and "window.print()" in html


def test_empty_sections_are_left_out() -> None:
    md = to_markdown(plan("empty"), RESOURCES)
    assert md.count("## ") == 1  # only "My supports", from the program's contacts
    assert "Program coordinator: Dana" in md


def events(ics: str) -> dict[str, Any]:
    calendar = vobject.readOne(ics)  # an independent parser, not the one that wrote it
    return {event.uid.value: event for event in calendar.contents.get("vevent", [])}


def test_calendar_holds_the_weekly_recurrence_and_the_review_reminder() -> None:
    found = events(to_ics(plan("full"), TODAY))
    weekly = found["6f1c8a52-3f0e-4a47-9d6e-2b7f8f0c1a11-weekly@mentor-course"]
    assert weekly.rrule.value == "FREQ=WEEKLY;BYDAY=TU"
    assert weekly.dtstart.value == dt.datetime(2026, 12, 1, 18, 30)  # the first Tuesday
    assert weekly.duration.value == dt.timedelta(minutes=90)
    assert weekly.summary.value == "Self-care: Yoga class, then tea; no phone — really"
    review = found["6f1c8a52-3f0e-4a47-9d6e-2b7f8f0c1a11-review@mentor-course"]
    assert review.dtstart.value == dt.date(2027, 1, 15)
    assert review.valarm.trigger.value == dt.timedelta(hours=9)


def test_a_day_without_a_time_is_an_all_day_event() -> None:
    (weekly,) = events(to_ics(plan("day_without_time"), TODAY)).values()
    assert weekly.dtstart.value == dt.date(2026, 11, 29)  # today is a Sunday
    assert not events(to_ics(plan("time_without_day"), TODAY))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{nope", "line 1: not valid JSON"),
        ('{"weekly": {"day": "someday"}}', "weekly.day: input should be 'monday'"),
        (
            '{"weekly": {"minutes": 2}}',
            "weekly.minutes: input should be greater than or equal to 5",
        ),
        ('{"schema_version": 7}', "schema_version 7 is not one this mentor-course reads"),
        ('{"favourite": "tea"}', "favourite: extra inputs are not permitted"),
    ],
)
def test_bad_plan_files_get_a_clear_error(text: str, words: str) -> None:
    with pytest.raises(PlanFileError, match=words.replace("(", r"\(")):
        load_plan(text, "plan.json")


def run_node(node: str, *args: str, stdin: str) -> str:
    """What node prints, given `stdin`."""
    run = subprocess.run(
        [node, *args], input=stdin, capture_output=True, text=True, timeout=120, check=True
    )
    return run.stdout


@pytest.fixture(scope="module")
def from_js(node: str) -> dict[str, Any]:
    """plan-builder.js's exporter ids and its exports of the fixture plans."""
    script = str(REPO / "tests" / "js" / "print_plan_exports.mjs")
    printed: dict[str, Any] = json.loads(run_node(node, script, stdin=json.dumps(builder_guide())))
    return printed


def test_the_browser_exports_match_the_python_exports(from_js: dict[str, Any]) -> None:
    for name in FIXTURES["plans"]:
        p, js = plan(name), from_js["plans"][name]
        assert js["md"] == to_markdown(p, RESOURCES), name
        assert js["html"] == to_html(p, RESOURCES), name
        # The plan completed from the template is exactly the Python model's defaults.
        assert js["json"] == p.to_json(), name
        js_events = events(js["ics"])
        py_events = events(to_ics(p, TODAY))
        assert js_events.keys() == py_events.keys(), name
        for uid, py_event in py_events.items():
            js_event = js_events[uid]
            for prop in ["summary", "dtstart", "duration", "dtend", "rrule", "description"]:
                py_value = getattr(py_event, prop).value if hasattr(py_event, prop) else None
                js_value = getattr(js_event, prop).value if hasattr(js_event, prop) else None
                assert js_value == py_value, (name, uid, prop)
            assert [a.trigger.value for a in js_event.contents.get("valarm", [])] == [
                a.trigger.value for a in py_event.contents.get("valarm", [])
            ]


def test_plan_builder_js_has_an_exporter_for_exactly_the_registered_formats(
    from_js: dict[str, Any],
) -> None:
    assert sorted(from_js["exporters"]) == sorted(FORMAT_IDS)


def test_plan_builder_js_refuses_to_mount_naming_a_format_it_cannot_export(node: str) -> None:
    mount = (
        'import { readFileSync } from "node:fs";\n'
        f"import builder from {json.dumps(PLAN_BUILDER_JS.as_uri())};\n"
        'const guide = JSON.parse(readFileSync(0, "utf8"));\n'
        "try {\n"
        '  builder.render({ model: { get: (key) => (key === "guide" ? guide : null) } });\n'
        "} catch (error) {\n"
        "  console.log(error.message);\n"
        "}\n"
    )
    data = builder_guide()
    data["formats"] = [*data["formats"], {**data["formats"][0], "id": "pdf"}]
    printed = run_node(node, "--input-type=module", "-e", mount, stdin=json.dumps(data))
    assert printed.strip() == (
        "plan-builder.js has no exporter for the format pdf (plan/formats.py registers it)"
    )


def book_builder_data(tmp_path: Path) -> dict[str, Any]:
    """The data a page with the plan-builder directive hands its builder, from a real build."""
    source = tmp_path / "book"
    source.mkdir()
    (source / "conf.py").write_text('extensions = ["mentor_course.sphinx"]\n', encoding="utf-8")
    (source / "index.rst").write_text("Plan\n====\n\n.. plan-builder::\n", encoding="utf-8")
    shutil.copy(REPO / "program.yml", source / "program.yml")
    out = tmp_path / "html"
    Sphinx(
        str(source), str(source), str(out), str(tmp_path / "doctrees"), "html",
        status=None, warning=None, freshenv=True, warningiserror=True,
    ).build()  # fmt: skip
    page = (out / "index.html").read_text(encoding="utf-8")
    found = re.search(r'class="mc-widget-data">(.*?)</script>', page)
    assert found, "no plan builder on the page"
    data: dict[str, Any] = json.loads(found[1])  # the page's "<\/" is JSON's "</"
    return data


def unstamped(text: str) -> str:
    """An export without the calendar's DTSTAMP (the time it was made), to compare two runs."""
    return re.sub(r"^DTSTAMP:.*\r\n", "", text, flags=re.MULTILINE)


def test_the_cli_the_widget_and_the_book_offer_exactly_the_registered_formats(
    tmp_path: Path,
) -> None:
    public = [fmt.public() for fmt in FORMATS]
    assert [f["id"] for f in public] == list(FORMAT_IDS) and len(set(FORMAT_IDS)) == len(FORMATS)

    book = book_builder_data(tmp_path)["guide"]
    assert book["formats"] == public
    assert book["plan_template"] == plan_template()

    builder = PlanBuilder(RESOURCES)
    assert builder.guide["formats"] == public
    assert builder.guide["plan_template"] == plan_template()
    builder.set_state({"plan": FIXTURES["plans"]["full"]})
    # A suffix no format has, so every format's default output (FILE with its suffix) is new.
    saved = tmp_path / "plan.saved"
    saved.write_text(plan("full").to_json(), encoding="utf-8")
    runner = CliRunner()
    for fmt in FORMATS:
        with_contacts = fmt.render(plan("full"), RESOURCES, dt.date.today())
        assert unstamped(builder.export(fmt.id)) == unstamped(with_contacts), fmt.id
        # --root without a program.yml: the export lists no program contacts.
        result = runner.invoke(
            app, ["plan", "export", str(saved), "--format", fmt.id, "--root", str(tmp_path)]
        )
        assert result.exit_code == 0, result.output
        written = saved.with_suffix(fmt.suffix).read_bytes().decode("utf-8")  # CRLF kept
        expected = fmt.render(plan("full"), Resources(), dt.date.today())
        assert unstamped(written) == unstamped(expected), fmt.id

    with pytest.raises(MentorCourseError, match="unknown format 'pdf'"):
        builder.export("pdf")
    result = runner.invoke(app, ["plan", "export", str(saved), "--format", "pdf"])
    assert result.exit_code == 1
    assert result.output == f"error: unknown format 'pdf'; use one of {', '.join(FORMAT_IDS)}\n"


def test_plan_builder_widget_exports_what_the_front_end_set() -> None:
    builder = PlanBuilder(RESOURCES)
    assert builder.guide["privacy"].startswith("Your plan stays on this device")
    builder.set_state({"plan": FIXTURES["plans"]["full"], "step": 9})  # as the browser would
    assert builder.current == plan("full")
    assert builder.export("md") == to_markdown(plan("full"), RESOURCES)


def test_plan_builder_for_the_course_says_the_example_contacts_are_not_set() -> None:
    builder = PlanBuilder.for_course()  # the shipped program.yml holds examples
    assert builder.resources["contacts"] == [{"label": "Your program's contacts", "text": NOT_SET}]
    assert "(000) 000-0000" not in json.dumps(builder.resources)
    assert any(line["label"].startswith("988") for line in builder.resources["crisis_lines"])


def test_cli_plan_export_writes_each_format(tmp_path: Path) -> None:
    saved = tmp_path / "plan.json"
    saved.write_text(plan("full").to_json(), encoding="utf-8")
    runner = CliRunner()
    for fmt in ["md", "html", "ics"]:
        result = runner.invoke(
            app, ["plan", "export", str(saved), "--format", fmt, "--root", str(REPO)]
        )
        assert result.exit_code == 0, result.output
        written = (tmp_path / f"plan.{fmt}").read_text(encoding="utf-8")
        assert "Yoga class" in written
    written = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert "has not set its contacts yet" in written and "(000) 000-0000" not in written
    events((tmp_path / "plan.ics").read_text(encoding="utf-8"))
    broken = tmp_path / "broken.json"
    broken.write_text('{"weekly": {"day": "someday"}}', encoding="utf-8")
    result = runner.invoke(app, ["plan", "export", str(broken)])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {broken}: weekly.day:")
