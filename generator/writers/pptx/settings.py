"""The `deck:` section of template.yaml: layouts and placeholders per slide role, charts, footer, labels."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.config import Choice, Flag, MappingOf, Number, Section, Text, read_config
from generator.config.walker import Located
from generator.writers.pptx.plan import DeckLabels, SlideRole
from generator.yaml_source import LocatedDict

PLACEHOLDER_SLOTS = ("title", "body", "chart")
TEMPLATE_SLIDES = ("remove", "keep")
CHART_MODES = ("picture", "native")


@dataclass(frozen=True)
class DeckSettings:
    """The `deck:` section of template.yaml, checked."""

    layouts: dict
    placeholders: dict
    template_slides: str = "remove"
    native_charts: bool | None = None
    footer: bool = True
    slide_numbers: bool = True
    labels: DeckLabels = DeckLabels()


def _label(name: str, doc: str) -> Text:
    return Text(default=getattr(DeckLabels, name), allow_empty=False, max_length=200, doc=doc)


class DeckLabelOptions(Section):
    """Fixed Dutch words the deck adds itself; section headings are `briefing.headings`, for every format."""

    agenda = _label("agenda", "Title of the agenda slide.")
    closing = _label("closing", "Title of the closing slide.")
    section_part = _label("section_part", "Under a section title; {number} and {total} are filled in.")
    table = _label("table", "Word before a table's number.")
    appendix_tables_text = _label("appendix_tables_text",
                                  "Text on the title slide of the appendix with the tables behind the charts.")


class DeckOptions(Section):
    """`deck:` in template.yaml: how the deck uses the layouts of deck.pptx. Without it, roles are matched
    by layout type, whatever language the layouts are named in."""

    layouts = MappingOf(Choice(SlideRole), Located(Text(required=True, max_length=200)),
                        doc="Slide role -> layout name in deck.pptx (`barometer inspect` lists them). "
                            "title, text and chart must exist; the others fall back to a similar layout with a "
                            "warning.")
    placeholders = MappingOf(Choice(SlideRole),
                             MappingOf(Choice(PLACEHOLDER_SLOTS), Located(Number(minimum=0, whole=True))),
                             doc="Placeholder idx per role and slot, only where the automatic choice is wrong, "
                                 "e.g. `chart_text: {title: 0, chart: 1, body: 2}`.")
    template_slides = Choice(TEMPLATE_SLIDES, default="remove",
                             doc='"remove": drop the template\'s own slides; "keep": add them after the deck.')
    charts = Choice(CHART_MODES, doc='"picture": charts as images; "native": editable PowerPoint charts '
                                     "(default: pictures, unless `barometer build --charts native`).")
    footer = Flag(default=True, doc="The source line in the footer of every slide but the title slide.")
    slide_numbers = Flag(default=True, doc="Slide numbers on every slide but the title slide.")
    labels = DeckLabelOptions(DeckLabels, doc="Fixed words the deck adds itself.")


def read_deck_settings(section: LocatedDict, settings_path: Path | str) -> DeckSettings:
    """The `deck:` section as `DeckSettings`; all problems reported at once, with lines."""
    return read_config(DeckOptions(_deck_settings), section or None, settings_path, "deck")


def _deck_settings(layouts: dict, placeholders: dict, template_slides: str, charts: str | None, footer: bool,
                   slide_numbers: bool, labels: DeckLabels) -> DeckSettings:
    return DeckSettings(layouts=layouts, placeholders=placeholders, template_slides=template_slides,
                        native_charts=None if charts is None else charts == "native", footer=footer,
                        slide_numbers=slide_numbers, labels=labels)
