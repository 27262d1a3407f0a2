"""Slide text checks: size, contrast, typed lists and blank spacing paragraphs.

Run properties are inherited: run -> paragraph -> the shape's list style -> the layout's and
master's placeholder -> the master's text styles -> the presentation's default text style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.checks.colors import WHITE, contrast_problem, drawing_color
from generator.checks.model import ProblemLog
from generator.checks.package import NS, Package

MIN_SLIDE_TEXT = 10.0
MIN_CHART_TEXT = 9.0
DEFAULT_POINTS = 18.0
MASTER_STYLES = {"title": "titleStyle", "ctrTitle": "titleStyle", "body": "bodyStyle", "subTitle": "bodyStyle",
                 "obj": "bodyStyle"}
_TYPED_BULLET = re.compile(r"^\s*[•·▪◦‣●○■□➢►✓\-–*]\s+\S")
_TYPED_NUMBER = re.compile(r"^\s*\d{1,2}[.)]\s+\S")
_A = f"{{{NS['a']}}}"


@dataclass(frozen=True)
class TextBody:
    """A text frame with the list styles it inherits from and what is behind it."""

    label: str
    body: object
    styles: tuple
    """lstStyle-like elements, nearest first."""
    background: str | None
    """The colour behind the text; None when it cannot be known (picture, gradient, table style)."""
    scale: float


def check_slide_text(package: Package, slide, log: ProblemLog) -> list[float]:
    """Check every text frame of `slide`; the text sizes found (points)."""
    where = f"slide {slide.number}"
    sizes = []
    defaults = package.xml("ppt/presentation.xml").find("p:defaultTextStyle", NS)
    background = slide_background(slide)
    for text in text_bodies(slide, defaults, background):
        smallest = None
        contrast_reported = False
        paragraphs = text.body.findall("a:p", NS)
        check_paragraphs(text, paragraphs, log, where)
        for paragraph in paragraphs:
            properties = paragraph.find("a:pPr", NS)
            level = int(properties.get("lvl", "0")) if properties is not None else 0
            for run in paragraph.findall("a:r", NS):
                content = run.findtext("a:t", "", NS)
                if not content.strip():
                    continue
                points, bold, color = run_look(run, paragraph, text, level, slide)
                sizes.append(points)
                if smallest is None or points < smallest[0]:
                    smallest = (points, content)
                if text.background and color and not contrast_reported:
                    message = contrast_problem(content, color, text.background, points, bold)
                    if message:
                        log.add("contrast", f"{message} ({text.label})", where)
                        contrast_reported = True
        if smallest and smallest[0] < MIN_SLIDE_TEXT:
            log.add("text-size", f"text {smallest[1].strip()[:40]!r} is {smallest[0]:g} pt; slide text needs at "
                    f"least {MIN_SLIDE_TEXT:g} pt ({text.label})", where)
    return sizes


def text_bodies(slide, defaults, background):
    """Every text frame on `slide` (shapes and table cells) with its inheritance and background."""
    from generator.checks.pptx_file import placeholder_type, shape_name

    for shape in slide.root.iter(f"{{{NS['p']}}}sp"):
        body = shape.find("p:txBody", NS)
        if body is None:
            continue
        kind = placeholder_type(shape)
        styles = [body.find("a:lstStyle", NS)]
        if kind is not None:
            index = shape.find("./*/p:nvPr/p:ph", NS).get("idx")
            for root in (slide.layout, slide.master):
                match = _placeholder(root, kind, index)
                styles.append(match.find("p:txBody/a:lstStyle", NS) if match is not None else None)
            styles.append(_master_style(slide.master, MASTER_STYLES.get(kind, "otherStyle")))
        styles.append(defaults)
        fill = _shape_fill(shape, slide, background)
        autofit = body.find("a:bodyPr/a:normAutofit", NS)
        scale = int(autofit.get("fontScale", "100000")) / 100000 if autofit is not None else 1.0
        yield TextBody(repr(shape_name(shape)), body, tuple(style for style in styles if style is not None), fill,
                       scale)
    for frame in slide.root.iter(f"{{{NS['p']}}}graphicFrame"):
        table = frame.find(".//a:tbl", NS)
        if table is None:
            continue
        styled = table.find("a:tblPr/a:tableStyleId", NS) is not None
        for cell in table.iter(f"{_A}tc"):
            body = cell.find("a:txBody", NS)
            if body is None:
                continue
            fill = drawing_color(cell.find("a:tcPr/a:solidFill", NS), slide.theme, slide.color_map)
            behind = fill or (None if styled else background)
            yield TextBody(f"table {shape_name(frame)!r}", body, tuple(s for s in (defaults,) if s is not None),
                           behind, 1.0)


def run_look(run, paragraph, text: TextBody, level: int, slide) -> tuple[float, bool, str | None]:
    """The effective size (points, after autofit), boldness and colour of a run."""
    level_tag = f"a:lvl{min(level, 8) + 1}pPr/a:defRPr"
    chain = [run.find("a:rPr", NS), paragraph.find("a:pPr/a:defRPr", NS)]
    chain += [style.find(level_tag, NS) for style in text.styles]
    chain = [element for element in chain if element is not None]
    size = next((int(element.get("sz")) / 100 for element in chain if (element.get("sz") or "").isdigit()),
                DEFAULT_POINTS)
    bold = next((element.get("b") in ("1", "true") for element in chain if element.get("b") is not None), False)
    color = None
    for element in chain:
        fill = element.find("a:solidFill", NS)
        if fill is not None:
            color = drawing_color(fill, slide.theme, slide.color_map)
            break
    if color is None:
        color = drawing_color(_scheme("tx1"), slide.theme, slide.color_map)
    return round(size * text.scale, 1), bold, color


def check_paragraphs(text: TextBody, paragraphs, log: ProblemLog, where: str) -> None:
    """Typed bullets or numbers instead of real lists, and blank paragraphs used as spacing."""
    contents = ["".join(paragraph.itertext()) for paragraph in paragraphs]
    numbered = [content for content in contents if _TYPED_NUMBER.match(content)]
    for paragraph, content in zip(paragraphs, contents):
        real_list = paragraph.find("a:pPr/a:buAutoNum", NS) is not None or paragraph.find("a:pPr/a:buChar", NS) is not None
        typed = _TYPED_BULLET.match(content) or (len(numbered) > 1 and _TYPED_NUMBER.match(content))
        if typed and not real_list:
            log.add("lists", f"{content.strip()[:40]!r} is a list item typed by hand; use a bulleted or numbered "
                    f"list ({text.label})", where)
    filled = [index for index, content in enumerate(contents) if content.strip()]
    if filled:
        blanks = [index for index in range(filled[0], filled[-1]) if not contents[index].strip()]
        if blanks:
            log.add("empty-paragraphs", f"{len(blanks)} empty paragraph(s) used as spacing; use paragraph "
                    f"spacing instead ({text.label})", where)


def slide_background(slide) -> str | None:
    """The solid colour behind a slide (slide, layout, then master); None for pictures or gradients."""
    for root in (slide.root, slide.layout, slide.master):
        background = root.find("p:cSld/p:bg", NS) if root is not None else None
        if background is None:
            continue
        solid = background.find("p:bgPr/a:solidFill", NS)
        if solid is not None:
            return drawing_color(solid, slide.theme, slide.color_map)
        reference = background.find("p:bgRef", NS)
        if reference is not None and reference.get("idx", "0") in ("1001", "1", "0"):
            return drawing_color(reference, slide.theme, slide.color_map) or WHITE
        return None
    return drawing_color(_scheme("bg1"), slide.theme, slide.color_map) or WHITE


def _shape_fill(shape, slide, background: str | None) -> str | None:
    properties = shape.find("p:spPr", NS)
    if properties is not None:
        if properties.find("a:solidFill", NS) is not None:
            return drawing_color(properties.find("a:solidFill", NS), slide.theme, slide.color_map)
        if properties.find("a:noFill", NS) is not None:
            return background
        if properties.find("a:gradFill", NS) is not None or properties.find("a:blipFill", NS) is not None:
            return None
    reference = shape.find("p:style/a:fillRef", NS)
    if reference is not None and reference.get("idx", "0") != "0":
        return drawing_color(reference, slide.theme, slide.color_map)
    return background


def _placeholder(root, kind: str, index: str | None):
    """The placeholder on a layout or master that a slide placeholder inherits from."""
    if root is None:
        return None
    candidates = [shape for shape in root.iter(f"{{{NS['p']}}}sp") if shape.find("./*/p:nvPr/p:ph", NS) is not None]
    by_index = [shape for shape in candidates if index and shape.find("./*/p:nvPr/p:ph", NS).get("idx") == index]
    by_type = [shape for shape in candidates
               if _family(shape.find("./*/p:nvPr/p:ph", NS).get("type", "obj")) == _family(kind)]
    return (by_index or by_type or [None])[0]


def _family(kind: str) -> str:
    """Placeholder types that inherit from the same master placeholder."""
    return {"ctrTitle": "title", "subTitle": "body", "obj": "body"}.get(kind, kind)


def _master_style(master, name: str):
    return master.find(f"p:txStyles/p:{name}", NS) if master is not None else None


def _scheme(slot: str):
    """A one-child colour element naming theme slot `slot`, for defaults."""
    from lxml import etree

    holder = etree.Element(f"{_A}solidFill")
    etree.SubElement(holder, f"{_A}schemeClr", val=slot)
    return holder
