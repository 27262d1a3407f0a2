"""Checks on built Office files, shared by the round-trip, structure and bad-input tests.

Each check returns a list of readable problems (empty when the file is fine), so a test can
assert on it and a test of the checker can prove that a broken file is rejected. External
tools (LibreOffice, poppler, the Open XML validator) are found with `require_tool`: skipped
with the reason when run locally without them, a failure in CI (CI=true), where .ci/run
installs them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from lxml import etree

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_DATA = REPO_ROOT / "data" / "barometer-burgerparticipatie.yaml"
DEFAULT_TEMPLATE = REPO_ROOT / "templates" / "default"
DEFAULT_AUDIENCES = REPO_ROOT / "data" / "audiences.yaml"
SOURCE_DATE_EPOCH = "1795824000"
"""2026-11-28, fixed so the documents and the expected reports carry the same date."""
LANGUAGE = "nl-NL"
CONVERSION_TIMEOUT = 240
VALIDATOR_TIMEOUT = 240

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
}
MAIN_PARTS = {"pptx": "ppt/presentation.xml", "docx": "word/document.xml"}


class OfficeCheckError(AssertionError):
    """An external office tool could not do its job on a file (no PDF, unreadable output)."""


def in_ci() -> bool:
    """True when running under CI, where missing office tools are a failure, not a skip."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require_tool(name: str, package: str) -> str:
    """The path of command `name`; skip (locally) or fail (in CI) with the reason when missing."""
    found = shutil.which(name)
    if found:
        return found
    reason = f"{name} not found: install {package} (CI installs it in .ci/run)"
    if in_ci():
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def require_office_tools() -> None:
    """Every tool the office round trip needs: LibreOffice and poppler-utils."""
    require_tool("soffice", "libreoffice-impress and libreoffice-writer")
    require_tool("pdftotext", "poppler-utils")
    require_tool("pdfinfo", "poppler-utils")


# Running the real CLI ----------------------------------------------------------------------


def run_cli(args: list[str], cwd: Path, timeout: int = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    """`barometer ARGS` as a user runs it, in its own process, with the fixed report date."""
    environment = dict(os.environ)
    environment["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=environment, stdin=subprocess.DEVNULL)


def report_date() -> dt.date:
    return dt.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), tz=dt.timezone.utc).date()


# The manifest -----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Output:
    """One file listed in manifest.json."""

    audience: str
    format: str
    path: Path
    sha256: str | None
    pages: int | None
    charts: int | None


def read_manifest(out_dir: Path) -> list[Output]:
    """Every output in OUT/manifest.json, paths resolved against the output folder."""
    data = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    entries = data if isinstance(data, list) else data.get("outputs", data.get("files"))
    assert isinstance(entries, list) and entries, f"manifest.json lists no outputs: {data!r:.300}"
    outputs = []
    for entry in entries:
        path = Path(entry["path"])
        outputs.append(Output(
            audience=entry["audience"], format=entry["format"],
            path=path if path.is_absolute() else out_dir / path,
            sha256=entry.get("sha256"), pages=entry.get("pages"), charts=entry.get("charts"),
        ))
    return outputs


# LibreOffice and poppler -----------------------------------------------------------------


