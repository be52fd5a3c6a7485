"""Certificates of completion: the model, its verification code, and the PDF a
coordinator prints or sends when a mentor has passed every knowledge check."""

from mentor_course.certificates.model import Certificate, new_code, normal_code
from mentor_course.certificates.pdf import (
    certificate_file_name,
    certificate_pdf,
    certificates_zip,
    date_text,
    unprintable,
)

__all__ = [
    "Certificate",
    "certificate_file_name",
    "certificate_pdf",
    "certificates_zip",
    "date_text",
    "new_code",
    "normal_code",
    "unprintable",
]
