"""Accessibility checks for a Word file: title, language, headings, lists, tables, alt text, text."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from generator.checks.colors import WHITE, contrast_problem, theme_colors, word_color
from generator.checks.model import FileCheck, ProblemLog
from generator.checks.package import DECORATIVE_URI, NS, Package, open_package, read_failure

MAIN_PART = "word/document.xml"
CHECKS = ("title", "language", "headings", "lists", "tables", "alt-text", "contrast", "text-size",
          "empty-paragraphs")
MIN_DOCUMENT_TEXT = 9.0
DEFAULT_HALF_POINTS = 20
"""Word's size when neither the document defaults nor a style set one: 10 pt."""
_W = f"{{{NS['w']}}}"
_TYPED_LIST = re.compile(r"^\s*([•·▪◦‣●○■□➢►✓\-–*]|\d{1,2}[.)])\s+\S")
_HEADING_NAME = re.compile(r"^heading ([1-9])$", re.IGNORECASE)
_NOT_EMPTY = ("drawing", "pict", "object", "sectPr", "fldSimple", "fldChar", "instrText", "tab")


def _w(name: str) -> str:
    return f"{_W}{name}"


class StyleSheet:
    """styles.xml: property lookups that follow basedOn chains and the document defaults."""

    def __init__(self, root) -> None:
        self.styles = {style.get(_w("styleId")): style for style in root.findall("w:style", NS)} if root is not None else {}
        self.defaults = root.find("w:docDefaults", NS) if root is not None else None
        self.default_paragraph = next((style_id for style_id, style in self.styles.items()
                                       if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true")),
                                      None)

    def chain(self, style_id: str | None) -> list:
        """The style and the styles it is based on, nearest first (cycles cut)."""
        found, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            found.append(self.styles[style_id])
            based = self.styles[style_id].find("w:basedOn", NS)
            style_id = based.get(_w("val")) if based is not None else None
        return found

    def name(self, style_id: str | None) -> str:
        style = self.styles.get(style_id or "")
        element = style.find("w:name", NS) if style is not None else None
        return element.get(_w("val"), "") if element is not None else ""

    def paragraph_style(self, paragraph) -> str | None:
        element = paragraph.find("w:pPr/w:pStyle", NS)
        return element.get(_w("val")) if element is not None else self.default_paragraph

    def paragraph_property(self, paragraph, tag: str):
        """The nearest pPr child `tag` (e.g. "w:numPr") of the paragraph or its style chain."""
        direct = paragraph.find(f"w:pPr/{tag}", NS)
        if direct is not None:
            return direct
        return next((found for style in self.chain(self.paragraph_style(paragraph))
                     if (found := style.find(f"w:pPr/{tag}", NS)) is not None), None)

    def run_property(self, run, paragraph, tag: str):
        """The nearest rPr child `tag` of the run, its character style, the paragraph style, the defaults."""
        places = [run.find("w:rPr", NS)]
        character = run.find("w:rPr/w:rStyle", NS)
        places += [style.find("w:rPr", NS) for style in self.chain(character.get(_w("val")) if character is not None else None)]
        places += [style.find("w:rPr", NS) for style in self.chain(self.paragraph_style(paragraph))]
        places.append(self.defaults.find("w:rPrDefault/w:rPr", NS) if self.defaults is not None else None)
        return next((found for place in places if place is not None and (found := place.find(tag, NS)) is not None), None)

    def heading_level(self, paragraph) -> int | None:
        """1-9 for a heading (outline level or a "heading N" style), None for body text."""
        outline = self.paragraph_property(paragraph, "w:outlineLvl")
        if outline is not None and (outline.get(_w("val")) or "").isdigit():
            level = int(outline.get(_w("val"))) + 1
            return level if level <= 9 else None
        for style in self.chain(self.paragraph_style(paragraph)):
            match = _HEADING_NAME.match(self.name(style.get(_w("styleId"))))
            if match:
                return int(match.group(1))
        return None


def check_document(path: Path) -> FileCheck:
    """Every check on the .docx at `path`; `InputError` when it is not a readable Word document."""
    package = open_package(path, MAIN_PART)
    log = ProblemLog(path)
    try:
        styles = StyleSheet(package.xml("word/styles.xml"))
        theme_name = next(iter(package.related(MAIN_PART, "theme")), None)
        theme = theme_colors(package.xml(theme_name) if theme_name else None)
        document = package.xml(MAIN_PART)
        body = document.find("w:body", NS)
        if body is None:
            raise ValueError("word/document.xml has no body")
        paragraphs = [paragraph for paragraph in body.iter(_w("p")) if not _in_text_box(paragraph)]
        check_title_and_language(package, styles, log)
        check_headings(paragraphs, styles, log)
        check_lists(paragraphs, styles, log)
        check_tables(body, log)
        check_drawings(package, log)
        sizes = check_text(document, paragraphs, styles, theme, log)
        check_empty_paragraphs(body, paragraphs, log)
    except (etree.XMLSyntaxError, KeyError, ValueError, zipfile.BadZipFile, OSError) as error:
        raise read_failure(path, error) from None
    finally:
        package.close()
    return FileCheck(log.path, "docx", CHECKS, log.in_order(), min(sizes) if sizes else None)


def _in_text_box(element) -> bool:
    return any(ancestor.tag == _w("txbxContent") for ancestor in element.iterancestors())


def _text(paragraph) -> str:
    return "".join(element.text or "" for element in paragraph.iter(_w("t")))


def check_title_and_language(package: Package, styles: StyleSheet, log: ProblemLog) -> None:
    if not package.core("dc:title"):
        log.add("title", "document has no title (core properties dc:title)")
    language = styles.defaults.find("w:rPrDefault/w:rPr/w:lang", NS) if styles.defaults is not None else None
    if language is None or not language.get(_w("val")):
        log.add("language", "no document language (w:lang on the default run properties in word/styles.xml)")


def check_headings(paragraphs, styles: StyleSheet, log: ProblemLog) -> None:
    previous = 0
    for number, paragraph in enumerate(paragraphs, start=1):
        level = styles.heading_level(paragraph)
        if level is None or not _text(paragraph).strip():
            continue
        if level > previous + 1:
            after = f"after heading level {previous}" if previous else "as the first heading"
            log.add("headings", f"heading {_text(paragraph).strip()[:40]!r} is level {level} {after} "
                    f"(skips level {previous + 1})", f"paragraph {number}")
        previous = level


def check_lists(paragraphs, styles: StyleSheet, log: ProblemLog) -> None:
    for number, paragraph in enumerate(paragraphs, start=1):
        text = _text(paragraph)
        if not _TYPED_LIST.match(text):
            continue
        numbering = styles.paragraph_property(paragraph, "w:numPr")
        identifier = numbering.find("w:numId", NS) if numbering is not None else None
        if identifier is None or identifier.get(_w("val")) in (None, "0"):
            log.add("lists", f"{text.strip()[:40]!r} is a list item typed by hand; use a list style",
                    f"paragraph {number}")


def check_tables(body, log: ProblemLog) -> None:
    for number, table in enumerate(body.iter(_w("tbl")), start=1):
        rows = table.findall("w:tr", NS)
        if not rows:
            continue
        header = rows[0].find("w:trPr/w:tblHeader", NS)
        if header is None or header.get(_w("val"), "true") in ("0", "false"):
            log.add("tables", "table has no header row marked (Repeat as header row, w:tblHeader)", f"table {number}")
        merged = [cell for cell in table.iter(_w("tc"))
                  if cell.find("w:tcPr/w:vMerge", NS) is not None
                  or int(cell.find("w:tcPr/w:gridSpan", NS).get(_w("val"), "1")
                         if cell.find("w:tcPr/w:gridSpan", NS) is not None else 1) > 1]
        if merged:
            log.add("tables", "table has merged cells", f"table {number}")


def check_drawings(package: Package, log: ProblemLog) -> None:
    story = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
    for name in sorted(info.filename for info in package.archive.infolist() if story.match(info.filename)):
        for number, properties in enumerate(package.xml(name).iter(f"{{{NS['wp']}}}docPr"), start=1):
            if _decorative(properties):
                continue
            drawing = properties.getparent()
            data = drawing.find("a:graphic/a:graphicData", NS)
            uri = data.get("uri", "") if data is not None else ""
            kind = "chart" if uri.endswith("/chart") else "picture" if uri.endswith("/picture") else "drawing"
            if not (properties.get("descr") or "").strip():
                where = f"{name.split('/')[-1]}: {kind} {number}"
                log.add("alt-text", f"{kind} {properties.get('name', '')!r} has no alt text (and is not marked "
                        "decorative)", where)


def _decorative(properties) -> bool:
    for extension in properties.findall("a:extLst/a:ext", NS):
        mark = extension.find("adec:decorative", NS)
        if extension.get("uri") == DECORATIVE_URI and mark is not None and mark.get("val") in ("1", "true"):
            return True
    return False


def check_text(document, paragraphs, styles: StyleSheet, theme: dict, log: ProblemLog) -> list[float]:
    """Text sizes (at least 9 pt) and contrast of run colours against what is behind them."""
    page = document.find("w:background", NS)
    page_color = word_color(page.get(_w("color")), page.get(_w("themeColor")), page.get(_w("themeTint")),
                            page.get(_w("themeShade")), theme) if page is not None else None
    sizes = []
    for number, paragraph in enumerate(paragraphs, start=1):
        smallest = None
        for run in paragraph.iter(_w("r")):
            content = "".join(element.text or "" for element in run.findall("w:t", NS))
            if not content.strip():
                continue
            size = styles.run_property(run, paragraph, "w:sz")
            value = size.get(_w("val"), "") if size is not None else ""
            points = (int(value) if value.isdigit() else DEFAULT_HALF_POINTS) / 2
            bold = styles.run_property(run, paragraph, "w:b")
            is_bold = bold is not None and bold.get(_w("val"), "true") not in ("0", "false")
            sizes.append(points)
            if smallest is None or points < smallest[0]:
                smallest = (points, content)
            message = _contrast(run, paragraph, styles, theme, page_color or WHITE, content, points, is_bold)
            if message:
                log.add("contrast", message, f"paragraph {number}")
        if smallest and smallest[0] < MIN_DOCUMENT_TEXT:
            log.add("text-size", f"text {smallest[1].strip()[:40]!r} is {smallest[0]:g} pt; document text needs at "
                    f"least {MIN_DOCUMENT_TEXT:g} pt", f"paragraph {number}")
    return sizes


def _contrast(run, paragraph, styles: StyleSheet, theme: dict, page: str, content: str, points: float,
              bold: bool) -> str | None:
    color_element = styles.run_property(run, paragraph, "w:color")
    if color_element is None or run.find("w:rPr/w:highlight", NS) is not None:
        return None
    color = word_color(*(color_element.get(_w(name)) for name in ("val", "themeColor", "themeTint", "themeShade")),
                       theme)
    if color is None:
        return None
    background = page
    cell = next((ancestor for ancestor in paragraph.iterancestors(_w("tc"))), None)
    for shading in (run.find("w:rPr/w:shd", NS), styles.paragraph_property(paragraph, "w:shd"),
                    cell.find("w:tcPr/w:shd", NS) if cell is not None else None):
        if shading is not None:
            fill = word_color(shading.get(_w("fill")), shading.get(_w("themeFill")), shading.get(_w("themeFillTint")),
                              shading.get(_w("themeFillShade")), theme)
            if fill:
                background = fill
                break
    return contrast_problem(content, color, background, points, bold)


def check_empty_paragraphs(body, paragraphs, log: ProblemLog) -> None:
    """Runs of empty body paragraphs (not the one Word needs between two tables or at the end)."""
    blocks = [child for child in body if child.tag in (_w("p"), _w("tbl"))]
    empty_run: list[int] = []
    paragraph_numbers = {paragraph: number for number, paragraph in enumerate(paragraphs, start=1)}
    for index, block in enumerate(blocks):
        if block.tag == _w("p") and _is_empty(block):
            between_tables = (0 < index < len(blocks) - 1 and blocks[index - 1].tag == _w("tbl")
                              and blocks[index + 1].tag == _w("tbl"))
            if index < len(blocks) - 1 and not between_tables:
                empty_run.append(paragraph_numbers[block])
                continue
        if empty_run:
            _report_empty(empty_run, log)
            empty_run = []
    if empty_run:
        _report_empty(empty_run, log)


def _is_empty(paragraph) -> bool:
    if _text(paragraph).strip():
        return False
    if any(paragraph.find(f".//w:{tag}", NS) is not None for tag in _NOT_EMPTY):
        return False
    if paragraph.find("w:pPr/w:pageBreakBefore", NS) is not None:
        return False
    return not any(br.get(_w("type")) in ("page", "column") for br in paragraph.iter(_w("br")))


def _report_empty(numbers: list[int], log: ProblemLog) -> None:
    count = len(numbers)
    noun = "empty paragraph" if count == 1 else f"{count} empty paragraphs"
    log.add("empty-paragraphs", f"{noun} used as spacing; use paragraph spacing instead", f"paragraph {numbers[0]}")
