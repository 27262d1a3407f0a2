"""The `text:` section of template.yaml: house conventions for generated running text."""

from __future__ import annotations

from dataclasses import dataclass

from generator.config import Choice, Section, read_config
from generator.template_set import TemplateSet

PERCENT_STYLES = ("procent", "symbol")
SHARE_PHRASE_MODES = ("b1", "nooit")


@dataclass(frozen=True)
class TextSettings:
    """How numbers read in running text; charts and tables always show "64%"."""

    percent_in_text: str = "procent"
    share_phrases: str = "b1"


class TextOptions(Section):
    """`text:` in template.yaml."""

    percent_in_text = Choice(PERCENT_STYLES, default="procent",
                             doc='"procent": "64 procent" in running text (memo style); "symbol": "64%".')
    share_phrases = Choice(SHARE_PHRASE_MODES, default="b1",
                           doc='"b1": plain-language (B1) audiences read "zes op de tien"; "nooit": always percentages.')


def text_settings(template: TemplateSet) -> TextSettings:
    """The validated `text:` section of `template`; every bad setting reported with its line."""
    return read_config(TextOptions(TextSettings), template.section("text"),
                       template.settings_path or template.directory, "text")
