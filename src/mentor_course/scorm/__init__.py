"""SCORM 1.2 and 2004 packages of the course, for learning management systems."""

from mentor_course.scorm.manifest import VERSIONS, ScormVersion
from mentor_course.scorm.package import export_scorm

__all__ = ["VERSIONS", "ScormVersion", "export_scorm"]
