"""Readers: findings files (YAML, or a tidy CSV/XLSX table) into a validated `Survey`.

YAML is the human-edited form. The tabular form, for people who come from Excel, has one
row per item; both become the same located mapping and pass the same validation
(`survey_schema`), so a YAML file and its table twin load equal.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from generator.errors import InputError, ProblemCollector, problem_at
from generator.findings import Survey
from generator.survey_schema import survey_from_mapping
from generator.yaml_source import LocatedDict, LocatedList, load_yaml, read_text

TABLE_COLUMNS = ("theme", "finding", "kind", "question", "item", "value")
"""Required columns of the tabular form."""
OPTIONAL_TABLE_COLUMNS = ("theme_title", "theme_intro", "column", "approximate", "qualifier", "wording",
                          "base", "key", "note", "chart", "title", "text", "scale_min", "scale_max")
SURVEY_SHEET = "survey"
FINDINGS_SHEET = "findings"
MAX_TABLE_BYTES = 20 * 1024 * 1024


def load_survey(path: Path) -> Survey:
    """The survey in `path` (.yaml/.yml, .csv or .xlsx); `InputError` listing every problem."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        data = load_yaml(path)
    elif suffix == ".csv":
        data = _csv_to_mapping(path)
    elif suffix == ".xlsx":
        data = _xlsx_to_mapping(path)
    else:
        raise InputError(problem_at(path, "unknown findings format; use .yaml, .csv or .xlsx"))
    problems = ProblemCollector(path)
    survey = survey_from_mapping(data, problems)
    problems.raise_if_any()
    assert survey is not None
    return survey


def _csv_to_mapping(path: Path) -> LocatedDict:
    import pandas as pd

    text = read_text(path, MAX_TABLE_BYTES)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise InputError(problem_at(path, f"cannot read CSV: {error}")) from None
    meta_path = path.with_suffix(".survey.yaml")
    if not meta_path.is_file():
        raise InputError(problem_at(path, f"survey details missing: put id, title and publisher under "
                                          f"'survey:' in {meta_path.name} beside this file"))
    meta = load_yaml(meta_path)
    if not isinstance(meta, LocatedDict) or "survey" not in meta:
        raise InputError(problem_at(meta_path, "expected a 'survey:' mapping", 1))
    rows = frame.to_dict("records")
    lines = _csv_row_lines(text, len(rows))
    return _rows_to_mapping(path, list(frame.columns), rows, lines, meta["survey"])


def _csv_row_lines(text: str, count: int) -> list[int]:
    """The file line of each data row (header is line 1; blank lines are skipped by pandas)."""
    lines = [number for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    return (lines[1:] + [lines[-1]] * count)[:count] if lines else [1] * count


def _xlsx_to_mapping(path: Path) -> LocatedDict:
    import pandas as pd

    from generator.office_safety import check_office_file

    check_office_file(path, "xl/workbook.xml")
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False, engine="openpyxl")
    except Exception as error:  # openpyxl raises many types for damaged workbooks
        raise InputError(problem_at(path, f"cannot read workbook: {error}")) from None
    if SURVEY_SHEET not in sheets:
        raise InputError(problem_at(path, f"workbook needs a sheet {SURVEY_SHEET!r} with columns key, value"))
    findings_name = FINDINGS_SHEET if FINDINGS_SHEET in sheets else next(
        (name for name in sheets if name != SURVEY_SHEET), None)
    if findings_name is None:
        raise InputError(problem_at(path, f"workbook needs a sheet {FINDINGS_SHEET!r} with one row per item"))
    meta_frame = sheets[SURVEY_SHEET]
    meta = LocatedDict(line=1)
    if not {"key", "value"} <= set(meta_frame.columns):
        raise InputError(problem_at(path, f"sheet {SURVEY_SHEET!r} needs columns 'key' and 'value'", 1))
    for offset, row in enumerate(meta_frame.to_dict("records")):
        key = str(row["key"]).strip()
        if key:
            meta[key] = _meta_value(key, row["value"])
            meta.key_lines[key] = offset + 2
    frame = sheets[findings_name]
    rows = frame.to_dict("records")
    return _rows_to_mapping(path, list(frame.columns), rows, [index + 2 for index in range(len(rows))], meta)


