"""The files commands are given and asked to write.

Reading: `read_text` gives a file's UTF-8 text or one `FileReadError` line naming the file
(and the line of the first byte that is not UTF-8).

Writing: every file is written whole or not at all. `atomic_file`, `atomic_text_file` and
`write_atomically` write a temporary file beside the target, sync it to the disk, then
rename it over the target in one step (`os.replace`), so a full disk, a crash or Ctrl+C
leaves the older file (or none), never half of one; the temporary file is removed on any
failure, and the failure is one `FileWriteError` line.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from mentor_course.errors import FileReadError, FileWriteError


def not_utf8(byte: int) -> str:
    """What to say about a byte that is not UTF-8 text."""
    return f"this is not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8"


def open_to_read(path: Path) -> BinaryIO:
    """`path` opened to read its bytes; `FileReadError` if it is missing, a folder or
    unreadable."""
    try:
        return path.open("rb")
    except IsADirectoryError:
        raise FileReadError(path, None, "", "this is a folder; name a file") from None
    except FileNotFoundError:
        raise FileReadError(path, None, "", "no such file") from None
    except OSError as exc:
        raise FileReadError(path, None, "", f"cannot read the file ({exc.strerror})") from None


def read_text(path: Path) -> str:
    """The text of `path` as UTF-8, without a leading byte-order mark; `FileReadError` if it
    is missing, a folder, unreadable or not UTF-8."""
    with open_to_read(path) as file:
        data = file.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FileReadError(path, line, "", not_utf8(data[exc.start])) from None


def _write_error(path: Path, exc: OSError) -> FileWriteError:
    if exc.errno == errno.ENOENT:
        return FileWriteError(f"{path.parent}: no such folder; create it or write elsewhere")
    return FileWriteError(f"{path}: cannot write the file ({exc.strerror}); nothing was written")


def _sync_folder(folder: Path) -> None:
    """Make the rename itself survive a power cut (POSIX keeps it in the folder's entry)."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A new, empty temporary file beside `path`, renamed over `path` if the block ends
    without an error, and removed in any case."""
    if path.is_dir():
        raise FileWriteError(f"{path} is a folder; name the file to write")
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    try:
        # Mode 0o666 less the umask, as a plain open() would make it.
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise _write_error(path, exc) from None
    try:
        yield temporary
        if path.exists():  # a replaced file keeps its permissions
            temporary.chmod(stat.S_IMODE(path.stat().st_mode))
        os.replace(temporary, path)
        _sync_folder(path.parent)
    except OSError as exc:
        raise _write_error(path, exc) from None
    finally:
        temporary.unlink(missing_ok=True)


def _synced(file: BinaryIO | TextIO) -> None:
    file.flush()
    os.fsync(file.fileno())


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write that appears at `path` only once it is whole."""
    with _replacing(path) as temporary, temporary.open("wb") as file:
        yield file
        _synced(file)


@contextmanager
def atomic_text_file(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text file to write (newlines as written) that appears at `path` only once it
    is whole."""
    with (
        _replacing(path) as temporary,
        temporary.open("w", encoding="utf-8", newline="") as file,
    ):
        yield file
        _synced(file)


def write_atomically(path: Path, data: str | bytes | Iterable[str | bytes]) -> None:
    """Write `data` (text is UTF-8), or each piece of it as it is made, to `path`, whole or
    not at all."""
    chunks = [data] if isinstance(data, str | bytes) else data
    with atomic_file(path) as file:
        for chunk in chunks:
            file.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """`text` as a spreadsheet shows it, never runs it: a cell beginning like a formula gets
    a leading apostrophe, which spreadsheets take as "this is text" (OWASP's advice)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def from_spreadsheet_safe(text: str) -> str:
    """The text `spreadsheet_safe` was given, for a CSV file this project reads back."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
