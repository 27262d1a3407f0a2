"""Audiences: who reads a report, and what they get (themes, depth, register, formats, fixed texts).

Audiences live in a YAML file users edit; a new audience is a new entry, no code. Its options
are declared below (`AudiencesFile`, `AudienceOptions`), one documented option per field, and
listed in docs/configuration.md; every problem in the file is reported at once, located.
"""

from __future__ import annotations

import difflib
import enum
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from generator.config import Choice, Flag, Identifier, Invalid, ListOf, MappingOf, Number, Option, Place, Section, Text
from generator.config import read_config
from generator.config.options import suggestion
from generator.errors import InputError, ProblemCollector
from generator.findings import Noun, Survey
from generator.report import DocumentKind
from generator.yaml_source import load_yaml_mapping

PLACEHOLDER = re.compile(r"\{(\w+)\}")
PLACEHOLDER_NAMES = ("titel", "uitgever", "deelnemers")
"""What texts may say in braces: the survey's title, its publisher, who answered (plural)."""
DEFAULT_FORMATS = ("pptx", "docx")
DEFAULT_AUTHOR = "Gemeente"
DEFAULT_RESPONDENTS = Noun("deelnemer", "deelnemers")


class Register(enum.Enum):
    """The language register of an audience's text."""

    FORMAL = "formeel"
    PLAIN = "b1"
    """Plain language (taalniveau B1): short sentences, common words, shares in words."""


class Detail(enum.Enum):
    """How much of the survey an audience gets."""

    KEY = "kern"
    """Key findings only (`key: true` in the findings, or listed under `findings:`)."""
    FULL = "volledig"


@dataclass(frozen=True)
class Audience:
    """One audience's settings, validated against the survey."""

    id: str
    name: str
    """How the audience is called in text: "gemeenteraad"."""
    title: str
    subtitle: str
    document_kind: DocumentKind
    register: Register = Register.FORMAL
    detail: Detail = Detail.FULL
    formats: tuple[str, ...] = DEFAULT_FORMATS
    themes: tuple[str, ...] = ()
    """Theme ids in the order to show them; empty means every theme in survey order."""
    findings: tuple[str, ...] = ()
    """Finding ids included besides the key findings when `detail` is "kern"."""
    key_message_count: int = 4
    tables_in_appendix: bool = False
    header_fields: tuple[tuple[str, str], ...] = ()
    """Memo header lines as configured; an empty "Datum" is filled with the report date."""
    introduction: tuple[str, ...] = ()
    """Fixed introduction paragraphs."""
    closing_title: str = "Vervolg"
    closing: tuple[str, ...] = ()
    """Fixed closing paragraphs, e.g. the next steps."""
    closing_support: tuple[tuple[str, ...], ...] = ()
    """Per closing point, the ids of the findings that back it; their lead sentences are shown with it."""
    closing_numbered: bool = False
    """The closing texts are points to decide or do (given as a YAML list): shown as a numbered list."""
    author: str = DEFAULT_AUTHOR
    respondents: Noun = DEFAULT_RESPONDENTS
    opt_in_panel: bool = False
    """The respondents chose to take part (a panel), so the method text rules out margins of error."""
    keywords: tuple[str, ...] = ()
    line: int | None = None

    @property
    def plain_language(self) -> bool:
        """Whether the audience reads plain language (B1)."""
        return self.register is Register.PLAIN

    @property
    def detailed(self) -> bool:
        """Whether the audience gets every finding, not only the key ones."""
        return self.detail is Detail.FULL


class AudienceText(Text):
    """Text for a document: runs of white space read as one space; only known {placeholders}."""

    def parse(self, value: Any, place: Place) -> Any:
        text = super().parse(value, place)
        return None if text is None else _known_placeholders(" ".join(text.split()))


class Paragraphs(Text):
    """Text of one or more paragraphs, a blank line between them; the value is a tuple of paragraphs."""

    def parse(self, value: Any, place: Place) -> Any:
        text = super().parse(value, place)
        if text is None:
            return None
        return tuple(_known_placeholders(" ".join(part.split())) for part in text.split("\n\n") if part.strip())


