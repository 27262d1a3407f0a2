"""The Word briefing writer: a report as a raadsinformatiebrief, memo, rapportage or B1 summary.

It plans the document first (`docx_plan`), then fills an emptied copy of the user's own
template with it, in that template's styles, and saves it reproducibly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from generator.report import DocumentKind, Report
from generator.template_set import TemplateSet
from generator.writers import Document, WriterOptions
from generator.writers.decorative import mark_undescribed_pictures
from generator.writers.docx.accessibility import ensure_cell_paragraphs, number_drawings, story_elements
from generator.writers.docx.fields import add_page_numbers
from generator.writers.docx.package import (
    open_template, reset_app_properties, save_reproducibly, set_core_properties, set_language,
)
from generator.writers.docx.plan import report_to_plan
from generator.writers.docx.render import render_plan
from generator.writers.docx.settings import load_briefing_settings
from generator.writers.docx.styles import remember_style_ids, resolve_styles
from generator.writers.ooxml import language_tag, reading_template
from generator.writers.tags import tag_document

KIND_LABELS = {
    DocumentKind.RAADSINFORMATIEBRIEF: "Raadsinformatiebrief",
    DocumentKind.MEMO: "Memo",
    DocumentKind.RAPPORTAGE: "Rapportage",
    DocumentKind.SAMENVATTING: "Samenvatting",
}


class DocxWriter:
    """Writes a report into the template set's briefing.docx (or .dotx)."""

    name = "docx"
    extension = "docx"

    def check_template(self, template: TemplateSet) -> None:
        """Fail with located problems when the briefing template or its settings are unusable."""
        self._open(template)
        from generator.charts.style import chart_style_and_notices

        chart_style_and_notices(template)  # the charts' look comes from the deck and template.yaml: check them now

    def _open(self, template: TemplateSet):
        settings = load_briefing_settings(template.section("briefing"), template.settings_path)
        template_path = template.require("briefing")
        document = open_template(template_path)
        remember_style_ids(document)
        with reading_template(template_path, "Word"):
            return settings, document, resolve_styles(document, settings, template_path)

    def write(self, report: Report, images: Mapping[str, Path], template: TemplateSet,
              options: WriterOptions) -> Document:
        """The briefing's bytes; pages are left to the build, which can count them in the PDF."""
        settings, document, styles = self._open(template)
        plan = report_to_plan(report, settings, styles.max_heading_level)
        pictures = render_plan(document, plan, styles, images, settings.max_picture_height[report.document_kind])
        add_page_numbers(document, styles, settings.labels["page"])
        number_drawings(document)
        for story in story_elements(document)[1:]:  # headers, footers and notes come from the template
            mark_undescribed_pictures(story)
        ensure_cell_paragraphs(document)
        tag_document(document, report)
        set_language(document, language_tag(report.language))
        set_core_properties(document, report, KIND_LABELS[report.document_kind])
        reset_app_properties(document)
        return Document(content=save_reproducibly(document, report.date), pages=None, charts=pictures)