def convert_to_pdf(path: Path, out_dir: Path, profile: str = "roundtrip", timeout: int = CONVERSION_TIMEOUT) -> Path:
    """`path` converted by LibreOffice to a PDF in `out_dir`; OfficeCheckError when none comes out.

    soffice exits 0 even when it cannot load a file, so the PDF itself is the evidence. It runs
    in its own process group with a private profile, and the whole group is killed on timeout.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / (path.stem + ".pdf")
    target.unlink(missing_ok=True)
    command = [
        "soffice", f"-env:UserInstallation=file:///tmp/lo-proof-{profile}-{os.getpid()}",
        "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(out_dir), str(path),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise OfficeCheckError(f"{path.name}: LibreOffice did not finish within {timeout} s") from None
    if not target.is_file() or target.stat().st_size == 0:
        raise OfficeCheckError(f"{path.name}: LibreOffice wrote no PDF (exit {process.returncode}): "
                               f"{output.decode(errors='replace').strip()[-500:]}")
    return target


def pdf_pages(pdf: Path) -> int:
    """The page count poppler reads from `pdf`."""
    result = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60)
    match = re.search(r"^Pages:\s+(\d+)", result.stdout, re.MULTILINE)
    if result.returncode != 0 or not match:
        raise OfficeCheckError(f"{pdf.name}: pdfinfo cannot read it: {result.stderr.strip()[:300]}")
    return int(match.group(1))


def pdf_text(pdf: Path) -> str:
    """The text poppler extracts from `pdf`."""
    result = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, timeout=120)
    if result.returncode != 0:
        raise OfficeCheckError(f"{pdf.name}: pdftotext failed: {result.stderr.decode(errors='replace')[:300]}")
    return result.stdout.decode("utf-8", errors="replace")


_SQUASH = re.compile("[\\s\u00ad\u2010\u2011-]+")


def squash(text: str) -> str:
    """Text reduced for comparison: compatibility forms, no whitespace and no hyphens.

    Line breaks, justified spacing and hyphenation at a line end differ between a report's
    text and what a PDF shows; the words and numbers themselves must not.
    """
    return _SQUASH.sub("", unicodedata.normalize("NFKC", text))


def missing_texts(expected: list[str], shown: str) -> list[str]:
    """The expected texts that do not appear in `shown` (after `squash` on both)."""
    haystack = squash(shown)
    return [text for text in expected if squash(text) and squash(text) not in haystack]


# Package structure -------------------------------------------------------------------------


def package_problems(path: Path) -> list[str]:
    """Structural problems of a .pptx/.docx package; empty when it is sound."""
    kind = path.suffix.lower().lstrip(".")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        return [f"{path.name}: not a readable zip package: {error}"]
    with archive:
        bad = archive.testzip()
        if bad is not None:
            return [f"{path.name}: damaged zip entry {bad}"]
        names = set(archive.namelist())
        problems = []
        if MAIN_PARTS.get(kind) and MAIN_PARTS[kind] not in names:
            problems.append(f"{path.name}: no {MAIN_PARTS[kind]}")
        problems += dangling_relationships(archive, names)
        problems += content_type_problems(archive, names)
        return [f"{path.name}: {problem}" if not problem.startswith(path.name) else problem for problem in problems]


def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(archive.read(name))


def dangling_relationships(archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    """Internal relationships whose target part is not in the package."""
    problems = []
    for rels in sorted(name for name in names if name.endswith(".rels")):
        folder = PurePosixPath(rels).parent.parent
        try:
            root = _xml(archive, rels)
        except etree.XMLSyntaxError as error:
            problems.append(f"{rels}: not well-formed XML: {error}")
            continue
        for relation in root.findall("rel:Relationship", NS):
            if relation.get("TargetMode") == "External":
                continue
            target = relation.get("Target", "")
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(str(folder / target))
            if resolved not in names:
                problems.append(f"{rels}: relationship {relation.get('Id')} points at missing part {target}")
    return problems


def content_type_problems(archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    """Parts without a content type, and content-type overrides naming missing parts."""
    if "[Content_Types].xml" not in names:
        return ["no [Content_Types].xml"]
    root = _xml(archive, "[Content_Types].xml")
    defaults = {item.get("Extension", "").lower() for item in root.findall("ct:Default", NS)}
    overrides = {item.get("PartName", "").lstrip("/") for item in root.findall("ct:Override", NS)}
    problems = [f"[Content_Types].xml names missing part /{part}" for part in sorted(overrides - names)]
    for name in sorted(names):
        if name.endswith("/") or name == "[Content_Types].xml":
            continue
        if name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
            problems.append(f"part {name} has no content type")
    return problems


def duplicate_shape_ids(path: Path) -> list[str]:
    """pptx: shape ids (p:cNvPr/@id) used twice on one slide."""
    problems = []
    with zipfile.ZipFile(path) as archive:
        for name in _slide_names(archive):
            ids = [element.get("id") for element in _xml(archive, name).iter(f"{{{NS['p']}}}cNvPr")]
            repeated = sorted({shape_id for shape_id in ids if ids.count(shape_id) > 1})
            if repeated:
                problems.append(f"{name}: shape id(s) {', '.join(repeated)} used more than once")
    return problems


def duplicate_drawing_ids(path: Path) -> list[str]:
    """docx: drawing ids (wp:docPr/@id) used twice in the document."""
    with zipfile.ZipFile(path) as archive:
        ids = []
        for name in _word_story_parts(archive):
            ids += [element.get("id") for element in _xml(archive, name).iter(f"{{{NS['wp']}}}docPr")]
    repeated = sorted({drawing_id for drawing_id in ids if ids.count(drawing_id) > 1})
    return [f"wp:docPr id(s) {', '.join(repeated)} used more than once"] if repeated else []


def pictures_without_description(path: Path) -> list[str]:
    """Pictures and charts without a non-empty description (alt text)."""
    problems = []
    with zipfile.ZipFile(path) as archive:
        if path.suffix.lower() == ".pptx":
            for name in _slide_names(archive):
                root = _xml(archive, name)
                for frame in root.iter(f"{{{NS['p']}}}pic", f"{{{NS['p']}}}graphicFrame"):
                    properties = frame.find(".//p:cNvPr", NS)
                    if frame.find(".//a:tbl", NS) is not None:
                        continue
                    if properties is None or not (properties.get("descr") or "").strip():
                        shape = properties.get("name") if properties is not None else "?"
                        problems.append(f"{name}: picture {shape!r} has no description")
        else:
            for name in _word_story_parts(archive):
                for properties in _xml(archive, name).iter(f"{{{NS['wp']}}}docPr"):
                    if not (properties.get("descr") or "").strip():
                        problems.append(f"{name}: drawing {properties.get('name')!r} has no description")
    return problems


def slide_title_problems(path: Path) -> list[str]:
    """pptx: slides without a filled title placeholder, and titles used on more than one slide."""
    from pptx import Presentation

    problems = []
    seen: dict[str, int] = {}
    for number, slide in enumerate(Presentation(str(path)).slides, start=1):
        title = slide.shapes.title
        text = title.text_frame.text.strip() if title is not None and title.has_text_frame else ""
        if not text:
            problems.append(f"slide {number} has no filled title placeholder")
            continue
        if text in seen:
            problems.append(f"slide {number} repeats the title of slide {seen[text]}: {text!r}")
        seen.setdefault(text, number)
    return problems


def slide_titles(path: Path) -> list[str]:
    from pptx import Presentation

    return [slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
            for slide in Presentation(str(path)).slides]


def language_problems(path: Path, language: str = LANGUAGE) -> list[str]:
    """The document language: set to `language` by default, and no text marked as another language."""
    problems = []
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if path.suffix.lower() == ".pptx":
            root = _xml(archive, "ppt/presentation.xml")
            defaults = root.findall(".//p:defaultTextStyle//a:defRPr", NS)
            if not defaults or any(element.get("lang") not in (None, language) for element in defaults) \
                    or not any(element.get("lang") == language for element in defaults):
                problems.append(f"presentation default text language is not {language}")
            for name in _slide_names(archive):
                for tag in ("rPr", "endParaRPr", "defRPr"):
                    for element in _xml(archive, name).iter(f"{{{NS['a']}}}{tag}"):
                        if element.get("lang") not in (None, language):
                            problems.append(f"{name}: text marked as {element.get('lang')}, not {language}")
                            break
        else:
            styles = _xml(archive, "word/styles.xml") if "word/styles.xml" in names else None
            default = None if styles is None else styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
            if default is None or default.get(f"{{{NS['w']}}}val") != language:
                problems.append(f"word/styles.xml: default language (w:docDefaults w:lang) is not {language}")
            for name in _word_story_parts(archive):
                for element in _xml(archive, name).iter(f"{{{NS['w']}}}lang"):
                    value = element.get(f"{{{NS['w']}}}val")
                    if value not in (None, language):
                        problems.append(f"{name}: text marked as {value}, not {language}")
                        break
    return problems


def core_title(path: Path) -> str:
    """The title in the package's core properties ('' when absent)."""
    with zipfile.ZipFile(path) as archive:
        if "docProps/core.xml" not in archive.namelist():
            return ""
        element = _xml(archive, "docProps/core.xml").find("dc:title", NS)
    return (element.text or "").strip() if element is not None else ""


