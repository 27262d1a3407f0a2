"""Builds templates/default/briefing.docx, the default Word house style, reproducibly.

    python templates/make_default_briefing.py [OUTPUT]

Starts from python-docx's blank document and sets A4 pages, 2,5 cm margins, DejaVu fonts
(installed on plain Debian via fonts-dejavu-core), a dark accent colour with at least
4,5:1 contrast on white, a readable caption, a table style with a header row, contents
styles and "Pagina N van M" in the footer. Other house styles can call
`build_briefing_template` with their own `HouseStyle`.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.writers.docx.fields import field_runs, text_run  # noqa: E402
from generator.writers.docx.package import drop_thumbnail, save_reproducibly, set_language  # noqa: E402

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "default" / "briefing.docx"
BUILD_DATE = dt.date(2026, 1, 1)


@dataclass(frozen=True)
class HouseStyle:
    """The few choices that make a house style; everything else follows from them."""

    body_font: str = "DejaVu Sans"
    heading_font: str = "DejaVu Sans"
    body_size: float = 10
    accent: str = "1F4E79"
    """Headings and table header fill; #1F4E79 on white has a contrast of 8,9:1."""
    muted: str = "404040"
    """Captions, subtitles and footers; 10,4:1 on white."""
    page_width_cm: float = 21.0
    page_height_cm: float = 29.7
    margin_cm: float = 2.5
    table_style_name: str = "Barometer tabel"
    page_numbers_in_footer: bool = True


def build_briefing_template(style: HouseStyle):
    """A python-docx Document holding the house style and an empty body."""
    document = docx.Document()
    drop_thumbnail(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(style.page_width_cm), Cm(style.page_height_cm)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(style.margin_cm))
    section.header_distance = section.footer_distance = Cm(1.25)
    text_width = section.page_width - section.left_margin - section.right_margin

    _strip_theme_references(document)
    _set_default_font(document, style)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(style.body_size)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.2

    _paragraph_style(styles["Title"], style.heading_font, 24, style.accent, bold=True, after=6)
    _title_border(styles["Title"], style.accent)
    _paragraph_style(styles["Subtitle"], style.body_font, 12, style.muted, italic=False, after=4)
    for level, size, before in ((1, 16, 18), (2, 13, 14), (3, 11, 10), (4, 10, 8)):
        heading = styles[f"Heading {level}"]
        _paragraph_style(heading, style.heading_font, size, style.accent, bold=True, before=before, after=4)
        heading.font.italic = False
    _paragraph_style(styles["Caption"], style.body_font, 9, style.muted, bold=False, after=4)
    styles["Caption"].paragraph_format.space_before = Pt(8)
    _paragraph_style(styles["Quote"], style.body_font, style.body_size, style.muted, italic=True, after=6)
    _paragraph_style(styles["Footer"], style.body_font, 9, style.muted)
    _paragraph_style(styles["TOC Heading"], style.heading_font, 16, style.accent, bold=True, before=0, after=10)

    source = styles.add_style("Bron", WD_STYLE_TYPE.PARAGRAPH)
    source.base_style = normal
    _paragraph_style(source, style.body_font, 9, style.muted, before=4, after=12)
    source.quick_style = True

    header_field = styles.add_style("Briefhoofd", WD_STYLE_TYPE.PARAGRAPH)
    header_field.base_style = normal
    header_field.paragraph_format.space_after = Pt(2)
    header_field.paragraph_format.left_indent = Cm(4.5)
    header_field.paragraph_format.first_line_indent = Cm(-4.5)
    header_field.paragraph_format.tab_stops.add_tab_stop(Cm(4.5))
    header_field.quick_style = True

    table_text = styles.add_style("Tabeltekst", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(max(9, style.body_size - 1))
    table_text.paragraph_format.space_before = Pt(0)
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0

    note = styles.add_style("Noot", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    _paragraph_style(note, style.body_font, 9, style.muted, italic=True, after=6)

    for level in (1, 2, 3):
        contents = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        contents.base_style = normal
        contents.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        contents.paragraph_format.space_after = Pt(3)
        contents.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        contents.priority = 39

    styles.element.append(parse_xml(_table_style_xml(style)))
    if style.page_numbers_in_footer:
        _footer_page_numbers(section)
    set_language(document)
    _remove_preview_setting(document)
    properties = document.core_properties
    properties.title = "Huisstijl briefing"
    properties.author = "barometer"
    properties.last_modified_by = "barometer"
    properties.language = "nl-NL"
    properties.created = properties.modified = dt.datetime(2026, 1, 1, 12, 0)
    properties.revision = 1
    properties.comments = ""
    properties.keywords = ""
    properties.subject = ""
    properties.category = ""
    return document


def _strip_theme_references(document) -> None:
    """Removes theme font and colour references so explicit fonts and colours take effect."""
    for element in document.styles.element.iter(qn("w:rFonts"), qn("w:color")):
        for attribute in list(element.attrib):
            if "theme" in attribute.lower():
                del element.attrib[attribute]


def _set_default_font(document, style: HouseStyle) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = run_properties.find(qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), style.body_font)
    for name in ("w:sz", "w:szCs"):
        run_properties.find(qn(name)).set(qn("w:val"), str(int(style.body_size * 2)))


def _paragraph_style(target, font: str, size: float, colour: str, bold: bool | None = None,
                     italic: bool | None = None, before: float | None = None, after: float | None = None) -> None:
    target.font.name = font
    target.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), font)
    target.font.size = Pt(size)
    target.font.color.rgb = RGBColor.from_string(colour)
    if bold is not None:
        target.font.bold = bold
    if italic is not None:
        target.font.italic = italic
    if before is not None:
        target.paragraph_format.space_before = Pt(before)
    if after is not None:
        target.paragraph_format.space_after = Pt(after)


def _title_border(title, colour: str) -> None:
    border = title.element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    if border is not None:
        border.set(qn("w:color"), colour)


def _table_style_xml(style: HouseStyle) -> str:
    style_id = style.table_style_name.replace(" ", "")
    border = 'w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"'
    return (
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{style.table_style_name}"/><w:basedOn w:val="TableNormal"/>'
        '<w:uiPriority w:val="59"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:rPr><w:sz w:val="{int(max(9, style.body_size - 1) * 2)}"/></w:rPr>'
        f'<w:tblPr><w:tblBorders><w:top {border}/><w:bottom {border}/><w:insideH {border}/></w:tblBorders>'
        '<w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{style.accent}"/></w:tcPr></w:tblStylePr>'
        '</w:style>'
    )


def _footer_page_numbers(section) -> None:
    """ "Pagina N van M", right-aligned in the footer style."""
    paragraph = section.footer.paragraphs[0]
    paragraph.style = section.part.document.styles["Footer"]
    paragraph.alignment = 2
    element = paragraph._p
    element.append(text_run("Pagina "))
    for run in field_runs(" PAGE ", "1"):
        element.append(run)
    element.append(text_run(" van "))
    for run in field_runs(" NUMPAGES ", "1"):
        element.append(run)


def _remove_preview_setting(document) -> None:
    settings = document.settings.element
    for name in ("w:savePreviewPicture", "w:rsids"):
        for element in settings.findall(qn(name)):
            settings.remove(element)


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    output.write_bytes(save_reproducibly(build_briefing_template(HouseStyle()), BUILD_DATE))
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
