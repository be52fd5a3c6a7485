"""Certificates of completion: what the page says, in any script, that its QR code scans from
the rendered page, the zip of a cohort's, and the verification codes people type back."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import zipfile
from typing import Any

import pypdf
import pypdfium2
import pytest
import zxingcpp
from pydantic import ValidationError

from mentor_course.certificates import (
    Certificate,
    certificate_file_name,
    certificate_pdf,
    certificates_zip,
    new_code,
    normal_code,
    unprintable,
)
from mentor_course.certificates.model import ALPHABET

CODE = "7KQ2-M9XD-4T3B"
A4_LANDSCAPE = (841.89, 595.28)  # points
MM = 72 / 25.4  # points in a millimetre


def certificate(learner: str = "Zoë Ngũgĩ", code: str = CODE, **changes: Any) -> Certificate:
    fields: dict[str, Any] = {
        "learner": learner,
        "course": "Caring for the carer: a self-care course for mentors",
        "program": "Northside Youth Mentoring",
        "completed_on": dt.date(2027, 3, 1),
        "hours": 4.0,
        "code": code,
        "verify_url": f"https://course.example.org/verify/{code}",
    }
    return Certificate(**(fields | changes))


def full_width(text: str) -> str:
    """`text` as a Chinese or Japanese keyboard may type it: full-width letters and digits."""
    return "".join(chr(ord(c) + 0xFEE0) for c in text)


def page_text(pdf: bytes) -> str:
    """The text of the PDF's one page, as a reader copying it would get it."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def flat(text: str) -> str:
    """`text` without its white space, to compare text that the page may have wrapped."""
    return "".join(text.split())


def scanned(pdf: bytes) -> list[str]:
    """What a phone would read from the printed page: rendered at 144 dpi, every barcode."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=2).to_pil()
        return [found.text for found in zxingcpp.read_barcodes(image)]
    finally:
        document.close()


def text_lines(pdf: bytes) -> tuple[float, float, list[tuple[float, float, float, float]]]:
    """The page's width and height and the box of each line of text on it (left, bottom,
    right, top), in points from the bottom left corner, as the PDF renderer lays them out."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        textpage = page.get_textpage()
        lines = [textpage.get_rect(i) for i in range(textpage.count_rects())]
        return (*page.get_size(), lines)
    finally:
        document.close()


def test_the_page_says_who_did_what_when_and_how_to_check_it() -> None:
    text = page_text(certificate_pdf(certificate()))
    for expected in [
        "Certificate of completion",
        "Zoë Ngũgĩ",
        "Caring for the carer: a self-care course for mentors",
        "Northside Youth Mentoring",
        "1 March 2027",
        "4 hours",
        CODE,
        f"https://course.example.org/verify/{CODE}",
    ]:
        assert expected in text


def test_the_page_is_one_a4_landscape_page_with_its_document_title() -> None:
    reader = pypdf.PdfReader(io.BytesIO(certificate_pdf(certificate())))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_LANDSCAPE, abs=0.1)
    assert reader.metadata is not None
    assert reader.metadata.title == "Certificate of completion: Zoë Ngũgĩ"


@pytest.mark.parametrize(
    ("hours", "completed_on", "expected"),
    [
        (1.5, dt.date(2027, 12, 31), ["1.5 hours", "31 December 2027"]),
        (1, dt.date(2026, 1, 9), ["1 hour", "9 January 2026"]),
        (12.25, dt.date(2028, 2, 29), ["12.25 hours", "29 February 2028"]),
    ],
)
def test_hours_and_dates_read_as_people_say_them(
    hours: float, completed_on: dt.date, expected: list[str]
) -> None:
    text = page_text(certificate_pdf(certificate(hours=hours, completed_on=completed_on)))
    for words in expected:
        assert words in text
    assert "1 hours" not in text


def test_the_qr_code_scans_to_the_verify_address() -> None:
    assert scanned(certificate_pdf(certificate())) == [f"https://course.example.org/verify/{CODE}"]


def test_a_long_verify_address_still_scans() -> None:
    url = f"https://mentoring.northside.example.org/courses/caring-for-the-carer/verify/{CODE}?"
    url += "cohort=" + "x" * (200 - len(url) - len("cohort="))
    assert len(url) == 200
    assert scanned(certificate_pdf(certificate(verify_url=url))) == [url]


