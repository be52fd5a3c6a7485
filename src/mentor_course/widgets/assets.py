"""Where the widgets' front-end files live, and their stylesheets as the hosts load them."""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).parent / "static"


def stylesheet(*names: str) -> str:
    """The shared theme, then the widget's own CSS files (a missing file fails at import)."""
    return "".join((STATIC / name).read_text(encoding="utf-8") for name in ["theme.css", *names])
