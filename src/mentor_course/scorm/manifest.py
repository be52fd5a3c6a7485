"""`imsmanifest.xml` for SCORM 1.2 and SCORM 2004 4th edition, from one model.

The package is one SCO: the launch page holds the course's single session, so one status
and one score cover every knowledge check (SCORM 1.2 cannot combine several SCOs' results
into one). The resource lists the chapters' pages in book order, then every other file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from xml.etree import ElementTree as ET

ScormVersion = Literal["1.2", "2004"]
VERSIONS: tuple[ScormVersion, ...] = ("1.2", "2004")
LAUNCH = "scorm-launch.html"

XSI = "http://www.w3.org/2001/XMLSchema-instance"
NAMESPACES: dict[ScormVersion, dict[str, str]] = {
    "1.2": {
        "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    },
    "2004": {
        "": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
        "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
        "imsss": "http://www.imsglobal.org/xsd/imsss",
    },
}
SCHEMAS: dict[ScormVersion, str] = {
    "1.2": (
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
        "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"
    ),
    "2004": (
        "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
        "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
        "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
        "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
        "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd"
    ),
}
SCHEMA_VERSION: dict[ScormVersion, str] = {"1.2": "1.2", "2004": "2004 4th Edition"}


@dataclass(frozen=True)
class Package:
    """What a SCORM package holds: the course's title and its files, chapters first."""

    title: str
    chapters: list[str]  # the chapters' pages, in book order
    files: list[str]  # every file of the package but the manifest, LAUNCH included


def manifest(package: Package, version: ScormVersion) -> bytes:
    """The package's `imsmanifest.xml` for SCORM `version`."""
    spaces = NAMESPACES[version]
    for prefix, uri in spaces.items():
        ET.register_namespace(prefix, uri)

    def tag(name: str, prefix: str = "") -> str:
        return f"{{{spaces[prefix]}}}{name}"

    root = ET.Element(
        tag("manifest"),
        {
            "identifier": "mentor-course",
            "version": "1",
            f"{{{XSI}}}schemaLocation": SCHEMAS[version],
        },
    )
    metadata = ET.SubElement(root, tag("metadata"))
    ET.SubElement(metadata, tag("schema")).text = "ADL SCORM"
    ET.SubElement(metadata, tag("schemaversion")).text = SCHEMA_VERSION[version]
    organizations = ET.SubElement(root, tag("organizations"), {"default": "course"})
    organization = ET.SubElement(organizations, tag("organization"), {"identifier": "course"})
    ET.SubElement(organization, tag("title")).text = package.title
    item = ET.SubElement(
        organization, tag("item"), {"identifier": "course-item", "identifierref": "course-sco"}
    )
    ET.SubElement(item, tag("title")).text = package.title
    resources = ET.SubElement(root, tag("resources"))
    scorm_type = "scormtype" if version == "1.2" else "scormType"
    resource = ET.SubElement(
        resources,
        tag("resource"),
        {
            "identifier": "course-sco",
            "type": "webcontent",
            tag(scorm_type, "adlcp"): "sco",
            "href": LAUNCH,
        },
    )
    rest = sorted(set(package.files) - set(package.chapters) - {LAUNCH})
    for href in [LAUNCH, *package.chapters, *rest]:
        ET.SubElement(resource, tag("file"), {"href": href})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
