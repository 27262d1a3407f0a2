"""`barometer inspect`: what a house-style deck offers and how barometer would use it.

Lists slide size, layouts with their placeholders (idx, type, name, position), theme colours
and fonts, and the role -> layout mapping, so a user can write the `deck:` section of
template.yaml for their own template.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from generator.charts.theme import theme_from_xml
from generator.checks.colors import theme_colors
from generator.errors import InputError, problem_at
from generator.template_set import SETTINGS_FILE
from generator.writers.pptx.package import open_presentation
from generator.writers.pptx.settings import read_deck_settings
from generator.writers.pptx.template import resolve_mapping
from generator.yaml_source import LocatedDict, load_yaml_mapping

EMU_PER_CM = 360000


def describe_template(path: Path) -> str:
    """A readable description of the deck template at `path` (a .pptx/.potx or a template folder)."""
    path = Path(path)
    if path.is_dir():
        candidates = [path / name for name in ("deck.pptx", "deck.potx") if (path / name).is_file()]
        if not candidates:
            raise InputError(problem_at(path, "no deck.pptx or deck.potx in this folder"))
        path = candidates[0]
    presentation = open_presentation(path)
    width, height = presentation.slide_width, presentation.slide_height
    lines = [f"{path}", f"Slide size: {_cm(width)} x {_cm(height)} cm ({_ratio(width, height)})", ""]
    lines.append("Layouts (name, layout type; placeholders: idx, type, name, left/top/width/height in cm):")
    for index, layout in enumerate(presentation.slide_layouts):
        lines.append(f'  {index + 1}. "{layout.name}" ({layout._element.get("type", "custom")})')
        for shape in layout.placeholders:
            placeholder = shape.placeholder_format
            kind = str(placeholder.type).split(" ")[0].lower()
            box = "/".join(_cm(value) for value in (shape.left, shape.top, shape.width, shape.height))
            lines.append(f"       idx {placeholder.idx:>3}  {kind:<14} {shape.name:<28} {box}")
    lines += [""] + _theme_lines(presentation) + [""]
    settings_path = path.parent / SETTINGS_FILE
    section = LocatedDict()
    if settings_path.is_file():
        section = load_yaml_mapping(settings_path).get("deck") or LocatedDict()
        lines.append(f"Role mapping (with {settings_path}):")
    else:
        lines.append("Role mapping (automatic; no template.yaml next to the deck):")
    settings = read_deck_settings(section, settings_path)
    resolved = resolve_mapping(presentation, settings, settings_path, path.name)
    for role, role_layout in resolved.mapping.roles.items():
        slots = ", ".join(f"{slot} idx {value}" for slot, value in
                          (("title", role_layout.title), ("body", role_layout.body), ("chart", role_layout.area))
                          if value is not None)
        stand_in = f"  (stand-in: {role_layout.stands_in_for.value} layout)" if role_layout.stands_in_for else ""
        lines.append(f'  {role.value:<12} -> "{role_layout.layout_name}": {slots}{stand_in}')
    for notice in resolved.notices:
        lines.append(f"  note: {notice}")
    if len(presentation.slides):
        lines += ["", f"The template has {len(presentation.slides)} slide(s) of its own; they are removed from "
                      "generated decks unless template.yaml says deck: template_slides: keep."]
    lines += ["", "Example template.yaml section:", "deck:", "  layouts:"]
    for role, role_layout in resolved.mapping.roles.items():
        if role_layout.stands_in_for is None:
            lines.append(f"    {role.value}: {role_layout.layout_name}")
    return "\n".join(lines)


def _theme_lines(presentation) -> list[str]:
    """The theme's colour slots and fonts, read by the parsers the checks and the charts use."""
    theme = etree.fromstring(presentation.slide_master.part.part_related_by(RT.THEME).blob)
    lines = ["Theme colours:"]
    lines += [f"  {slot:<9} {colour}" for slot, colour in theme_colors(theme).items()]
    fonts = theme_from_xml(theme)
    lines.append(f"Theme fonts: headings {fonts.major_font or '?'}, body {fonts.minor_font or '?'}")
    return lines


def _cm(emu: int | None) -> str:
    return f"{(emu or 0) / EMU_PER_CM:.1f}"


def _ratio(width: int, height: int) -> str:
    ratio = width / height
    for name, value in (("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 16 / 10)):
        if abs(ratio - value) < 0.01:
            return name
    return f"{ratio:.2f}:1"
