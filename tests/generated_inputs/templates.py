"""Damaged house-style templates: wrong root elements, corrupt zip members, malformed XML.

Each is a copy of the default deck or briefing with one part broken the way real files
break (a CRC error, a deflate stream cut short, a half-written layout, a package without
`[Content_Types].xml`), as .pptx/.docx and as .potx/.dotx.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

CONTENT_TYPES = "[Content_Types].xml"
DECK_TEMPLATE = (b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                 b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml")
BRIEFING_TEMPLATE = (b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                     b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")
WRONG_STYLES_ROOT = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                     b"<w:body/></w:document>")
WRONG_LAYOUT_ROOT = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     b'<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>')
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"
STYLES = "word/styles.xml"


def _rewrite(source: Path, target: Path, changes: dict[str, bytes | None], stored: str | None = None,
             as_template: tuple[bytes, bytes] | None = None) -> None:
    """A copy of a package with parts replaced (None: left out), one part stored uncompressed."""
    with zipfile.ZipFile(source) as original:
        members = [(info.filename, original.read(info.filename)) for info in original.infolist()]
    target.unlink(missing_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for name, data in members:
            if name in changes:
                data = changes[name]
                if data is None:
                    continue
            if as_template and name == CONTENT_TYPES:
                data = data.replace(*as_template)
            copy.writestr(name, data, zipfile.ZIP_STORED if name == stored else zipfile.ZIP_DEFLATED)


def _member_offsets(path: Path, name: str) -> tuple[int, int]:
    """(local header offset, central directory entry offset) of member `name`."""
    data = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(name).header_offset
    encoded = name.encode("utf-8")
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_length] == encoded:
            return local, central
        central = data.find(b"PK\x01\x02", central + 4)
    raise KeyError(name)


def _flip_a_byte(path: Path, name: str) -> None:
    """Change one byte of a stored member's data, so its CRC no longer matches."""
    local, _ = _member_offsets(path, name)
    data = bytearray(path.read_bytes())
    name_length, extra_length = struct.unpack_from("<HH", data, local + 26)
    start = local + 30 + name_length + extra_length
    position = start + data[start:].index(b">") + 1
    data[position] ^= 0x20
    path.write_bytes(bytes(data))


def _cut_deflate_stream(path: Path, name: str) -> None:
    """Replace a stored member by a deflate stream cut off halfway (the rest of the file intact)."""
    local, central = _member_offsets(path, name)
    data = bytearray(path.read_bytes())
    name_length, extra_length = struct.unpack_from("<HH", data, local + 26)
    start = local + 30 + name_length + extra_length
    size = struct.unpack_from("<I", data, local + 18)[0]
    content = bytes(data[start:start + size])
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    stream = compressor.compress(content) + compressor.flush(zlib.Z_SYNC_FLUSH)
    stream = stream[: len(stream) // 2]
    data[start:start + len(stream)] = stream
    for method_at in (local + 8, central + 10):
        struct.pack_into("<H", data, method_at, zipfile.ZIP_DEFLATED)
    for size_at in (local + 18, central + 20):
        struct.pack_into("<I", data, size_at, len(stream))
    path.write_bytes(bytes(data))


def _deck(work: Path, potx: bool = False) -> tuple[Path, Path]:
    source = work / "template" / "deck.pptx"
    if not potx:
        original = work / "template" / "original-deck.bin"
        source.rename(original)
        return original, source
    return source, work / "template" / "deck.potx"


def _briefing(work: Path, dotx: bool = False) -> tuple[Path, Path]:
    source = work / "template" / "briefing.docx"
    if not dotx:
        original = work / "template" / "original-briefing.bin"
        source.rename(original)
        return original, source
    return source, work / "template" / "briefing.dotx"


def _finish(source: Path, target: Path) -> Path:
    """Only the broken file stays in the template set."""
    source.unlink()
    return target


def styles_wrong_root(work: Path, dotx: bool = False) -> Path:
    source, target = _briefing(work, dotx)
    _rewrite(source, target, {STYLES: WRONG_STYLES_ROOT}, as_template=BRIEFING_TEMPLATE if dotx else None)
    return _finish(source, target)


def layout_malformed(work: Path, potx: bool = False) -> Path:
    source, target = _deck(work, potx)
    with zipfile.ZipFile(source) as archive:
        layout = archive.read(LAYOUT)
    _rewrite(source, target, {LAYOUT: layout[: len(layout) // 2]}, as_template=DECK_TEMPLATE if potx else None)
    return _finish(source, target)


def layout_wrong_root(work: Path) -> Path:
    source, target = _deck(work)
    _rewrite(source, target, {LAYOUT: WRONG_LAYOUT_ROOT})
    return _finish(source, target)


def no_content_types_deck(work: Path, potx: bool = False) -> Path:
    source, target = _deck(work, potx)
    _rewrite(source, target, {CONTENT_TYPES: None})
    return _finish(source, target)


def no_content_types_briefing(work: Path, dotx: bool = False) -> Path:
    source, target = _briefing(work, dotx)
    _rewrite(source, target, {CONTENT_TYPES: None})
    return _finish(source, target)


def bad_crc_deck(work: Path) -> Path:
    source, target = _deck(work)
    _rewrite(source, target, {}, stored=LAYOUT)
    _flip_a_byte(target, LAYOUT)
    return _finish(source, target)


def bad_crc_briefing(work: Path, dotx: bool = False) -> Path:
    source, target = _briefing(work, dotx)
    _rewrite(source, target, {}, stored=STYLES, as_template=BRIEFING_TEMPLATE if dotx else None)
    _flip_a_byte(target, STYLES)
    return _finish(source, target)


def truncated_deflate_briefing(work: Path) -> Path:
    source, target = _briefing(work)
    _rewrite(source, target, {}, stored=STYLES)
    _cut_deflate_stream(target, STYLES)
    return _finish(source, target)


def truncated_deflate_deck(work: Path, potx: bool = False) -> Path:
    source, target = _deck(work, potx)
    _rewrite(source, target, {}, stored=LAYOUT, as_template=DECK_TEMPLATE if potx else None)
    _cut_deflate_stream(target, LAYOUT)
    return _finish(source, target)


GENERATORS = {
    "template-styles-wrong-root": styles_wrong_root,
    "template-styles-wrong-root-dotx": lambda work: styles_wrong_root(work, dotx=True),
    "template-layout-malformed-xml": layout_malformed,
    "template-layout-malformed-xml-potx": lambda work: layout_malformed(work, potx=True),
    "template-layout-malformed-xml-briefing-only": layout_malformed,
    "template-layout-wrong-root": layout_wrong_root,
    "template-deck-no-content-types": no_content_types_deck,
    "template-deck-no-content-types-potx": lambda work: no_content_types_deck(work, potx=True),
    "template-briefing-no-content-types": no_content_types_briefing,
    "template-briefing-no-content-types-dotx": lambda work: no_content_types_briefing(work, dotx=True),
    "template-deck-bad-crc": bad_crc_deck,
    "template-briefing-bad-crc-dotx": lambda work: bad_crc_briefing(work, dotx=True),
    "template-briefing-truncated-deflate": truncated_deflate_briefing,
    "template-deck-truncated-deflate-potx": lambda work: truncated_deflate_deck(work, potx=True),
}
