"""The coordinator's HTML report in Chromium: offline, readable, and axe-clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentor_course.report import render
from mentor_course.report.model import build_report
from mentor_course.store import Store
from tests.browser.conftest import OfflinePage
from tests.browser.test_quiz_static import serious_violations
from tests.test_report import QUIZZES, fill

pytestmark = pytest.mark.browser


def test_html_report_opens_offline_with_no_serious_axe_violations(
    offline: OfflinePage, tmp_path: Path
) -> None:
    with Store.open() as store:
        fill(store)
        report = build_report(store, QUIZZES)
    page_file = tmp_path / "report.html"
    page_file.write_text(render(report, "html"), encoding="utf-8")
    page = offline.page
    page.goto(page_file.as_uri())
    assert page.get_by_role("img", name="Learners who passed and who attempted each quiz").count()
    assert page.get_by_role("row", name="Bo").count() == 1
    assert offline.blocked == [] and offline.errors == []
    assert serious_violations(page) == []
