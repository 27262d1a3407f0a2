"""Checks on user-supplied Office files before any library opens them.

Templates and workbooks come from users. An Office file is a zip, and python-pptx, python-docx
and openpyxl read whole members into memory, so every member is inflated here first, in
chunks, counting the real bytes against fixed limits (declared sizes can lie). A template is
then read as an Open Packaging package: relationships and content types parsed as XML, so
macros, ActiveX, embedded objects and links to external content are found by what they are,
not by how they are named or spelled.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree

from generator.errors import InputError, problem_at


@dataclass(frozen=True)
class ZipLimits:
    """Bounds on one zip package, enforced on the bytes as they inflate."""

    max_file_bytes: int
    max_entries: int
    max_total_bytes: int
    max_ratio: int = 200
    """Inflated size over compressed size, for members above `RATIO_FLOOR` bytes."""


TEMPLATE_LIMITS = ZipLimits(max_file_bytes=100 * 2**20, max_entries=2_000, max_total_bytes=200 * 2**20)
WORKBOOK_LIMITS = ZipLimits(max_file_bytes=20 * 2**20, max_entries=1_000, max_total_bytes=50 * 2**20)
"""A findings table is a few sheets of text; openpyxl holds a whole sheet's XML in memory."""
RATIO_FLOOR = 2**20
"""Small members may compress well (an empty sheet, a run of spaces); only large ones can be bombs."""
CHUNK = 64 * 1024
MAX_XML_PART_BYTES = 16 * 2**20
"""Relationships and content types are parsed whole; a real one is a few kilobytes."""

CONTENT_TYPES = "[Content_Types].xml"
_OLE_STORAGE = b"\xd0\xcf\x11\xe0"
"""The first bytes of an OLE compound file: the container of VBA projects and OLE objects."""
_DTD_MARKS = tuple(mark.encode(codec) for mark in ("<!DOCTYPE", "<!ENTITY") for codec in ("utf-8", "utf-16-le",
                                                                                          "utf-16-be"))
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_URI_SCHEME = re.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*:|[/\\]{2})", re.IGNORECASE)
"""A target with a scheme ("http:", "file:") or a network path ("//host", "\\\\host") is not a part."""
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"

RELATIONSHIPS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
SAFE_EXTERNAL = frozenset({"hyperlink"})
"""Relationship types that may point outside the package: a hyperlink is shown, never fetched."""
ACTIVE_RELATIONSHIPS = {
    "vbaproject": "macros", "vbaprojectsignature": "macros", "vbaprojectsignatureagile": "macros",
    "vbaprojectsignaturev3": "macros", "wordvbadata": "macros", "keymapcustomizations": "macros",
    "attachedtoolbars": "macros", "control": "ActiveX controls", "activexcontrolbinary": "ActiveX controls",
    "oleobject": "an embedded object", "package": "an embedded object", "afchunk": "an embedded document (altChunk)",
    "subdocument": "an embedded document",
}
"""Relationship types (last segment of the type URI, any namespace) whose targets run or embed code or files."""
ACTIVE_CONTENT_TYPES = (("vbaproject", "macros"), ("vbadata", "macros"), ("macroenabled", "macros"),
                        ("keymapcustomizations", "macros"), ("attachedtoolbars", "macros"),
                        ("activex", "ActiveX controls"), ("oleobject", "an embedded object"))
"""Fragments of content types, lower-case, that mark parts with macros, controls or embedded objects."""
CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
"""A chart's own data is an embedded .xlsx (relationship type "package"); python-pptx writes them too."""

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                              dtd_validation=False, remove_comments=True, remove_pis=True)


def check_office_file(path: Path, expected_main_part: str) -> None:
    """Refuse `path` unless it is a plausible, self-contained, macro-free Office template.

    `expected_main_part` is the part every valid file of the kind has, e.g.
    "ppt/presentation.xml" or "word/document.xml".
    """
    path = Path(path)
    names = check_zip_package(path, TEMPLATE_LIMITS, "template", expected_main_part)
    with zipfile.ZipFile(path) as archive:
        problems = _package_problems(path, archive, names)
    if problems:
        raise InputError(problems)


def check_workbook(path: Path) -> None:
    """Refuse an .xlsx data file that is not a safe zip with a workbook; openpyxl reads it next."""
    check_zip_package(Path(path), WORKBOOK_LIMITS, "workbook", "xl/workbook.xml")


