"""Building the course book."""

from mentor_course.book.build import BuildResult, build_book

__all__ = ["BuildResult", "build_book"]
