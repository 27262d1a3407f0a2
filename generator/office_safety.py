"""Checks on user-supplied Office files before any library opens them.

Templates come from users. An Office file is a zip, and python-pptx/python-docx read every
member into memory, so a zip bomb, a path-traversal name, macros, ActiveX or external links
are refused up front with a message naming the file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from generator.errors import InputError, problem_at

MAX_ENTRIES = 2_000
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_FILE_SIZE = 100 * 1024 * 1024

_EXTERNAL_TARGET = re.compile(rb'TargetMode\s*=\s*"External"')
_FORBIDDEN_PARTS = ("vbaproject", "activex", "vbadata")


def check_office_file(path: Path, expected_main_part: str) -> None:
    """Refuse `path` unless it is a plausible, self-contained Office package.

    `expected_main_part` is the part every valid file of the kind has, e.g.
    "ppt/presentation.xml" or "word/document.xml".
    """
    path = Path(path)
    problems = []

    def fail(message: str) -> None:
        problems.append(problem_at(path, message))

    if not path.is_file():
        raise InputError(problem_at(path, "template file not found"))
    if path.stat().st_size > MAX_FILE_SIZE:
        raise InputError(problem_at(path, f"template is larger than {MAX_FILE_SIZE // 2**20} MB"))
    if not zipfile.is_zipfile(path):
        raise InputError(problem_at(path, "not an Office file (it is not a zip package)"))
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ENTRIES:
                raise InputError(problem_at(path, f"package has {len(infos)} parts; at most {MAX_ENTRIES} allowed"))
            total = sum(info.file_size for info in infos)
            if total > MAX_TOTAL_UNCOMPRESSED:
                fail(f"package unpacks to {total // 2**20} MB; at most {MAX_TOTAL_UNCOMPRESSED // 2**20} MB allowed")
            for info in infos:
                name = info.filename
                if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name:
                    fail(f"package part has an unsafe name: {name!r}")
                if info.compress_size and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO:
                    fail(f"package part {name!r} is compressed suspiciously well (possible zip bomb)")
                if any(part in name.lower() for part in _FORBIDDEN_PARTS):
                    fail(f"template contains macros or ActiveX ({name}); save it as a macro-free file")
            if problems:
                raise InputError(problems)
            names = {info.filename for info in infos}
            if expected_main_part not in names:
                raise InputError(problem_at(path, f"not the expected kind of Office file (no {expected_main_part})"))
            for name in sorted(names):
                if name.endswith(".rels") and _EXTERNAL_TARGET.search(archive.read(name)):
                    fail(f"template links to external content ({name}); remove external links, "
                         "they would be followed when the document is converted")
    except zipfile.BadZipFile as error:
        raise InputError(problem_at(path, f"damaged zip package: {error}")) from None
    if problems:
        raise InputError(problems)
