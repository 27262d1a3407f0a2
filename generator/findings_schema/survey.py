"""The findings file: the survey's details, its themes, and the rules that span the whole file."""

from __future__ import annotations

import re
from typing import Any, Iterator

from generator.config import Date, Flag, Identifier, Invalid, ListOf, Number, Option, Place, Text
from generator.findings import Survey, Theme
from generator.findings_schema.entries import Entries, Entry, peek, repeated
from generator.findings_schema.finding import MAX_QUESTION, FindingOptions
from generator.findings_schema.meaning import SCOPES, NounOptions, Scope, Terms
from generator.findings_schema.series import MAX_BASE, SeriesOptions
from generator.findings_schema.values import MAX_LABEL

MAX_YEAR = 2999
LANGUAGE_TAG = re.compile(r"^(?P<language>[A-Za-z]{2,3})(?:[-_](?P<script>[A-Za-z]{4}))?"
                          r"(?:[-_](?P<region>[A-Za-z]{2}|[0-9]{3}))?$")
"""A BCP 47 tag of language, optional script and optional region: nl, nl-NL, sr-Latn-RS, es-419
(nl_NL, as Python and Unix write it, is read as nl-NL)."""
COMMON_LANGUAGES = ("nl", "en", "fy", "de", "fr", "tr", "ar", "pap")
"""Languages of Dutch municipal publications; any other ISO 639-1 code Babel knows is accepted too."""


def language_tag(text: str) -> str | None:
    """`text` as a canonical BCP 47 tag ("NL-nl" -> "nl-NL"), or None unless its language and region are known."""
    from babel import Locale, UnknownLocaleError

    match = LANGUAGE_TAG.match(text)
    if not match:
        return None
    language, script, region = match["language"].lower(), match["script"], match["region"]
    if language not in COMMON_LANGUAGES:
        try:
            Locale.parse(language)
        except (UnknownLocaleError, ValueError):
            return None
        if len(language) != 2:
            return None
    parts = [language]
    if script:
        parts.append(script.title())
    if region:
        region = region.upper()
        if region not in Locale("en").territories:
            return None
        parts.append(region)
    return "-".join(parts)


class LanguageTag(Text):
    """The document language as a canonical BCP 47 tag ("nl-NL"); it goes into every file's `lang`."""

    type_name = "language tag (nl-NL)"

    def parse(self, value: Any, place: Place) -> Any:
        text = super().parse(value, place)
        tag = language_tag(text)
        if tag is None:
            raise Invalid(f"{text!r} is not a language tag barometer accepts; write a BCP 47 tag such as nl-NL: one "
                          f"of {', '.join(COMMON_LANGUAGES)} or another ISO 639-1 code, optionally a script (Latn) "
                          "and a region (NL, BE, SR)")
        return tag


class SurveyOptions(Entry):
    """`survey:`, the survey's details: who published what, when, about whom."""

    id = Identifier(required=True, doc="The survey's id; output file names start with it.")
    title = Text(required=True, max_length=MAX_QUESTION, doc="The survey's title as the source gives it.")
    publisher = Text(required=True, max_length=MAX_LABEL, doc="Who carried out or published the survey.")
    source = Text(max_length=MAX_QUESTION, doc='How documents cite the source; default "title, publisher".')
    period = Text(max_length=MAX_LABEL, doc='The fieldwork period as it is to be printed: "maart 2025".')
    year = Number(whole=True, minimum=1900, maximum=MAX_YEAR, doc="The year of the survey.")
    published = Date(doc="The date the source was published.")
    population = Text(max_length=MAX_QUESTION, doc="Who the respondents represent, as the method text states it.")
    base = Number(whole=True, minimum=1, maximum=MAX_BASE, doc="The number of respondents.")
    language = LanguageTag(max_length=20, default="nl-NL", doc="The language of the documents, as a BCP 47 tag.")
    url = Text(max_length=MAX_QUESTION, doc="Where the source can be read.")
    notes = ListOf(Text(required=True), doc="Notes on the method, printed with the source.")
    respondents = NounOptions(default=None, doc="Who answered, for the text: {singular: inwoner, plural: inwoners}.")
    scope = Scope(SCOPES, doc="Where the respondents come from: landelijk, regionaal or gemeente; a national "
                              "picture is never presented as a municipality's own.")
    terms = Terms(doc="Words a plain-language text explains once, each with what it means.")
    series = SeriesOptions.series
    focus = SeriesOptions.focus
    min_base = SeriesOptions.min_base
    rules = SeriesOptions.rules

    def build(self, values: dict, place: Place) -> dict[str, Any]:
        fields = ("id", "title", "publisher", "source", "period", "year", "published", "population", "base",
                  "language", "url", "notes", "respondents", "scope", "terms")
        return {**{name: values[name] for name in fields}, "series": place.context.get("series")}


