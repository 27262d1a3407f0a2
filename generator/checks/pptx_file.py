"""Accessibility checks for a PowerPoint file: title, language, slide titles, alt text, tables, text."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator.checks.model import FileCheck, ProblemLog
from generator.checks.package import DECORATIVE_URI, NS, Package, open_package, read_failure

MAIN_PART = "ppt/presentation.xml"
CHECKS = ("title", "language", "slide-titles", "alt-text", "tables", "lists", "contrast", "text-size",
          "empty-paragraphs")
TITLE_TYPES = ("title", "ctrTitle")
CONTENT_SHAPES = ("sp", "pic", "graphicFrame", "grpSp", "cxnSp", "contentPart")
FRAME_KINDS = {"chart": "chart", "diagram": "SmartArt graphic", "ole": "object"}
_FILE_NAME = re.compile(r"^\S+\.(png|jpe?g|gif|bmp|svg|emf|wmf|tiff?)$", re.IGNORECASE)


@dataclass(frozen=True)
class Slide:
    """One slide with the parts its look is inherited from."""

    number: int
    part: str
    root: etree._Element
    layout: etree._Element | None
    master: etree._Element | None
    theme: dict
    color_map: dict


def check_presentation(path: Path) -> FileCheck:
    """Every check on the .pptx at `path`; `InputError` when it is not a readable presentation."""
    from generator.checks.pptx_text import check_slide_text

    package = open_package(path, MAIN_PART)
    log = ProblemLog(path)
    try:
        slides = load_slides(package)
        check_title_and_language(package, slides, log)
        check_slide_titles(slides, log)
        sizes = []
        for slide in slides:
            check_pictures(slide, log)
            check_tables(slide, log)
            sizes += check_slide_text(package, slide, log)
            sizes += check_chart_text(package, slide, log)
    except (etree.XMLSyntaxError, KeyError, ValueError, zipfile.BadZipFile, OSError) as error:
        raise read_failure(path, error) from None
    finally:
        package.close()
    return FileCheck(log.path, "pptx", CHECKS, log.in_order(), min(sizes) if sizes else None)


def slide_parts(package: Package) -> list[str]:
    """The slide part names in presentation order."""
    targets = package.relationships(MAIN_PART)
    ids = package.xml(MAIN_PART).findall("p:sldIdLst/p:sldId", NS)
    return [targets[rel_id] for rel_id in (slide.get(f"{{{NS['r']}}}id") for slide in ids)
            if rel_id in targets and package.has(targets[rel_id])]


def load_slides(package: Package) -> list[Slide]:
    from generator.checks.colors import theme_colors

    slides = []
    for number, name in enumerate(slide_parts(package), start=1):
        layout_name = next(iter(package.related(name, "slideLayout")), None)
        master_name = next(iter(package.related(layout_name, "slideMaster")), None) if layout_name else None
        theme_name = next(iter(package.related(master_name, "theme")), None) if master_name else None
        layout = package.xml(layout_name) if layout_name else None
        master = package.xml(master_name) if master_name else None
        color_map = dict(master.find("p:clrMap", NS).attrib) if master is not None and \
            master.find("p:clrMap", NS) is not None else {}
        for root in (layout, package.xml(name)):
            override = None if root is None else root.find("p:clrMapOvr/a:overrideClrMapping", NS)
            if override is not None:
                color_map.update(override.attrib)
        theme = theme_colors(package.xml(theme_name) if theme_name else None)
        slides.append(Slide(number, name, package.xml(name), layout, master, theme, color_map))
    return slides


def check_title_and_language(package: Package, slides: list[Slide], log: ProblemLog) -> None:
    if not package.core("dc:title"):
        log.add("title", "document has no title (core properties dc:title)")
    defaults = package.xml(MAIN_PART).findall("p:defaultTextStyle//a:defRPr", NS)
    if any(element.get("lang") for element in defaults):
        return
    for slide in slides:
        for run in slide.root.iter(f"{{{NS['a']}}}r"):
            properties = run.find("a:rPr", NS)
            if properties is None or not properties.get("lang"):
                log.add("language", "no document language: the default text style (presentation.xml) has no "
                        "lang and this slide has text without one", f"slide {slide.number}")
                return


def shape_name(element) -> str:
    properties = element.find("./*/p:cNvPr", NS)
    return (properties.get("name") or "") if properties is not None else ""


def placeholder_type(shape) -> str | None:
    """The placeholder type of `shape` ("obj" when unstated), None when it is no placeholder."""
    placeholder = shape.find("./*/p:nvPr/p:ph", NS)
    return None if placeholder is None else placeholder.get("type", "obj")


def check_slide_titles(slides: list[Slide], log: ProblemLog) -> None:
    seen: dict[str, int] = {}
    for slide in slides:
        where = f"slide {slide.number}"
        tree = slide.root.find("p:cSld/p:spTree", NS)
        shapes = [child for child in tree if isinstance(child.tag, str)
                  and child.tag.rsplit("}", 1)[-1] in CONTENT_SHAPES] if tree is not None else []
        titles = [shape for shape in shapes if placeholder_type(shape) in TITLE_TYPES]
        text = " ".join(" ".join(titles[0].itertext()).split()) if titles else ""
        if not text:
            log.add("slide-titles", "slide has no filled title placeholder", where)
            continue
        key = text.casefold()
        if key in seen:
            log.add("slide-titles", f"title {text!r} is also the title of slide {seen[key]}", where)
        seen.setdefault(key, slide.number)
        if shapes[0] is not titles[0]:
            log.add("slide-titles", f"title is not first in reading order (first is {shape_name(shapes[0])!r})",
                    where)


def is_decorative(properties) -> bool:
    """Whether a cNvPr element carries the Office decorative mark."""
    for extension in properties.findall("a:extLst/a:ext", NS):
        mark = extension.find("adec:decorative", NS)
        if extension.get("uri") == DECORATIVE_URI and mark is not None and mark.get("val") in ("1", "true"):
            return True
    return False


def frame_kind(frame) -> str:
    """"picture", "chart", "SmartArt graphic", "object" or "graphic frame" for a p:pic or p:graphicFrame."""
    if frame.tag == f"{{{NS['p']}}}pic":
        return "picture"
    data = frame.find("a:graphic/a:graphicData", NS)
    uri = data.get("uri", "") if data is not None else ""
    return next((kind for key, kind in FRAME_KINDS.items() if uri.endswith("/" + key)), "graphic frame")


def check_pictures(slide: Slide, log: ProblemLog) -> None:
    where = f"slide {slide.number}"
    for frame in slide.root.iter(f"{{{NS['p']}}}pic", f"{{{NS['p']}}}graphicFrame"):
        if frame.find(".//a:tbl", NS) is not None:
            continue
        properties = frame.find("./*/p:cNvPr", NS)
        if properties is None or is_decorative(properties):
            continue
        kind, name = frame_kind(frame), properties.get("name") or ""
        description = (properties.get("descr") or "").strip()
        if not description:
            log.add("alt-text", f"{kind} {name!r} has no alt text (and is not marked decorative)", where)
        elif _FILE_NAME.match(description):
            log.add("alt-text", f"{kind} {name!r} has a file name as alt text ({description!r})", where)


def check_tables(slide: Slide, log: ProblemLog) -> None:
    where = f"slide {slide.number}"
    for frame in slide.root.iter(f"{{{NS['p']}}}graphicFrame"):
        table = frame.find(".//a:tbl", NS)
        if table is None:
            continue
        name = shape_name(frame)
        properties = table.find("a:tblPr", NS)
        if properties is None or properties.get("firstRow") not in ("1", "true"):
            log.add("tables", f"table {name!r} has no header row marked (Header Row, firstRow)", where)
        merged = [cell for cell in table.iter(f"{{{NS['a']}}}tc")
                  if int(cell.get("gridSpan", "1")) > 1 or int(cell.get("rowSpan", "1")) > 1
                  or cell.get("hMerge") in ("1", "true") or cell.get("vMerge") in ("1", "true")]
        if merged:
            log.add("tables", f"table {name!r} has merged cells", where)


def check_chart_text(package: Package, slide: Slide, log: ProblemLog) -> list[float]:
    """Text sizes in native charts (at least 9 pt); charts without sizes use PowerPoint's 10 pt."""
    from generator.checks.pptx_text import MIN_CHART_TEXT

    sizes = []
    charts = package.related(slide.part, "chart")
    for chart in charts:
        root = package.xml(chart)
        if root is None:
            continue
        values = [int(element.get("sz")) / 100 for element in root.iter(f"{{{NS['a']}}}defRPr", f"{{{NS['a']}}}rPr")
                  if (element.get("sz") or "").isdigit()]
        smallest = min(values, default=10.0)
        sizes.append(smallest)
        if smallest < MIN_CHART_TEXT:
            log.add("text-size", f"chart text is {smallest:g} pt; chart text needs at least {MIN_CHART_TEXT:g} pt "
                    f"({chart.rsplit('/', 1)[-1]})", f"slide {slide.number}")
    return sizes
