"""PDF conversion with LibreOffice: tagged PDF/UA in the document's language, reproducible, checked.

`soffice` exits 0 even when it could not load a file, so a conversion counts only when the
PDF exists and has pages. Each conversion gets its own user profile (parallel runs otherwise
block each other), whose locale is the document's language (Impress takes the PDF's /Lang
from it), and its own process group, killed whole on timeout. Afterwards pikepdf fixes what
LibreOffice cannot be told: dates, /ID and XMP ids from the document, level-1 tags for slide
titles and alt text for native charts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import uuid
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from generator.errors import OutputError

TIMEOUT_SECONDS = 180
DEFAULT_LANGUAGE = "nl-NL"
EXPORT_FILTERS = {".pptx": "impress_pdf_Export", ".docx": "writer_pdf_Export"}
EXPORT_OPTIONS = ("UseTaggedPDF", "PDFUACompliance", "ExportBookmarks", "EmbedStandardFonts",
                  "DisplayPDFDocumentTitle")
"""Boolean export options, all on; the JSON form is needed: `UseTaggedPDF=true` is silently ignored."""
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_ID_NAMESPACE = uuid.UUID("6f1d1c2e-3b4a-4d5e-8f60-7a8b9c0d1e2f")


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(source: Path, timeout: float = TIMEOUT_SECONDS, *, language: str | None = None,
                   created: dt.datetime | None = None) -> bytes:
    """The tagged PDF of `source` (.pptx or .docx) as bytes, the same bytes for the same document.

    `language` and `created` default to the document's own core properties (the report's
    language and date), then to nl-NL and SOURCE_DATE_EPOCH or today.
    """
    source = Path(source).resolve()
    program = soffice_path()
    if program is None:
        raise OutputError("LibreOffice is not installed: the program 'soffice' was not found on PATH "
                          "(Debian: apt-get install libreoffice-impress libreoffice-writer)", source)
    filter_name = EXPORT_FILTERS.get(source.suffix.lower())
    if filter_name is None:
        raise OutputError(f"cannot convert {source.name} to PDF: only .pptx and .docx are supported", source)
    content = source.read_bytes()
    properties = _core_properties(content)
    language = language or properties.get("language") or DEFAULT_LANGUAGE
    if not _LANGUAGE_TAG.match(language):
        raise OutputError(f"cannot convert {source.name}: {language!r} is not a language tag such as nl-NL", source)
    moment = created or properties.get("modified") or _default_moment()
    raw = _run_soffice(program, source, filter_name, language, timeout)
    return normalise_pdf(raw, source_content=content, language=language, created=moment,
                         is_deck=source.suffix.lower() == ".pptx")


def export_filter(filter_name: str) -> str:
    """The --convert-to argument: pdf with `filter_name` and every export option switched on."""
    options = {name: {"type": "boolean", "value": "true"} for name in EXPORT_OPTIONS}
    return f"pdf:{filter_name}:{json.dumps(options, separators=(',', ':'))}"


def profile_settings(language: str) -> str:
    """registrymodifications.xcu for a fresh profile whose UI and system locale are `language`."""
    items = "".join(
        f'<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{escape(language)}</value></prop></item>\n" for name in ("ooLocale", "ooSetupSystemLocale"))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            f"{items}</oor:items>\n")


def _run_soffice(program: str, source: Path, filter_name: str, language: str, timeout: float) -> bytes:
    with tempfile.TemporaryDirectory(prefix="barometer-pdf-") as work:
        work_dir = Path(work)
        profile = work_dir / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(profile_settings(language), encoding="utf-8")
        command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", export_filter(filter_name), "--outdir", str(work_dir), str(source)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   start_new_session=True, env={**os.environ, "HOME": work})
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise OutputError(f"LibreOffice did not finish converting {source.name} within {timeout:g} seconds",
                              source) from None
        pdf = work_dir / (source.stem + ".pdf")
        if not pdf.is_file() or pdf_page_count(pdf.read_bytes()) == 0:
            said = output.decode("utf-8", "replace").strip().splitlines()[-1:] if output else []
            raise OutputError(f"LibreOffice could not convert {source.name}" + (f": {said[0]}" if said else ""),
                              source)
        return pdf.read_bytes()


def normalise_pdf(content: bytes, *, source_content: bytes, language: str, created: dt.datetime,
                  is_deck: bool) -> bytes:
    """`content` with fixed dates, ids derived from the content, /Lang, H1 slide titles and chart alt text.

    LibreOffice's trailer /DocChecksum hashes the conversion time; it is dropped. The first /ID
    half comes from the source document's hash, the second from the PDF's content (qpdf).
    """
    import pikepdf

    digest = hashlib.sha256(source_content).hexdigest()
    stamp = created.astimezone(dt.timezone.utc).replace(microsecond=0)
    with pikepdf.open(io.BytesIO(content)) as pdf:
        pdf.Root.Lang = pikepdf.String(language)
        title = str(pdf.docinfo.get("/Title", "")).strip()
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as metadata:
            for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
                metadata[key] = stamp.isoformat().replace("+00:00", "Z")
            metadata["xmpMM:DocumentID"] = f"uuid:{uuid.uuid5(_ID_NAMESPACE, digest)}"
            metadata["xmpMM:InstanceID"] = f"uuid:{uuid.uuid5(_ID_NAMESPACE, digest + language)}"
            if title and not metadata.get("dc:title"):
                metadata["dc:title"] = title
        pdf_date = stamp.strftime("D:%Y%m%d%H%M%S+00'00'")
        pdf.docinfo["/CreationDate"] = pikepdf.String(pdf_date)
        pdf.docinfo["/ModDate"] = pikepdf.String(pdf_date)
        if is_deck:
            _tag_slide_titles(pdf)
            _add_missing_alt_text(pdf, slide_descriptions(source_content))
        if "/DocChecksum" in pdf.trailer:
            del pdf.trailer["/DocChecksum"]
        permanent = pikepdf.String(bytes.fromhex(digest[:32]))
        pdf.trailer.ID = pikepdf.Array([permanent, permanent])
        output = io.BytesIO()
        pdf.save(output, deterministic_id=True)
    return output.getvalue()


def _tag_slide_titles(pdf) -> None:
    """Impress tags slide titles as a generic H; each slide title is a level-1 heading."""
    import pikepdf

    from generator.checks.pdf_file import structure_elements

    for element in structure_elements(pdf):
        if element.S == pikepdf.Name("/H"):
            element.S = pikepdf.Name("/H1")


def _add_missing_alt_text(pdf, descriptions: list[list[str]]) -> None:
    """Give figures LibreOffice left without /Alt (native charts) their shape's description.

    On each page, the descriptions not yet used as an /Alt are matched in order with the
    figures that have none, only when their numbers agree.
    """
    import pikepdf

    from generator.checks.pdf_file import structure_elements

    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    figures: dict[int, list] = {}
    for element in structure_elements(pdf):
        if element.S == pikepdf.Name("/Figure") and "/Pg" in element:
            figures.setdefault(pages.get(element.Pg.objgen, -1), []).append(element)
    for number, elements in figures.items():
        if not 0 <= number < len(descriptions):
            continue
        present = [str(element.Alt) for element in elements if "/Alt" in element]
        remaining = [text for text in descriptions[number] if text not in present]
        missing = [element for element in elements if not str(element.get("/Alt", "")).strip()]
        if missing and len(missing) == len(remaining):
            for element, text in zip(missing, remaining):
                element.Alt = pikepdf.String(text)


def slide_descriptions(content: bytes) -> list[list[str]]:
    """Per shown slide of a .pptx, the descriptions of its pictures, charts and diagrams in order."""
    from generator.checks.package import NS, Package
    from generator.checks.pptx_file import slide_parts

    package = Package(Path("deck.pptx"), zipfile.ZipFile(io.BytesIO(content)), {})
    try:
        result = []
        for name in slide_parts(package):
            root = package.xml(name)
            if root.get("show") == "0":
                continue
            texts = []
            for frame in root.iter(f"{{{NS['p']}}}pic", f"{{{NS['p']}}}graphicFrame"):
                properties = frame.find("./*/p:cNvPr", NS)
                if frame.find(".//a:tbl", NS) is None and properties is not None and properties.get("descr"):
                    texts.append(properties.get("descr").strip())
            result.append(texts)
    finally:
        package.close()
    return result


def _core_properties(content: bytes) -> dict:
    """The document's language and modification time from docProps/core.xml, where present."""
    from generator.checks.package import NS, parse_xml

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            root = parse_xml(archive.read("docProps/core.xml"))
    except (KeyError, zipfile.BadZipFile, ValueError):
        return {}
    language = root.findtext("dc:language", "", NS).strip()
    modified = root.findtext("dcterms:modified", "", NS).strip()
    try:
        moment = dt.datetime.fromisoformat(modified.replace("Z", "+00:00")) if modified else None
    except ValueError:
        moment = None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return {"language": language, "modified": moment}


def _default_moment() -> dt.datetime:
    """The start of the report date (today, or the day of SOURCE_DATE_EPOCH), in UTC."""
    from generator.compose import report_date

    day = report_date()
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def pdf_page_count(content: bytes) -> int:
    """The number of pages of a PDF, from its page tree (pdfinfo when available)."""
    program = shutil.which("pdfinfo")
    if program:
        result = subprocess.run([program, "-"], input=content, capture_output=True)
        match = re.search(rb"^Pages:\s+(\d+)", result.stdout, re.MULTILINE)
        if result.returncode == 0 and match:
            return int(match.group(1))
        return 0
    return len(re.findall(rb"/Type\s*/Page[^s]", content))
