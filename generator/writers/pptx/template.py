"""Which layout and placeholders of a house-style deck serve each slide role.

Reads the template's layouts for the checked `deck:` settings. Roles the yaml does not name are found automatically: by the layout's
type (language-independent: "title", "secHead", "twoObj", ...) and by well-known names.
A missing required layout is an `InputError` naming it; a missing optional one falls back
to a stand-in layout and a notice for the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER

from generator.errors import ProblemCollector
from generator.writers.pptx.plan import (
    FALLBACK_ROLES, REQUIRED_ROLES, DeckMapping, RoleLayout, SlideRole,
)
from generator.writers.pptx.settings import DeckSettings

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE)
TEXT_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)
AREA_TYPES = (PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.TABLE,
              PP_PLACEHOLDER.BODY)
FURNITURE_TYPES = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.HEADER)

LAYOUT_TYPES = {
    SlideRole.TITLE: ("title",),
    SlideRole.SECTION: ("secHead",),
    SlideRole.TEXT: ("obj", "tx"),
    SlideRole.AGENDA: (),
    SlideRole.CHART: ("obj", "picTx", "tx"),
    SlideRole.CHART_TEXT: ("twoObj", "objTx", "twoColTx"),
    SlideRole.KEY_FIGURES: (),
    SlideRole.CLOSING: (),
}
"""Layout types (`p:sldLayout/@type`) that suit each role, best first."""

LAYOUT_NAMES = {
    SlideRole.TITLE: ("titeldia", "title slide", "titel"),
    SlideRole.AGENDA: ("agenda", "inhoud", "contents"),
    SlideRole.SECTION: ("sectiekop", "section header", "tussenblad", "hoofdstuk"),
    SlideRole.TEXT: ("titel en tekst", "titel en object", "title and content", "tekst"),
    SlideRole.CHART: ("grafiek", "chart", "diagram"),
    SlideRole.CHART_TEXT: ("grafiek en tekst", "chart and text", "twee objecten", "two content", "inhoud met bijschrift"),
    SlideRole.KEY_FIGURES: ("kerncijfers", "key figures", "cijfers"),
    SlideRole.CLOSING: ("afsluiting", "tot slot", "closing", "slot"),
}
"""Lower-case layout names (exact match) that suggest a role, in order of preference."""


@dataclass(frozen=True)
class ResolvedMapping:
    """A mapping and the notices (fallbacks) the user should see on stderr."""

    mapping: DeckMapping
    notices: tuple[str, ...]


def resolve_mapping(presentation, settings: DeckSettings, settings_path: Path | str, deck_name: str) -> ResolvedMapping:
    """Every role's layout and placeholders in `presentation`, or an InputError saying what is missing."""
    problems = ProblemCollector(settings_path)
    layouts = list(presentation.slide_layouts)
    available = ", ".join(f'"{layout.name}"' for layout in layouts)
    notices: list[str] = []
    chosen: dict[SlideRole, RoleLayout] = {}
    for role in SlideRole:
        named = settings.layouts.get(role)
        index = None
        if named:
            name, line = named
            index = next((i for i, layout in enumerate(layouts) if layout.name == name), None)
            if index is None:
                if role in REQUIRED_ROLES:
                    problems.add(f'layout "{name}" not found in {deck_name}; available layouts: {available}',
                                 line, f"deck.layouts.{role.value}")
                    continue
                notices.append(f'{deck_name}: layout "{name}" for {role.value} slides not found; '
                               f"using a stand-in layout. Available layouts: {available}")
        else:
            index = _automatic_layout(role, layouts)
        if index is None:
            if role in REQUIRED_ROLES:
                problems.add(f"no layout found for {role.value} slides in {deck_name}; name one under "
                             f"deck: layouts: {role.value}: (available layouts: {available})",
                             None, f"deck.layouts.{role.value}")
            continue
        role_layout = _placeholders_for(role, index, layouts[index], settings.placeholders.get(role, {}), problems)
        if role_layout is not None:
            chosen[role] = role_layout
    problems.raise_if_any()
    for role, stand_in in FALLBACK_ROLES.items():
        if role in chosen and _is_usable(role, chosen[role]):
            continue
        if role in chosen:
            notices.append(f'{deck_name}: layout "{chosen[role].layout_name}" has no place for the text of '
                           f"{role.value} slides; using the {stand_in.value} layout instead")
        elif role not in settings.layouts:
            notices.append(f"{deck_name}: no layout for {role.value} slides; using "
                           f'"{chosen[stand_in].layout_name}" ({stand_in.value}) instead')
        base = chosen[stand_in]
        chosen[role] = RoleLayout(role, base.layout_name, base.layout_index, base.title, base.body, base.area,
                                  stands_in_for=stand_in)
    mapping = DeckMapping(roles=chosen, footer=settings.footer, slide_numbers=settings.slide_numbers,
                          labels=settings.labels)
    return ResolvedMapping(mapping, tuple(dict.fromkeys(notices)))


