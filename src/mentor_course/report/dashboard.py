"""The coordinator dashboard: the completion report as an interactive notebook view.

Built on the same report model as `mentor-course report`: pick a cohort, see
the chart and the table, save the CSV next to the notebook.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from mentor_course.course import Course
from mentor_course.files import write_atomically
from mentor_course.report.model import CompletionReport, QuizColumn, build_report
from mentor_course.report.render import csv_file_name, html_fragment, to_csv
from mentor_course.store import Store

ALL = "All cohorts"


class CompletionDashboard(widgets.VBox):
    def __init__(self, store_url: str | None = None, course: Course | None = None) -> None:
        self._store_url = store_url
        course = course or Course.find()
        self._quizzes = [QuizColumn(bank.id, bank.title) for bank in course.banks()]
        with Store.open(store_url) as store:
            cohorts = store.cohort_names()
        self.cohort = widgets.Dropdown(options=[ALL, *cohorts], value=ALL, description="Cohort")
        self.refresh_button = widgets.Button(description="Refresh", icon="refresh")
        self.save_button = widgets.Button(description="Save as CSV", icon="download")
        self.message = widgets.HTML()
        self.view = widgets.HTML()
        super().__init__(
            [
                widgets.HBox([self.cohort, self.refresh_button, self.save_button]),
                self.message,
                self.view,
            ]
        )
        self.cohort.observe(lambda _: self.refresh(), names="value")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.save_button.on_click(lambda _: self.save_csv())
        self.refresh()

    @property
    def selected_cohort(self) -> str | None:
        return None if self.cohort.value == ALL else self.cohort.value

    def _report(self) -> CompletionReport:
        with Store.open(self._store_url) as store:
            return build_report(store, self._quizzes, self.selected_cohort)

    def refresh(self) -> None:
        self.view.value = html_fragment(self._report())

    def save_csv(self, folder: Path | None = None) -> Path:
        report = self._report()
        path = (folder or Path.cwd()) / csv_file_name(report)
        write_atomically(path, to_csv(report))  # whole or not at all, as the CLI's
        self.message.value = f"Saved <code>{path.name}</code> next to this notebook."
        return path
