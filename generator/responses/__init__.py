"""Respondent-level survey data: findings tabulated from an SPSS file or a response table.

A findings file whose survey names `responses:` lets findings name variables instead of
listing items; `responses_to_findings` turns it into the ordinary findings mapping (items,
values, bases) before validation, so nothing downstream knows the numbers were computed.
Only aggregates leave this package: no respondent's value reaches a document or a message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.errors import Problem


def responses_to_findings(data: Any, findings_path: Path, notices: list[Problem]) -> Any:
    """`data` with every finding that names variables tabulated over all respondents; `data` itself
    when it uses no respondent data. `InputError` (every problem located) on bad data."""
    from generator.responses.settings import uses_responses

    if not uses_responses(data):
        return data
    from generator.responses.source import open_responses

    return open_responses(data, findings_path).mapping(notices)
