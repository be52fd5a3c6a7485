"""Facts about the course's layout that several test modules check."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# The chapters with What? / So what? / Now what? prose and a knowledge check.
CONTENT_CHAPTERS = [
    "stress-and-secondary-exposure",
    "compassion-fatigue-vs-burnout",
    "self-care-and-mindfulness",
    "practice",
    "organizations",
    "mentoring-practice",
]