def _known_placeholders(text: str) -> str:
    unknown = [name for name in dict.fromkeys(PLACEHOLDER.findall(text)) if name not in PLACEHOLDER_NAMES]
    if unknown:
        shown = ", ".join(f"{{{name}}}" for name in unknown)
        raise Invalid(f"unknown placeholder{'s' if len(unknown) > 1 else ''} {shown}; "
                      "use {titel}, {uitgever} or {deelnemers}")
    return text


class NounOptions(Section):
    """A noun in its two forms, as the text needs it."""

    singular = Text(required=True, max_length=100, doc='One of them: "ambtenaar".')
    plural = Text(required=True, max_length=100, doc='More of them: "ambtenaren".')

    def parse(self, value: Any, place: Place) -> Any:
        if not isinstance(value, dict):
            raise Invalid("must give singular and plural, e.g. {singular: ambtenaar, plural: ambtenaren}")
        return super().parse(value, place)

    def shown_default(self) -> str:
        return f"{self.default.singular} / {self.default.plural}" if isinstance(self.default, Noun) else ""


class HeaderLines(Option):
    """Memo header lines in their order; a line left empty stays empty, to be filled in when writing."""

    type_name = "mapping of label: text"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("default", ())
        super().__init__(**kwargs)
        self.label = Text(max_length=100)
        self.text = AudienceText()

    def parse(self, value: Any, place: Place) -> Any:
        if not isinstance(value, dict):
            raise Invalid("must be a mapping of header labels to texts, e.g. Aan: De gemeenteraad")
        lines = []
        for label, raw in value.items():
            line = place.child(value, label)
            name = line.read(self.label, label, required=True)
            empty = raw is None or (isinstance(raw, str) and not raw.strip())
            text = "" if empty else line.read(self.text, raw)
            if name is not None and text is not None:
                lines.append((name, text))
        return tuple(lines)


class ClosingPoint(Section):
    """One closing point: a text, or a text with the findings whose figures back it."""

    type_name = "text, or mapping (text, findings)"
    text = Paragraphs(required=True, doc="The point itself.")
    findings = ListOf(Identifier(), doc="Ids of the findings whose lead sentences are shown with the point, "
                                        'after "Onderbouwing:".')

    def parse(self, value: Any, place: Place) -> Any:
        if isinstance(value, dict):
            values = super().parse(value, place)
            return values["text"], values["findings"] or ()
        paragraphs = self.fields()["text"].parse(value, place)
        return None if paragraphs is None else (paragraphs, ())

    def describe(self) -> str:
        return self.type_name


class Closing(NamedTuple):
    """The closing as given: its points (paragraphs, backing finding ids), whether they were written as a YAML
    list, and how many were written."""

    points: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    listed: bool = False
    count: int = 0


class ClosingOption(ListOf):
    """The closing points; written as a list of several, they are numbered and may be backed by findings."""

    def parse(self, value: Any, place: Place) -> Any:
        return Closing(super().parse(value, place), isinstance(value, list), len(value) if isinstance(value, list) else 1)


def _check_formats(settings: dict, place: Place) -> None:
    from generator.output_folder import output_formats

    known = output_formats()
    for index, name in enumerate(settings["formats"] or ()):
        if name not in known:
            _item(place, "formats", index).problem(f"unknown format {name!r}; {suggestion(name, known)}")


