"""The `text:` section of template.yaml: house conventions for generated running text."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from generator.errors import InputError, problem_at
from generator.template_set import TemplateSet

PERCENT_STYLES = ("procent", "symbol")
SHARE_PHRASE_MODES = ("b1", "nooit")


@dataclass(frozen=True)
class TextSettings:
    """How numbers read in running text; charts and tables always show "64%"."""

    percent_in_text: str = "procent"
    """"procent": "64 procent" in running text (memo style); "symbol": "64%"."""
    share_phrases: str = "b1"
    """"b1": plain-language (B1) audiences read "zes op de tien"; "nooit": always percentages."""


def text_settings(template: TemplateSet) -> TextSettings:
    """The validated `text:` section of `template`; every bad setting reported with its line."""
    section = template.section("text")
    path = template.settings_path or template.directory
    problems = []
    values: dict[str, str] = {}
    choices = {"percent_in_text": PERCENT_STYLES, "share_phrases": SHARE_PHRASE_MODES}
    for key, value in section.items():
        if key not in choices:
            close = difflib.get_close_matches(str(key), choices, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of {', '.join(choices)}"
            problems.append(problem_at(path, f"unknown text setting{hint}", section.line_of(key), f"text.{key}"))
        elif value not in choices[key]:
            problems.append(problem_at(path, f"must be one of {', '.join(choices[key])}, not {value!r}",
                                       section.line_of(key), f"text.{key}"))
        else:
            values[key] = value
    if problems:
        raise InputError(problems)
    return TextSettings(**values)
