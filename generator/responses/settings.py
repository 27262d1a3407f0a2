"""The respondent-data settings of a findings file, declared: the survey's responses fields, the codebook,
and the fields by which a finding names its variables.

They are read with the declared-configuration walker before the responses file is opened, so
every mistake in their shape is reported at once, located, in the same words as any other
setting. Whether a named variable exists, holds codes and has the codes a setting names can only
be checked once the file is open; those checks stay with the code that reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from generator.config import Choice, Invalid, ListOf, MappingOf, Number, Option, Place, Text
from generator.config.options import parse_number
from generator.config.walker import Located
from generator.errors import ProblemCollector
from generator.findings_schema.entries import Entry
from generator.findings_schema.series import MAX_BASE
from generator.yaml_source import LocatedDict

if TYPE_CHECKING:
    from generator.responses.codebook import Variable

CODEBOOK = "codebook"
NAME_PROBLEM = "must be the name of a variable in the responses file"
NAMES_PROBLEM = "must be a list of variable names, e.g. [v14_1, v14_2]"
COUNTED_PROBLEM = "must be a list of the codes that count as chosen, e.g. [1]"
MISSING_PROBLEM = "must be a list of numeric codes, e.g. [9, 99]"
FORMATS = ".sav, .zsav, .por, .dta, .csv or .xlsx"
DEFAULT_MAX_MB = 500
"""Largest responses file read unless the survey's `max_responses_mb` says otherwise."""


def code_of(value: Any) -> float | None:
    """A code as a number (9, 9.0 or "9"), or None when it is none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return parse_number(value) if isinstance(value, str) else None


class VariableName(Text):
    """A variable of the responses file as the file spells it; whether it exists is checked once the file is open."""

    type_name = "variable name"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("null_problem", NAME_PROBLEM)
        super().__init__(spreadsheet_safe=False, **kwargs)

    def parse(self, value: Any, place: Place) -> Any:
        if not isinstance(value, str) or not value.strip():
            raise Invalid(NAME_PROBLEM)
        return super().parse(value, place)


class VariableNames(ListOf):
    """A multiple-response set: its variables, each named once."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(VariableName(), single_allowed=False, null_problem=NAMES_PROBLEM, **kwargs)

    def parse(self, value: Any, place: Place) -> Any:
        if not isinstance(value, list) or not value:
            raise Invalid(NAMES_PROBLEM)
        names = super().parse(value, place)
        if len(set(names)) != len(names):
            raise Invalid("names a variable twice")
        return names


