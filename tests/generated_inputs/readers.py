"""Findings files of the readers' bad-input cases that are binary or too deep to commit."""

from __future__ import annotations

from pathlib import Path

SURVEY_ROWS = (("key", "value"), ("id", "woonpeiling"), ("title", "Woonpeiling"), ("publisher", "Gemeente Voorbeeld"))
FINDING_ROWS = (("theme", "finding", "kind", "question", "item", "value"),
                ("buurt", "gemist", "multi", "Welke voorzieningen mist u?", "Huisarts", 31),
                ("buurt", "gemist", "multi", "Welke voorzieningen mist u?", "Speelplek", 25))
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an encrypted .xlsx starts: Excel wraps it in an OLE2 compound file, not a zip."""


def workbook(path: Path, findings_rows=FINDING_ROWS, findings_sheet: str = "findings", hidden: bool = False):
    """An .xlsx with a 'survey' sheet and a findings sheet; returns the findings worksheet to adjust."""
    from openpyxl import Workbook

    book = Workbook()
    survey = book.active
    survey.title = "survey"
    for row in SURVEY_ROWS:
        survey.append(row)
    sheet = book.create_sheet(findings_sheet)
    for row in findings_rows:
        sheet.append(row)
    if hidden:
        sheet.sheet_state = "hidden"
    return book, sheet


def _deep_yaml(work: Path) -> Path:
    path = work / "findings.yaml"
    path.write_text((work / "valid.yaml").read_text(encoding="utf-8")
                    + "extra: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    return path


def _windows_1252_csv(work: Path) -> Path:
    path = work / "findings.csv"
    path.write_bytes("theme,finding,kind,question,item,value\n"
                     "buurt,gemist,multi,Welke voorzieningen mist u?,Caf\u00e9,31\n".encode("cp1252"))
    (work / "findings.survey.yaml").write_text("survey: {id: s, title: S, publisher: P}\n", encoding="utf-8")
    return path


def _only_hidden_sheet(work: Path) -> Path:
    path = work / "findings.xlsx"
    book, _ = workbook(path, findings_sheet="oud", hidden=True)
    book.save(path)
    return path


def _merged_cells(work: Path) -> Path:
    path = work / "findings.xlsx"
    book, sheet = workbook(path)
    sheet.merge_cells("A2:A3")
    book.save(path)
    return path


def _uncached_formula(work: Path) -> Path:
    path = work / "findings.xlsx"
    book, sheet = workbook(path)
    sheet["F3"] = "=F2-6"
    book.save(path)
    return path


def _encrypted_workbook(work: Path) -> Path:
    path = work / "findings.xlsx"
    path.write_bytes(OLE2_SIGNATURE + bytes(4096 - len(OLE2_SIGNATURE)))
    return path


def _duplicate_column(work: Path) -> Path:
    path = work / "findings.xlsx"
    rows = tuple(row + (row[-1],) for row in FINDING_ROWS)
    book, _ = workbook(path, findings_rows=rows)
    book.save(path)
    return path


GENERATORS = {
    "readers-yaml-nested-3000-deep": _deep_yaml,
    "readers-csv-windows-1252": _windows_1252_csv,
    "readers-xlsx-only-hidden-sheet": _only_hidden_sheet,
    "readers-xlsx-merged-cells": _merged_cells,
    "readers-xlsx-uncached-formula": _uncached_formula,
    "readers-xlsx-encrypted": _encrypted_workbook,
    "readers-xlsx-duplicate-column": _duplicate_column,
}