def check_zip_package(path: Path, limits: ZipLimits, what: str, expected_part: str | None = None) -> tuple[str, ...]:
    """The member names of the zip at `path`, after inflating every member within `limits`.

    Refuses a file that is not a regular file, too large, not a zip, encrypted, with unsafe or
    duplicate names, too many members, members that inflate beyond their declared size or the
    limits, or damaged members. `what` names the file's role in messages ("template").
    """
    _check_regular_file(path, limits, what)
    try:
        with open(path, "rb") as raw:
            if raw.read(4) == _OLE_STORAGE:
                raise InputError(problem_at(path, f"{what} is password-protected (encrypted) or an old binary "
                                                  "Office file; save it without a password in the current format"))
            raw.seek(0)
            if not zipfile.is_zipfile(raw):
                raise InputError(problem_at(path, "not an Office file (it is not a zip package)"))
            with zipfile.ZipFile(raw) as archive:
                infos = archive.infolist()
                if len(infos) > limits.max_entries:
                    raise InputError(problem_at(path, f"package has {len(infos)} parts; "
                                                      f"at most {limits.max_entries} allowed"))
                _check_names(path, infos)
                declared = sum(info.file_size for info in infos)
                if declared > limits.max_total_bytes:
                    raise InputError(problem_at(path, f"package unpacks to {declared // 2**20} MB; at most "
                                                      f"{limits.max_total_bytes // 2**20} MB allowed"))
                total = 0
                for info in infos:
                    total += _inflate_member(path, raw, info, limits, limits.max_total_bytes - total)
    except zipfile.BadZipFile as error:
        raise InputError(problem_at(path, f"damaged zip package: {error}")) from None
    except (OSError, EOFError) as error:
        raise InputError(problem_at(path, f"cannot read {what}: {error}")) from None
    names = tuple(info.filename for info in infos)
    if expected_part is not None and expected_part not in names:
        raise InputError(problem_at(path, f"not the expected kind of Office file (no {expected_part})"))
    return names


def _check_regular_file(path: Path, limits: ZipLimits, what: str) -> None:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise InputError(problem_at(path, f"{what} file not found")) from None
    except OSError as error:
        raise InputError(problem_at(path, f"cannot read {what}: {error.strerror}")) from None
    if not stat.S_ISREG(status.st_mode):
        raise InputError(problem_at(path, f"{what} is not a regular file (a folder, pipe or device)"))
    if status.st_size > limits.max_file_bytes:
        raise InputError(problem_at(path, f"{what} is larger than {limits.max_file_bytes // 2**20} MB"))


