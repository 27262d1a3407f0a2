"""Pictures taken over from a template are marked decorative when they carry no description.

A logo or ornament in a house style says nothing a reader needs; Office's "Mark as
decorative" (the `adec:decorative` extension on `cNvPr` / `docPr`) tells screen readers to
skip it. A template picture with a description keeps it and stays informative, so a
template author decides by describing a picture or not.
"""

from __future__ import annotations

from lxml import etree

from generator.checks.package import DECORATIVE_URI, NS

_A = NS["a"]
_ADEC = NS["adec"]
_PICTURE_PROPERTIES = (
    "{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr",
    "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr",
)
_PRESENTATION_PICTURE = "{http://schemas.openxmlformats.org/presentationml/2006/main}pic"


def mark_decorative(properties) -> None:
    """Adds the Office decorative mark to a `p:cNvPr` or `wp:docPr` element (once)."""
    extensions = properties.find(f"{{{_A}}}extLst")
    if extensions is None:
        extensions = etree.SubElement(properties, f"{{{_A}}}extLst")
    if any(extension.get("uri") == DECORATIVE_URI for extension in extensions):
        return
    extension = etree.SubElement(extensions, f"{{{_A}}}ext", uri=DECORATIVE_URI)
    etree.SubElement(extension, f"{{{_ADEC}}}decorative", nsmap={"adec": _ADEC}, val="1")


def mark_undescribed_pictures(root) -> int:
    """Marks every picture under `root` without a description as decorative; returns how many."""
    marked = 0
    for properties in root.iter(*_PICTURE_PROPERTIES):
        is_slide_picture = properties.tag == _PICTURE_PROPERTIES[0]
        if is_slide_picture and properties.getparent().getparent().tag != _PRESENTATION_PICTURE:
            continue
        if (properties.get("descr") or "").strip():
            continue
        mark_decorative(properties)
        marked += 1
    return marked