class AudienceOptions(Section):
    """One audience under `audiences:`; every field is optional."""

    name = AudienceText(doc='How the audience is called in text: "gemeenteraad" (default: the audience id).')
    title = AudienceText(doc="Title of the deck and the briefing (default: the survey's title).")
    subtitle = AudienceText(doc='Subtitle (default: "<survey title>: uitkomsten voor de <name>").')
    document = Choice(DocumentKind, default=DocumentKind.RAPPORTAGE,
                      doc="The kind of briefing: a council letter, a memo, a full report or a short summary.")
    register = Choice(Register, default=Register.FORMAL,
                      doc='"b1": plain language, short sentences, shares in words ("zes op de tien").')
    detail = Choice(Detail, default=Detail.FULL,
                    doc='"kern": key findings only (`key: true` in the findings, plus `findings`); '
                        '"volledig": everything.')
    formats = ListOf(Text(max_length=64), default=DEFAULT_FORMATS, doc="Formats to write: pptx, docx, md, pdf.")
    themes = ListOf(Identifier(), doc="Theme ids in the order to show them (default: every theme, in the "
                                      "findings' order).")
    findings = ListOf(Identifier(), doc='Finding ids shown besides the key findings when detail is "kern".')
    key_messages = Number(minimum=1, maximum=5, whole=True, default=4, doc="How many key messages open the report.")
    tables_in_appendix = Flag(default=False, doc="Chart tables in an appendix instead of next to each chart.")
    header = HeaderLines(doc="Memo header lines in order, e.g. `Aan: De gemeenteraad`. An empty Datum is filled "
                             "with the report date, an empty Van with the author, an empty Onderwerp with the "
                             "title; other empty lines are left out.")
    introduction = ListOf(Paragraphs(), doc="Fixed opening paragraphs; a blank line starts a new paragraph.")
    closing_title = AudienceText(default="Vervolg", doc="Heading of the closing section.")
    closing = ClosingOption(ClosingPoint(), doc="Fixed closing text. A list of several points becomes a numbered "
                                                "list (a memo shows these decision points first).")
    author = AudienceText(doc="Who the report is from (default: the file's `author`).")
    respondents = NounOptions(Noun, default=None, doc="Who answered, for this audience (default: the file's "
                                                      "`respondents`).")
    opt_in_panel = Flag(doc="Whether the respondents chose to take part (default: the file's `opt_in_panel`).")
    keywords = ListOf(Text(max_length=200), doc="Keywords in the documents' properties.")
    rules = (_check_formats,)