def reopen_problems(path: Path) -> list[str]:
    """Whether python-pptx / python-docx can open the file again."""
    try:
        if path.suffix.lower() == ".pptx":
            from pptx import Presentation

            Presentation(str(path))
        else:
            import docx

            docx.Document(str(path))
    except Exception as error:  # any failure to reopen is the finding
        return [f"{path.name}: cannot be reopened: {type(error).__name__}: {error}"]
    return []


def all_structure_problems(path: Path) -> list[str]:
    """Every structural check for a deck or briefing, stopping early when the package is unreadable."""
    problems = package_problems(path)
    if problems:
        return problems
    problems = reopen_problems(path)
    if problems:
        return problems
    if path.suffix.lower() == ".pptx":
        problems += duplicate_shape_ids(path) + slide_title_problems(path)
    else:
        problems += duplicate_drawing_ids(path)
    problems += pictures_without_description(path) + language_problems(path)
    if not core_title(path):
        problems.append("core properties have no title")
    return problems


def _slide_names(archive: zipfile.ZipFile) -> list[str]:
    pattern = re.compile(r"^ppt/slides/slide\d+\.xml$")
    return sorted((name for name in archive.namelist() if pattern.match(name)),
                  key=lambda name: int(re.search(r"(\d+)\.xml$", name).group(1)))


