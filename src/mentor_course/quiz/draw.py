"""Drawing an attempt's questions from a bank's pool, the same way in Python and JavaScript.

An attempt shows `per_attempt` of the bank's questions, covering every learning objective;
its id is the seed, so the page that shows the attempt (`widgets/static/draw.js`) and the
grader that scores it pick the same questions without asking each other. Python's own
`random` cannot be repeated in a browser, so both sides use one small generator: FNV-1a
over the seed's UTF-8 bytes, then mulberry32. `tests/test_draw.py` holds the two to the
same draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")
MASK = 0xFFFFFFFF


class SeededRandom:
    """mulberry32, seeded with the FNV-1a hash of a string; `next()` is in [0, 1)."""

    def __init__(self, seed: str) -> None:
        state = 0x811C9DC5
        for byte in seed.encode("utf-8"):
            state = ((state ^ byte) * 0x01000193) & MASK
        self._state = state

    def next(self) -> float:
        self._state = (self._state + 0x6D2B79F5) & MASK
        t = self._state
        t = _imul(t ^ (t >> 15), t | 1)
        t = (t + _imul(t ^ (t >> 7), t | 61)) & MASK ^ t
        return ((t ^ (t >> 14)) & MASK) / 2**32

    def shuffled(self, items: Sequence[T]) -> list[T]:
        """A Fisher-Yates shuffle of a copy of `items`."""
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = int(self.next() * (i + 1))
            out[i], out[j] = out[j], out[i]
        return out


def _imul(a: int, b: int) -> int:
    """JavaScript's Math.imul: the low 32 bits of a product, as an unsigned number."""
    return (a * b) & MASK


def draw(groups: Sequence[Sequence[str]], count: int, seed: str) -> set[str]:
    """`count` ids, at least one from each group while any are left, chosen by `seed`.

    Each group is shuffled, then the groups (in a shuffled order) give one id each in
    turn, so the objectives share an attempt as evenly as their pools allow.
    """
    rng = SeededRandom(seed)
    pools = [rng.shuffled(group) for group in groups]
    turns = rng.shuffled(range(len(pools)))
    picked: set[str] = set()
    depth = 0
    while len(picked) < count and any(depth < len(pool) for pool in pools):
        for index in turns:
            if depth < len(pools[index]) and len(picked) < count:
                picked.add(pools[index][depth])
        depth += 1
    return picked
