"""Readers: findings files (YAML, or a tidy CSV/XLSX table) into a validated `Survey`.

YAML is the human-edited form. The tabular form, for people who come from Excel, has one
row per item; both become the same located mapping and pass the same validation
(`findings_schema`), so a YAML file and its table twin load equal.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem, ProblemCollector, problem_at
from generator.findings import Survey
from generator.responses import responses_to_findings
from generator.findings_schema import parse_number, survey_from_mapping
from generator.tables import csv_table, table_records, workbook_tables
from generator.yaml_source import LocatedDict, LocatedList, load_yaml

TABLE_COLUMNS = ("theme", "finding", "kind", "question", "item", "value")
"""Required columns of the tabular form."""
MEANING_COLUMNS = ("respondents_singular", "respondents_plural", "answer", "answer_plural", "reading", "complete",
                   "emphasis")
"""Finding-level columns for what a finding means; the YAML form's nouns are split in two columns."""


SERIES_COLUMNS = ("series", "sd")
"""Comparison columns: the series a row's value belongs to (empty: the focus series) and, for grades,
its standard deviation; the row's `base` is then the base of that series."""


OPTIONAL_TABLE_COLUMNS = ("theme_title", "theme_intro", "column", "approximate", "qualifier", "wording",
                          "base", "key", "note", "chart", "title", "text", "scale_min", "scale_max",
                          *MEANING_COLUMNS, "phrase", "name", *SERIES_COLUMNS)
SURVEY_SHEET = "survey"
FINDINGS_SHEET = "findings"
WHOLE_NUMBER = re.compile(r"^[0-9]{1,12}$")
"""A count typed in a cell; `str.isdigit` would also take "²" and other scripts' digits."""


def load_survey(path: Path) -> Survey:
    """The survey in `path` (.yaml/.yml, .csv or .xlsx); `InputError` listing every problem.
    Its warnings are left out: commands load through `read_survey` and show them."""
    return read_survey(path)[0]


def read_survey(path: Path) -> tuple[Survey, tuple[Problem, ...]]:
    """The survey in `path` and the warnings about it; `InputError` listing every problem."""
    path = Path(path)
    suffix = path.suffix.lower()
    notices: list[Problem] = []
    if suffix in (".yaml", ".yml"):
        data = responses_to_findings(load_yaml(path), path, notices)
    elif suffix == ".csv":
        data = _csv_to_mapping(path)
    elif suffix == ".xlsx":
        data = _xlsx_to_mapping(path)
    else:
        raise InputError(problem_at(path, "unknown findings format; use .yaml, .csv or .xlsx"))
    problems = ProblemCollector(path)
    survey = survey_from_mapping(data, problems, notices)
    problems.raise_if_any()
    assert survey is not None
    return survey, tuple(notices)


def _csv_to_mapping(path: Path) -> LocatedDict:
    table = csv_table(path)
    meta_path = path.with_suffix(".survey.yaml")
    if not meta_path.is_file():
        raise InputError(problem_at(path, f"survey details missing: put id, title and publisher under "
                                          f"'survey:' in {meta_path.name} beside this file"))
    meta = load_yaml(meta_path)
    if not isinstance(meta, LocatedDict) or "survey" not in meta:
        raise InputError(problem_at(meta_path, "expected a 'survey:' mapping", 1))
    return _rows_to_mapping(path, list(table.columns), table_records(path, table), list(table.lines), meta["survey"])


def _xlsx_to_mapping(path: Path) -> LocatedDict:
    from generator.office_safety import check_workbook

    check_workbook(path)
    meta_table, findings_table = workbook_tables(path, (SURVEY_SHEET, FINDINGS_SHEET))
    meta = LocatedDict(line=1)
    if not {"key", "value"} <= set(meta_table.columns):
        raise InputError(problem_at(path, f"sheet {SURVEY_SHEET!r} needs columns 'key' and 'value'", 1))
    for row, line in zip(table_records(path, meta_table), meta_table.lines):
        key = row["key"].strip()
        if key:
            meta[key] = _meta_value(key, row["value"], line)
            meta.key_lines[key] = line
    if not findings_table.header:
        raise InputError(problem_at(path, f"sheet {FINDINGS_SHEET!r} is empty: its first row names the columns", 1))
    records = table_records(path, findings_table)
    return _rows_to_mapping(path, list(findings_table.columns), records, list(findings_table.lines), meta)