def _meta_value(key: str, value: str) -> Any:
    import datetime as dt

    value = value.strip()
    if key in ("year", "base") and value.isdigit():
        return int(value)
    if key == "published" and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if key == "notes":
        return [line for line in value.splitlines() if line.strip()]
    return value or None


def _rows_to_mapping(path: Path, columns: list[str], rows: list[dict], lines: list[int], meta: Any) -> LocatedDict:
    """Group item rows into the nested themes -> findings -> items mapping the YAML form has."""
    columns = [str(column).strip() for column in columns]
    missing = [column for column in TABLE_COLUMNS if column not in columns]
    unknown = [column for column in columns if column not in TABLE_COLUMNS + OPTIONAL_TABLE_COLUMNS]
    problems = [problem_at(path, f"missing column {column!r}", 1, column) for column in missing]
    problems += [problem_at(path, f"unknown column {column!r}", 1, column) for column in unknown]
    if problems:
        raise InputError(problems)
    if not rows:
        raise InputError(problem_at(path, "no data rows", 1))
    themes = LocatedList(line=lines[0])
    theme_nodes: dict[str, LocatedDict] = {}
    finding_nodes: dict[tuple[str, str], LocatedDict] = {}
    matrix_rows: dict[tuple[str, str, str], LocatedDict] = {}
    for row, line in zip(rows, lines):
        row = {str(key).strip(): str(value).strip() for key, value in row.items()}
        if not any(row.values()):
            continue
        theme_id = row["theme"]
        theme = theme_nodes.get(theme_id)
        if theme is None:
            theme = theme_nodes[theme_id] = _located({"id": theme_id, "findings": LocatedList(line=line)}, line)
            themes.append(theme)
            themes.item_lines.append(line)
        for source, target in (("theme_title", "title"), ("theme_intro", "intro")):
            if row.get(source) and target not in theme:
                _put(theme, target, row[source], line)
        finding_key = (theme_id, row["finding"])
        finding = finding_nodes.get(finding_key)
        if finding is None:
            finding = finding_nodes[finding_key] = _located(
                {"id": row["finding"], "question": row["question"], "kind": row["kind"],
                 "items": LocatedList(line=line)}, line)
            theme["findings"].append(finding)
            theme["findings"].item_lines.append(line)
            for field in ("base", "note", "chart", "title", "text"):
                if row.get(field):
                    _put(finding, field, int(row[field]) if field == "base" and row[field].isdigit() else row[field], line)
            if row.get("key"):
                _put(finding, "key", row["key"], line)
            if row.get("scale_min") or row.get("scale_max"):
                _put(finding, "scale", [_number(row.get("scale_min", "1")), _number(row.get("scale_max", "10"))], line)
        value = _located({"value": row["value"]}, line)
        for field in ("approximate", "qualifier", "wording"):
            if row.get(field):
                _put(value, field, row[field], line)
        if row.get("column"):
            columns_node = finding.setdefault("columns", LocatedList(line=line))
            finding.key_lines.setdefault("columns", line)
            if row["column"] not in columns_node:
                columns_node.append(row["column"])
                columns_node.item_lines.append(line)
            item = matrix_rows.get((theme_id, row["finding"], row["item"]))
            if item is None:
                item = matrix_rows[(theme_id, row["finding"], row["item"])] = _located(
                    {"label": row["item"], "values": LocatedDict(line=line)}, line)
                finding["items"].append(item)
                finding["items"].item_lines.append(line)
            _put(item["values"], row["column"], value if len(value) > 1 else row["value"], line)
        else:
            item = _located({"label": row["item"], **value}, line)
            finding["items"].append(item)
            finding["items"].item_lines.append(line)
    for theme in themes:
        if "title" not in theme:
            _put(theme, "title", str(theme["id"]).replace("-", " ").replace("_", " ").capitalize(), theme.line)
    return _located({"survey": meta, "themes": themes}, 1)


def _located(values: dict, line: int) -> LocatedDict:
    node = LocatedDict(line=line)
    for key, value in values.items():
        _put(node, key, value, line)
    return node


def _put(node: LocatedDict, key: str, value: Any, line: int) -> None:
    node[key] = value
    node.key_lines[key] = line


def _number(text: str | None) -> Any:
    try:
        return float(str(text).replace(",", "."))
    except ValueError:
        return text
