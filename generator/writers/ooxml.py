"""Open XML plumbing the deck and briefing writers share: reading templates, text, properties, saving.

python-pptx and python-docx fail on a damaged package with a bare KeyError, BadZipFile,
XMLSyntaxError or AttributeError deep inside their own code. Here every member is inflated
(CRC checked), every XML part parsed and its root element compared with what its content
type promises, so a broken template is one `InputError` naming the file and the part.
What is written goes through here too: text stripped of what XML cannot hold, the core
properties from the report, and a zip re-packed so equal input gives equal bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator, Mapping

from lxml import etree

from generator.errors import InputError, problem_at
from generator.office_safety import check_office_file

CONTENT_TYPES = "[Content_Types].xml"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
_RESAVE = "open the template in PowerPoint or Word and save it again"

NAMESPACES = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
}

_PML = "application/vnd.openxmlformats-officedocument.presentationml."
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
PRESENTATION_MAIN = _PML + "presentation.main+xml"
PRESENTATION_TEMPLATE_MAIN = _PML + "template.main+xml"
DOCUMENT_MAIN = _WML + "document.main+xml"
DOCUMENT_TEMPLATE_MAIN = _WML + "template.main+xml"
EDITABLE_MAIN = {PRESENTATION_TEMPLATE_MAIN: PRESENTATION_MAIN, DOCUMENT_TEMPLATE_MAIN: DOCUMENT_MAIN}
"""Template (.potx/.dotx) main content type -> the document type the libraries accept."""

EXPECTED_ROOTS = {
    PRESENTATION_MAIN: "p:presentation",
    PRESENTATION_TEMPLATE_MAIN: "p:presentation",
    _PML + "slideshow.main+xml": "p:presentation",
    _PML + "slideMaster+xml": "p:sldMaster",
    _PML + "slideLayout+xml": "p:sldLayout",
    _PML + "slide+xml": "p:sld",
    _PML + "notesMaster+xml": "p:notesMaster",
    _PML + "notesSlide+xml": "p:notes",
    _PML + "handoutMaster+xml": "p:handoutMaster",
    _PML + "presProps+xml": "p:presentationPr",
    _PML + "viewProps+xml": "p:viewPr",
    _PML + "tableStyles+xml": "a:tblStyleLst",
    "application/vnd.openxmlformats-officedocument.theme+xml": "a:theme",
    DOCUMENT_MAIN: "w:document",
    DOCUMENT_TEMPLATE_MAIN: "w:document",
    _WML + "styles+xml": "w:styles",
    _WML + "numbering+xml": "w:numbering",
    _WML + "settings+xml": "w:settings",
    _WML + "header+xml": "w:hdr",
    _WML + "footer+xml": "w:ftr",
    _WML + "fontTable+xml": "w:fonts",
    _WML + "footnotes+xml": "w:footnotes",
    _WML + "endnotes+xml": "w:endnotes",
    _WML + "webSettings+xml": "w:webSettings",
    _WML + "comments+xml": "w:comments",
    "application/vnd.openxmlformats-package.core-properties+xml": "cp:coreProperties",
    "application/vnd.openxmlformats-package.relationships+xml": "rel:Relationships",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml": "ep:Properties",
}
"""Content type -> the root element its part must have (python-pptx/python-docx assume it)."""


@dataclass(frozen=True)
class OfficePackage:
    """Every part of a checked template package, its content types and its parsed XML."""

    path: Path
    parts: Mapping[str, bytes]
    content_types: Mapping[str, str]
    xml: Mapping[str, etree._Element]
    """Part name -> parsed root element, for every XML part."""

    def related(self, source: str, type_suffix: str) -> tuple[str, ...]:
        """Parts that `source` refers to by a relationship whose type ends in `type_suffix`, in order."""
        return tuple(part for _, kind, part in self._relationships(source) if kind.endswith(type_suffix))

    def target(self, source: str, relationship_id: str) -> str | None:
        """The part that relationship `relationship_id` of `source` points to, if it is in the package."""
        return next((part for key, _, part in self._relationships(source) if key == relationship_id), None)

    def _relationships(self, source: str) -> Iterator[tuple[str, str, str]]:
        """(id, type, target part) of every internal relationship of `source` whose target exists."""
        folder, name = str(PurePosixPath(source).parent), PurePosixPath(source).name
        rels = f"{folder}/_rels/{name}.rels" if folder != "." else f"_rels/{name}.rels"
        root = self.xml.get(rels)
        if root is None:
            return
        for relationship in root.findall("rel:Relationship", NAMESPACES):
            if relationship.get("TargetMode") == "External":
                continue
            target = relationship.get("Target", "")
            part = _normalised(target[1:] if target.startswith("/") else f"{folder}/{target}")
            if part in self.parts:
                yield relationship.get("Id", ""), relationship.get("Type", ""), part

    def editable_bytes(self) -> bytes:
        """The package as a zip the libraries open: a .potx/.dotx main part re-typed as a document."""
        types = self.parts[CONTENT_TYPES]
        for template_type, document_type in EDITABLE_MAIN.items():
            types = types.replace(template_type.encode("ascii"), document_type.encode("ascii"))
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.parts.items():
                archive.writestr(name, types if name == CONTENT_TYPES else data)
        return output.getvalue()


def read_package(path: Path, main_part: str) -> OfficePackage:
    """The template at `path`, safe (office_safety) and intact; one InputError naming every broken part."""
    path = Path(path)
    check_office_file(path, main_part)
    parts = _read_members(path)
    if CONTENT_TYPES not in parts:
        raise InputError(problem_at(path, f"package has no {CONTENT_TYPES}, so it is not a complete Office "
                                          f"file; {_RESAVE}"))
    problems = []
    xml: dict[str, etree._Element] = {}
    content_types: dict[str, str] = {}
    try:
        types_root = _parse(parts[CONTENT_TYPES], "ct:Types", CONTENT_TYPES)
        content_types = _content_types(types_root, parts)
    except _PartError as error:
        problems.append(problem_at(path, str(error)))
    for name, data in parts.items():
        content_type = content_types.get(name, "")
        if name == CONTENT_TYPES or not _is_xml(name, content_type):
            continue
        try:
            xml[name] = _parse(data, EXPECTED_ROOTS.get(content_type), name)
        except _PartError as error:
            problems.append(problem_at(path, str(error)))
    if not problems and main_part not in content_types:
        problems.append(problem_at(path, f"part {main_part} has no content type in {CONTENT_TYPES}; {_RESAVE}"))
    if problems:
        raise InputError(problems)
    return OfficePackage(path, parts, content_types, xml)


@contextlib.contextmanager
def reading_template(path: Path, kind: str) -> Iterator[None]:
    """Turns a library's failure on a checked but unusual template into a located InputError.

    The package's parts were all parsed and their roots checked, so what is left is content a
    library cannot interpret (a missing required element, a value of the wrong type).
    """
    try:
        yield
    except InputError:
        raise
    except (etree.LxmlError, zipfile.BadZipFile, KeyError, ValueError, IndexError, AttributeError,
            TypeError, LookupError) as error:
        raise InputError(problem_at(path, f"cannot be read as a {kind} template ({type(error).__name__}: "
                                          f"{error}); {_RESAVE}")) from None
    except Exception as error:  # python-pptx/python-docx raise their own exception types
        if type(error).__module__.split(".")[0] not in ("pptx", "docx"):
            raise
        raise InputError(problem_at(path, f"cannot be read as a {kind} template ({error}); {_RESAVE}")) from None


class _PartError(ValueError):
    """One part of a package cannot be used; the message names it."""


def _read_members(path: Path) -> dict[str, bytes]:
    parts: dict[str, bytes] = {}
    problems = []
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                try:
                    with archive.open(info) as member:
                        data = member.read(info.file_size + 1)
                    if len(data) != info.file_size:
                        raise zipfile.BadZipFile(f"{len(data)} bytes instead of {info.file_size}")
                    parts[info.filename] = data
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
                        ValueError) as error:
                    problems.append(problem_at(path, f"part {info.filename} is damaged ({error}); {_RESAVE}"))
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(problem_at(path, f"damaged zip package: {error}")) from None
    if problems:
        raise InputError(problems)
    return parts


def _is_xml(name: str, content_type: str) -> bool:
    return name.endswith((".xml", ".rels")) or content_type.endswith(("+xml", "/xml"))


def _parse(data: bytes, expected: str | None, name: str) -> etree._Element:
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise _PartError(f"part {name} is not well-formed XML ({error}); {_RESAVE}") from None
    if root is None:
        raise _PartError(f"part {name} holds no XML element; {_RESAVE}")
    if expected:
        prefix, local = expected.split(":")
        wanted = f"{{{NAMESPACES[prefix]}}}{local}"
        if root.tag != wanted:
            found = etree.QName(root)
            shown = f"{root.prefix}:{found.localname}" if root.prefix else found.localname
            hint = "" if found.localname != local else f" in namespace {found.namespace}, not {NAMESPACES[prefix]}"
            raise _PartError(f"part {name} has root element <{shown}>{hint}; expected <{expected}>. The file is "
                             f"damaged or saved in an unsupported variant (Strict Open XML); {_RESAVE}")
    return root


def _content_types(root: etree._Element, parts: Mapping[str, bytes]) -> dict[str, str]:
    """Part name (without leading slash) -> content type, by Override first, then Default extension."""
    defaults = {item.get("Extension", "").lower(): item.get("ContentType", "")
                for item in root.findall("ct:Default", NAMESPACES)}
    overrides = {_normalised(item.get("PartName", "").lstrip("/")).lower(): item.get("ContentType", "")
                 for item in root.findall("ct:Override", NAMESPACES)}
    types = {}
    for name in parts:
        content_type = overrides.get(name.lower()) or defaults.get(PurePosixPath(name).suffix.lstrip(".").lower())
        if content_type:
            types[name] = content_type
    return types


def _normalised(name: str) -> str:
    resolved: list[str] = []
    for piece in name.split("/"):
        if piece == "..":
            if resolved:
                resolved.pop()
        elif piece and piece != ".":
            resolved.append(piece)
    return "/".join(resolved)


CORE_PROPERTY_LIMIT = 255
"""python-pptx and python-docx refuse a core property (title, keywords, ...) longer than this."""


def fitted_keywords(keywords) -> str:
    """Keywords joined by ", ", whole ones only and in order, within the core-property limit."""
    chosen: list[str] = []
    length = 0
    for keyword in dict.fromkeys(keyword.strip() for keyword in keywords if keyword.strip()):
        added = len(keyword) + (2 if chosen else 0)
        if length + added <= CORE_PROPERTY_LIMIT:
            chosen.append(keyword)
            length += added
    return ", ".join(chosen)


def fitted_property(text: str) -> str:
    """`text` within the core-property limit: cut at a word boundary, with an ellipsis, when too long."""
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    cut = text[: CORE_PROPERTY_LIMIT - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
DEFAULT_LANGUAGE = "nl-NL"


def xml_safe(text) -> str:
    """`text` without the characters XML 1.0 cannot hold (python-pptx and python-docx raise on them)."""
    return _XML_INVALID.sub("", "" if text is None else str(text))


def language_tag(language: str | None) -> str:
    """A BCP 47 tag as Office expects it: "nl" and "nl_NL" become "nl-NL"."""
    tag = (language or DEFAULT_LANGUAGE).replace("_", "-")
    if tag.lower() == "nl":
        return DEFAULT_LANGUAGE
    parts = tag.split("-")
    return "-".join([parts[0].lower()] + [part.upper() for part in parts[1:]])


def noon(date: dt.date) -> dt.datetime:
    """The moment every generated file is dated: noon of the report date, so no time zone shows another day."""
    return dt.datetime(date.year, date.month, date.day, 12, 0, 0)


def set_core_properties(properties, report, category: str = "") -> None:
    """Title, subject, author, language, keywords and dates from `report` (a python-pptx or python-docx
    `core_properties`), for screen readers and search; nothing is kept from the template."""
    author = fitted_property(xml_safe(report.author).strip())
    properties.title = fitted_property(" ".join(xml_safe(report.title).split()))
    properties.subject = fitted_property(xml_safe(report.subtitle or report.title).strip())
    properties.author = author
    properties.last_modified_by = author
    properties.language = fitted_property(language_tag(report.language))
    properties.keywords = fitted_keywords(xml_safe(keyword) for keyword in report.keywords)
    properties.created = noon(report.date)
    properties.modified = noon(report.date)
    properties.revision = 1
    properties.comments = ""
    properties.category = category


ZIP_MODE = 0o644
"""File mode of every zip entry: readable by all, as an unpacked package should be."""


def normalise_package(content: bytes, date: dt.date) -> bytes:
    """The same package with [Content_Types].xml first and every entry dated noon of `date` with one
    mode, so equal input gives equal bytes whatever the clock or the umask."""
    moment = noon(date)
    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)
    with zipfile.ZipFile(io.BytesIO(content)) as source:
        entries = sorted(source.infolist(), key=lambda entry: entry.filename != CONTENT_TYPES)
        if len(content) < _COPY_LIMIT and len(entries) < 0xFFFF and all(map(_copyable, entries)):
            return _restamped(content, entries, stamp)
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
            for name in (entry.filename for entry in entries):
                entry = zipfile.ZipInfo(name, date_time=stamp)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = ZIP_MODE << 16
                target.writestr(entry, source.read(name))
    return output.getvalue()


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
_COPY_LIMIT = 1 << 30
"""Packages and entries from this size on (or with 65535 entries) are repacked by zipfile, which
writes the Zip64 extensions they need."""
_DATA_DESCRIPTOR = 0x08
_UTF8_NAME = 0x800


def _copyable(entry: zipfile.ZipInfo) -> bool:
    return (entry.compress_type == zipfile.ZIP_DEFLATED and not entry.flag_bits & _DATA_DESCRIPTOR
            and entry.file_size < _COPY_LIMIT and not entry.is_dir())


def _restamped(content: bytes, entries: list[zipfile.ZipInfo], stamp: tuple[int, ...]) -> bytes:
    """`entries` of the zip `content` in this order, their deflated data copied as it is, with the
    headers zipfile writes for an entry dated `stamp` with ZIP_MODE.

    python-pptx and python-docx deflate at zlib's default level, as zipfile would again, so copying
    gives the bytes repacking gave without inflating and deflating every picture a second time."""
    year, month, day, hour, minute, second = stamp
    dos_date, dos_time = (year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2
    version, system = zipfile.ZipInfo().extract_version, zipfile.ZipInfo().create_system
    data, directory = bytearray(), bytearray()
    for entry in entries:
        name = entry.filename.encode("utf-8")
        flags = 0 if entry.filename.isascii() else _UTF8_NAME
        name_length, extra_length = struct.unpack_from("<2H", content, entry.header_offset + 26)
        start = entry.header_offset + _LOCAL_HEADER.size + name_length + extra_length
        fields = (flags, zipfile.ZIP_DEFLATED, dos_time, dos_date, entry.CRC, entry.compress_size,
                  entry.file_size, len(name))
        directory += _CENTRAL_HEADER.pack(b"PK\x01\x02", version, system, version, 0, *fields, 0, 0, 0, 0,
                                          ZIP_MODE << 16, len(data)) + name
        data += _LOCAL_HEADER.pack(b"PK\x03\x04", version, 0, *fields, 0) + name
        data += content[start:start + entry.compress_size]
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), len(data), 0)
    return bytes(data + directory + end)


def column_widths(columns: int, total: int) -> list[int]:
    """Widths of a data table's columns: the label column gets the most room, value columns share the rest."""
    if columns == 1:
        return [total]
    first = int(total * (0.6 if columns == 2 else 0.4))
    rest = (total - first) // (columns - 1)
    return [first] + [rest] * (columns - 1)
