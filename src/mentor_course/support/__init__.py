"""Support resources: national crisis lines and the program's own contacts."""

from mentor_course.support.model import (
    NOT_SET,
    Contact,
    CrisisLine,
    CrisisLines,
    ProgramConfig,
    contacts_warning,
    load_program_config,
)

__all__ = [
    "NOT_SET",
    "Contact",
    "CrisisLine",
    "CrisisLines",
    "ProgramConfig",
    "contacts_warning",
    "load_program_config",
]
