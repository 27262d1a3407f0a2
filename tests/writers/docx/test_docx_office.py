"""Briefings checked by outside tools: the Open XML validator and a LibreOffice conversion."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess

import pytest

from docx_fixtures import make_report, render_images
from docx_helpers import write_briefing
from office_checks import require_tool
from generator.report import DocumentKind

KINDS = list(DocumentKind)
CASES = [(template, kind) for template in ("default", "localized") for kind in KINDS]
CASE_IDS = [f"{template}-{kind.value}" for template, kind in CASES]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """Every briefing written to disk, by (template, kind)."""
    folder = tmp_path_factory.mktemp("briefings")
    images = render_images([make_report(kind) for kind in KINDS], folder)
    paths = {}
    for template, kind in CASES:
        path = folder / f"{template}-{kind.value}.docx"
        path.write_bytes(write_briefing(make_report(kind), template, images))
        paths[template, kind] = path
    return paths


@pytest.mark.parametrize(("template", "kind"), CASES, ids=CASE_IDS)
def test_open_xml_validator_reports_no_errors(written, template, kind):
    validator = require_tool("ooxml-validate", "the Open XML validator (npm install -g @ooxml-tools/validate)")
    result = subprocess.run([validator, "--of", "json", str(written[template, kind])],
                            capture_output=True, text=True, timeout=120, check=False)
    assert json.loads(result.stdout) == []


def _convert_to_pdf(paths, folder) -> None:
    profile = folder / "lo-profile"
    command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
               "--outdir", str(folder), *map(str, paths)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=300)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise


@pytest.fixture(scope="module")
def pdf_texts(written, tmp_path_factory):
    """The text of each briefing's PDF, page by page, by (template, kind)."""
    require_tool("soffice", "LibreOffice")
    require_tool("pdftotext", "poppler-utils")
    folder = tmp_path_factory.mktemp("pdf")
    _convert_to_pdf(written.values(), folder)
    texts = {}
    for key, path in written.items():
        pdf = folder / path.with_suffix(".pdf").name
        assert pdf.is_file(), f"LibreOffice did not convert {path.name}"
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        texts[key] = text.split("\f")
    return texts


@pytest.mark.office
@pytest.mark.parametrize(("template", "kind"), CASES, ids=CASE_IDS)
def test_libreoffice_converts_every_briefing_with_its_numbers(pdf_texts, template, kind):
    pages = [page for page in pdf_texts[template, kind] if page.strip()]
    text = " ".join("\n".join(pages).split())
    report = make_report(kind)
    assert pages
    for chart in report.charts:
        for row in chart.table.rows:
            assert " ".join(row) in text or all(cell in text for cell in row)
    for message in report.key_messages:
        assert " ".join(message.split()) in text


@pytest.mark.office
@pytest.mark.parametrize("template", ["default", "localized"])
def test_the_contents_list_shows_page_numbers_in_the_pdf(pdf_texts, template):
    pages = pdf_texts[template, DocumentKind.RAPPORTAGE]
    contents = next(page for page in pages if "Inhoud" in page)
    numbers = [int(n) for n in re.findall(r"\.{3,}\s*(\d+)\s*$", contents, re.MULTILINE)]
    assert len(numbers) >= 10
    assert numbers == sorted(numbers) and numbers[0] >= 2 and numbers[-1] <= len(pages)


@pytest.mark.office
@pytest.mark.parametrize("template", ["default", "localized"])
def test_pages_are_numbered_in_the_footer(pdf_texts, template):
    pages = [page for page in pdf_texts[template, DocumentKind.RAADSINFORMATIEBRIEF] if page.strip()]
    label = "Pagina" if template == "default" else "Blad"
    for number, page in enumerate(pages, start=1):
        assert re.search(rf"{label} {number}\b", page)
