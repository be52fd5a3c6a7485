"""A certificate of completion and its verification code.

The code is what a person reads off paper and types into the verify page, so it uses
Crockford's base32: no I, L, O or U, and what is typed is forgiven its case, spaces,
hyphens and the O/0 and I/L/1 confusions. Twelve symbols carry 60 random bits, enough that
guessing a valid code is hopeless, short enough to read aloud in three groups of four.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from mentor_course.fields import LEARNER_NAME

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
GROUPS, GROUP_LENGTH = 3, 4
SYMBOLS = GROUPS * GROUP_LENGTH  # 12 symbols of 5 bits: 60 bits
CODE_PATTERN = "^" + "-".join([f"[{ALPHABET}]{{{GROUP_LENGTH}}}"] * GROUPS) + "$"

# What a person may type for a symbol, beyond the symbol itself (Crockford's decoding).
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1"})
# Spaces and the dashes a phone's keyboard may substitute for a hyphen.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")


def _text(max_length: int) -> StringConstraints:
    """Text printed on the certificate: trimmed, not empty, and at most as long as the
    store's column for it, which is also what the page has room for."""
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


class Certificate(BaseModel):
    """What one certificate says; the PDF is drawn from this and nothing else."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    learner: Annotated[str, _text(LEARNER_NAME.max_length)]
    course: Annotated[str, _text(300)]
    program: Annotated[str, _text(200)]
    completed_on: dt.date
    hours: float = Field(gt=0, allow_inf_nan=False)
    code: str = Field(pattern=CODE_PATTERN)  # grouped, as new_code() and normal_code() give it
    verify_url: str = Field(pattern=r"^https?://[^\s/]+(/\S*)?$", max_length=200)


def new_code() -> str:
    """A fresh verification code, 60 bits from `secrets`, as "XXXX-XXXX-XXXX"."""
    bits = secrets.randbits(5 * SYMBOLS)
    symbols = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(SYMBOLS))
    return _grouped(symbols)


def normal_code(text: str) -> str | None:
    """The code a person meant by `text`, as `new_code()` writes it, or None if `text`
    cannot be one; so the verify page finds "7kq2 m9xd 4t3b" and "7KQ2-M9XD-4T3B" alike."""
    symbols = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper().translate(_MISREAD)
    if len(symbols) != SYMBOLS or any(symbol not in ALPHABET for symbol in symbols):
        return None
    return _grouped(symbols)


def _grouped(symbols: str) -> str:
    return "-".join(symbols[i : i + GROUP_LENGTH] for i in range(0, SYMBOLS, GROUP_LENGTH))