def _automatic_layout(role: SlideRole, layouts: list) -> int | None:
    """The best layout for `role` by well-known name, then by layout type; None when nothing fits."""
    names = [layout.name.strip().lower() for layout in layouts]
    for wanted in LAYOUT_NAMES[role]:
        if wanted in names:
            index = names.index(wanted)
            if _layout_fits(role, layouts[index]):
                return index
    for kind in LAYOUT_TYPES[role]:
        for index, layout in enumerate(layouts):
            if layout._element.get("type") == kind and _layout_fits(role, layout):
                return index
    return None


def _layout_fits(role: SlideRole, layout) -> bool:
    slots = _placeholder_choice(role, layout)
    if slots["title"] is None:
        return False
    if role in (SlideRole.CHART,):
        return slots["chart"] is not None
    if role is SlideRole.CHART_TEXT:
        return slots["chart"] is not None and slots["body"] is not None
    if role in (SlideRole.TITLE, SlideRole.SECTION):
        return True
    return slots["body"] is not None


def _is_usable(role: SlideRole, role_layout: RoleLayout) -> bool:
    if role is SlideRole.CHART_TEXT:
        return role_layout.area is not None and role_layout.body is not None
    if role is SlideRole.SECTION:
        return role_layout.title is not None
    return role_layout.body is not None


def _placeholder_choice(role: SlideRole, layout) -> dict:
    """Automatic placeholder idx per slot: title by type, chart area the largest content box."""
    placeholders = [shape for shape in layout.placeholders if shape.placeholder_format.type not in FURNITURE_TYPES]
    title = next((shape for shape in placeholders if shape.placeholder_format.type in TITLE_TYPES), None)
    others = [shape for shape in placeholders if shape is not title]
    by_area = sorted(others, key=lambda shape: -(shape.width or 0) * (shape.height or 0))
    area = next((shape for shape in by_area if shape.placeholder_format.type in AREA_TYPES[:4]), None)
    if area is None and role in (SlideRole.CHART, SlideRole.CHART_TEXT):
        area = next((shape for shape in by_area if shape.placeholder_format.type in AREA_TYPES), None)
    text_candidates = [shape for shape in by_area if shape is not area or role not in (SlideRole.CHART, SlideRole.CHART_TEXT)]
    body = next((shape for shape in text_candidates if shape.placeholder_format.type == PP_PLACEHOLDER.BODY), None)
    if role is SlideRole.TITLE:
        body = next((shape for shape in others if shape.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE), body)
    if body is None:
        body = next((shape for shape in text_candidates if shape.placeholder_format.type in TEXT_TYPES), None)
    idx = lambda shape: None if shape is None else shape.placeholder_format.idx  # noqa: E731
    return {"title": idx(title), "body": idx(body), "chart": idx(area)}


def _placeholders_for(role: SlideRole, index: int, layout, configured: dict, problems: ProblemCollector) -> RoleLayout | None:
    slots = _placeholder_choice(role, layout)
    present = {shape.placeholder_format.idx for shape in layout.placeholders}
    ok = True
    for slot, (idx, line) in configured.items():
        if idx not in present:
            listed = ", ".join(str(value) for value in sorted(present))
            problems.add(f'layout "{layout.name}" has no placeholder with idx {idx}; it has {listed}', line,
                         f"deck.placeholders.{role.value}.{slot}")
            ok = False
        slots[slot] = idx
    if not ok:
        return None
    if slots["title"] is None:
        problems.add(f'layout "{layout.name}" has no title placeholder; every slide needs a title '
                     "(screen readers and the outline view read it)", None, f"deck.layouts.{role.value}")
        return None
    uses_chart = role in (SlideRole.CHART, SlideRole.CHART_TEXT)
    if role is SlideRole.CHART and slots["chart"] is None:
        problems.add(f'layout "{layout.name}" has no content or picture placeholder for the chart', None,
                     f"deck.layouts.{role.value}")
        return None
    return RoleLayout(role, layout.name, index, slots["title"], slots["body"],
                      slots["chart"] if uses_chart else None)


def chart_layout_parts(template) -> tuple[str, ...]:
    """Part names of the layouts charts are placed on (chart and chart-with-text slides).

    Empty when the deck's settings cannot be resolved: the writer reports that itself, and
    charts then take the slide master's background.
    """
    from generator.errors import InputError
    from generator.template_set import SETTINGS_FILE
    from generator.writers.ooxml import reading_template
    from generator.writers.pptx.package import open_presentation
    from generator.writers.pptx.settings import read_deck_settings

    settings_path = template.settings_path or template.directory / SETTINGS_FILE
    try:
        settings = read_deck_settings(template.section("deck"), settings_path)
        presentation = open_presentation(template.deck)
        with reading_template(template.deck, "PowerPoint"):
            mapping = resolve_mapping(presentation, settings, settings_path, template.deck.name).mapping
    except InputError:
        return ()
    layouts = list(presentation.slide_layouts)
    roles = [mapping.roles[role] for role in (SlideRole.CHART, SlideRole.CHART_TEXT) if role in mapping.roles]
    return tuple(dict.fromkeys(str(layouts[role.layout_index].part.partname).lstrip("/") for role in roles))
