"""Checks on written decks for the pptx tests: structure read straight from the zip."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import Counter

from lxml import etree

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
R_NS = NS["r"]


def parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def slide_names(content: bytes) -> list[str]:
    """Slide part names in deck order (following presentation.xml)."""
    package = parts(content)
    presentation = etree.fromstring(package["ppt/presentation.xml"])
    rels = _rels(package, "ppt/presentation.xml")
    return [rels[slide_id.get(f"{{{R_NS}}}id")] for slide_id in presentation.iterfind(".//p:sldId", NS)]


def _rels(package: dict[str, bytes], part: str) -> dict[str, str]:
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in package:
        return {}
    result = {}
    for rel in etree.fromstring(package[rels_name]).iterfind("rel:Relationship", NS):
        if rel.get("TargetMode") == "External":
            result[rel.get("Id")] = "external"
        else:
            result[rel.get("Id")] = posixpath.normpath(posixpath.join(folder, rel.get("Target")))
    return result


def dangling_relationships(content: bytes) -> list[str]:
    """r:id / r:embed references without a relationship, and relationships to missing parts."""
    package = parts(content)
    problems = []
    for name, data in package.items():
        if not name.endswith(".xml") or name.startswith("["):
            continue
        rels = _rels(package, name)
        for target in rels.values():
            if target != "external" and target not in package:
                problems.append(f"{name}: relationship to missing part {target}")
        root = etree.fromstring(data)
        for element in root.iter():
            for attribute, value in element.attrib.items():
                if attribute.startswith(f"{{{R_NS}}}") and value and value not in rels:
                    problems.append(f"{name}: {attribute} {value} has no relationship")
    return problems


def duplicate_shape_ids(content: bytes) -> list[str]:
    package = parts(content)
    problems = []
    for name in slide_names(content):
        ids = Counter(element.get("id") for element in etree.fromstring(package[name]).iterfind(".//p:cNvPr", NS))
        problems += [f"{name}: shape id {value} used {count} times" for value, count in ids.items() if count > 1]
    return problems


def slide_xml(content: bytes, name: str):
    return etree.fromstring(parts(content)[name])


def notes_text(content: bytes, slide_name: str) -> str:
    package = parts(content)
    rels = _rels(package, slide_name)
    notes = [target for target in rels.values() if "notesSlide" in target]
    if not notes:
        return ""
    root = etree.fromstring(package[notes[0]])
    for shape in root.iterfind(".//p:sp", NS):
        placeholder = shape.find(".//p:ph", NS)
        if placeholder is not None and placeholder.get("type") == "body":
            return "\n".join("".join(t.text or "" for t in p.iterfind(".//a:t", NS)) for p in shape.iterfind(".//a:p", NS))
    return ""