class Codes(Option):
    """Numeric codes of a variable, `[9, 99]`; one code given alone counts as a list of one."""

    type_name = "list of codes"

    def __init__(self, problem: str, *, min_items: int = 0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problem = problem
        self.min_items = min_items

    def parse(self, value: Any, place: Place) -> Any:
        codes = tuple(code_of(item) for item in (value if isinstance(value, list) else [value]))
        if len(codes) < self.min_items or any(code is None for code in codes):
            raise Invalid(self.problem)
        return codes


class CodeKey(Option):
    """A code written as a mapping key: `1:` or `"1":`."""

    type_name = "code"

    def parse(self, value: Any, place: Place) -> Any:
        code = code_of(value)
        if code is None:
            raise Invalid(f"code {value!r} must be a number with a text label")
        return code


class NameKey(Option):
    """A mapping key naming something (a variable, a code), kept as written."""

    def __init__(self, placeholder: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.placeholder = placeholder
        self.type_name = placeholder

    def parse(self, value: Any, place: Place) -> Any:
        return value


class ShapedMapping(MappingOf):
    """A mapping that says what it should look like when it is something else."""

    def __init__(self, key: Option, value: Option, shape: str, **kwargs: Any) -> None:
        super().__init__(key, value, **kwargs)
        self.shape = shape

    def parse(self, value: Any, place: Place) -> Any:
        if not isinstance(value, dict):
            raise Invalid(self.shape)
        return super().parse(value, place)


class VariableOptions(Entry):
    """One variable of the `codebook:`: what its codes mean, for files without labels of their own."""

    shape = "must be a mapping with label, values and/or missing"
    label = Text(doc="The variable's label: the question of a finding that gives none, or a multiple-response "
                     "item's label.")
    values = ShapedMapping(CodeKey(), Text(required=True), "must be a mapping of code to label, e.g. {1: Ja, 2: Nee}",
                           doc="The label of each code: `{1: Zeker wel, 2: Misschien, 9: Weet niet}`.")
    missing = Codes(MISSING_PROBLEM, doc='The codes that mean "no answer" ("weet niet", "geen antwoord"), left out '
                                        "of the base unless a finding says `missing: include`.")

    def build(self, values: dict, place: Place) -> Variable:
        from generator.responses.codebook import Variable

        return Variable(name=str(place.key), label=values["label"], missing_values=values["missing"] or (),
                        value_labels=tuple(sorted(values["values"].items())))


CODEBOOK_OPTION = ShapedMapping(NameKey("variable"), VariableOptions(),
                                "must be a mapping of variable name to its label, values and missing codes",
                                doc="Labels and missing codes per variable, for CSV and XLSX exports; they also "
                                    "override an SPSS file's own.")


@dataclass(frozen=True)
class SurveySettings:
    """Where the respondents are, how they are weighed and grouped."""

    responses: str
    weight: str | None
    breakdown: str | None
    max_responses_mb: float


def names_responses_file(values: dict, place: Place) -> None:
    """Findings that name variables, or a codebook, need a responses file to take them from."""
    written = place.container.get("responses")
    if values["responses"] is None and (written is None or isinstance(written, str)):
        place.at("responses").problem(f"{place.context.get('uses', 'a codebook is given')}, but the survey names no "
                                      f"responses file; add 'responses: FILE' ({FORMATS})")


class Megabytes(Number):
    """A size in megabytes, more than zero."""

    def parse(self, value: Any, place: Place) -> Any:
        size = super().parse(value, place)
        if size <= 0:
            raise Invalid("must be a positive number of megabytes")
        return size

    def describe(self) -> str:
        return "number of megabytes"


class SurveyResponseOptions(Entry):
    """The respondent-data fields of `survey:`: the responses file, its weight and its breakdown."""

    open_fields = True
    responses = Text(spreadsheet_safe=False, doc=f"The responses file, relative to the findings file: {FORMATS}; "
                                                 "findings may then name variables instead of listing items.")
    weight = VariableName(null_problem="", doc="The weight variable; shares and means are weighted, bases are not.")
    breakdown = VariableName(doc="A variable whose groups (districts) become comparison series against the total.")
    max_responses_mb = Megabytes(default=DEFAULT_MAX_MB, doc="Larger responses files are refused.")
    min_base = Number(whole=True, minimum=1, maximum=MAX_BASE,
                      doc="Groups with fewer respondents are suppressed, and get no `--each` documents (default 30).")
    rules = (names_responses_file,)

    def build(self, values: dict, place: Place) -> SurveySettings:
        return SurveySettings(values["responses"], values["weight"], values["breakdown"], values["max_responses_mb"])


@dataclass(frozen=True)
class FindingSettings:
    """How one finding is tabulated: its variables, its missing codes, its labels."""

    names: tuple[str, ...]
    key: str
    """The field that names them: "variable" or "variables"."""
    missing: str
    counted: tuple[float, ...]
    label: str | None
    labels: dict[Any, tuple[str, int | None]]
    """Renamed answers: written code or variable -> (label, line)."""
    breakdown: str | None


def items_or_variables(values: dict, place: Place) -> None:
    """A finding either lists its items or takes them from variables."""
    if "items" in place.container:
        place.at("items").problem("give either items or variable(s), not both")


def mean_leaves_out_missing(values: dict, place: Place) -> None:
    """A mean of codes cannot count "weet niet" as an answer."""
    if place.container.get("kind") == "grade" and values["missing"] == "include":
        place.at("missing").problem("a mean cannot include 'weet niet' answers; leave out 'missing'")


class FindingResponseOptions(Entry):
    """The fields of a finding that takes its numbers from respondent data instead of listing items."""

    open_fields = True
    variable = VariableName(doc="The variable of a single or grade finding.")
    variables = VariableNames(doc="A multiple-response set (multi), one item per variable, or several grades.")
    missing = Choice(("exclude", "include"), default="exclude",
                     doc="include: the missing codes (\"weet niet\") become answers, within the base.")
    counted = Codes(COUNTED_PROBLEM, min_items=1, default=(1,), null_problem=COUNTED_PROBLEM,
                    doc="A multiple-response set's codes that count as chosen.")
    label = Text(doc="A grade item's label; default the variable label.")
    labels = ShapedMapping(NameKey("code or variable"), Located(Text(required=True)),
                           "must be a mapping of code (single) or variable (multi, grade) to label",
                           doc="Answers renamed: `{1: Zeker wel}`; default their value or variable labels.")
    breakdown = VariableName(doc="A breakdown of this finding only, as `survey.breakdown` for all.")
    rules = (items_or_variables, mean_leaves_out_missing)

    def build(self, values: dict, place: Place) -> FindingSettings:
        key = "variables" if values["variables"] else "variable"
        names = values["variables"] or (values["variable"],)
        return FindingSettings(names=names, key=key, missing=values["missing"], counted=values["counted"],
                               label=values["label"], labels=values["labels"], breakdown=values["breakdown"])


SURVEY_KEYS = tuple(name for name in SurveyResponseOptions.fields() if name != "min_base")
"""Survey fields about the responses file; the tabulated mapping has none of them (`min_base` stays with series)."""
FINDING_KEYS = tuple(FindingResponseOptions.fields())
"""Finding fields that say how to tabulate; none of them is left in the tabulated mapping."""


def uses_responses(data: Any) -> bool:
    """Whether a findings mapping takes (some of) its numbers from respondent data."""
    if not isinstance(data, LocatedDict):
        return False
    meta = data.get("survey")
    return (isinstance(meta, LocatedDict) and "responses" in meta) or CODEBOOK in data or \
        any(True for _ in finding_nodes(data))


def finding_nodes(data: LocatedDict) -> Iterator[tuple[LocatedDict, str]]:
    """Each finding that names variables, with the field path its messages use."""
    themes = data.get("themes")
    for theme in themes if isinstance(themes, list) else ():
        findings = theme.get("findings") if isinstance(theme, LocatedDict) else None
        for index, finding in enumerate(findings if isinstance(findings, list) else ()):
            if isinstance(finding, LocatedDict) and ("variable" in finding or "variables" in finding):
                yield finding, f"findings.{finding.get('id', index + 1)}"


@dataclass(frozen=True)
class ResponseSettings:
    """Every respondent-data setting of a findings file, read without a problem."""

    survey: SurveySettings
    codebook: dict[str, Variable]
    findings: tuple[tuple[LocatedDict, str, FindingSettings], ...]


def read_settings(data: LocatedDict, findings_path: Path) -> ResponseSettings:
    """The respondent-data settings of `data`; one `InputError` with every problem otherwise."""
    problems = ProblemCollector(findings_path)
    nodes = tuple(finding_nodes(data))
    uses = f"finding {nodes[0][1]!r} names variables" if nodes else "a codebook is given"
    top = Place(problems, data, None, "").with_context(uses=uses)
    survey = top.child(data, "survey").read(SurveyResponseOptions(), data.get("survey"), present="survey" in data)
    codebook = top.child(data, CODEBOOK).read(CODEBOOK_OPTION, data.get(CODEBOOK), present=CODEBOOK in data)
    findings = tuple((node, where, Place(problems, None, None, where).read(FindingResponseOptions(), node))
                     for node, where in nodes)
    problems.raise_if_any()
    return ResponseSettings(survey, {str(name): variable for name, variable in codebook.items()}, findings)
