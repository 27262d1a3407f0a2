"""The PowerPoint writer: a report, chart images and a house-style deck in, .pptx bytes out.

Steps: check the template file, read the `deck:` settings, map slide roles to the template's
layouts, plan the slides (pptx_plan), write them (pptx_slides), then set properties and
normalise the package so the same input always gives the same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Mapping

from generator.errors import OutputError
from generator.report import Report
from generator.template_set import SETTINGS_FILE, TemplateSet
from generator.writers import Document, WriterOptions
from generator.writers.decorative import mark_undescribed_pictures
from generator.writers.ooxml import language_tag, noon, normalise_package, reading_template
from generator.writers.pptx.lookups import DeckLookups
from generator.writers.pptx.package import (
    append_slide_parts, open_presentation, renumber_parts, set_core_properties, set_default_language,
    take_template_slides,
)
from generator.writers.pptx.paginate import paginate
from generator.writers.pptx.plan import plan_deck
from generator.writers.pptx.slides import write_slide
from generator.writers.pptx.settings import read_deck_settings
from generator.writers.pptx.template import resolve_mapping
from generator.writers.pptx.text import set_language
from generator.writers.tags import SlideKeys, tag_presentation


class PptxWriter:
    """Decks built from the template's own layouts and placeholders."""

    name = "pptx"
    extension = "pptx"

    def check_template(self, template: TemplateSet) -> None:
        """Fail with located problems when the deck template or its settings are unusable."""
        self._open(template)
        from generator.charts.style import chart_style_and_notices

        chart_style_and_notices(template)  # the charts' look comes from the deck and template.yaml: check them now

    def _open(self, template: TemplateSet):
        deck_path = template.require("deck")
        settings_path = template.settings_path or template.directory / SETTINGS_FILE
        settings = read_deck_settings(template.section("deck"), settings_path)
        presentation = open_presentation(deck_path)
        with reading_template(deck_path, "PowerPoint"):
            resolved = resolve_mapping(presentation, settings, settings_path, deck_path.name)
        return settings, presentation, resolved

    def write(self, report: Report, images: Mapping[str, Path], template: TemplateSet,
              options: WriterOptions) -> Document:
        settings, presentation, resolved = self._open(template)
        native = options.native_charts or settings.native_charts is True
        if not native:
            missing = [chart.chart_id for chart in report.charts if chart.chart_id not in images]
            if missing:
                raise OutputError(f"no rendered image for chart(s): {', '.join(missing)}")
        template_slides = take_template_slides(presentation)
        from generator.charts.style import chart_style_and_notices

        chart_style = None if native else chart_style_and_notices(template)[0]  # the build reports its notices
        deck = DeckLookups()
        plans = paginate(plan_deck(report, resolved.mapping), presentation, resolved.mapping, deck, chart_style)
        created, language = noon(report.date), language_tag(report.language)
        keys, tagged = SlideKeys(), []
        for number, plan in enumerate(plans, start=1):
            slide = write_slide(presentation, plan, number, images, deck=deck, language=language,
                                native_charts=native, slide_numbers=resolved.mapping.slide_numbers, created=created)
            tagged.append((keys.key(plan.role.value, plan.chart and plan.chart.chart_id), slide._element))
        if settings.template_slides == "keep":
            append_slide_parts(presentation, template_slides)
            for part in template_slides:
                set_language(part._element, language)
                mark_undescribed_pictures(part._element)
        renumber_parts(presentation)
        set_core_properties(presentation, report)
        set_default_language(presentation, language)
        tag_presentation(presentation, report, native, tagged)
        buffer = io.BytesIO()
        presentation.save(buffer)
        content = normalise_package(buffer.getvalue(), report.date)
        return Document(content=content, pages=len(presentation.slides), charts=len(report.charts),
                        notices=resolved.notices)
