"""Audiences: who reads a report, and what they get (themes, depth, register, formats, fixed texts).

Audiences live in a YAML file users edit; a new audience is a new entry, no code. Every
problem in the file is collected and reported at once, located, naming the audience.

    respondents: {singular: ambtenaar, plural: ambtenaren}   # who answered, for the text
    author: Gemeente                                          # default "Van" of every report
    opt_in_panel: true                                        # no margins of error in the method text
    audiences:
      raad:
        name: gemeenteraad
        title: ...
        document: raadsinformatiebrief    # memo | rapportage | samenvatting
        register: formeel                 # or b1
        detail: kern                      # kern: key findings only; volledig: everything
        themes: [oordeel, doelstellingen] # selection and order; default all
        findings: [kanalen]               # extra findings besides the key ones (detail: kern)
"""

from __future__ import annotations

import difflib
import enum
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import InputError, ProblemCollector
from generator.findings import Survey
from generator.narrative.phrasing import Noun
from generator.report import DocumentKind
from generator.yaml_source import LocatedDict, LocatedList, load_yaml_mapping, unknown_keys

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
DEFAULT_FORMATS = ("pptx", "docx")
DEFAULT_AUTHOR = "Gemeente"
DEFAULT_RESPONDENTS = Noun("deelnemer", "deelnemers")
MAX_TEXT = 5_000


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


TOP_FIELDS = {"respondents", "author", "opt_in_panel", "audiences"}
AUDIENCE_FIELDS = {"name", "title", "subtitle", "document", "register", "detail", "formats", "themes", "findings",
                   "key_messages", "tables_in_appendix", "header", "introduction", "closing_title", "closing",
                   "author", "respondents", "opt_in_panel", "keywords"}


def load_audiences(path: Path, survey: Survey) -> tuple[Audience, ...]:
    """Every audience in `path`, checked against `survey`; one `InputError` listing all problems."""
    data = load_yaml_mapping(Path(path))
    problems = ProblemCollector(path)
    reader = _AudienceReader(problems, survey)
    audiences = reader.read(data)
    problems.raise_if_any()
    return audiences


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