def _meta_value(key: str, value: str, line: int) -> Any:
    import datetime as dt

    value = value.strip()
    if key in ("year", "base") and WHOLE_NUMBER.match(value):
        return int(value)
    if key == "published" and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if key == "notes":
        return LocatedList([note for note in value.splitlines() if note.strip()], line=line)
    return value or None


def _rows_to_mapping(path: Path, columns: list[str], rows: list[dict], lines: list[int], meta: Any) -> LocatedDict:
    """Group item rows into the nested themes -> findings -> items mapping the YAML form has."""
    _check_columns(path, [str(column).strip() for column in columns])
    if not rows:
        raise InputError(problem_at(path, "no data rows", 1))
    grouping = _RowGrouping(_focus_of(meta), lines[0])
    for row, line in zip(rows, lines):
        row = {str(key).strip(): str(value).strip() for key, value in row.items()}
        if any(row.values()):
            grouping.add(row, line)
    for theme in grouping.themes:
        if "title" not in theme:
            _put(theme, "title", str(theme["id"]).replace("-", " ").replace("_", " ").capitalize(), theme.line)
    return _located({"survey": meta, "themes": grouping.themes}, 1)


def _check_columns(path: Path, columns: list[str]) -> None:
    missing = [column for column in TABLE_COLUMNS if column not in columns]
    unknown = [column for column in columns if column not in TABLE_COLUMNS + OPTIONAL_TABLE_COLUMNS]
    problems = [problem_at(path, f"missing column {column!r}", 1, column) for column in missing]
    problems += [problem_at(path, f"unknown column {column!r}", 1, column) for column in unknown]
    if problems:
        raise InputError(problems)


class _RowGrouping:
    """Item rows gathered into themes, findings and items, each where its first row puts it."""

    def __init__(self, focus: str, line: int) -> None:
        self.focus = focus
        """The focus series of the survey details; "" when they declare none."""
        self.themes = LocatedList(line=line)
        self.theme_nodes: dict[str, LocatedDict] = {}
        self.finding_nodes: dict[tuple[str, str], LocatedDict] = {}
        self.matrix_rows: dict[tuple[str, str, str], LocatedDict] = {}
        self.series_items: dict[tuple[str, str, str], LocatedDict] = {}

    def add(self, row: dict[str, str], line: int) -> None:
        """One item row: its theme and finding made on their first row, its value put where it belongs."""
        finding = self._finding(self._theme(row, line), row, line)
        if "series" in row:
            _put_series_base(finding, row, line, self.focus)
        value = _located({"value": row["value"]}, line)
        for field in ("approximate", "qualifier", "wording"):
            if row.get(field):
                _put(value, field, row[field], line)
        key = (row["theme"], row["finding"], row["item"])
        if row.get("column"):
            self._add_cell(finding, key, row, value, line)
        elif row.get("series") and row["series"] != self.focus:
            self._add_compared(finding, key, row, value, line)
        else:
            self._add_item(finding, key, row, value, line)

    def _theme(self, row: dict[str, str], line: int) -> LocatedDict:
        theme = self.theme_nodes.get(row["theme"])
        if theme is None:
            theme = self.theme_nodes[row["theme"]] = _located({"id": row["theme"], "findings": LocatedList(line=line)},
                                                              line)
            _append(self.themes, theme, line)
        for source, target in (("theme_title", "title"), ("theme_intro", "intro")):
            if row.get(source) and target not in theme:
                _put(theme, target, row[source], line)
        return theme

    def _finding(self, theme: LocatedDict, row: dict[str, str], line: int) -> LocatedDict:
        key = (row["theme"], row["finding"])
        finding = self.finding_nodes.get(key)
        if finding is not None:
            return finding
        finding = self.finding_nodes[key] = _located(
            {"id": row["finding"], "question": row["question"], "kind": row["kind"], "items": LocatedList(line=line)},
            line)
        _append(theme["findings"], finding, line)
        for field in ("base", "note", "chart", "title", "text"):
            if field == "base" and "series" in row:
                continue
            if row.get(field):
                _put(finding, field, _count(row[field]) if field == "base" else row[field], line)
        if row.get("key"):
            _put(finding, "key", row["key"], line)
        _put_meaning(finding, row, line)
        if row.get("scale_min") or row.get("scale_max"):
            _put(finding, "scale", [_number(row.get("scale_min", "1")), _number(row.get("scale_max", "10"))], line)
        return finding

    def _add_cell(self, finding: LocatedDict, key: tuple[str, str, str], row: dict[str, str], value: LocatedDict,
                  line: int) -> None:
        columns = finding.setdefault("columns", LocatedList(line=line))
        finding.key_lines.setdefault("columns", line)
        if row["column"] not in columns:
            _append(columns, row["column"], line)
        item = self.matrix_rows.get(key)
        if item is None:
            item = self.matrix_rows[key] = _located({"label": row["item"], "values": LocatedDict(line=line)}, line)
            _append(finding["items"], item, line)
        _put(item["values"], row["column"], value if len(value) > 1 else row["value"], line)

    def _add_compared(self, finding: LocatedDict, key: tuple[str, str, str], row: dict[str, str],
                      value: LocatedDict, line: int) -> None:
        item = self.series_items.get(key)
        if item is None:
            item = self.series_items[key] = _located({"label": row["item"]}, line)
            _append(finding["items"], item, line)
        compare = item.setdefault("compare", LocatedDict(line=line))
        item.key_lines.setdefault("compare", line)
        _put(compare, row["series"], value if len(value) > 1 else row["value"], line)
        _put_sd(item, row, line, row["series"])

    def _add_item(self, finding: LocatedDict, key: tuple[str, str, str], row: dict[str, str], value: LocatedDict,
                  line: int) -> None:
        item = self.series_items.get(key)
        if item is None:
            item = _located({"label": row["item"]}, line)
            _append(finding["items"], item, line)
        for name in value:
            _put(item, name, value[name], line)
        if "series" in row:
            self.series_items[key] = item
        for field in ("phrase", "name"):
            if row.get(field):
                _put(item, field, row[field], line)
        _put_sd(item, row, line, self.focus)


