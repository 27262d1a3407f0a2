"""Real Word lists in any template: the list style's own numbering, or a definition made here.

A list is accessible only when its paragraphs carry numbering (w:numPr), so screen readers
announce "list, 3 items". Templates without "List Bullet" (pandoc's reference.docx) get a
bullet and a decimal definition in numbering.xml, which is created when the template has none.
"""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart

LEVELS = 9
BULLETS = ("\u2022", "\u2013", "\u25aa")
"""Bullet per level, repeating: bullet, en dash, small square."""
INDENT_STEP = 360
"""Twips per list level (a quarter inch), the hanging indent of each item."""


class ListNumbering:
    """Gives list paragraphs numbering: the style's where it has one, else a definition made once."""

    def __init__(self, document) -> None:
        self.document = document
        self.made: dict[str, int] = {}

    def number_id(self, style, numbered: bool, bullet_style) -> int | None:
        """The w:numId a list's paragraphs need, or None when their style already numbers them.

        A numbered list restarts at 1. A numbered list that has only the bullet style to stand
        on gets decimal numbering of its own rather than bullets.
        """
        own = style_number_id(style)
        if own is not None and not (numbered and style is bullet_style):
            return restarted(self.document, own) if numbered else None
        if not numbered:
            return self._instance("bullet")
        return self._numbering().add_num(self._abstract("decimal")).numId

    def _instance(self, kind: str) -> int:
        if kind not in self.made:
            self.made[kind] = self._numbering().add_num(self._abstract(kind)).numId
        return self.made[kind]

    def _abstract(self, kind: str) -> int:
        key = f"abstract-{kind}"
        if key not in self.made:
            self.made[key] = _add_abstract(self._numbering(), kind)
        return self.made[key]

    def _numbering(self):
        return numbering_element(self.document)


def style_number_id(style) -> int | None:
    """The numId a paragraph style (or a style it is based on) gives its paragraphs."""
    while style is not None:
        properties = style.element.pPr
        if properties is not None and properties.numPr is not None and properties.numPr.numId is not None:
            return properties.numPr.numId.val
        style = style.base_style
    return None


def restarted(document, number_id: int) -> int | None:
    """A numbering instance of `number_id`'s definition that starts at 1 again.

    Every paragraph in a numbered list style shares one counter, so a second list would
    continue at "3."; a new w:num with a start override restarts it.
    """
    numbering = numbering_element(document)
    try:
        current = numbering.num_having_numId(number_id)
    except KeyError:
        return None
    instance = numbering.add_num(current.abstractNumId.val)
    instance.add_lvlOverride(ilvl=0).add_startOverride(1)
    return instance.numId


def numbering_element(document):
    """The document's w:numbering element; the numbering part is created when the template has none."""
    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        pass
    package = document.part.package
    taken = {str(part.partname) for part in package.iter_parts()}
    name = "/word/numbering.xml" if "/word/numbering.xml" not in taken else package.next_partname("/word/numbering%d.xml")
    part = NumberingPart(PackURI(str(name)), CT.WML_NUMBERING, parse_xml(f"<w:numbering {nsdecls('w')}/>"), package)
    document.part.relate_to(part, RT.NUMBERING)
    return part.element


def _add_abstract(numbering, kind: str) -> int:
    """Adds a nine-level bullet or decimal definition before the numbering instances; returns its id."""
    existing = [int(item.get(qn("w:abstractNumId"))) for item in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(existing, default=-1) + 1
    levels = "".join(_level(level, kind) for level in range(LEVELS))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                         f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>')
    before = [child for child in numbering if child.tag in (qn("w:numPicBullet"), qn("w:abstractNum"))]
    numbering.insert(numbering.index(before[-1]) + 1 if before else 0, abstract)
    return abstract_id


def _level(level: int, kind: str) -> str:
    if kind == "bullet":
        number_format, text = "bullet", BULLETS[level % len(BULLETS)]
    else:
        number_format, text = ("decimal", "lowerLetter", "lowerRoman")[level % 3], f"%{level + 1}."
    indent = INDENT_STEP * (level + 1)
    return (f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:hanging="{INDENT_STEP}"/></w:pPr></w:lvl>')