class StatementOptions(Entry):
    """A statement written as a mapping, to mark it as a key message."""

    text = Text(required=True, doc="The statement.")
    key = Flag(default=False, doc="true for a key message, stated before any finding's.")

    def build(self, values: dict, place: Place) -> tuple[str, bool]:
        return values["text"], values["key"]


STATEMENT_TEXT = Text(required=True)


class Statement(Option):
    """A finding without a number: a text, or `{text: ..., key: true}` for a key message."""

    type_name = "text or {text, key}"
    declared = StatementOptions()

    def parse(self, value: Any, place: Place) -> Any:
        if isinstance(value, dict):
            return self.declared.parse(value, place)
        return STATEMENT_TEXT.parse(value, place), False


def needs_findings(values: dict, place: Place) -> None:
    """A theme has findings; one with only statements is shown nowhere, which deserves a warning."""
    written = place.container.get("findings")
    if written is not None and not isinstance(written, list):
        return
    if not written and not values["statements"]:
        place.at("findings").problem(("is empty" if isinstance(written, list) else "missing")
                                     + ": a theme needs findings; add them, or remove the theme")
    elif not written:
        place.at("findings").notice("the theme has no findings, so no deck or briefing shows it, nor its statements")


class ThemeOptions(Entry):
    """A group of findings with a title, such as "Wonen"."""

    shape = "each theme must be a mapping with id, title and findings"
    named_as = "themes"
    id = Identifier(required=True, doc="The theme's id; audiences choose themes by it.")
    title = Text(required=True, max_length=MAX_LABEL, doc="The theme's title, a heading in every document.")
    intro = Text(doc="A sentence that introduces the theme.")
    text = Text(doc="Your own summary of the theme, used instead of the generated one.")
    statements = ListOf(Statement(), doc="What the source found without a number.")
    quotes = ListOf(Text(required=True), doc="Quotes of respondents.")
    findings = Entries(FindingOptions(), "must be a list of findings", doc="The theme's findings.")
    rules = (needs_findings,)

    def build(self, values: dict, place: Place) -> Theme:
        statements = values["statements"]
        return Theme(id=values["id"], title=values["title"], findings=values["findings"], intro=values["intro"],
                     text=values["text"], statements=tuple(text for text, _ in statements),
                     key_statements=tuple(text for text, key in statements if key), quotes=values["quotes"],
                     line=place.line)


def unique_theme_ids(values: dict, place: Place) -> None:
    """Each theme has its own id."""
    for where, theme_id, first in repeated(place.container.get("themes"), "id", ThemeOptions.id, place.at("themes")):
        where.problem(f"duplicate theme id {theme_id!r} (first used on line {first})")


def unique_finding_ids(values: dict, place: Place) -> None:
    """Finding ids are unique in the whole file, since audiences and outputs name findings by id alone."""
    first: dict[str, int | None] = {}
    for theme in _mappings(place.container.get("themes")):
        for finding in _mappings(theme.get("findings")):
            finding_id = peek(FindingOptions.id, finding, "id", place)
            if finding_id is None:
                continue
            where = place.named(f"findings.{finding_id}").child(finding, "id")
            if finding_id in first:
                where.problem(f"duplicate finding id {finding_id!r} (first used on line {first[finding_id]}); "
                              "finding ids must be unique in the file")
            else:
                first[finding_id] = where.line


def _mappings(entries: Any) -> Iterator[dict]:
    if isinstance(entries, list):
        yield from (entry for entry in entries if isinstance(entry, dict))


class FindingsFile(Entry):
    """A findings file: the survey's details and its themes, each theme holding findings."""

    survey = SurveyOptions(required=True, doc="The survey's details.")
    themes = Entries(ThemeOptions(), "missing or empty: a list of themes is required", min_items=1, required=True,
                     doc="The survey's themes, in the order documents show them.")
    rules = (unique_theme_ids, unique_finding_ids)

    def build(self, values: dict, place: Place) -> Survey:
        return Survey(**values["survey"], themes=values["themes"])
