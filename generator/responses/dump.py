"""`barometer tabulate`: the findings computed from respondent data, as an ordinary findings file.

A researcher can review, archive or hand-edit the result; building from it gives the same
documents as building from the responses file, because it is the very mapping the build uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.errors import InputError, ProblemCollector, problem_at
from generator.files import write_atomically
from generator.yaml_source import load_yaml

HEADER = "# Tabulated by barometer from {source}: aggregates only, no respondent data.\n"


def tabulated_findings(findings_path: Path) -> str:
    """The findings file `findings_path` with every variable tabulated, as YAML text; `InputError` on bad input."""
    from generator.responses import responses_to_findings
    from generator.findings_schema import survey_from_mapping

    path = Path(findings_path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(problem_at(path, "tabulate reads a YAML findings file whose survey names 'responses:'"))
    mapping = responses_to_findings(load_yaml(path), path, [])
    problems = ProblemCollector(path)
    survey_from_mapping(mapping, problems, [])
    problems.raise_if_any()
    text = yaml.safe_dump(_plain(mapping), allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return HEADER.format(source=path.name) + text


def write_tabulated(findings_path: Path, out: Path) -> None:
    """The tabulated findings written atomically to `out`."""
    text = tabulated_findings(findings_path)
    try:
        write_atomically(Path(out), text.encode("utf-8"))
    except OSError as error:
        raise InputError(problem_at(out, f"cannot write: {error.strerror or error}")) from None


def _plain(node: Any) -> Any:
    """Located mappings and lists as plain ones, which PyYAML writes without tags."""
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    return node