class AudiencesFile(Section):
    """The audiences file: who reads a report, and what they get. Texts may use {titel} (the survey's
    title), {uitgever} (its publisher) and {deelnemers} (who answered, plural)."""

    respondents = NounOptions(Noun, default=DEFAULT_RESPONDENTS,
                              doc="Who answered, when the findings file does not say; used in the method text.")
    author = AudienceText(default=DEFAULT_AUTHOR, doc='The default "Van" of every report.')
    opt_in_panel = Flag(default=False, doc="The respondents chose to take part (a panel), so the method text rules "
                                           "out margins of error.")
    audiences = MappingOf(Identifier(), AudienceOptions(), required=True, min_items=1,
                          doc="The audiences by id; the id names the output files.")

    def __init__(self, survey: Survey | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.survey = survey
        self.rules = (self.check_against_survey,) if survey is not None else ()

    def check_against_survey(self, values: dict, place: Place) -> None:
        """Every theme and finding an audience names is in the survey."""
        entries = place.container.get("audiences")
        for audience_id, settings in (values["audiences"] or {}).items():
            here = place.at("audiences").within(entries).at(audience_id).within(entries[audience_id])
            _check_themes(settings, here, self.survey)
            _check_findings(settings, here, self.survey)
            _check_closing(settings, here, self.survey)


def load_audiences(path: Path, survey: Survey) -> tuple[Audience, ...]:
    """Every audience in `path`, checked against `survey`; one `InputError` listing all problems."""
    data = load_yaml_mapping(Path(path))
    values = read_config(AudiencesFile(survey), data, path)
    fill = _filler(survey, values["respondents"])
    shared = {"author": fill(values["author"]), "respondents": values["respondents"],
              "opt_in_panel": values["opt_in_panel"]}
    return tuple(_audience(audience_id, settings, shared, survey, data["audiences"][audience_id].line)
                 for audience_id, settings in values["audiences"].items())


def find_audience(audiences: tuple[Audience, ...], audience_id: str, path: Path) -> Audience:
    """The audience `audience_id`; an `InputError` listing the known ids otherwise."""
    for audience in audiences:
        if audience.id == audience_id:
            return audience
    problems = ProblemCollector(path)
    known = ", ".join(audience.id for audience in audiences)
    close = difflib.get_close_matches(audience_id, [audience.id for audience in audiences], n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    problems.add(f"no audience {audience_id!r}{hint} Known audiences: {known}")
    raise InputError(problems.problems)


def _audience(audience_id: str, settings: dict, shared: dict, survey: Survey, line: int | None) -> Audience:
    """One audience from its checked settings, with the file's shared settings and the survey's texts filled in."""
    fill = _filler(survey, shared["respondents"])
    name = fill(settings["name"], audience_id)
    closing: Closing = settings["closing"] or Closing()
    return Audience(
        id=audience_id,
        name=name,
        title=fill(settings["title"], survey.title),
        subtitle=fill(settings["subtitle"], f"{survey.title}: uitkomsten voor de {name}"),
        document_kind=settings["document"],
        register=settings["register"],
        detail=settings["detail"],
        formats=settings["formats"] or DEFAULT_FORMATS,
        themes=settings["themes"],
        findings=settings["findings"],
        key_message_count=settings["key_messages"],
        tables_in_appendix=settings["tables_in_appendix"],
        header_fields=tuple((label, fill(text)) for label, text in settings["header"]),
        introduction=tuple(fill(part) for paragraphs in settings["introduction"] for part in paragraphs),
        closing_title=fill(settings["closing_title"]),
        closing=tuple(fill(part) for paragraphs, _ in closing.points for part in paragraphs),
        closing_support=tuple(findings for _, findings in closing.points) if closing.listed else (),
        closing_numbered=closing.listed and closing.count > 1,
        author=fill(settings["author"], shared["author"]),
        respondents=settings["respondents"] or shared["respondents"],
        opt_in_panel=shared["opt_in_panel"] if settings["opt_in_panel"] is None else settings["opt_in_panel"],
        keywords=settings["keywords"],
        line=line,
    )


def _filler(survey: Survey, respondents: Noun):
    """A function filling {titel}, {uitgever} and {deelnemers} from the survey, so texts fit any survey;
    given None, it returns the default instead."""
    values = {"titel": survey.title, "uitgever": survey.publisher, "deelnemers": (survey.respondents or respondents).plural}

    def fill(text: str | None, default: str = "") -> str:
        if text is None:
            return default
        return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)

    return fill


def _check_themes(settings: dict, place: Place, survey: Survey) -> None:
    known = [theme.id for theme in survey.themes]
    themes = settings["themes"] or ()
    for index, theme_id in enumerate(themes):
        if theme_id not in known:
            _item(place, "themes", index).problem(f"unknown theme {theme_id!r}; {suggestion(theme_id, known)}")
        elif themes.index(theme_id) != index:
            _item(place, "themes", index).problem(f"theme {theme_id!r} is named twice")


def _check_findings(settings: dict, place: Place, survey: Survey) -> None:
    known = [finding.id for finding in survey.findings]
    themes = settings["themes"] or ()
    for index, finding_id in enumerate(settings["findings"] or ()):
        if finding_id not in known:
            _item(place, "findings", index).problem(f"unknown finding {finding_id!r}; {suggestion(finding_id, known)}")
            continue
        theme, _ = survey.finding(finding_id)
        if themes and theme.id not in themes:
            _item(place, "findings", index).problem(f"finding {finding_id!r} belongs to theme {theme.id!r}, "
                                                    "which is not listed under themes")


def _check_closing(settings: dict, place: Place, survey: Survey) -> None:
    known = [finding.id for finding in survey.findings]
    points = settings["closing"].points if settings["closing"] else ()
    for index, (_, findings) in enumerate(points):
        point = _item(place, "closing", index)
        for number, finding_id in enumerate(findings):
            if finding_id not in known:
                backing = point.within(point.container[point.key]).at("findings")
                _item_of(backing, number).problem(f"unknown finding {finding_id!r}; {suggestion(finding_id, known)}")


def _item(place: Place, key: str, index: int) -> Place:
    """The place of item `index` of field `key` of the mapping `place` holds."""
    return _item_of(place.at(key), index)


def _item_of(field: Place, index: int) -> Place:
    """The place of item `index` of the list at `field`; the field itself when it holds a single value."""
    value = field.container.get(field.key) if isinstance(field.container, dict) else None
    return field.item(value, index) if isinstance(value, list) else field
