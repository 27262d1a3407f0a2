"""Hostile templates, workbooks and narrative templates for the security cases (cases-security.yaml).

Each disguises something the old byte-level checks let through: external links spelled with
single quotes, character references or UTF-16; macros, ActiveX, OLE objects and altChunks under
innocent names; a member whose declared size understates what it inflates to; numbers written
in forms the number audit did not read.
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from pathlib import Path

RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout1.xml.rels"
PRESENTATION_RELS = "ppt/_rels/presentation.xml.rels"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
SETTINGS_RELS = "word/_rels/settings.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
DECLARED_SIZE = 1_000
INFLATED_SIZE = 300 * 2**20
EMOJI = "Huisarts \U0001F3E5"


def _rewrite(path: Path, changes: dict[str, bytes | None] | None = None, extra: dict[str, bytes] | None = None,
             relationships: dict[str, str] | None = None, types: str = "") -> None:
    """`path` re-packed: parts replaced, parts added, relationships and content types appended."""
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info.filename) for info in original.infolist()}
    parts.update(changes or {})
    for name, relationship in (relationships or {}).items():
        rels = parts.get(name) or (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                   b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                   b'relationships"></Relationships>')
        parts[name] = rels.replace(b"</Relationships>", relationship.encode("utf-8") + b"</Relationships>")
    parts[CONTENT_TYPES] = parts[CONTENT_TYPES].replace(b"</Types>", types.encode("utf-8") + b"</Types>")
    parts.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _relationship(kind: str, target: str, quote: str = '"', mode: str = "External") -> str:
    q = quote
    return f"<Relationship Id={q}rIdSec9{q} Type={q}{RELS}/{kind}{q} Target={q}{target}{q} TargetMode={q}{mode}{q}/>"


def deck_external_image_single_quotes(work: Path) -> Path:
    deck = work / "template" / "deck.pptx"
    _rewrite(deck, relationships={LAYOUT_RELS: _relationship("image", "http://example.invalid/logo.png", "'")})
    return deck


def deck_external_character_reference(work: Path) -> Path:
    deck = work / "template" / "deck.pptx"
    _rewrite(deck, relationships={LAYOUT_RELS: _relationship("image", "http://example.invalid/logo.png",
                                                             mode="&#69;xternal")})
    return deck


def briefing_external_utf16(work: Path) -> Path:
    briefing = work / "template" / "briefing.docx"
    with zipfile.ZipFile(briefing) as archive:
        rels = archive.read(DOCUMENT_RELS).decode("utf-8")
    rels = rels.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace(
        "</Relationships>", _relationship("image", "http://example.invalid/logo.png") + "</Relationships>")
    _rewrite(briefing, changes={DOCUMENT_RELS: rels.encode("utf-16")})
    return briefing


def briefing_attached_template(work: Path) -> Path:
    briefing = work / "template" / "briefing.docx"
    link = _relationship("attachedTemplate", "file://server.invalid/share/Normal.dotm", "'")
    _rewrite(briefing, relationships={SETTINGS_RELS: link.replace("TargetMode=", "TargetMode = ")})
    return briefing


def deck_rels_with_doctype(work: Path) -> Path:
    deck = work / "template" / "deck.pptx"
    with zipfile.ZipFile(deck) as archive:
        rels = archive.read(LAYOUT_RELS)
    declaration, _, rest = rels.partition(b"?>")
    doctype = b'<!DOCTYPE r [<!ENTITY mode "External">]>'
    _rewrite(deck, changes={LAYOUT_RELS: declaration + b"?>" + doctype + rest})
    return deck


def briefing_hyperlink_only(work: Path) -> Path:
    """An external hyperlink is shown, never fetched: this template must build (pandoc's reference.docx has one)."""
    briefing = work / "template" / "briefing.docx"
    _rewrite(briefing, relationships={DOCUMENT_RELS: _relationship("hyperlink", "https://pandoc.org/")})
    data = work / "valid.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("Huisarts", EMOJI), encoding="utf-8")
    return briefing


def deck_macros_innocent_name(work: Path) -> Path:
    deck = work / "template" / "deck.pptx"
    _rewrite(deck, extra={"ppt/media/image42.png": b"Attribute VB_Name = \"Module1\"\r\nSub AutoOpen()\r\n"},
             relationships={PRESENTATION_RELS: _relationship(
                 "vbaProject", "media/image42.png", mode="Internal").replace(
                 f"{RELS}/vbaProject", "http://schemas.microsoft.com/office/2006/relationships/vbaProject")},
             types='<Override PartName="/ppt/media/image42.png" ContentType="application/vnd.ms-office.vbaProject"/>')
    return deck


def deck_activex(work: Path) -> Path:
    deck = work / "template" / "deck.pptx"
    control = (b'<?xml version="1.0" encoding="UTF-8"?><ax:ocx ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}" '
               b'xmlns:ax="http://schemas.microsoft.com/office/2006/activeX"/>')
    _rewrite(deck, extra={"ppt/media/shape7.xml": control},
             relationships={LAYOUT_RELS: _relationship("control", "../media/shape7.xml", mode="Internal")},
             types='<Override PartName="/ppt/media/shape7.xml" ContentType="application/vnd.ms-office.activeX+xml"/>')
    return deck


def deck_ole_object(work: Path) -> Path:
    deck = work / "template" / "deck.pptx"
    storage = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    _rewrite(deck, extra={"ppt/embeddings/data7.bin": storage},
             relationships={LAYOUT_RELS: _relationship("oleObject", "../embeddings/data7.bin", mode="Internal")},
             types='<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>')
    return deck


def briefing_embedded_package(work: Path) -> Path:
    briefing = work / "template" / "briefing.docx"
    inner = (work / "template" / "briefing.docx").read_bytes()
    _rewrite(briefing, extra={"word/media/attachment.docx": inner},
             relationships={DOCUMENT_RELS: _relationship("package", "media/attachment.docx", mode="Internal")},
             types='<Default Extension="docx" ContentType="application/vnd.openxmlformats-officedocument.'
                   'wordprocessingml.document"/>')
    return briefing


def briefing_altchunk(work: Path) -> Path:
    briefing = work / "template" / "briefing.docx"
    page = b"<html><body><img src='http://example.invalid/track.png'></body></html>"
    _rewrite(briefing, extra={"word/text7.htm": page},
             relationships={DOCUMENT_RELS: _relationship("aFChunk", "text7.htm", mode="Internal")},
             types='<Override PartName="/word/text7.htm" ContentType="text/html"/>')
    return briefing


def understate_member(path: Path, name: str) -> None:
    """Append `name`: 300 MB of zeros, its local and central headers patched to declare 1,000 bytes.

    The checksum is that of the first 1,000 bytes, so a reader that trusts the declared size sees
    a consistent member while the deflate stream goes on for 300 MB.
    """
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open(name, "w") as member:
            block = bytes(2**20)
            for _ in range(INFLATED_SIZE // len(block)):
                member.write(block)
        offset = archive.getinfo(name).header_offset
    crc = zlib.crc32(bytes(DECLARED_SIZE))
    data = bytearray(path.read_bytes())
    struct.pack_into("<L", data, offset + 14, crc)
    struct.pack_into("<L", data, offset + 22, DECLARED_SIZE)
    central = len(data)
    while True:
        central = data.rfind(b"PK\x01\x02", 0, central)
        if data[central + 46:central + 46 + len(name)] == name.encode():
            break
    struct.pack_into("<L", data, central + 16, crc)
    struct.pack_into("<L", data, central + 24, DECLARED_SIZE)
    path.write_bytes(bytes(data))


def deck_understated_member(work: Path) -> Path:
    deck = work / "template" / "deck.pptx"
    understate_member(deck, "ppt/media/padding.bin")
    return deck


def workbook_understated_member(work: Path) -> Path:
    workbook = work / "findings.xlsx"
    with zipfile.ZipFile(workbook, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CONTENT_TYPES, '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                        'package/2006/content-types"/>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
    understate_member(workbook, "xl/media/padding.bin")
    return workbook


def workbook_password_protected(work: Path) -> Path:
    """Excel saves a workbook with a password as an OLE compound file, not a zip."""
    workbook = work / "findings.xlsx"
    workbook.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    return workbook


def _narrative(source: str, name: str = "finding_text.j2"):
    def generate(work: Path) -> Path:
        folder = work / "template" / "narrative"
        folder.mkdir(exist_ok=True)
        (folder / name).write_text(source, encoding="utf-8")
        return folder / name
    return generate


def narrative_pipe(work: Path) -> Path:
    folder = work / "template" / "narrative"
    folder.mkdir(exist_ok=True)
    os.mkfifo(folder / "finding_text.j2")
    return folder / "finding_text.j2"


GENERATORS = {
    "sec-deck-external-image-single-quotes": deck_external_image_single_quotes,
    "sec-deck-external-character-reference": deck_external_character_reference,
    "sec-briefing-external-utf16": briefing_external_utf16,
    "sec-briefing-attached-template": briefing_attached_template,
    "sec-deck-rels-with-doctype": deck_rels_with_doctype,
    "sec-briefing-hyperlink-only": briefing_hyperlink_only,
    "sec-deck-macros-innocent-name": deck_macros_innocent_name,
    "sec-deck-activex": deck_activex,
    "sec-deck-ole-object": deck_ole_object,
    "sec-briefing-embedded-package": briefing_embedded_package,
    "sec-briefing-altchunk": briefing_altchunk,
    "sec-deck-understated-member": deck_understated_member,
    "sec-workbook-understated-member": workbook_understated_member,
    "sec-workbook-password-protected": workbook_password_protected,
    "sec-narrative-decimal-point": _narrative("Maar liefst 12.9% is tevreden."),
    "sec-narrative-superscript-digits": _narrative("Maar liefst ⁸⁷% is tevreden."),
    "sec-narrative-million": _narrative("Het gaat om 1.5 miljoen woningen."),
    "sec-narrative-number-word": _narrative("Vijf buurten deden mee."),
    "sec-narrative-huge-ljust": _narrative("{{ 'x'.ljust(10 ** 9) }}"),
    "sec-narrative-pipe": narrative_pipe,
}
