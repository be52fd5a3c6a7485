"""Benchmarks for mentor-course: run with `python -m benchmarks` (see README.md)."""
