"""A certificate of completion as a one-page PDF, and many of them as one zip.

The page is A4 landscape: the course's dates read day-first ("1 March 2027"), the
convention of the A4 world, and an A4 page printed on US Letter (or the reverse) by a
"fit to page" printer loses nothing, since every mark is well inside both.

Names are drawn in DejaVu Sans, bundled in `fonts/` (a subset: Latin, Greek, Cyrillic,
Armenian, Georgian and Hebrew; see `fonts/README.md`), since the PDF core fonts are
Latin-1 only. A name in a script the font lacks (Chinese, Japanese, Korean, Arabic, the
Indic scripts) still gives a certificate, with a box for each letter it cannot draw, so
the page never shows a shorter name that looks right; the PDF's title keeps the name as
enrolled. `unprintable()` says which letters those are, so a coordinator can be told
before printing.

Everything on the page is drawn from the `Certificate`: no images, nothing fetched. The
QR code is vector rectangles from segno's matrix, sharp at any print size. The PDF's
creation date is the completion date, so the same certificate gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from pathlib import Path

import segno
from anyascii import anyascii
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, XPos, YPos

from mentor_course.certificates.model import Certificate

FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVuSans"
FONT_FILES = {"": FONTS / "DejaVuSans.ttf", "B": FONTS / "DejaVuSans-Bold.ttf"}
MISSING = "\u25a1"  # WHITE SQUARE, in the subset for this

# Month names in English whatever the machine's locale (strftime's %B follows it).
MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)

# The page, in millimetres: A4 landscape, a frame inset from its edge, text inside that.
PAGE_WIDTH, PAGE_HEIGHT = 297.0, 210.0
FRAME = 10.0
MARGIN = 28.0
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
QR_SIZE = 34.0  # about 1 mm a module for a verify address: scans from paper at arm's length

# Calm and printable: near-black text, a muted slate for labels, one quiet teal accent;
# all read in greyscale. The QR code is pure black on white, for the scanner.
INK = (34, 40, 49)
MUTED = (92, 100, 112)
ACCENT = (47, 93, 98)
BLACK = (0, 0, 0)

POINT = 25.4 / 72  # millimetres in a typographic point
LEADING = 1.25  # line height as a multiple of font size


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as the bytes of a one-page PDF."""
    pdf = _document(certificate)
    _draw_frame(pdf)
    _draw_body(pdf, certificate)
    _draw_verification(pdf, certificate)
    return bytes(pdf.output())


def certificates_zip(certificates: Iterable[Certificate]) -> bytes:
    """One PDF per certificate, zipped, named by `certificate_file_name`; a coordinator
    prints or sends a whole cohort's at once. Each entry is dated its completion date."""
    buffer = io.BytesIO()
    names: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            name = certificate_file_name(certificate)
            if name in names:
                raise ValueError(f"two certificates share the code {certificate.code}")
            names.add(name)
            entry = zipfile.ZipInfo(name, date_time=_zip_time(certificate.completed_on))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, certificate_pdf(certificate))
    return buffer.getvalue()


def certificate_file_name(certificate: Certificate) -> str:
    """ "certificate-zoe-ngugi-7KQ2M9XD4T3B.pdf": the name transliterated to ASCII, so any
    file system and mail client keeps it, and the code, so two mentors of one name differ."""
    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(certificate.learner).lower()).strip("-")
    slug = slug[:48].rstrip("-")
    code = certificate.code.replace("-", "")
    return f"certificate-{slug}-{code}.pdf" if slug else f"certificate-{code}.pdf"


def unprintable(text: str) -> str:
    """The letters of `text` the bundled font cannot draw (each once, in order), which a
    certificate shows as boxes; "" when the whole of `text` prints. Spaces and invisible
    format characters (joiners, direction marks) are never counted."""
    return "".join(dict.fromkeys(c for c in text if _lacks(c)))