def _focus_of(meta: Any) -> str:
    """The focus series declared in the survey details: `focus`, else the first series; "" when none."""
    if not isinstance(meta, dict):
        return ""
    if meta.get("focus") is not None:
        return str(meta["focus"])
    declared = meta.get("series")
    if isinstance(declared, list) and declared and isinstance(declared[0], dict) and declared[0].get("id") is not None:
        return str(declared[0]["id"])
    return ""


def _put_series_base(finding: LocatedDict, row: dict, line: int, focus: str) -> None:
    """A row's base as the base of its series: the finding's `base` becomes {series: base}."""
    if not row.get("base"):
        return
    if not focus and not row.get("series"):
        _put(finding, "base", _count(row["base"]), line)
        return
    bases = finding.setdefault("base", LocatedDict(line=line))
    finding.key_lines.setdefault("base", line)
    if isinstance(bases, LocatedDict):
        _put(bases, row.get("series") or focus, _count(row["base"]), line)


def _put_sd(item: LocatedDict, row: dict, line: int, series: str) -> None:
    if row.get("sd"):
        deviations = item.setdefault("sd", LocatedDict(line=line))
        item.key_lines.setdefault("sd", line)
        _put(deviations, series, _number(row["sd"]), line)


def _put_meaning(finding: LocatedDict, row: dict, line: int) -> None:
    """The meaning columns of a finding's first row, in the YAML form's shape."""
    for field in ("reading", "complete", "emphasis"):
        if row.get(field):
            _put(finding, field, row[field], line)
    for field in ("respondents", "answer"):
        singular, plural = row.get(f"{field}_singular" if field == "respondents" else field), row.get(f"{field}_plural")
        if singular or plural:
            _put(finding, field, _located({"singular": singular or plural, "plural": plural or singular}, line), line)


def _located(values: dict, line: int) -> LocatedDict:
    node = LocatedDict(line=line)
    for key, value in values.items():
        _put(node, key, value, line)
    return node


def _put(node: LocatedDict, key: str, value: Any, line: int) -> None:
    node[key] = value
    node.key_lines[key] = line


def _append(sequence: LocatedList, value: Any, line: int) -> None:
    sequence.append(value)
    sequence.item_lines.append(line)


def _count(text: str) -> Any:
    """A count typed in a cell as a whole number, else the text, for validation to report."""
    return int(text) if WHOLE_NUMBER.match(text) else text


def _number(text: str | None) -> Any:
    number = parse_number(str(text))
    return text if number is None else number
