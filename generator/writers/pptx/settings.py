"""The `deck:` section of template.yaml: layouts and placeholders per slide role, charts, footer, labels."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from generator.errors import ProblemCollector
from generator.writers.pptx.plan import DeckLabels, SlideRole
from generator.yaml_source import LocatedDict

DECK_KEYS = ("layouts", "placeholders", "template_slides", "charts", "footer", "slide_numbers", "labels")
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


def read_deck_settings(section: LocatedDict, settings_path: Path | str) -> DeckSettings:
    """The `deck:` section as `DeckSettings`; all problems reported at once, with lines."""
    problems = ProblemCollector(settings_path)
    section = section or LocatedDict()
    role_names = [role.value for role in SlideRole]
    for key in section:
        if key not in DECK_KEYS:
            problems.add(f"unknown deck setting; expected one of {', '.join(DECK_KEYS)}", section.line_of(key), f"deck.{key}")
    layouts: dict = {}
    raw_layouts = section.get("layouts") or {}
    if not isinstance(raw_layouts, dict):
        problems.add("must be a mapping of role: layout name", section.line_of("layouts"), "deck.layouts")
        raw_layouts = {}
    for key, value in raw_layouts.items():
        line = raw_layouts.line_of(key) if isinstance(raw_layouts, LocatedDict) else None
        if key not in role_names:
            problems.add(f"unknown slide role; expected one of {', '.join(role_names)}", line, f"deck.layouts.{key}")
        elif not isinstance(value, str) or not value.strip():
            problems.add("must be the name of a layout in the deck (see `barometer inspect`)", line, f"deck.layouts.{key}")
        else:
            layouts[SlideRole(key)] = (value.strip(), line)
    placeholders: dict = {}
    raw_placeholders = section.get("placeholders") or {}
    if not isinstance(raw_placeholders, dict):
        problems.add("must be a mapping of role: {slot: idx}", section.line_of("placeholders"), "deck.placeholders")
        raw_placeholders = {}
    for key, slots in raw_placeholders.items():
        line = raw_placeholders.line_of(key) if isinstance(raw_placeholders, LocatedDict) else None
        if key not in role_names:
            problems.add(f"unknown slide role; expected one of {', '.join(role_names)}", line, f"deck.placeholders.{key}")
            continue
        if not isinstance(slots, dict):
            problems.add(f"must be a mapping of {', '.join(PLACEHOLDER_SLOTS)} to placeholder idx", line,
                         f"deck.placeholders.{key}")
            continue
        checked = {}
        for slot, idx in slots.items():
            slot_line = slots.line_of(slot) if isinstance(slots, LocatedDict) else line
            if slot not in PLACEHOLDER_SLOTS:
                problems.add(f"unknown placeholder slot; expected one of {', '.join(PLACEHOLDER_SLOTS)}", slot_line,
                             f"deck.placeholders.{key}.{slot}")
            elif not isinstance(idx, int) or isinstance(idx, bool) or idx < 0:
                problems.add("must be a placeholder idx (a whole number, see `barometer inspect`)", slot_line,
                             f"deck.placeholders.{key}.{slot}")
            else:
                checked[slot] = (idx, slot_line)
        placeholders[SlideRole(key)] = checked
    template_slides = section.get("template_slides", "remove")
    if template_slides not in TEMPLATE_SLIDES:
        problems.add(f"must be one of {', '.join(TEMPLATE_SLIDES)}", section.line_of("template_slides"),
                     "deck.template_slides")
    charts = section.get("charts")
    if charts is not None and charts not in CHART_MODES:
        problems.add(f"must be one of {', '.join(CHART_MODES)}", section.line_of("charts"), "deck.charts")
    flags = {}
    for key in ("footer", "slide_numbers"):
        value = section.get(key, True)
        if not isinstance(value, bool):
            problems.add("must be true or false", section.line_of(key), f"deck.{key}")
        flags[key] = value is not False
    labels = DeckLabels()
    raw_labels = section.get("labels") or {}
    known_labels = [item.name for item in fields(DeckLabels)]
    if not isinstance(raw_labels, dict):
        problems.add("must be a mapping of label: text", section.line_of("labels"), "deck.labels")
        raw_labels = {}
    label_values = {}
    for key, value in raw_labels.items():
        line = raw_labels.line_of(key) if isinstance(raw_labels, LocatedDict) else None
        if key not in known_labels:
            problems.add(f"unknown label; expected one of {', '.join(known_labels)}", line, f"deck.labels.{key}")
        elif not isinstance(value, str) or not value.strip():
            problems.add("must be non-empty text", line, f"deck.labels.{key}")
        else:
            label_values[key] = value.strip()
    if label_values:
        labels = DeckLabels(**label_values)
    problems.raise_if_any()
    return DeckSettings(
        layouts=layouts,
        placeholders=placeholders,
        template_slides=template_slides,
        native_charts=None if charts is None else charts == "native",
        footer=flags["footer"],
        slide_numbers=flags["slide_numbers"],
        labels=labels,
    )
