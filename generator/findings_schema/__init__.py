"""The findings file, declared: every section's fields with their types and meaning, and its cross-field rules.

Both readers (YAML and tabular) produce the same nested mapping with line numbers, and
`survey_from_mapping` reads it with these declarations into a `Survey`: field types, ranges
per finding kind, unique ids, safe text, every problem collected and located. The reference
of the findings file is generated from `FindingsFile`.
"""

from __future__ import annotations

from typing import Any

from generator.config import Place
from generator.errors import Problem, ProblemCollector
from generator.findings import Survey
from generator.findings_schema.entries import peek
from generator.findings_schema.series import SeriesOptions
from generator.findings_schema.survey import FindingsFile
from generator.findings_schema.values import parse_number
from generator.yaml_source import LocatedDict

__all__ = ["FindingsFile", "parse_number", "survey_from_mapping"]


def survey_from_mapping(data: Any, source: ProblemCollector, notices: list[Problem] | None = None) -> Survey | None:
    """The validated survey in `data`, or None with every problem added to `source`; warnings (input that
    is valid but probably not what was meant) are added to `notices`."""
    if not isinstance(data, LocatedDict):
        source.add("expected a mapping with 'survey' and 'themes' at the top level", 1)
        return None
    place = Place(source, None, None, "", [] if notices is None else notices)
    survey = data.get("survey")
    place = place.with_context(series=peek(SeriesOptions(), data, "survey", place),
                               series_declared=isinstance(survey, dict) and survey.get("series") is not None)
    return place.read(FindingsFile(), data)