@pytest.mark.parametrize(
    "learner",
    [
        "Łucja Żak-Dąbrowska",  # Polish: ł, ż, ą do not decompose to ASCII
        "Dmitri Шостакович Łódź",  # Cyrillic and Latin in one name
        "Αλέξανδρος Παπαδόπουλος",
        "Þórunn Ægisdóttir",
        "Nguyễn Thị Minh Khai",  # stacked Vietnamese diacritics
        "שרה כהן",  # Hebrew, right to left
    ],
)
def test_names_in_the_scripts_the_font_covers_render(
    learner: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert unprintable(learner) == ""
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        pdf = certificate_pdf(certificate(learner))
    assert not caplog.records  # fpdf2 logs each glyph its font lacks
    text = page_text(pdf)
    assert "\u25a1" not in text
    if not any("\u0590" <= c <= "\u05ff" for c in learner):
        assert learner in text  # (a right-to-left run is extracted in visual order)


def test_a_name_the_font_cannot_draw_still_gives_a_certificate_with_boxes() -> None:
    """The limitation: no CJK font is bundled. The PDF is still made, marks each missing
    letter with a box rather than printing a shorter name, and keeps the name in its title."""
    assert unprintable("Mei 李小龙 Li\u200d") == "李小龙"
    pdf = certificate_pdf(certificate("Mei 李小龙"))
    assert "Mei □□□" in page_text(pdf)
    metadata = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert metadata is not None
    assert metadata.title == "Certificate of completion: Mei 李小龙"
    assert scanned(pdf) == [f"https://course.example.org/verify/{CODE}"]


LONGEST_URL = f"https://course.example.org/verify/{CODE}/" + "a" * 147  # 200 characters
LONGEST = certificate(  # each field as long as the model allows
    ("Дмитрий Алексеевич Шостакович-Римский Łucja Żak Nguyễn Thị Minh Khai " * 4)[:200],
    course=("A course title that keeps going and going and going " * 7)[:300],
    program=("Northside and Southside Youth Mentoring Collaborative " * 5)[:200],
    verify_url=LONGEST_URL,
)


@pytest.mark.parametrize("shown", [certificate(), LONGEST], ids=["typical", "longest"])
def test_text_stays_inside_the_frame_clear_of_the_qr_code_and_of_other_text(
    shown: Certificate,
) -> None:
    pdf = certificate_pdf(shown)
    text = flat(page_text(pdf))
    for field in (shown.learner, shown.course, shown.program, shown.verify_url):
        assert flat(field) in text
    width, height, lines = text_lines(pdf)
    inner = 12.5 * MM  # the frame's inner rule
    qr_left, qr_top = width - (28 + 34 + 4) * MM, (10 + 12 + 34 + 4) * MM  # with its quiet zone
    for left, bottom, right, top in lines:
        assert inner < left and right < width - inner and inner < bottom and top < height - inner
        assert right < qr_left or bottom > qr_top, "text inside the QR code's quiet zone"
    for i, (left, bottom, right, top) in enumerate(lines):
        for other_left, other_bottom, other_right, other_top in lines[i + 1 :]:
            apart = right <= other_left or other_right <= left
            assert apart or top <= other_bottom or other_top <= bottom, "two lines overlap"


def test_the_same_certificate_gives_the_same_bytes() -> None:
    assert certificate_pdf(certificate()) == certificate_pdf(certificate())


def test_the_zip_holds_one_pdf_per_mentor_even_for_two_of_one_name() -> None:
    certificates = [
        certificate("Alex Rivera", code=new_code()),
        certificate("Alex Rivera", code=new_code()),
        certificate("Zoë Ngũgĩ", code=CODE),
        certificate("李小龙", code=new_code()),
    ]
    with zipfile.ZipFile(io.BytesIO(certificates_zip(certificates))) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == [certificate_file_name(c) for c in certificates]
        assert len(set(names)) == len(certificates)
        for name, one in zip(names, certificates, strict=True):
            text = page_text(archive.read(name))
            assert one.code in text
            assert archive.getinfo(name).date_time[:3] == (2027, 3, 1)
    assert names[2] == "certificate-zoe-ngugi-7KQ2M9XD4T3B.pdf"
    assert re.fullmatch(r"certificate-lixiaolong-[0-9A-Z]{12}\.pdf", names[3])


def test_the_zip_refuses_two_certificates_with_one_code() -> None:
    with pytest.raises(ValueError, match=CODE):
        certificates_zip([certificate("Alex Rivera"), certificate("Alex Rivera")])


def test_an_empty_zip_is_a_valid_zip() -> None:
    with zipfile.ZipFile(io.BytesIO(certificates_zip([]))) as archive:
        assert archive.namelist() == []


@pytest.mark.parametrize(
    ("learner", "expected"),
    [
        ("Zoë Ngũgĩ", "certificate-zoe-ngugi-7KQ2M9XD4T3B.pdf"),
        ("Łucja Żak", "certificate-lucja-zak-7KQ2M9XD4T3B.pdf"),
        ("Дмитрий Шостакович", "certificate-dmitriy-shostakovich-7KQ2M9XD4T3B.pdf"),
        ("  O'Brien, Seán  ", "certificate-o-brien-sean-7KQ2M9XD4T3B.pdf"),
        ("…", "certificate-7KQ2M9XD4T3B.pdf"),
    ],
)
def test_file_names_are_an_ascii_slug_of_the_name_and_the_code(learner: str, expected: str) -> None:
    assert certificate_file_name(certificate(learner)) == expected


def test_a_long_name_gives_a_file_name_of_sane_length() -> None:
    name = certificate_file_name(certificate("Alexandra " * 20))
    assert name.isascii() and len(name) <= len("certificate--7KQ2M9XD4T3B.pdf") + 48
    assert not name.startswith("certificate--") and "--" not in name


def test_new_codes_are_grouped_crockford_base32_and_use_every_symbol_everywhere() -> None:
    codes = [new_code() for _ in range(2000)]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert re.fullmatch(
            r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", code
        )
        assert normal_code(code) == code
    symbols = [code.replace("-", "") for code in codes]
    for position in range(12):  # all 60 bits are random: each place takes all 32 symbols
        assert {s[position] for s in symbols} == set(ALPHABET)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("7KQ2-M9XD-4T3B", "7KQ2-M9XD-4T3B"),
        ("7kq2-m9xd-4t3b", "7KQ2-M9XD-4T3B"),
        ("  7kq2 m9xd 4t3b\n", "7KQ2-M9XD-4T3B"),
        ("7KQ2M9XD4T3B", "7KQ2-M9XD-4T3B"),
        ("7KQ2 \u2013 M9XD \u2013 4T3B", "7KQ2-M9XD-4T3B"),  # a phone's en dashes
        (full_width("7KQ2MOXD4T3B"), "7KQ2-M0XD-4T3B"),  # with O for 0
        ("ZOR1-oo0o-ILil", "Z0R1-0000-1111"),  # O/0 and I/L/1 confusions
    ],
)
def test_normal_code_forgives_what_people_type(typed: str, code: str) -> None:
    assert normal_code(typed) == code


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "hello",
        "7KQ2-M9XD-4T3",  # a symbol short
        "7KQ2-M9XD-4T3B0",  # a symbol long
        "7KQU-M9XD-4T3B",  # U is not in Crockford's alphabet
        "7KQ2-M9XD-4T3!",
        "7KQ2_M9XD_4T3B",
        "https://course.example.org/verify/7KQ2-M9XD-4T3B",
    ],
)
def test_normal_code_rejects_what_cannot_be_a_code(typed: str) -> None:
    assert normal_code(typed) is None


def test_a_certificate_is_frozen_and_takes_no_unknown_fields() -> None:
    one = certificate()
    with pytest.raises(ValidationError):
        one.learner = "Someone else"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        certificate(signature="anyone")


@pytest.mark.parametrize(
    "changes",
    [
        {"learner": "   "},
        {"learner": "x" * 201},
        {"course": ""},
        {"hours": 0},
        {"hours": float("nan")},
        {"code": "7kq2-m9xd-4t3b"},  # the model holds codes as normal_code gives them
        {"code": "7KQ2M9XD4T3B"},
        {"verify_url": "javascript:alert(1)"},
        {"verify_url": "https://course.example.org/verify/" + "x" * 200},
    ],
)
def test_a_certificate_refuses_what_the_page_cannot_say(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        certificate(**changes)


def test_a_certificate_trims_the_text_it_prints() -> None:
    assert certificate("  Zoë Ngũgĩ \n").learner == "Zoë Ngũgĩ"
