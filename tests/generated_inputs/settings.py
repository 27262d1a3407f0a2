"""Inputs of the settings area: a template.yaml or a project file with a mistake in one field.

Each replaces the whole file, so the mistake is the only thing that can stop the build.
"""

from __future__ import annotations

from pathlib import Path


def _template_settings(text: str):
    def write(work: Path) -> Path:
        path = work / "template" / "template.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def _project_file(text: str):
    def write(work: Path) -> Path:
        path = work / "barometer.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


GENERATORS = {
    "settings-deck-unknown-role": _template_settings("deck:\n  layouts:\n    grafiek: Grafiek\n"),
    "settings-deck-flag-not-boolean": _template_settings("deck:\n  footer: misschien\n"),
    "settings-briefing-unknown-style-role": _template_settings("briefing:\n  styles:\n    titel: Title\n"),
    "settings-briefing-label-without-number": _template_settings(
        "briefing:\n  labels:\n    table_in_appendix: Zie de bijlage.\n"),
    "settings-charts-unquoted-colour": _template_settings("charts:\n  background: #FFFFFF\n"),
    "settings-charts-font-size-too-small": _template_settings("charts:\n  font_size: 8\n"),
    "settings-text-unknown-choice": _template_settings("text:\n  percent_in_text: procenten\n"),
    "project-unknown-field": _project_file("templat: template\n"),
    "project-empty-path": _project_file("data:\n"),
}