def _word_story_parts(archive: zipfile.ZipFile) -> list[str]:
    pattern = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
    return [name for name in archive.namelist() if pattern.match(name)]


# The Open XML validator ------------------------------------------------------------------


def ooxml_errors(path: Path, timeout: int = VALIDATOR_TIMEOUT) -> list[str]:
    """Errors the Open XML SDK validator reports for `path`; it always exits 0, so its JSON is read."""
    result = subprocess.run(["ooxml-validate", "--of", "json", str(path)], capture_output=True, text=True,
                            timeout=timeout, stdin=subprocess.DEVNULL)
    try:
        errors = json.loads(result.stdout)
    except json.JSONDecodeError:
        detail = (result.stderr or result.stdout).strip().splitlines()
        message = next((line for line in detail if line.startswith("Error")), detail[-1] if detail else "no output")
        return [f"{path.name}: the validator could not read the file: {message[:300]}"]
    if not isinstance(errors, list):
        return [f"{path.name}: unexpected validator output: {result.stdout[:300]}"]
    return [f"{error.get('path', {}).get('partUri', '?')} {error.get('path', {}).get('xpath', '')}: "
            f"{error.get('description', error)}" for error in errors]


def log_line(config: pytest.Config, message: str) -> None:
    """A line in the test log even when output is captured, so CI shows what was converted."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None:
        return
    if capture is None:
        reporter.write_line(message)
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line(message)


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


# The seed build, shared by the round-trip and structure tests -----------------------------

DOCUMENT_FORMATS = ("pptx", "docx")


def seed_audiences():
    """The seed's audiences, validated against the seed survey."""
    from generator.audiences import load_audiences
    from generator.readers import load_survey

    return load_audiences(DEFAULT_AUDIENCES, load_survey(SEED_DATA))


def seed_documents() -> list[tuple[str, str]]:
    """(audience id, format) of every deck and briefing the seed build must produce."""
    return [(audience.id, name) for audience in seed_audiences() for name in DOCUMENT_FORMATS]


@dataclasses.dataclass(frozen=True)
class SeedBuild:
    """The seed data built once per session with the real CLI."""

    out: Path
    outputs: tuple[Output, ...]
    log: str

    def output(self, audience: str, format_name: str) -> Output:
        matches = [item for item in self.outputs if item.audience == audience and item.format == format_name]
        assert matches, f"manifest.json has no {format_name} for audience {audience!r}"
        return matches[0]


_CACHE: dict[str, object] = {}