def date_text(day: dt.date) -> str:
    """ "1 March 2027": unambiguous to a reader anywhere, unlike 1/3/2027."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _hours_text(hours: float) -> str:
    """ "4 hours", "1.5 hours", "1 hour"."""
    return f"{hours:g} hour" + ("" if hours == 1 else "s")


def _printable(text: str) -> str:
    """`text` with a box for each letter the font lacks, where the PDF library would drop
    it and print "Mei" for "Mei 李" without a sign."""
    return "".join(MISSING if _lacks(c) else c for c in text)


def _lacks(character: str) -> bool:
    """Whether `character` is a visible one the font has no glyph for."""
    return ord(character) not in _covered() and unicodedata.category(character)[0] not in "ZC"


@functools.cache
def _covered() -> frozenset[int]:
    """The code points both bundled weights draw."""
    cmaps = [set(TTFont(path).getBestCmap()) for path in FONT_FILES.values()]
    return frozenset(set.intersection(*cmaps))


def _document(certificate: Certificate) -> FPDF:
    """An empty A4 landscape page with the fonts, and metadata that names the mentor as
    enrolled (whatever the font can draw) and is dated by the completion, for same bytes."""
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_auto_page_break(False)  # one page, always: the layout sizes text to fit
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    for style, path in FONT_FILES.items():
        pdf.add_font(FAMILY, style, str(path))
    pdf.set_lang("en")
    pdf.set_title(f"Certificate of completion: {certificate.learner}")
    pdf.set_subject(certificate.course)
    pdf.set_author(certificate.program)
    pdf.set_creator("mentor-course")
    pdf.set_creation_date(dt.datetime.combine(certificate.completed_on, dt.time(), tzinfo=dt.UTC))
    pdf.add_page()
    return pdf


def _draw_frame(pdf: FPDF) -> None:
    """A double rule around the page, the one ornament."""
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.8)
    pdf.rect(FRAME, FRAME, PAGE_WIDTH - 2 * FRAME, PAGE_HEIGHT - 2 * FRAME)
    pdf.set_line_width(0.25)
    inner = FRAME + 2.5
    pdf.rect(inner, inner, PAGE_WIDTH - 2 * inner, PAGE_HEIGHT - 2 * inner)


def _draw_body(pdf: FPDF, certificate: Certificate) -> None:
    """The middle of the page, top to bottom, each piece in a box of fixed height so a
    long name or title shrinks (then wraps) inside its box and never moves the rest."""
    _text_box(
        pdf, certificate.program, top=23, height=9, style="B", size=12, smallest=9, color=ACCENT
    )
    _text_box(pdf, "Certificate of completion", top=34, height=14, size=28, color=INK)
    _text_box(pdf, "This certifies that", top=54, height=7, size=12, color=MUTED)
    _text_box(
        pdf, certificate.learner, top=62, height=24, style="B", size=34, smallest=14, color=INK
    )
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.3)
    pdf.line(PAGE_WIDTH / 2 - 40, 89, PAGE_WIDTH / 2 + 40, 89)
    _text_box(pdf, "has completed the course", top=93, height=7, size=12, color=MUTED)
    _text_box(
        pdf, certificate.course, top=101, height=18, style="B", size=18, smallest=11, color=INK
    )
    when = f"on {date_text(certificate.completed_on)}  ·  {_hours_text(certificate.hours)}"
    _text_box(pdf, when, top=121, height=8, size=12, color=INK)


def _draw_verification(pdf: FPDF, certificate: Certificate) -> None:
    """The foot of the page: the code and address to check it by, and the same address as
    a QR code, for whoever is handed the paper and wants to know it is real."""
    top = PAGE_HEIGHT - FRAME - 12 - QR_SIZE
    left = PAGE_WIDTH - MARGIN - QR_SIZE
    _draw_qr(pdf, certificate.verify_url, left, top, QR_SIZE)
    width = left - MARGIN - 10
    pdf.set_xy(MARGIN, top + 4)
    _line(pdf, "Verification code", width, size=9, color=MUTED)
    _line(pdf, certificate.code, width, size=15, style="B", color=INK)
    pdf.ln(3)
    _line(pdf, "Check this certificate at", width, size=9, color=MUTED)
    _line(pdf, certificate.verify_url, width, size=10, color=INK)


def _text_box(
    pdf: FPDF,
    text: str,
    *,
    top: float,
    height: float,
    size: int,
    color: tuple[int, int, int],
    style: str = "",
    smallest: int | None = None,
) -> None:
    """`text` centred in a box `height` mm tall across the text width, at `size` points or,
    if it does not fit, the largest size down to `smallest` at which it does, wrapped when
    one line cannot hold it. The model's length limits keep it in the box at `smallest`."""
    text = _printable(text)
    for points in range(size, (smallest or size) - 1, -1):
        pdf.set_font(FAMILY, style, points)
        line_height = points * POINT * LEADING
        lines = _line_count(pdf, text, line_height)
        if lines * line_height <= height:
            break
    pdf.set_text_color(*color)
    pdf.set_xy(MARGIN, top + max(0.0, (height - lines * line_height) / 2))
    pdf.multi_cell(TEXT_WIDTH, line_height, text, align=Align.C)


def _line_count(pdf: FPDF, text: str, line_height: float) -> int:
    """How many lines `text` wraps to across the text width in the current font."""
    wrapped = pdf.multi_cell(
        TEXT_WIDTH, line_height, text, dry_run=True, output=MethodReturnValue.LINES
    )
    assert isinstance(wrapped, list)
    return len(wrapped)


def _line(
    pdf: FPDF, text: str, width: float, *, size: int, color: tuple[int, int, int], style: str = ""
) -> None:
    """`text` left-aligned below the last, wrapped at `width` mm (a long address may be)."""
    pdf.set_font(FAMILY, style, size)
    pdf.set_text_color(*color)
    pdf.multi_cell(
        width, size * POINT * LEADING, _printable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )


def _draw_qr(pdf: FPDF, data: str, left: float, top: float, size: float) -> None:
    """`data` as a QR code `size` mm square: one filled rectangle per run of dark modules
    in a row, each a hair taller than its row so no light seam shows between rows."""
    matrix = segno.make(data, error="m", micro=False).matrix
    module = size / len(matrix)
    pdf.set_fill_color(*BLACK)
    for row, cells in enumerate(matrix):
        column = 0
        for dark, run in itertools.groupby(cells):
            length = len(list(run))
            if dark:
                x, y = left + column * module, top + row * module
                pdf.rect(x, y, length * module, module * 1.02, style="F")
            column += length


def _zip_time(day: dt.date) -> tuple[int, int, int, int, int, int]:
    """A zip entry's time for `day`: the date a coordinator sees when unzipping."""
    day = max(day, dt.date(1980, 1, 1))  # the earliest date a zip entry can hold
    return (day.year, day.month, day.day, 0, 0, 0)
