"""Updating an edited briefing: new figures into generated paragraphs, chart pictures and tables.

A paragraph is generated text when its fingerprint is one the file was tagged with; pictures
and tables are found by their hidden bookmarks. Everything else is the user's and stays.
"""

from __future__ import annotations

import copy
import datetime as dt
import io

from docx import Document
from docx.oxml.ns import qn

from generator.update.changes import Change, ChangeKind, difference, same_text, same_wording
from generator.update.source import EditedFile, FreshDocument, render_at_width
from generator.update.text import replace_runs
from generator.writers.ooxml import normalise_package
from generator.writers.tags import body_text_paragraphs, chart_bookmark, fingerprint, word_text

_R_EMBED = qn("r:embed")
_HEADING_STYLES = ("heading", "kop", "title", "titel")


def update_briefing(edited: EditedFile, fresh: FreshDocument) -> tuple[bytes, list[Change]]:
    """The updated briefing's bytes (the edited bytes themselves when nothing changed) and what was done."""
    document = Document(io.BytesIO(edited.content))
    fresh_document = Document(io.BytesIO(fresh.content))
    updater = _BriefingUpdater(document, fresh_document, edited, fresh)
    updater.paragraphs()
    updater.charts()
    if not updater.dirty:
        return edited.content, updater.changes
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_package(buffer.getvalue(), dt.date.fromisoformat(edited.identity.date)), updater.changes