def _check_names(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    problems, seen = [], set()
    for info in infos:
        name = info.filename
        parts = name.split("/")
        if (name.startswith("/") or "\\" in info.orig_filename or ".." in parts or ":" in name
                or "\x00" in info.orig_filename):
            problems.append(problem_at(path, f"package part has an unsafe name: {name!r}"))
        if name.lower() in seen:
            problems.append(problem_at(path, f"package part {name!r} occurs twice"))
        seen.add(name.lower())
        if info.flag_bits & 0x1:
            problems.append(problem_at(path, f"package part {name!r} is encrypted; save the file without a password"))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            problems.append(problem_at(path, f"package part {name!r} uses a compression Office files do not use"))
    if problems:
        raise InputError(problems)


def _inflate_member(path: Path, raw, info: zipfile.ZipInfo, limits: ZipLimits, allowance: int) -> int:
    """The real inflated size of `info`, read in chunks and stopped as soon as it exceeds a limit."""
    name = info.filename
    raw.seek(info.header_offset)
    header = raw.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size or header[:4] != _LOCAL_SIGNATURE:
        raise InputError(problem_at(path, f"damaged zip package: part {name!r} has no local header"))
    fields = _LOCAL_HEADER.unpack(header)
    local_name = raw.read(fields[10])
    if local_name != info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437"):
        raise InputError(problem_at(path, f"damaged zip package: part {name!r} is named differently inside"))
    raw.seek(fields[11], os.SEEK_CUR)
    bound = min(info.file_size, allowance)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type == zipfile.ZIP_DEFLATED else None
    size, crc, left, tail, finished = 0, 0, info.compress_size, b"", inflater is None
    while left > 0 or (inflater is not None and inflater.unconsumed_tail):
        if inflater is not None and inflater.unconsumed_tail:
            data = inflater.decompress(inflater.unconsumed_tail, CHUNK)
        else:
            chunk = raw.read(min(CHUNK, left))
            if not chunk:
                raise InputError(problem_at(path, f"damaged zip package: part {name!r} is cut short"))
            left -= len(chunk)
            data = inflater.decompress(chunk, CHUNK) if inflater is not None else chunk
        size += len(data)
        if size > bound:
            reason = ("inflates to more than its declared size" if size > info.file_size
                      else f"makes the package unpack to more than {limits.max_total_bytes // 2**20} MB")
            raise InputError(problem_at(path, f"package part {name!r} {reason} (possible zip bomb)"))
        crc = zlib.crc32(data, crc)
        if name.lower().endswith(_XML_SUFFIXES) and any(mark in tail + data for mark in _DTD_MARKS):
            raise InputError(problem_at(path, f"package part {name!r} declares a DTD or entities, "
                                              "which Office files never contain"))
        if size == len(data) and data[:4] == _OLE_STORAGE:
            raise InputError(problem_at(path, f"package part {name!r} is an OLE compound file (macros or an "
                                              "embedded object); save the file without macros or embedded objects"))
        tail = data[-32:]
        if inflater is not None and inflater.eof:
            finished = True
            break
    if not finished or size != info.file_size or (crc & 0xFFFFFFFF) != info.CRC:
        raise InputError(problem_at(path, f"damaged zip package: part {name!r} does not match its declared "
                                          "size or checksum"))
    if size > RATIO_FLOOR and size > limits.max_ratio * max(info.compress_size, 1):
        raise InputError(problem_at(path, f"package part {name!r} is compressed suspiciously well "
                                          "(possible zip bomb)"))
    return size


def _package_problems(path: Path, archive: zipfile.ZipFile, names: tuple[str, ...]) -> list:
    """Macros, controls, embedded objects and external links, judged from the parsed package."""
    lower_names = {name.lower(): name for name in names}
    if CONTENT_TYPES.lower() not in lower_names:
        return [problem_at(path, f"not an Office file (no {CONTENT_TYPES})")]
    types_root = _parse(path, archive, lower_names[CONTENT_TYPES.lower()], CONTENT_TYPES_NS + "Types")
    defaults = {element.get("Extension", "").lower(): element.get("ContentType", "")
                for element in types_root.iter(CONTENT_TYPES_NS + "Default")}
    overrides = {element.get("PartName", "").lstrip("/").lower(): element.get("ContentType", "")
                 for element in types_root.iter(CONTENT_TYPES_NS + "Override")}

    def content_type(name: str) -> str:
        return overrides.get(name.lower()) or defaults.get(PurePosixPath(name).suffix.lstrip(".").lower(), "")

    problems = []
    for name in names:
        kind = content_type(name).lower()
        found = next((label for fragment, label in ACTIVE_CONTENT_TYPES if fragment in kind), None)
        if found:
            problems.append(_active_problem(path, found, f"part {name} has content type {content_type(name)}"))
    for name in names:
        if name.lower().endswith(".rels"):
            source = _relationships_source(name)
            problems += _relationship_problems(path, archive, name, content_type(source))
    return problems


def _relationship_problems(path: Path, archive: zipfile.ZipFile, name: str, source_type: str) -> list:
    problems = []
    for element in _parse(path, archive, name, RELATIONSHIPS_NS + "Relationships").iter():
        if not isinstance(element.tag, str) or etree.QName(element).localname != "Relationship":
            continue
        kind = (element.get("Type") or "").strip()
        short = kind.rstrip("/").rsplit("/", 1)[-1].lower()
        mode = (element.get("TargetMode") or "Internal").strip().lower()
        external = mode != "internal" or _URI_SCHEME.match(element.get("Target") or "") is not None
        label = ACTIVE_RELATIONSHIPS.get(short) or next(
            (label for fragment, label in ACTIVE_CONTENT_TYPES if fragment in short), None)
        if label and not (short == "package" and source_type == CHART_CONTENT_TYPE and not external):
            problems.append(_active_problem(path, label, f"relationship {kind} in {name}"))
        elif external and short not in SAFE_EXTERNAL:
            problems.append(problem_at(path, f"template links to external content ({name}: relationship type "
                                             f"{kind or '(none)'}); remove external links, "
                                             "they would be followed when the document is converted"))
    return problems


def _active_problem(path: Path, label: str, where: str):
    return problem_at(path, f"template contains {label} ({where}); save it as a file without macros, "
                            "ActiveX or embedded objects")


def _relationships_source(rels_name: str) -> str:
    """The part a relationships part belongs to: "ppt/_rels/presentation.xml.rels" -> "ppt/presentation.xml"."""
    folder, _, file_name = rels_name.rpartition("/")
    parent = folder[: -len("_rels")].rstrip("/") if folder.endswith("_rels") else folder
    source = file_name[: -len(".rels")]
    return f"{parent}/{source}" if parent else source


def _parse(path: Path, archive: zipfile.ZipFile, name: str, root_tag: str):
    """The root of XML part `name`, parsed with entities and network access off; UTF-8 or UTF-16 only."""
    info = archive.getinfo(name)
    if info.file_size > MAX_XML_PART_BYTES:
        raise InputError(problem_at(path, f"package part {name!r} is too large for its kind"))
    try:
        root = etree.fromstring(archive.read(name), _XML_PARSER)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise InputError(problem_at(path, f"package part {name!r} is not well-formed XML: {error}")) from None
    tree = root.getroottree()
    encoding = (tree.docinfo.encoding or "UTF-8").upper()
    if tree.docinfo.doctype or encoding not in ("UTF-8", "UTF-16", "UTF-16LE", "UTF-16BE"):
        raise InputError(problem_at(path, f"package part {name!r} uses a DTD or an encoding ({encoding}) "
                                          "Office files do not use"))
    if root.tag != root_tag:
        raise InputError(problem_at(path, f"package part {name!r} is not a valid {name.rsplit('/', 1)[-1]} part"))
    return root
