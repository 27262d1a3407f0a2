"""Respondent-level data files (.sav, .zsav, .por, .dta, .csv, .xlsx) read into one table of codes.

Only the variables a findings file names are read, so respondent ids and free-text answers in
the file never enter memory. Messages name the file, the variable and a row number, never a
respondent's value.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from generator.errors import InputError, Problem, problem_at
from generator.files import check_readable_file
from generator.responses.codebook import Variable

if TYPE_CHECKING:
    import pandas as pd  # imported where a table is read: a build without respondent data does without it

SPSS_SUFFIXES = (".sav", ".zsav")
STATISTICS_SUFFIXES = (*SPSS_SUFFIXES, ".por", ".dta")
TABLE_SUFFIXES = (".csv", ".xlsx")
SUFFIXES = (*STATISTICS_SUFFIXES, *TABLE_SUFFIXES)
SHOWN_ROWS = 3
"""Row numbers listed in one message; the rest are counted."""


@dataclass(frozen=True, eq=False)
class ResponseData:
    """The named variables of a responses file: one row per respondent, codes as floats (NaN: no answer)."""

    path: Path
    frame: pd.DataFrame
    variables: dict[str, Variable]
    header_lines: int = 0
    """Lines above the first respondent (CSV/XLSX: 1), so row numbers can be given as file lines."""

    @property
    def rows(self) -> int:
        return len(self.frame)

    def location(self, variable: str, rows: np.ndarray, message: str) -> Problem:
        """A problem with `variable` in the listed rows (0-based positions), named by row number only."""
        numbers = [int(row) + 1 for row in rows[:SHOWN_ROWS]]
        shown = ", ".join(str(number) for number in numbers)
        more = f" and {len(rows) - SHOWN_ROWS} more" if len(rows) > SHOWN_ROWS else ""
        noun = "row" if len(rows) == 1 else "rows"
        line = numbers[0] + self.header_lines if self.header_lines else None
        return problem_at(self.path, f"{message} ({noun} {shown}{more})", line, variable)


def file_variables(path: Path, max_mb: float) -> tuple[tuple[str, ...], dict[str, Variable]]:
    """The variable names of the responses file and the metadata it carries (labels, missing codes)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(problem_at(path, f"unknown responses format {suffix or '(none)'!r}; use one of "
                                          f"{', '.join(SUFFIXES)}"))
    check_readable_file(path, int(max_mb * 1024 * 1024))
    if suffix == ".xlsx":
        from generator.office_safety import check_workbook

        check_workbook(path)
    if suffix in STATISTICS_SUFFIXES:
        _, meta = _read_statistics_file(path, metadataonly=True)
        return tuple(meta.column_names), _metadata_variables(meta)
    header = _read_table(path, columns=None, header_only=True)
    return tuple(str(name) for name in header.columns), {}


def read_responses(path: Path, names: tuple[str, ...], variables: dict[str, Variable]) -> ResponseData:
    """The columns `names` of the responses file, with `variables` describing them."""
    path = Path(path)
    if path.suffix.lower() in STATISTICS_SUFFIXES:
        frame, _ = _read_statistics_file(path, usecols=list(names))
        header_lines = 0
    else:
        frame = _read_table(path, columns=list(names))
        header_lines = 1
    return ResponseData(path, _as_codes(path, frame, variables), variables, header_lines)


def unknown_variable(path: Path, name: str, known: tuple[str, ...]) -> str:
    """The message for a variable the responses file does not have, with a "did you mean"."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"variable {name!r} is not in {Path(path).name}{hint}"


def _read_statistics_file(path: Path, **options):
    import pyreadstat

    suffix = path.suffix.lower()
    try:
        if suffix in SPSS_SUFFIXES:
            return pyreadstat.read_sav(path, user_missing=True, **options)
        if suffix == ".dta":
            return pyreadstat.read_dta(path, user_missing=True, **options)
        return pyreadstat.read_por(path, **options)
    except Exception as error:  # pyreadstat raises its own and OS errors for damaged files
        kind = {".dta": "Stata", ".por": "SPSS portable"}.get(suffix, "SPSS")
        raise InputError(problem_at(path, f"cannot read the {kind} file: {type(error).__name__}: "
                                          f"{str(error).splitlines()[0] if str(error) else 'damaged file'}")) from None


def _metadata_variables(meta) -> dict[str, Variable]:
    variables = {}
    for name in meta.column_names:
        ranges = tuple((float(entry["lo"]), float(entry["hi"])) for entry in meta.missing_ranges.get(name, ())
                       if _is_number(entry["lo"]) and _is_number(entry["hi"]))
        labels = tuple(sorted((float(code), str(label)) for code, label in
                              meta.variable_value_labels.get(name, {}).items() if _is_number(code)))
        variables[name] = Variable(
            name=name, label=(meta.column_names_to_labels.get(name) or None), value_labels=labels,
            missing_ranges=ranges, measure=meta.variable_measure.get(name, "unknown"),
            text=meta.readstat_variable_types.get(name) == "string")
    return variables


def _read_table(path: Path, columns: list[str] | None, header_only: bool = False) -> pd.DataFrame:
    """A CSV or XLSX responses table as text cells; only the header when `header_only`."""
    import pandas as pd

    rows = 0 if header_only else None
    try:
        if path.suffix.lower() == ".xlsx":
            return pd.read_excel(path, sheet_name=0, dtype=str, usecols=columns, nrows=rows, engine="openpyxl")
        from generator.tables import _delimiter

        with open(path, encoding="utf-8-sig", newline="") as file:
            delimiter = _delimiter(file.readline())
        return pd.read_csv(path, sep=delimiter, dtype=str, usecols=columns, nrows=rows, encoding="utf-8-sig",
                           keep_default_na=False, skip_blank_lines=True)
    except UnicodeDecodeError:
        raise InputError(problem_at(path, "is not valid UTF-8 text; save it as UTF-8: in Excel choose "
                                          "Save As > 'CSV UTF-8 (comma delimited) (*.csv)'")) from None
    except pd.errors.EmptyDataError:
        raise InputError(problem_at(path, "file is empty")) from None
    except (pd.errors.ParserError, ValueError, OSError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(problem_at(path, f"cannot read the responses table: {first}")) from None
    except Exception as error:  # openpyxl raises many types for damaged workbooks
        raise InputError(problem_at(path, f"cannot read the responses table: {type(error).__name__}")) from None


def _as_codes(path: Path, frame: pd.DataFrame, variables: dict[str, Variable]) -> pd.DataFrame:
    """Every column as float codes; text columns of a table become numbers where they hold numbers,
    and text that is no number is kept as text (refused later where a number is needed)."""
    import pandas as pd

    columns = {}
    for name in frame.columns:
        column = frame[name]
        if not pd.api.types.is_numeric_dtype(column.dtype):
            text = column.fillna("").astype(str).str.strip()
            numbers = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
            filled = text != ""
            if bool((numbers.notna() | ~filled).all()):
                columns[name] = numbers.astype(float).to_numpy()
            else:
                columns[name] = text.where(filled, None).to_numpy(dtype=object)
        else:
            columns[name] = column.to_numpy(dtype=float, na_value=np.nan)
    return pd.DataFrame(columns, copy=False)


def _is_number(value) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
