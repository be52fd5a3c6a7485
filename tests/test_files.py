"""`mentor_course.files`: files written whole or not at all, and read with one-line errors."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentor_course.errors import FileReadError, FileWriteError
from mentor_course.files import atomic_file, atomic_text_file, read_text, write_atomically


class Interrupted(Exception):
    """Raised half-way through a write, as a crash or a failing source would stop it."""


def half_then_fail() -> Iterator[str]:
    yield "the first half of the new file\n" * 1000
    raise Interrupted


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".partial"))


def test_a_write_replaces_the_file_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    write_atomically(target, ["a,b\n", b"1,2\r\n", "é\n"])
    assert target.read_bytes() == "a,b\n1,2\r\né\n".encode()
    write_atomically(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert leftovers(tmp_path) == []


def test_a_failure_mid_write_keeps_the_older_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "attempts.json"
    target.write_text("the older file\n", encoding="utf-8")
    with pytest.raises(Interrupted):
        write_atomically(target, half_then_fail())
    with pytest.raises(Interrupted), atomic_text_file(target) as file:
        file.write("half")
        raise Interrupted
    with pytest.raises(Interrupted), atomic_file(target) as raw:
        raw.write(b"half")
        raise Interrupted
    assert target.read_text(encoding="utf-8") == "the older file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["attempts.json"]


def test_a_failure_mid_write_of_a_new_file_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(Interrupted):
        write_atomically(tmp_path / "new.json", half_then_fail())
    assert list(tmp_path.iterdir()) == []


def test_a_replaced_file_keeps_its_permissions_and_a_new_one_follows_the_umask(
    tmp_path: Path,
) -> None:
    kept = tmp_path / "private.json"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o600)
    write_atomically(kept, "new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    umask = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.json"
        write_atomically(fresh, "new")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("{tmp}", "is a folder; name the file to write"),
        ("{tmp}/missing/out.csv", "missing: no such folder; create it or write elsewhere"),
        ("{tmp}/file.txt/out.csv", "cannot write the file (Not a directory); nothing was written"),
    ],
)
def test_a_target_that_cannot_be_written_is_one_line(
    tmp_path: Path, where: str, words: str
) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(FileWriteError) as caught:
        write_atomically(Path(where.format(tmp=tmp_path)), "data")
    assert words in str(caught.value) and "\n" not in str(caught.value)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xef\xbb\xbfwith a byte-order mark\n", None),
        (b"line one\ncaf\xe9\n", "2: this is not UTF-8 text (byte 0xe9); save the file as UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00", "1: this is not UTF-8 text (byte 0x89)"),
    ],
)
def test_read_text_decodes_utf8_or_names_the_line(
    tmp_path: Path, content: bytes, message: str | None
) -> None:
    path = tmp_path / "file.txt"
    path.write_bytes(content)
    if message is None:
        assert read_text(path) == "with a byte-order mark\n"
        return
    with pytest.raises(FileReadError) as caught:
        read_text(path)
    assert str(caught.value).startswith(f"{path}:{message}")


def test_read_text_of_a_folder_or_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match="this is a folder; name a file"):
        read_text(tmp_path)
    with pytest.raises(FileReadError, match="no such file"):
        read_text(tmp_path / "missing.json")
