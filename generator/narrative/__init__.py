"""Dutch text written from the numbers: sandboxed Jinja2 templates fed with checked facts."""

from generator.narrative.environment import NarrativeEnvironment
from generator.narrative.narrator import Narrator
from generator.narrative.settings import TextSettings, text_settings

__all__ = ["NarrativeEnvironment", "Narrator", "TextSettings", "text_settings"]