class _AudienceReader:
    def __init__(self, problems: ProblemCollector, survey: Survey) -> None:
        self.problems = problems
        self.survey = survey
        self.respondents = DEFAULT_RESPONDENTS

    def error(self, node: Any, key: Any, message: str, field: str) -> None:
        line = node.line_of(key) if isinstance(node, (LocatedDict, LocatedList)) else None
        self.problems.add(message, line, field)

    def check_fields(self, node: LocatedDict, allowed: set[str], where: str) -> None:
        for key, line, hint in unknown_keys(node, allowed):
            self.problems.add(f"unknown setting; {hint}", line, f"{where}{key}")

    def read(self, data: LocatedDict) -> tuple[Audience, ...]:
        self.check_fields(data, TOP_FIELDS, "")
        shared = {
            "author": self.text(data, "author", "", DEFAULT_AUTHOR),
            "respondents": self.noun(data, "respondents", ""),
            "opt_in_panel": self.flag(data, "opt_in_panel", "", False),
        }
        self.respondents = shared["respondents"]
        entries = data.get("audiences")
        if not isinstance(entries, LocatedDict) or not entries:
            self.error(data, "audiences", "must be a mapping of audience ids to settings, with at least one audience",
                       "audiences")
            return ()
        audiences = []
        for audience_id, node in entries.items():
            where = f"audiences.{audience_id}."
            if not isinstance(audience_id, str) or not ID_PATTERN.match(audience_id):
                self.error(entries, audience_id, "audience id must be lower-case letters, digits, '-' or '_'",
                           f"audiences.{audience_id}")
                continue
            if not isinstance(node, LocatedDict):
                self.error(entries, audience_id, "must be a mapping of settings", f"audiences.{audience_id}")
                continue
            audience = self.audience(audience_id, node, where, shared)
            if audience is not None:
                audiences.append(audience)
        return tuple(audiences)

    def audience(self, audience_id: str, node: LocatedDict, where: str, shared: dict) -> Audience | None:
        self.check_fields(node, AUDIENCE_FIELDS, where)
        name = self.text(node, "name", where, audience_id)
        themes = self.text_list(node, "themes", where)
        findings = self.text_list(node, "findings", where)
        self.check_ids(audience_id, node, themes, findings, where)
        count = node.get("key_messages", 4)
        if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 5:
            self.error(node, "key_messages", "must be a whole number from 1 to 5", f"{where}key_messages")
            count = 4
        respondents = self.noun(node, "respondents", where) if "respondents" in node else shared["respondents"]
        return Audience(
            id=audience_id,
            name=name,
            title=self.text(node, "title", where, self.survey.title),
            subtitle=self.text(node, "subtitle", where, f"{self.survey.title}: uitkomsten voor de {name}"),
            document_kind=self.choice(node, "document", where, DocumentKind, DocumentKind.RAPPORTAGE),
            register=self.choice(node, "register", where, Register, Register.FORMAL),
            detail=self.choice(node, "detail", where, Detail, Detail.FULL),
            formats=self.formats(node, where),
            themes=themes,
            findings=findings,
            key_message_count=count,
            tables_in_appendix=self.flag(node, "tables_in_appendix", where, False),
            header_fields=self.header(node, where),
            introduction=self.paragraphs(node, "introduction", where),
            closing_title=self.text(node, "closing_title", where, "Vervolg"),
            closing=self.paragraphs(node, "closing", where),
            closing_support=self.closing_support(node, where),
            closing_numbered=isinstance(node.get("closing"), list) and len(node["closing"]) > 1,
            author=self.text(node, "author", where, shared["author"]),
            respondents=respondents,
            opt_in_panel=self.flag(node, "opt_in_panel", where, shared["opt_in_panel"]),
            keywords=self.text_list(node, "keywords", where),
            line=node.line,
        )

    def check_ids(self, audience_id: str, node: LocatedDict, themes: tuple[str, ...],
                  findings: tuple[str, ...], where: str) -> None:
        theme_ids = [theme.id for theme in self.survey.themes]
        finding_ids = [finding.id for finding in self.survey.findings]
        for index, theme_id in enumerate(themes):
            if theme_id not in theme_ids:
                self.error(node["themes"], index, f"audience {audience_id!r} names unknown theme {theme_id!r}"
                           + _hint(theme_id, theme_ids), f"{where}themes")
            elif themes.index(theme_id) != index:
                self.error(node["themes"], index, f"audience {audience_id!r} names theme {theme_id!r} twice",
                           f"{where}themes")
        for index, finding_id in enumerate(findings):
            if finding_id not in finding_ids:
                self.error(node["findings"], index, f"audience {audience_id!r} names unknown finding {finding_id!r}"
                           + _hint(finding_id, finding_ids), f"{where}findings")
                continue
            theme, _ = self.survey.finding(finding_id)
            if themes and theme.id not in themes:
                self.error(node["findings"], index, f"audience {audience_id!r} names finding {finding_id!r} of theme "
                           f"{theme.id!r}, which it does not include under themes", f"{where}findings")

    def text(self, node: LocatedDict, key: str, where: str, default: str) -> str:
        value = node.get(key)
        if value is None:
            return default
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
            self.error(node, key, f"must be a text of at most {MAX_TEXT} characters", f"{where}{key}")
            return default
        return self.fill(" ".join(value.split()), node, key, f"{where}{key}")

    def fill(self, text: str, node: Any, key: Any, field: str) -> str:
        """`text` with {titel}, {uitgever} and {deelnemers} taken from the survey, so texts fit any survey."""
        values = {"titel": self.survey.title, "uitgever": self.survey.publisher,
                  "deelnemers": (self.survey.respondents or self.respondents).plural}

        def replace(match: re.Match) -> str:
            name = match.group(1)
            if name not in values:
                self.error(node, key, f"unknown placeholder {{{name}}}; use {{titel}}, {{uitgever}} or {{deelnemers}}",
                           field)
                return match.group(0)
            return values[name]

        return PLACEHOLDER.sub(replace, text)

    def closing_support(self, node: LocatedDict, where: str) -> tuple[tuple[str, ...], ...]:
        """Per closing point, the finding ids that back it (`closing: [{text: ..., findings: [...]}]`)."""
        value = node.get("closing")
        if not isinstance(value, list):
            return ()
        support = []
        for index, item in enumerate(value):
            ids = self.text_list(item, "findings", f"{where}closing[{index + 1}].") if isinstance(item, LocatedDict) else ()
            known = [finding.id for finding in self.survey.findings]
            for finding_id in ids:
                if finding_id not in known:
                    self.error(item, "findings", f"unknown finding {finding_id!r}" + _hint(finding_id, known),
                               f"{where}closing[{index + 1}].findings")
            support.append(tuple(finding_id for finding_id in ids if finding_id in known))
        return tuple(support)

    def flag(self, node: LocatedDict, key: str, where: str, default: bool) -> bool:
        value = node.get(key, default)
        if not isinstance(value, bool):
            self.error(node, key, "must be true or false", f"{where}{key}")
            return default
        return value

    def choice(self, node: LocatedDict, key: str, where: str, kind: type[enum.Enum], default: Any) -> Any:
        value = node.get(key)
        if value is None:
            return default
        options = [member.value for member in kind]
        if value not in options:
            self.error(node, key, f"must be one of {', '.join(options)}, not {value!r}", f"{where}{key}")
            return default
        return kind(value)

    def text_list(self, node: LocatedDict, key: str, where: str) -> tuple[str, ...]:
        value = node.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            self.error(node, key, "must be a list of texts", f"{where}{key}")
            return ()
        return tuple(item.strip() for item in value)

    def formats(self, node: LocatedDict, where: str) -> tuple[str, ...]:
        from generator.writers import writer_names

        formats = self.text_list(node, "formats", where) or DEFAULT_FORMATS
        known = writer_names() + ("pdf",)
        for name in formats:
            if name not in known:
                self.error(node, "formats", f"unknown format {name!r}; known formats: {', '.join(known)}",
                           f"{where}formats")
        return formats

    def paragraphs(self, node: LocatedDict, key: str, where: str) -> tuple[str, ...]:
        value = node.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            value = [item.get("text") if isinstance(item, LocatedDict) else item for item in value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(node, key, "must be a text, or a list of texts or of {text: ..., findings: [...]}",
                       f"{where}{key}")
            return ()
        paragraphs = []
        for item in value:
            if len(item) > MAX_TEXT:
                self.error(node, key, f"a paragraph may be at most {MAX_TEXT} characters", f"{where}{key}")
            paragraphs += [self.fill(" ".join(part.split()), node, key, f"{where}{key}")
                           for part in item.split("\n\n") if part.strip()]
        return tuple(paragraphs)

    def header(self, node: LocatedDict, where: str) -> tuple[tuple[str, str], ...]:
        value = node.get("header")
        if value is None:
            return ()
        if not isinstance(value, LocatedDict):
            self.error(node, "header", "must be a mapping of header labels to texts, e.g. Aan: De gemeenteraad",
                       f"{where}header")
            return ()
        fields = []
        for label, text in value.items():
            if text is None:
                text = ""
            if not isinstance(label, str) or not isinstance(text, (str, int)) or isinstance(text, bool):
                self.error(value, label, "must be a text", f"{where}header.{label}")
                continue
            fields.append((label.strip(), self.fill(" ".join(str(text).split()), value, label, f"{where}header.{label}")))
        return tuple(fields)

    def noun(self, node: LocatedDict, key: str, where: str) -> Noun:
        value = node.get(key)
        if value is None:
            return DEFAULT_RESPONDENTS
        if (not isinstance(value, LocatedDict) or set(value) != {"singular", "plural"}
                or not all(isinstance(item, str) and item.strip() for item in value.values())):
            self.error(node, key, "must give singular and plural, e.g. {singular: ambtenaar, plural: ambtenaren}",
                       f"{where}{key}")
            return DEFAULT_RESPONDENTS
        return Noun(value["singular"].strip(), value["plural"].strip())


def _hint(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(known)}"
