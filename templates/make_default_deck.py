"""Build templates/default/deck.pptx reproducibly from python-pptx's built-in template.

Run: python templates/make_default_deck.py [OUTPUT]. The result is 16:9, uses DejaVu Sans
(Debian fonts-dejavu-core, the font matplotlib draws the charts in), a colour-blind-safe
accent palette whose first four colours pass 3:1 on white, and Dutch layout names that
templates/default/template.yaml maps to slide roles.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from generator.writers.ooxml import normalise_package  # noqa: E402

OUTPUT = Path(__file__).with_name("default") / "deck.pptx"
BUILD_DATE = dt.date(2026, 1, 1)
FONT = "DejaVu Sans"

INCH = 914400
WIDTH, HEIGHT = 12192000, 6858000
MARGIN = int(0.65 * INCH)
CONTENT_WIDTH = WIDTH - 2 * MARGIN
TITLE_BOX = (MARGIN, int(0.3 * INCH), CONTENT_WIDTH, int(1.1 * INCH))
BODY_TOP = int(1.6 * INCH)
BODY_HEIGHT = int(6.65 * INCH) - BODY_TOP
FOOTER_TOP = int(6.88 * INCH)
FOOTER_HEIGHT = int(0.42 * INCH)
NUMBER_WIDTH = int(1.0 * INCH)
FOOTER_BOX = (MARGIN, FOOTER_TOP, CONTENT_WIDTH - NUMBER_WIDTH, FOOTER_HEIGHT)
NUMBER_BOX = (WIDTH - MARGIN - NUMBER_WIDTH, FOOTER_TOP, NUMBER_WIDTH, FOOTER_HEIGHT)

COLOURS = {
    "dk1": "1F2933",  # text, 14.6:1 on white
    "lt1": "FFFFFF",
    "dk2": "1B3A57",  # titles and dark backgrounds, 11.6:1 on white
    "lt2": "EEF2F5",
    "accent1": "0072B2",  # Okabe-Ito blue, 5.2:1
    "accent2": "D55E00",  # vermillion, 3.9:1
    "accent3": "009E73",  # bluish green, 3.4:1
    "accent4": "CC79A7",  # reddish purple, 3.1:1
    "accent5": "5B6770",  # slate grey, 5.8:1
    "accent6": "8A5A00",  # ochre, 5.9:1
    "hlink": "0072B2",
    "folHlink": "6B3FA0",
}

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')

SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


def _run_properties(size: int | None = None, colour: str | None = None, bold: bool = False) -> str:
    attributes = f' sz="{size * 100}"' if size else ""
    attributes += ' b="1"' if bold else ""
    fill = f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>' if colour else ""
    return f"<a:defRPr{attributes}>{fill}</a:defRPr>"


def placeholder(shape_id: int, name: str, kind: str | None, idx: int | None, box: tuple[int, int, int, int],
                prompt: str = "", anchor: str | None = None, list_style: str = "", size: str = "") -> str:
    """One placeholder shape as XML: kind None is a generic content ("obj") placeholder."""
    x, y, cx, cy = box
    ph = "<p:ph"
    ph += f' type="{kind}"' if kind else ""
    ph += f' sz="{size}"' if size else ""
    ph += f' idx="{idx}"' if idx is not None else ""
    ph += "/>"
    body_anchor = f' anchor="{anchor}"' if anchor else ""
    autofit = "<a:normAutofit/>" if kind in (None, "title", "ctrTitle", "body", "subTitle") else ""
    if kind == "sldNum":
        paragraph = (f'<a:p><a:fld id="{SLIDE_NUMBER_FIELD_ID}" type="slidenum"><a:rPr lang="nl-NL"/>'
                     "<a:t>‹#›</a:t></a:fld><a:endParaRPr lang=\"nl-NL\"/></a:p>")
    elif prompt:
        paragraph = f'<a:p><a:r><a:rPr lang="nl-NL"/><a:t>{prompt}</a:t></a:r><a:endParaRPr lang="nl-NL"/></a:p>'
    else:
        paragraph = '<a:p><a:endParaRPr lang="nl-NL"/></a:p>'
    return (
        f"<p:sp {NS}><p:nvSpPr><p:cNvPr id=\"{shape_id}\" name=\"{name}\"/>"
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        f'<p:txBody><a:bodyPr vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" '
        f'rtlCol="0"{body_anchor}>{autofit}</a:bodyPr><a:lstStyle>{list_style}</a:lstStyle>{paragraph}</p:txBody></p:sp>'
    )


def rectangle(shape_id: int, name: str, box: tuple[int, int, int, int], colour: str) -> str:
    """A decorative filled rectangle (no text), marked decorative for screen readers."""
    x, y, cx, cy = box
    return (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>'
        '<a:ln><a:noFill/></a:ln></p:spPr>'
        '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:endParaRPr lang="nl-NL"/></a:p></p:txBody></p:sp>'
    )


def footer_shapes(first_id: int) -> list[str]:
    small = f'<a:lvl1pPr algn="l">{_run_properties(10, "tx1")}</a:lvl1pPr>'
    number = f'<a:lvl1pPr algn="r">{_run_properties(10, "tx1")}</a:lvl1pPr>'
    return [
        placeholder(first_id, "Voettekst", "ftr", 11, FOOTER_BOX, anchor="ctr", list_style=small, size="quarter"),
        placeholder(first_id + 1, "Dianummer", "sldNum", 12, NUMBER_BOX, anchor="ctr", list_style=number, size="quarter"),
    ]


def no_bullets(size: int, colour: str | None = None, bold: bool = False) -> str:
    return (f'<a:lvl1pPr marL="0" indent="0"><a:spcBef><a:spcPts val="600"/></a:spcBef><a:buNone/>'
            f"{_run_properties(size, colour, bold)}</a:lvl1pPr>")


def layout_shapes(name: str) -> tuple[list[str], str | None, bool]:
    """The shapes, background colour and showMasterSp of each layout, by its Dutch name."""
    title_box = TITLE_BOX
    body_box = (MARGIN, BODY_TOP, CONTENT_WIDTH, BODY_HEIGHT)
    chart_width = int(CONTENT_WIDTH * 0.63)
    gap = int(0.3 * INCH)
    if name == "Titeldia":
        bar = rectangle(2, "Accentbalk", (MARGIN, int(1.9 * INCH), int(0.12 * INCH), int(3.4 * INCH)), "accent1")
        inner = MARGIN + int(0.45 * INCH)
        width = WIDTH - inner - MARGIN
        title_style = f'<a:lvl1pPr algn="l">{_run_properties(36, "bg1", True)}</a:lvl1pPr>'
        subtitle_style = no_bullets(20, "bg1")
        shapes = [
            bar,
            placeholder(3, "Titel", "ctrTitle", None, (inner, int(1.8 * INCH), width, int(2.0 * INCH)),
                        "Titel van de presentatie", anchor="b", list_style=title_style),
            placeholder(4, "Ondertitel", "subTitle", 1, (inner, int(3.95 * INCH), width, int(1.5 * INCH)),
                        "Ondertitel, datum en bron", anchor="t", list_style=subtitle_style),
        ]
        return shapes, "tx2", False
    if name == "Sectiekop":
        bar = rectangle(2, "Accentbalk", (MARGIN, int(2.2 * INCH), int(0.12 * INCH), int(2.6 * INCH)), "accent1")
        inner = MARGIN + int(0.45 * INCH)
        width = WIDTH - inner - MARGIN
        title_style = f'<a:lvl1pPr algn="l">{_run_properties(36, "tx2", True)}</a:lvl1pPr>'
        shapes = [
            bar,
            placeholder(3, "Titel", "title", None, (inner, int(1.9 * INCH), width, int(1.9 * INCH)),
                        "Titel van het onderdeel", anchor="b", list_style=title_style),
            placeholder(4, "Tekst", "body", 1, (inner, int(3.95 * INCH), width, int(2.2 * INCH)),
                        "Samenvatting van het onderdeel", anchor="t", list_style=no_bullets(20, "tx1")),
        ] + footer_shapes(5)
        return shapes, "bg2", False
    title = placeholder(2, "Titel", "title", None, title_box, "Titel van de dia", anchor="b")
    if name == "Titel en tekst":
        shapes = [title, placeholder(3, "Tekst", "body", 1, body_box, "Tekst")]
    elif name == "Agenda":
        shapes = [title, placeholder(3, "Onderdelen", "body", 1, (MARGIN, BODY_TOP, int(CONTENT_WIDTH * 0.75), BODY_HEIGHT),
                                     "Onderdelen van de presentatie")]
    elif name == "Grafiek":
        shapes = [title, placeholder(3, "Grafiek", None, 1, body_box, "Grafiek")]
    elif name == "Grafiek en tekst":
        text_box = (MARGIN + chart_width + gap, BODY_TOP, CONTENT_WIDTH - chart_width - gap, BODY_HEIGHT)
        shapes = [
            title,
            placeholder(3, "Grafiek", None, 1, (MARGIN, BODY_TOP, chart_width, BODY_HEIGHT), "Grafiek"),
            placeholder(4, "Toelichting", "body", 2, text_box, "Toelichting", anchor="t",
                        list_style=no_bullets(16, "tx1")),
        ]
    elif name == "Kerncijfers":
        shapes = [title, placeholder(3, "Kerncijfers", "body", 1, body_box, "Kerncijfers", anchor="t",
                                     list_style=no_bullets(20, "tx1"))]
    elif name == "Afsluiting":
        shapes = [title, placeholder(3, "Tekst", "body", 1, body_box, "Kernboodschappen en vervolg")]
    elif name == "Alleen titel":
        shapes = [title]
    else:
        shapes = []
    return shapes + footer_shapes(10), None, True


LAYOUTS = (
    # (new name, layout type, index of the built-in layout it replaces)
    ("Titeldia", "title", 0),
    ("Agenda", "obj", 10),
    ("Sectiekop", "secHead", 2),
    ("Titel en tekst", "obj", 1),
    ("Grafiek", "obj", 8),
    ("Grafiek en tekst", "twoObj", 3),
    ("Kerncijfers", "obj", 9),
    ("Afsluiting", "obj", 7),
    ("Alleen titel", "titleOnly", 5),
    ("Leeg", "blank", 6),
)
UNUSED_LAYOUT = 4  # "Comparison"


def rebuild_layout(layout, name: str, kind: str) -> None:
    element = layout._element
    element.set("type", kind)
    element.set("preserve", "1")
    shapes, background, show_master = layout_shapes(name)
    if not show_master:
        element.set("showMasterSp", "0")
    elif "showMasterSp" in element.attrib:
        del element.attrib["showMasterSp"]
    common = element.find(qn("p:cSld"))
    common.set("name", name)
    old_background = common.find(qn("p:bg"))
    if old_background is not None:
        common.remove(old_background)
    if background:
        bg = etree.fromstring(f'<p:bg {NS}><p:bgPr><a:solidFill><a:schemeClr val="{background}"/></a:solidFill>'
                              "<a:effectLst/></p:bgPr></p:bg>")
        common.insert(0, bg)
    tree = common.find(qn("p:spTree"))
    for child in list(tree)[2:]:
        tree.remove(child)
    for shape in shapes:
        tree.append(etree.fromstring(shape))


def rebuild_master(master) -> None:
    element = master._element
    tree = element.find(qn("p:cSld")).find(qn("p:spTree"))
    for child in list(tree)[2:]:
        tree.remove(child)
    body_style = ""
    shapes = [
        rectangle(2, "Accentbalk", (0, 0, WIDTH, int(0.09 * INCH)), "accent1"),
        placeholder(3, "Titel", "title", None, TITLE_BOX, "Klik om de titelstijl te bewerken", anchor="b"),
        placeholder(4, "Tekst", "body", 1, (MARGIN, BODY_TOP, CONTENT_WIDTH, BODY_HEIGHT),
                    "Klik om de tekststijl te bewerken", list_style=body_style),
        rectangle(5, "Scheidingslijn", (MARGIN, FOOTER_TOP - int(0.06 * INCH), CONTENT_WIDTH, 9525), "bg2"),
        placeholder(6, "Voettekst", "ftr", 3, FOOTER_BOX, anchor="ctr",
                    list_style=f'<a:lvl1pPr algn="l">{_run_properties(10, "tx1")}</a:lvl1pPr>', size="quarter"),
        placeholder(7, "Dianummer", "sldNum", 4, NUMBER_BOX, anchor="ctr",
                    list_style=f'<a:lvl1pPr algn="r">{_run_properties(10, "tx1")}</a:lvl1pPr>', size="quarter"),
    ]
    for shape in shapes:
        tree.append(etree.fromstring(shape))
    styles = element.find(qn("p:txStyles"))
    title_level = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title_level.set("algn", "l")
    _restyle(title_level.find(qn("a:defRPr")), 2800, "tx2", bold=True)
    sizes = {1: 2000, 2: 1800, 3: 1600, 4: 1400, 5: 1400, 6: 1400, 7: 1400, 8: 1400, 9: 1400}
    body = styles.find(qn("p:bodyStyle"))
    for level, size in sizes.items():
        level_properties = body.find(qn(f"a:lvl{level}pPr"))
        if level_properties is None:
            continue
        spacing = level_properties.find(qn("a:spcBef"))
        if spacing is not None:
            for child in list(spacing):
                spacing.remove(child)
            etree.SubElement(spacing, qn("a:spcPts")).set("val", "800")
        bullet_font = level_properties.find(qn("a:buFont"))
        if bullet_font is not None:
            colour = etree.Element(qn("a:buClr"))
            etree.SubElement(colour, qn("a:schemeClr")).set("val", "accent1")
            bullet_font.addprevious(colour)
        _restyle(level_properties.find(qn("a:defRPr")), size, "tx1")


def _restyle(run_properties, size: int, colour: str, bold: bool = False) -> None:
    run_properties.set("sz", str(size))
    if bold:
        run_properties.set("b", "1")
    fill = run_properties.find(qn("a:solidFill"))
    for child in list(fill):
        fill.remove(child)
    etree.SubElement(fill, qn("a:schemeClr")).set("val", colour)


def rebuild_theme(master) -> None:
    theme_part = master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(theme_part.blob)
    theme.set("name", "Barometer")
    scheme = theme.find(".//" + qn("a:clrScheme"))
    scheme.set("name", "Barometer")
    for slot, value in COLOURS.items():
        holder = scheme.find(qn(f"a:{slot}"))
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, qn("a:srgbClr")).set("val", value)
    fonts = theme.find(".//" + qn("a:fontScheme"))
    fonts.set("name", "Barometer")
    for group in ("a:majorFont", "a:minorFont"):
        fonts.find(qn(group)).find(qn("a:latin")).set("typeface", FONT)
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def build() -> bytes:
    presentation = Presentation()
    presentation.slide_width = WIDTH
    presentation.slide_height = HEIGHT
    size = presentation.part._element.find(qn("p:sldSz"))
    size.attrib.pop("type", None)
    master = presentation.slide_master
    rebuild_theme(master)
    rebuild_master(master)
    layouts = list(presentation.slide_layouts)
    for name, kind, index in LAYOUTS:
        rebuild_layout(layouts[index], name, kind)
    presentation.slide_layouts.remove(layouts[UNUSED_LAYOUT])
    id_list = master._element.find(qn("p:sldLayoutIdLst"))
    by_rel = {entry.get(qn("r:id")): entry for entry in id_list}
    for entry in list(id_list):
        id_list.remove(entry)
    for name, _kind, index in LAYOUTS:
        part = layouts[index].part
        relationship_id = next(rel_id for rel_id, entry in by_rel.items()
                               if master.part.related_part(rel_id) is part)
        id_list.append(by_rel[relationship_id])
    for level in presentation.part._element.find(qn("p:defaultTextStyle")):
        run_properties = level.find(qn("a:defRPr"))
        if run_properties is not None:
            run_properties.set("lang", "nl-NL")
    properties = presentation.core_properties
    moment = dt.datetime(BUILD_DATE.year, BUILD_DATE.month, BUILD_DATE.day, 12, 0, 0)
    properties.title = "Barometer: standaardhuisstijl"
    properties.subject = "Sjabloon voor presentaties"
    properties.author = "Barometer"
    properties.last_modified_by = "Barometer"
    properties.language = "nl-NL"
    properties.created = properties.modified = properties.last_printed = moment
    properties.revision = 1
    buffer = io.BytesIO()
    presentation.save(buffer)
    return normalise_package(buffer.getvalue(), BUILD_DATE)


def main() -> None:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT
    output.write_bytes(build())
    print(f"{output} written")


if __name__ == "__main__":
    main()
