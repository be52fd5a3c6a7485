"""Where the course's content lives: the folder with `_config.yml`, `quizzes/` and `book/`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from mentor_course.errors import MentorCourseError
from mentor_course.quiz import QuizBank, find_banks, load_bank


@dataclass(frozen=True)
class Course:
    root: Path

    @property
    def quizzes(self) -> Path:
        return self.root / "quizzes"

    @property
    def bibliography(self) -> Path:
        return self.root / "book" / "references.bib"

    def bank_path(self, bank_id: str) -> Path:
        return self.quizzes / f"{bank_id}.yml"

    def pages(self) -> list[str]:
        """The book's pages (`book/index`, `book/intro`, ...) in table-of-contents order."""
        toc = yaml.safe_load((self.root / "_toc.yml").read_text(encoding="utf-8"))
        return [toc["root"]] + [
            c["file"] for part in toc.get("parts", []) for c in part["chapters"]
        ]

    def title(self) -> str:
        config = yaml.safe_load((self.root / "_config.yml").read_text(encoding="utf-8"))
        return str(config["title"])

    def banks(self) -> list[QuizBank]:
        """Every quiz bank, in the order of its chapter in the table of contents."""
        order = {Path(file).name: position for position, file in enumerate(self.pages())}
        banks = [load_bank(path, self.bibliography) for path in find_banks([self.quizzes])]
        return sorted(banks, key=lambda bank: (order.get(bank.chapter, len(order)), bank.id))

    @classmethod
    def find(cls, start: Path | None = None) -> Course:
        """The course at `MENTOR_COURSE_ROOT`, or the nearest folder up from `start` with quizzes.

        Notebooks run from `notebooks/`, so the search walks upwards.
        """
        if env := os.environ.get("MENTOR_COURSE_ROOT"):
            return cls(Path(env).resolve())
        here = (start or Path.cwd()).resolve()
        for folder in [here, *here.parents]:
            if (folder / "quizzes").is_dir() and (folder / "book" / "references.bib").is_file():
                return cls(folder)
        raise MentorCourseError(
            f"no course folder (with quizzes/ and book/references.bib) at or above {here}; "
            "set MENTOR_COURSE_ROOT"
        )
