"""Reading an Office package for checking: size limits first, then parts and relationships.

Checked files may come from anywhere, so the zip is measured before anything is unpacked and
XML is parsed without entities, DTDs or network access.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator.errors import InputError, problem_at
from generator.office_safety import TEMPLATE_LIMITS, check_zip_package

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
"""The Office extension that marks a picture as decorative (`adec:decorative val="1"`)."""

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(content: bytes) -> etree._Element:
    """An XML part's root element, parsed without entity expansion or network access."""
    return etree.fromstring(content, _PARSER)


@dataclass
class Package:
    """An opened Office package: its parts by name, parsed on demand and kept."""

    path: Path
    archive: zipfile.ZipFile
    _parsed: dict

    def has(self, name: str) -> bool:
        return name in self.archive.NameToInfo

    def xml(self, name: str) -> etree._Element | None:
        """The parsed part `name`, or None when the package has no such part."""
        if name not in self._parsed:
            self._parsed[name] = parse_xml(self.archive.read(name)) if self.has(name) else None
        return self._parsed[name]

    def related(self, name: str, kind: str | None = None) -> list[str]:
        """Parts `name` points at (optionally only relationships whose type ends with `kind`)."""
        return [target for rel_id, target in self.relationships(name).items()
                if kind is None or self.relationship_type(name, rel_id).endswith("/" + kind)]

    def relationships(self, name: str) -> dict[str, str]:
        """Relationship id -> target part name, internal targets only."""
        root = self.xml(_rels_name(name))
        if root is None:
            return {}
        folder = posixpath.dirname(name)
        targets = {}
        for rel in root.findall("rel:Relationship", NS):
            if rel.get("TargetMode") == "External" or not rel.get("Target"):
                continue
            target = rel.get("Target")
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            targets[rel.get("Id")] = resolved
        return targets

    def relationship_type(self, name: str, rel_id: str) -> str:
        root = self.xml(_rels_name(name))
        for rel in root.findall("rel:Relationship", NS) if root is not None else ():
            if rel.get("Id") == rel_id:
                return rel.get("Type") or ""
        return ""

    def core(self, tag: str) -> str:
        """A core property such as "dc:title" ('' when absent)."""
        root = self.xml("docProps/core.xml")
        element = None if root is None else root.find(tag, NS)
        return (element.text or "").strip() if element is not None else ""

    def close(self) -> None:
        self.archive.close()


def _rels_name(name: str) -> str:
    return posixpath.join(posixpath.dirname(name), "_rels", posixpath.basename(name) + ".rels")


def open_package(path: Path, main_part: str) -> Package:
    """`path` opened as an Office package with `main_part`; `InputError` (exit 2) when it is not one.

    Every member is inflated within the template limits first, so a zip bomb is refused early.
    """
    path = Path(path)
    check_zip_package(path, TEMPLATE_LIMITS, "document", main_part)
    try:
        return Package(path, zipfile.ZipFile(path), {})
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(problem_at(path, f"damaged zip package: {error}")) from None


def read_failure(path: Path, error: Exception) -> InputError:
    """The `InputError` for a package part that could not be read or parsed."""
    detail = str(error).splitlines()[0] if str(error) else type(error).__name__
    return InputError(problem_at(path, f"damaged Office file: {detail}"))
