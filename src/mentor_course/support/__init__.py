"""Support resources: national crisis lines and the program's own contacts."""

from mentor_course.support.model import (
    Contact,
    CrisisLine,
    CrisisLines,
    ProgramConfig,
    load_program_config,
)

__all__ = ["Contact", "CrisisLine", "CrisisLines", "ProgramConfig", "load_program_config"]
