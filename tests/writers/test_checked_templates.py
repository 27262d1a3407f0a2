"""A template is checked once per content: an edited or damaged template is never served from memory."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest

from generator.errors import InputError
from generator.writers.checked_templates import editable_template
from office_checks import DEFAULT_TEMPLATE

DECK_MAIN = "ppt/presentation.xml"


def _members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rewrite(path, change) -> None:
    members = _members(path.read_bytes())
    change(members)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_an_edited_template_is_read_again(tmp_path):
    deck = shutil.copy(DEFAULT_TEMPLATE / "deck.pptx", tmp_path / "deck.pptx")
    before = _members(editable_template(deck, DECK_MAIN))
    _rewrite(deck, lambda members: members.update({"docProps/extra.xml": b"<extra/>"}))
    after = _members(editable_template(deck, DECK_MAIN))
    assert "docProps/extra.xml" not in before and after["docProps/extra.xml"] == b"<extra/>"


def test_a_template_damaged_after_a_good_read_is_refused(tmp_path):
    deck = shutil.copy(DEFAULT_TEMPLATE / "deck.pptx", tmp_path / "deck.pptx")
    editable_template(deck, DECK_MAIN)
    _rewrite(deck, lambda members: members.update({DECK_MAIN: members[DECK_MAIN][:-40]}))
    with pytest.raises(InputError) as refused:
        editable_template(deck, DECK_MAIN)
    assert "presentation.xml" in str(refused.value)