class _BriefingUpdater:
    def __init__(self, document, fresh_document, edited: EditedFile, fresh: FreshDocument) -> None:
        self.document, self.fresh_document, self.edited, self.fresh = document, fresh_document, edited, fresh
        self.body, self.fresh_body = document.element.body, fresh_document.element.body
        self.changes: list[Change] = []
        self.dirty = False
        self.places: dict = {}

    def note(self, element, kind: ChangeKind, what: str, detail: str = "") -> None:
        while element is not None and element.getparent() is not self.body:
            element = element.getparent()
        while element is not None and element not in self.places:
            element = element.getprevious()
        self.changes.append(Change(self.places.get(element, "start"), kind, what, detail))

    def paragraphs(self) -> None:
        """Generated paragraphs whose fingerprint still matches take the fresh text."""
        fresh_texts = {f"p.{number}": paragraph
                       for number, paragraph in enumerate(body_text_paragraphs(self.fresh_body), start=1)}
        trusted = set(fresh_texts) == {key for key in self.edited.tags if key.startswith("p.")}
        keys_by_print: dict[str, list[str]] = {}
        for key, mark in self.edited.tags.items():
            keys_by_print.setdefault(mark, []).append(key)
        place = "start"
        for paragraph in self.body.iterchildren(qn("w:p")):
            text = word_text(paragraph)
            if _is_heading(self.document, paragraph) and text.strip():
                place = f"section {text.strip()[:60]!r}"
            self.places[paragraph] = place
            if not text.strip():
                continue
            keys = keys_by_print.get(fingerprint(text))
            if not keys:
                self.note(paragraph, ChangeKind.KEPT, "paragraph", f"{text[:80]!r}: edited or added by the user")
                continue
            fresh_paragraph = fresh_texts.get(keys.pop(0))
            if fresh_paragraph is None:
                continue
            fresh_text = word_text(fresh_paragraph)
            if same_text(fresh_text, text) or not (trusted or same_wording(text, fresh_text)):
                continue
            replace_runs(paragraph, fresh_paragraph, qn("w:r"), qn("w:t"))
            self.note(paragraph, ChangeKind.UPDATED, "paragraph", difference(text, fresh_text))
            self.dirty = True

    def charts(self) -> None:
        """Chart pictures and data tables, found by their bookmarks in both files."""
        charts = {chart.chart_id: chart for chart in self.fresh.report.charts}
        names = {chart_bookmark(chart_id, role): (chart_id, role) for chart_id in charts for role in "PT"}
        fresh_marks = _bookmarks(self.fresh_body)
        seen = set()
        for name, paragraph in _bookmarks(self.body).items():
            if not name.startswith("_Bar"):
                continue
            if name not in names:
                self.note(paragraph, ChangeKind.KEPT, "chart or table", "its finding is no longer in the data; kept")
                continue
            chart_id, role = names[name]
            seen.add(chart_id)
            if name not in fresh_marks:
                continue
            if role == "P":
                self._picture(paragraph, fresh_marks[name], charts[chart_id])
            else:
                self._table(paragraph, fresh_marks[name], chart_id)
        for chart_id in charts:
            if chart_id not in seen and chart_bookmark(chart_id, "P") in fresh_marks:
                self.changes.append(Change("document", ChangeKind.UNMATCHED, f"finding {chart_id}",
                                           "in the data but not in the file (new, or deleted by the user)"))

    def _picture(self, paragraph, fresh_paragraph, chart) -> None:
        blip, fresh_blip = paragraph.find(".//" + qn("a:blip")), fresh_paragraph.find(".//" + qn("a:blip"))
        properties = paragraph.find(".//" + qn("wp:docPr"))
        fresh_properties = fresh_paragraph.find(".//" + qn("wp:docPr"))
        extent = paragraph.find(".//" + qn("wp:extent"))
        if blip is None or fresh_blip is None or properties is None or extent is None:
            return
        old_id = blip.get(_R_EMBED)
        current = self.document.part.related_parts[old_id].blob
        fresh_image = self.fresh_document.part.related_parts[fresh_blip.get(_R_EMBED)].blob
        if properties.get("descr") == fresh_properties.get("descr") or current == fresh_image:
            return
        image = render_at_width(chart.spec, self.fresh.template, int(extent.get("cx")))
        if image == current:
            return
        new_id, _ = self.document.part.get_or_add_image(io.BytesIO(image))
        blip.set(_R_EMBED, new_id)
        if new_id != old_id:
            self.document.part.drop_rel(old_id)
        properties.set("descr", fresh_properties.get("descr", ""))
        self.note(paragraph, ChangeKind.UPDATED, f"chart {chart.chart_id}",
                  "picture drawn again with the new figures, at its size in the document")
        self.dirty = True

    def _table(self, paragraph, fresh_paragraph, chart_id: str) -> None:
        table, fresh_table = _ancestor(paragraph, qn("w:tbl")), _ancestor(fresh_paragraph, qn("w:tbl"))
        if table is None or fresh_table is None:
            return
        rows, fresh_rows = table.findall(qn("w:tr")), fresh_table.findall(qn("w:tr"))
        while len(rows) < len(fresh_rows):
            rows[-1].addnext(copy.deepcopy(rows[-1]))
            rows = table.findall(qn("w:tr"))
        for extra in rows[len(fresh_rows):]:
            table.remove(extra)
        for row_number, (row, fresh_row) in enumerate(zip(rows, fresh_rows), start=1):
            for column, (cell, fresh_cell) in enumerate(zip(row.findall(qn("w:tc")), fresh_row.findall(qn("w:tc"))),
                                                        start=1):
                text, fresh_text = word_text(cell), word_text(fresh_cell)
                if text == fresh_text:
                    continue
                target, source = cell.find(qn("w:p")), fresh_cell.find(qn("w:p"))
                if target is None or source is None:
                    continue
                replace_runs(target, source, qn("w:r"), qn("w:t"))
                self.note(paragraph, ChangeKind.UPDATED, f"table {chart_id} row {row_number} column {column}",
                          difference(text, fresh_text))
                self.dirty = True


def _bookmarks(body) -> dict:
    """Bookmark name -> the paragraph it starts in, in document order."""
    return {start.get(qn("w:name")): start.getparent() for start in body.iter(qn("w:bookmarkStart"))
            if start.getparent().tag == qn("w:p")}


def _ancestor(element, tag: str):
    while element is not None and element.tag != tag:
        element = element.getparent()
    return element


def _is_heading(document, paragraph) -> bool:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    if style is None:
        return False
    style_id = style.get(qn("w:val"), "")
    names = {item.style_id: item.name or "" for item in document.styles}
    return names.get(style_id, style_id).lower().startswith(_HEADING_STYLES)