def seed_build(tmp_path_factory: pytest.TempPathFactory) -> SeedBuild:
    """Build every audience of the seed as pptx, docx and pdf (once per session)."""
    if "build" not in _CACHE:
        work = tmp_path_factory.mktemp("seed-build")
        out = work / "out"
        formats = [*DOCUMENT_FORMATS, "pdf"] if shutil.which("soffice") or in_ci() else list(DOCUMENT_FORMATS)
        result = run_cli(["build", "--data", str(SEED_DATA), "--audiences", str(DEFAULT_AUDIENCES),
                          "--template", str(DEFAULT_TEMPLATE), "--out", str(out), "--jobs", "2",
                          *(option for name in formats for option in ("--format", name))], cwd=work)
        _CACHE["build"] = (result, out)
    result, out = _CACHE["build"]
    assert result.returncode == 0, f"barometer build failed (exit {result.returncode}):\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return SeedBuild(out=out, outputs=tuple(read_manifest(out)), log=result.stdout + result.stderr)


def native_chart_decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed's decks built with editable (native) charts: audience id -> deck (once per session)."""
    if "native" not in _CACHE:
        work = tmp_path_factory.mktemp("seed-native")
        result = run_cli(["build", "--data", str(SEED_DATA), "--audiences", str(DEFAULT_AUDIENCES),
                          "--template", str(DEFAULT_TEMPLATE), "--out", "out", "--format", "pptx",
                          "--charts", "native", "--jobs", "2"], cwd=work)
        _CACHE["native"] = (result, work / "out")
    result, out = _CACHE["native"]
    assert result.returncode == 0, f"barometer build --charts native failed:\n{result.stderr[-3000:]}"
    return {output.audience: output.path for output in read_manifest(out) if output.format == "pptx"}


def seed_report(audience_id: str):
    """The report compose makes for `audience_id` on the build's date: what the documents must show."""
    key = f"report:{audience_id}"
    if key not in _CACHE:
        from generator.audiences import find_audience
        from generator.compose import compose_report
        from generator.readers import load_survey
        from generator.template_set import load_template_set

        survey = load_survey(SEED_DATA)
        audience = find_audience(seed_audiences(), audience_id, DEFAULT_AUDIENCES)
        _CACHE[key] = compose_report(survey, audience, load_template_set(DEFAULT_TEMPLATE), report_date())
    return _CACHE[key]


def expected_texts(report, format_name: str) -> list[str]:
    """What a reader must find in the document: every figure's action title and text (a letter: each
    theme's summary), the key messages and figures, and (in a briefing) every number cell."""
    from generator.report import DocumentKind

    texts = [figure.title for figure in report.figures]
    letter = report.document_kind in (DocumentKind.MEMO, DocumentKind.RAADSINFORMATIEBRIEF)
    if format_name in ("docx", "pdf") and letter:
        # A letter states each theme's summary; its appendix shows the charts without their text.
        texts += [section.summary for section in report.sections if section.summary]
    else:
        texts += [paragraph for figure in report.figures for paragraph in figure.text.split("\n\n") if paragraph]
    texts += list(report.key_messages)
    if report.key_figures:
        texts += [figure.value for figure in report.key_figures.figures]
    if format_name in ("docx", "pdf"):
        texts += [cell for figure in report.figures for row in figure.chart.table.rows for cell in row
                  if any(character.isdigit() for character in cell)]
    return texts


def roundtrip_problems(document: Path, pdf_dir: Path, expected_pages: int | None, expected: list[str],
                       config: pytest.Config | None = None) -> list[str]:
    """Convert `document` with LibreOffice and compare the PDF with what it must hold.

    Problems: no PDF, a page count unlike `expected_pages` (when given), expected texts missing.
    """
    try:
        pdf, seconds = timed(convert_to_pdf, document, pdf_dir)
        pages = pdf_pages(pdf)
        text = pdf_text(pdf)
    except OfficeCheckError as error:
        return [str(error)]
    if config is not None:
        log_line(config, f"soffice: {document.name} -> {pdf.name}: {pages} pages in {seconds:.1f} s")
    problems = []
    if expected_pages is not None and pages != expected_pages:
        problems.append(f"{document.name}: PDF has {pages} pages, expected {expected_pages}")
    problems += [f"{document.name}: PDF does not show {text!r}" for text in missing_texts(expected, text)]
    return problems
