"""Templates checked once per content: the deck and briefing writers open the same template for
every document of a build, and checking every part of it is a large share of writing one.

A template is checked and re-packed (`ooxml.read_package`, `editable_bytes`) again whenever its
bytes differ from the ones checked, so an edited file is never served from memory.
"""

from __future__ import annotations

import stat
from collections import OrderedDict
from pathlib import Path

from generator.office_safety import TEMPLATE_LIMITS
from generator.writers.ooxml import read_package

REMEMBERED = 4
"""Templates kept per process: a build uses one deck and one briefing; a batch may use many."""
_CHECKED: OrderedDict[tuple[Path, str], tuple[bytes, bytes]] = OrderedDict()
"""(path, main part) -> the file's bytes when checked and the package the libraries open."""


def editable_template(path: Path, main_part: str) -> bytes:
    """The template at `path` checked and re-packed as a document python-pptx or python-docx opens;
    `InputError` naming every problem of a broken one."""
    key = (Path(path), main_part)
    content = _template_bytes(key[0])
    cached = _CHECKED.get(key)
    if content is not None and cached is not None and cached[0] == content:
        _CHECKED.move_to_end(key)
        return cached[1]
    editable = read_package(key[0], main_part).editable_bytes()
    if content is not None and _template_bytes(key[0]) == content:  # not edited while it was checked
        _CHECKED[key] = (content, editable)
        while len(_CHECKED) > REMEMBERED:
            _CHECKED.popitem(last=False)
    return editable


def _template_bytes(path: Path) -> bytes | None:
    """The file's bytes; None when it is no regular file within the template size limit (the check says why)."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) or status.st_size > TEMPLATE_LIMITS.max_file_bytes:
            return None
        return path.read_bytes()
    except OSError:
        return None
