"""Text from files and the store, made safe to print on a terminal.

A name is typed by a person and kept as typed, so it may hold characters a terminal
obeys instead of showing: ESC starts a command (colours, moving the cursor, a window
title), BEL rings, and the bidirectional controls reorder what follows so a line reads
differently from what it holds. `printable` shows each of them as its escape (`\\x1b`,
`\\u202e`); `clip` cuts a long value to a column's width.
"""

from __future__ import annotations

import re

# C0 and DEL, C1, and the bidirectional marks, embeddings, overrides and isolates.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control and bidirectional character shown as its escape."""
    return _CONTROLS.sub(_escaped, text)


def clip(text: str, width: int) -> str:
    """`text` cut to at most `width` characters, ending in … when it was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
