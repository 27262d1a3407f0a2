"""Decks open in LibreOffice (one PDF page per slide) and pass the Open XML validator."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from generator.template_set import load_template_set
from generator.writers import WriterOptions, get_writer
from office_checks import require_tool
from pptx_fixtures import render_images, sample_report

REPO = Path(__file__).resolve().parents[3]
TEMPLATES = {
    "default": REPO / "templates" / "default",
    "gemeente43": REPO / "tests" / "fixtures" / "decks" / "gemeente43",
    "potx": REPO / "tests" / "fixtures" / "decks" / "sjabloon",
}
CASES = [("default", False), ("default", True), ("gemeente43", False), ("gemeente43", True), ("potx", False)]
IDS = [f"{template}-{'native' if native else 'picture'}" for template, native in CASES]

pytestmark = pytest.mark.office



@pytest.fixture(scope="module")
def deck_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("decks")
    report = sample_report()
    images = render_images(report, folder / "img")
    files = {}
    for template, native in CASES:
        document = get_writer("pptx").write(report, images, load_template_set(TEMPLATES[template]),
                                            WriterOptions(native_charts=native))
        path = folder / f"{template}-{'native' if native else 'picture'}.pptx"
        path.write_bytes(document.content)
        files[(template, native)] = (path, document.pages)
    return files


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_libreoffice_converts_the_deck_with_one_page_per_slide(deck_files, case, tmp_path):
    soffice = require_tool("soffice", "LibreOffice")
    require_tool("pdfinfo", "poppler-utils")
    path, slides = deck_files[case]
    command = [soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
               "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        process.communicate(timeout=240)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("LibreOffice did not finish converting within 240 s")
    pdf = tmp_path / (path.stem + ".pdf")
    assert pdf.is_file(), "LibreOffice could not load the deck"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == slides


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_open_xml_validator_finds_no_errors(deck_files, case):
    validator = require_tool("ooxml-validate", "the Open XML validator (npm install -g @ooxml-tools/validate)")
    path, _ = deck_files[case]
    result = subprocess.run([validator, "--of", "json", str(path)], capture_output=True, text=True, timeout=240)
    start = result.stdout.find("[")
    assert start >= 0, result.stdout + result.stderr
    errors = json.loads(result.stdout[start:])
    assert errors == [], json.dumps(errors[:5], indent=1)
