"""Written packages are normalised: same input, same bytes, whatever the clock, the umask or the library's zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from generator.writers.ooxml import CONTENT_TYPES, ZIP_MODE, normalise_package

DATE = dt.date(2026, 3, 14)
MEMBERS = {
    "word/document.xml": b"<w:document>" + b"tekst " * 4000 + b"</w:document>",
    CONTENT_TYPES: b"<Types/>",
    "word/media/grafiek-\u00e9\u00e9n.png": bytes(range(256)) * 40,
    "docProps/leeg.xml": b"",
}


def _library_zip(stored: tuple[str, ...] = ()) -> bytes:
    """A package as python-docx or python-pptx saves it: deflated members dated now, in their own order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in MEMBERS.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name in stored else None)
    return buffer.getvalue()


def _repacked(content: bytes) -> bytes:
    """Every member read and written again by zipfile, content types first, dated noon with one mode."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist(), key=lambda name: name != CONTENT_TYPES):
            entry = zipfile.ZipInfo(name, date_time=(DATE.year, DATE.month, DATE.day, 12, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = ZIP_MODE << 16
            target.writestr(entry, source.read(name))
    return output.getvalue()


@pytest.mark.parametrize("stored", [(), ("word/media/grafiek-\u00e9\u00e9n.png",)], ids=["deflated", "one stored"])
def test_a_normalised_package_is_the_package_zipfile_writes_when_repacking_it(stored):
    content = _library_zip(stored)
    normalised = normalise_package(content, DATE)
    assert normalised == _repacked(content)
    with zipfile.ZipFile(io.BytesIO(normalised)) as archive:
        assert archive.testzip() is None
        assert archive.namelist()[0] == CONTENT_TYPES
        assert {name: archive.read(name) for name in archive.namelist()} == MEMBERS
        assert {entry.date_time for entry in archive.infolist()} == {(2026, 3, 14, 12, 0, 0)}


def test_a_package_saved_at_another_moment_normalises_to_the_same_bytes():
    first = _library_zip()
    later = io.BytesIO()
    with zipfile.ZipFile(later, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in MEMBERS.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2031, 1, 2, 3, 4, 6)), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    assert normalise_package(first, DATE) == normalise_package(later.getvalue(), DATE)
