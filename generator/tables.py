"""CSV files and XLSX sheets as tables of text cells, each row with its line in the file.

The tabular findings form is typed in Excel, so what Excel shows is what is read: `;` as the
delimiter (Dutch Excel's default), a cell shown as "31%" (stored as 0.31) reads 31, and what
cannot be read faithfully (hidden sheets, merged cells, formulas without a cached value) is
refused with the reason instead of being guessed at.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from generator.errors import InputError, Problem, problem_at
from generator.yaml_source import read_text

MAX_CSV_BYTES = 20 * 1024 * 1024
MAX_COLUMNS = 100
MAX_SHEET_ROWS = 20_000
CSV_DELIMITERS = ",;\t"
CSV_ENCODING_HINT = "save it as UTF-8: in Excel choose Save As > 'CSV UTF-8 (comma delimited) (*.csv)'"
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
"""Quoted text, escaped characters and [colour]/[locale] sections of a number format: a `%` in
them is printed, not applied."""
_SHEET_NAMESPACE = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@dataclass(frozen=True)
class Table:
    """A header and the non-blank rows below it, each with its line (CSV) or row number (XLSX)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names of the header, without the unnamed (empty) ones."""
        return tuple(name.strip() for name in self.header if name.strip())


def csv_table(path: Path) -> Table:
    """The CSV file at `path`, delimited by `,`, `;` or a tab as its header line shows."""
    text = read_text(path, MAX_CSV_BYTES, encoding_hint=CSV_ENCODING_HINT)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                rows.append(tuple(record))
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        hint = "; a quoted cell is never closed" if "end of data" in str(error) else ""
        raise InputError(problem_at(path, f"cannot read CSV: {error}{hint}", start)) from None
    if not rows:
        raise InputError(problem_at(path, "file is empty"))
    return Table(header=rows[0], rows=tuple(rows[1:]), lines=tuple(lines[1:]))


def _delimiter(text: str) -> str:
    header = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return csv.Sniffer().sniff(header, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        return ","


def table_records(path: Path, table: Table) -> list[dict[str, str]]:
    """The rows as {column: text}, after refusing duplicated columns and values without a column name."""
    names = [name.strip() for name in table.header]
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if name and name in first:
            problems.append(problem_at(path, f"column {name!r} appears twice in the header (columns {first[name]} "
                                             f"and {position}); keep one", 1, name))
        first.setdefault(name, position)
    records = []
    for row, line in zip(table.rows, table.lines):
        stray = [position for position, cell in enumerate(row, start=1)
                 if cell.strip() and (position > len(names) or not names[position - 1])]
        if stray:
            hint = ("; a decimal comma in an unquoted number splits it in two: quote it (\"31,5\") or use a point"
                    if stray[0] > len(names) and path.suffix.lower() == ".csv" else "")
            problems.append(problem_at(path, f"row has a value in column {stray[0]}, which has no name in the "
                                             f"header{hint}", line))
        cells = list(row) + [""] * (len(names) - len(row))
        records.append({name: cells[index] for index, name in enumerate(names) if name})
    if problems:
        raise InputError(problems)
    return records


def workbook_tables(path: Path, names: tuple[str, str]) -> tuple[Table, Table]:
    """The sheets `names` (survey details, findings) of the workbook at `path`, the findings sheet
    being the only visible other sheet when none has its name; hidden sheets are never read."""
    import openpyxl

    problems: list[Problem] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about features it drops (data validation, styles)
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                chosen = _chosen_sheets(path, workbook, *names)
                tables = tuple(_sheet_table(path, workbook[name], problems) for name in chosen)
            finally:
                workbook.close()
        except InputError:
            raise
        except Exception as error:  # openpyxl raises many types for damaged workbooks
            raise InputError(problem_at(path, f"cannot read workbook: {error}")) from None
    if problems:
        raise InputError(problems)
    return tables


def _chosen_sheets(path: Path, workbook, survey: str, findings: str) -> tuple[str, str]:
    states = {sheet.title: sheet.sheet_state for sheet in workbook.worksheets}
    hidden = [name for name, state in states.items() if state != "visible"]
    if survey not in states:
        raise InputError(problem_at(path, f"workbook needs a sheet {survey!r} with columns key, value"))
    for name in (survey, findings):
        if name in hidden:
            raise InputError(problem_at(path, f"sheet {name!r} is hidden; unhide it (right-click a sheet tab > "
                                              "Unhide), so that what is read is what you see"))
    if findings in states:
        return survey, findings
    visible = [name for name in states if name != survey and name not in hidden]
    if len(visible) == 1:
        return survey, visible[0]
    if visible:
        raise InputError(problem_at(path, f"workbook has several sheets ({', '.join(visible)}); name the one with "
                                          f"the findings {findings!r}"))
    ignored = f" (hidden sheets are not read: {', '.join(hidden)})" if hidden else ""
    raise InputError(problem_at(path, f"workbook needs a sheet {findings!r} with one row per item{ignored}"))


def _sheet_table(path: Path, sheet, problems: list[Problem]) -> Table:
    """One sheet as text, every row of it: the stored dimension is ignored, as Excel writers often get it wrong."""
    where = f"in sheet {sheet.title!r}"
    merged, uncached = _sheet_markup(path, sheet)
    for reference, row in merged:
        problems.append(problem_at(path, f"cells {reference} {where} are merged; unmerge them and fill in every "
                                         "cell", row))
    for reference, row in uncached:
        problems.append(problem_at(path, f"cell {reference} {where} is a formula without a cached value; open and "
                                         "save the file in Excel", row))
    header: tuple[str, ...] | None = None
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    sheet.reset_dimensions()
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if number > MAX_SHEET_ROWS:
            problems.append(problem_at(path, f"sheet {sheet.title!r} has more than {MAX_SHEET_ROWS:,} rows", number))
            break
        texts = tuple(_cell_text(cell) for cell in cells)
        if any(text.strip() for text in texts[MAX_COLUMNS:]):
            problems.append(problem_at(path, f"row has more than {MAX_COLUMNS} columns {where}", number))
        texts = texts[:MAX_COLUMNS]
        if not any(text.strip() for text in texts):
            continue
        if header is None:
            header = texts
        else:
            rows.append(texts)
            lines.append(number)
    return Table(header=header or (), rows=tuple(rows), lines=tuple(lines))


def _sheet_markup(path: Path, sheet) -> tuple[list[tuple[str, int | None]], list[tuple[str, int | None]]]:
    """(range, first row) of each merged range and (cell, row) of each formula without a cached value, which
    a read-only, data-only sheet does not report, from one streaming pass over the sheet's part."""
    from lxml import etree
    from openpyxl.utils.cell import coordinate_from_string
    from openpyxl.worksheet.cell_range import CellRange

    part = str(getattr(sheet, "_worksheet_path", "")).lstrip("/")
    merged: list[tuple[str, int | None]] = []
    uncached: list[tuple[str, int | None]] = []
    cell, formula, value = (f"{_SHEET_NAMESPACE}{name}" for name in ("c", "f", "v"))
    with zipfile.ZipFile(path) as archive:
        if part not in archive.namelist():
            return merged, uncached
        with archive.open(part) as stream:
            tags = (f"{_SHEET_NAMESPACE}row", f"{_SHEET_NAMESPACE}mergeCell")
            for _, element in etree.iterparse(stream, tag=tags, resolve_entities=False, no_network=True):
                if element.tag == tags[1]:
                    merged.append(_located_reference(element.get("ref", ""), lambda ref: CellRange(ref).min_row))
                else:
                    for child in element.iterchildren(cell):
                        cached = child.find(value)
                        if child.find(formula) is not None and (cached is None or not cached.text
                                                                and child.get("t") != "str"):
                            uncached.append(_located_reference(child.get("r", ""),
                                                               lambda ref: coordinate_from_string(ref)[1]))
                element.clear()
                while element.getprevious() is not None:  # keep memory flat: drop rows already read
                    del element.getparent()[0]
    return merged, uncached


def _located_reference(reference: str, row_of) -> tuple[str, int | None]:
    try:
        return reference, row_of(reference)
    except (ValueError, TypeError):
        return reference, None


def _cell_text(cell) -> str:
    """The cell as the user sees it: a percent-formatted 0.31 is "31", a date "2025-05-01"."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        number = Decimal(repr(value))
        if _is_percent_format(getattr(cell, "number_format", None)):
            number *= 100
        return _plain(number)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _is_percent_format(number_format: str | None) -> bool:
    return bool(number_format) and "%" in _FORMAT_LITERALS.sub("", number_format)


def _plain(number: Decimal) -> str:
    """`number` in plain digits ("31.5", "2025"), never in exponent form."""
    if not number.is_finite():
        return str(number)
    return format(number.normalize(), "f")
