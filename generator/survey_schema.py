"""Validation of a findings mapping into a `Survey`: every problem collected, each located.

Both readers (YAML and tabular) produce the same nested mapping with line numbers, so the
rules live here once: field types, ranges per finding kind, unique ids, safe text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any

from generator.charts import chart_kind_problem
from generator.errors import Problem, ProblemCollector, problem_at
from generator.meaning_schema import MEANING_FIELDS, read_meaning, read_noun, read_phrase, read_scope, read_statements, read_terms
from generator.series_schema import (FINDING_SERIES_FIELDS, ITEM_SERIES_FIELDS, SERIES_FIELDS, check_series_sums,
                                     read_bases, read_effective_bases, read_item_series, read_series_scale,
                                     read_series_set)
from generator.findings import Finding, FindingKind, Item, Qualifier, Survey, Theme, Value
from generator.yaml_source import LocatedDict, LocatedList, join_surrogate_pairs, unknown_keys, unsafe_character_problem

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
MAX_ID = 64
NUMBER_PATTERN = re.compile(r"^[-+]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][-+]?[0-9]+)?$")
"""A number typed as text: ASCII digits, a decimal point or comma; no `_`, no "inf" or "nan"."""
MAX_BASE = 1_000_000_000
MAX_YEAR = 2999
LANGUAGE_TAG = re.compile(r"^(?P<language>[A-Za-z]{2,3})(?:[-_](?P<script>[A-Za-z]{4}))?"
                          r"(?:[-_](?P<region>[A-Za-z]{2}|[0-9]{3}))?$")
"""A BCP 47 tag of language, optional script and optional region: nl, nl-NL, sr-Latn-RS, es-419
(nl_NL, as Python and Unix write it, is read as nl-NL)."""
COMMON_LANGUAGES = ("nl", "en", "fy", "de", "fr", "tr", "ar", "pap")
"""Languages of Dutch municipal publications; any other ISO 639-1 code Babel knows is accepted too."""
FORMULA_STARTS = ("=", "@")
MAX_LABEL = 200
MAX_QUESTION = 500
MAX_TEXT = 5_000
SINGLE_SUM_TOLERANCE = 1.0
"""Whole percentages may each be rounded by up to half a point, so a `single` finding may
add up to 101; beyond that the data is wrong."""

SURVEY_FIELDS = {"id", "title", "publisher", "source", "period", "year", "published", "population",
                 "base", "language", "url", "notes", "respondents", "scope", "terms", *SERIES_FIELDS}
THEME_FIELDS = {"id", "title", "intro", "text", "statements", "quotes", "findings"}
FINDING_FIELDS = {"id", "question", "kind", "unit", "items", "base", "columns", "scale", "key", "chart",
                  "title", "text", "note", *MEANING_FIELDS, *FINDING_SERIES_FIELDS}
ITEM_FIELDS = {"label", "value", "values", "approximate", "qualifier", "wording", "note", "phrase", "name",
               *ITEM_SERIES_FIELDS}
VALUE_FIELDS = {"value", "approximate", "qualifier", "wording"}
UNITS = {FindingKind.MULTI: "percent", FindingKind.SINGLE: "percent", FindingKind.MATRIX: "percent",
         FindingKind.GRADE: "grade"}


def survey_from_mapping(data: Any, source: ProblemCollector, notices: list[Problem] | None = None) -> Survey | None:
    """The validated survey in `data`, or None with every problem added to `source`; warnings (input that
    is valid but probably not what was meant) are added to `notices`."""
    return _SurveyValidator(source, [] if notices is None else notices).survey(data)


class _SurveyValidator:
    def __init__(self, problems: ProblemCollector, notices: list[Problem]) -> None:
        self.problems = problems
        self.notices = notices
        self.finding_ids: dict[str, int | None] = {}
        self.series_set = None

    def error(self, node: Any, key: Any, message: str, field: str | None = None) -> None:
        line = node.line_of(key) if isinstance(node, (LocatedDict, LocatedList)) else None
        self.problems.add(message, line, field)

    # Generic field readers ------------------------------------------------------------

    def check_fields(self, node: LocatedDict, allowed: set[str], where: str) -> None:
        for key, line, hint in unknown_keys(node, allowed):
            self.problems.add(f"unknown field; {hint}", line, f"{where}.{key}")

    def mapping(self, node: Any, key: Any, field: str) -> LocatedDict | None:
        value = node.get(key)
        if not isinstance(value, LocatedDict):
            self.error(node, key, "missing" if value is None else "must be a mapping (key: value lines)", field)
            return None
        return value

    def text(self, node: LocatedDict, key: str, field: str, required: bool = False,
             limit: int = MAX_TEXT) -> str | None:
        value = node.get(key)
        if value is None:
            if required:
                self.error(node, key, "missing; this field is required", field)
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(node, key, f"must be text, not {_kind_of(value)}", field)
            return None
        value = join_surrogate_pairs(str(value).strip())
        if not value:
            if required:
                self.error(node, key, "must not be empty", field)
            return None
        if len(value) > limit:
            self.error(node, key, f"is {len(value):,} characters long; at most {limit:,} allowed", field)
            return None
        problem = unsafe_character_problem(value)
        if problem:
            self.error(node, key, problem, field)
            return None
        if all(character.isspace() or unicodedata.category(character) == "Cf" for character in value):
            codes = ", ".join(dict.fromkeys(f"U+{ord(character):04X}" for character in value))
            self.error(node, key, f"must not be empty: it holds only invisible characters ({codes})", field)
            return None
        if value.startswith(FORMULA_STARTS):
            self.error(node, key, f"starts with {value[0]!r} and would be read as a spreadsheet formula; "
                                  "rephrase it", field)
            return None
        return value

    def texts(self, node: LocatedDict, key: str, field: str) -> tuple[str, ...]:
        value = node.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = LocatedList([value], line=node.line_of(key))
        if not isinstance(value, list):
            self.error(node, key, "must be a list of texts", field)
            return ()
        holder = LocatedDict(line=node.line_of(key))
        result = []
        for index, item in enumerate(value):
            holder[index] = item
            holder.key_lines[index] = value.line_of(index) if isinstance(value, LocatedList) else node.line_of(key)
            checked = self.text(holder, index, f"{field}[{index + 1}]", required=True)
            if checked:
                result.append(checked)
        return tuple(result)

    def identifier(self, node: LocatedDict, field: str) -> str | None:
        value = self.text(node, "id", field, required=True, limit=MAX_ID)
        if value is not None and not ID_PATTERN.match(value):
            self.error(node, "id", f"{value!r} is not a valid id: use lowercase letters, digits, '-' and '_' "
                                   "(no spaces, dots or slashes)", field)
            return None
        return value

    def integer(self, node: LocatedDict, key: str, field: str, minimum: int = 0,
                maximum: int | None = None) -> int | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(node, key, f"must be a whole number, not {_kind_of(value)} {value!r}", field)
            return None
        if value < minimum:
            self.error(node, key, f"must be at least {minimum}", field)
            return None
        if maximum is not None and value > maximum:
            self.error(node, key, f"must be at most {maximum:,}" if maximum >= 10_000 else f"must be at most {maximum}",
                       field)
            return None
        return value

    def number(self, node: LocatedDict, key: str, field: str) -> float | None:
        value = node.get(key)
        if isinstance(value, str):
            value = parse_number(value)
        if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
            shown = node.get(key)
            hint = "; write numbers without '_'" if isinstance(shown, str) and "_" in shown else ""
            self.error(node, key, "missing; a number is required" if shown is None
                       else f"must be a number, not {_kind_of(shown)} {shown!r}{hint}", field)
            return None
        if not _is_finite(value):
            self.error(node, key, f"must be a finite number, not {node.get(key)!r}", field)
            return None
        return float(value)

    def flag(self, node: LocatedDict, key: str, field: str) -> bool:
        value = node.get(key, False)
        if isinstance(value, str) and value.strip().lower() in {"true", "false", "ja", "nee", "1", "0", ""}:
            return value.strip().lower() in {"true", "ja", "1"}
        if not isinstance(value, bool):
            self.error(node, key, f"must be true or false, not {value!r}", field)
            return False
        return value

    # The survey ------------------------------------------------------------------------

    def survey(self, data: Any) -> Survey | None:
        if not isinstance(data, LocatedDict):
            self.problems.add("expected a mapping with 'survey' and 'themes' at the top level", 1)
            return None
        self.check_fields(data, {"survey", "themes"}, "(top level)")
        self.series_set = read_series_set(self, data.get("survey"))
        meta = self.mapping(data, "survey", "survey")
        themes_node = data.get("themes")
        themes: list[Theme] = []
        if not isinstance(themes_node, LocatedList) or not themes_node:
            self.error(data, "themes", "missing or empty: a list of themes is required", "themes")
        else:
            seen: dict[str, int | None] = {}
            for index, node in enumerate(themes_node):
                theme = self.theme(node, themes_node.line_of(index), index)
                if theme is None:
                    continue
                if theme.id in seen:
                    self.error(node, "id", f"duplicate theme id {theme.id!r} (first used on line {seen[theme.id]})",
                               f"themes[{index + 1}].id")
                    continue
                seen[theme.id] = node.line_of("id")
                themes.append(theme)
        if meta is None:
            return None
        self.check_fields(meta, SURVEY_FIELDS, "survey")
        survey_id = self.identifier(meta, "survey.id")
        title = self.text(meta, "title", "survey.title", required=True, limit=MAX_QUESTION)
        publisher = self.text(meta, "publisher", "survey.publisher", required=True, limit=MAX_LABEL)
        published = meta.get("published")
        if isinstance(published, dt.datetime):
            published = published.date()
        if published is not None and not isinstance(published, dt.date):
            self.error(meta, "published", "must be a date written as YYYY-MM-DD", "survey.published")
            published = None
        year = self.integer(meta, "year", "survey.year", minimum=1900, maximum=MAX_YEAR)
        language = self.language(meta)
        if self.problems.problems or survey_id is None or title is None or publisher is None:
            return None
        return Survey(
            id=survey_id, title=title, publisher=publisher, themes=tuple(themes),
            source=self.text(meta, "source", "survey.source", limit=MAX_QUESTION),
            period=self.text(meta, "period", "survey.period", limit=MAX_LABEL),
            year=year, published=published,
            population=self.text(meta, "population", "survey.population", limit=MAX_QUESTION),
            base=self.integer(meta, "base", "survey.base", minimum=1, maximum=MAX_BASE),
            language=language,
            url=self.text(meta, "url", "survey.url", limit=MAX_QUESTION),
            notes=self.texts(meta, "notes", "survey.notes"),
            respondents=read_noun(self, meta, "respondents", "survey.respondents"),
            scope=read_scope(self, meta),
            terms=read_terms(self, meta),
            series=self.series_set,
        )

    def language(self, meta: LocatedDict) -> str:
        """The document language as a canonical BCP 47 tag ("nl-NL"); it goes into every file's `lang`."""
        value = self.text(meta, "language", "survey.language", limit=20)
        if value is None:
            return "nl-NL"
        tag = language_tag(value)
        if tag is None:
            self.error(meta, "language", f"{value!r} is not a language tag barometer accepts; write a BCP 47 tag "
                                         f"such as nl-NL: one of {', '.join(COMMON_LANGUAGES)} or another ISO 639-1 "
                                         "code, optionally a script (Latn) and a region (NL, BE, SR)", "survey.language")
            return "nl-NL"
        return tag

    def theme(self, node: Any, line: int | None, index: int) -> Theme | None:
        where = f"themes[{index + 1}]"
        if not isinstance(node, LocatedDict):
            self.problems.add("each theme must be a mapping with id, title and findings", line, where)
            return None
        theme_id = self.identifier(node, f"{where}.id")
        where = f"themes.{theme_id}" if theme_id else where
        self.check_fields(node, THEME_FIELDS, where)
        title = self.text(node, "title", f"{where}.title", required=True, limit=MAX_LABEL)
        findings_node = node.get("findings")
        statements, key_statements = read_statements(self, node, where)
        findings: list[Finding] = []
        if not findings_node and not statements:
            self.error(node, "findings", ("is empty" if isinstance(findings_node, list) else "missing")
                       + ": a theme needs findings; add them, or remove the theme", f"{where}.findings")
        elif findings_node is not None and not isinstance(findings_node, LocatedList):
            self.error(node, "findings", "must be a list of findings", f"{where}.findings")
        else:
            if not findings_node:
                self.notices.append(problem_at(self.problems.path, "the theme has no findings, so no deck or "
                                               "briefing shows it, nor its statements", node.line_of("findings"),
                                               f"{where}.findings"))
            for position, finding_node in enumerate(findings_node or ()):
                finding = self.finding(finding_node, findings_node.line_of(position), f"{where}.findings[{position + 1}]")
                if finding is not None:
                    findings.append(finding)
        if theme_id is None or title is None:
            return None
        return Theme(
            id=theme_id, title=title, findings=tuple(findings),
            intro=self.text(node, "intro", f"{where}.intro"),
            text=self.text(node, "text", f"{where}.text"),
            statements=statements,
            key_statements=key_statements,
            quotes=self.texts(node, "quotes", f"{where}.quotes"),
            line=line,
        )

    def finding(self, node: Any, line: int | None, where: str) -> Finding | None:
        if not isinstance(node, LocatedDict):
            self.problems.add("each finding must be a mapping with id, question, kind and items", line, where)
            return None
        finding_id = self.identifier(node, f"{where}.id")
        if finding_id is not None:
            where = f"findings.{finding_id}"
            if finding_id in self.finding_ids:
                self.error(node, "id", f"duplicate finding id {finding_id!r} (first used on line "
                                       f"{self.finding_ids[finding_id]}); finding ids must be unique in the file",
                           f"{where}.id")
                finding_id = None
            else:
                self.finding_ids[finding_id] = node.line_of("id")
        self.check_fields(node, FINDING_FIELDS, where)
        question = self.text(node, "question", f"{where}.question", required=True, limit=MAX_QUESTION)
        kind = self.kind(node, where)
        unit = UNITS.get(kind) if kind else None
        declared_unit = self.text(node, "unit", f"{where}.unit", limit=20)
        if declared_unit and unit and declared_unit != unit:
            self.error(node, "unit", f"a {kind.value} finding is in {unit!r}, not {declared_unit!r}", f"{where}.unit")
        scale = self.scale(node, where) if kind is FindingKind.GRADE else (1.0, 10.0)
        columns = self.columns(node, where) if kind is FindingKind.MATRIX else ()
        if kind is not FindingKind.MATRIX and "columns" in node:
            self.error(node, "columns", "only matrix findings have columns", f"{where}.columns")
        items = self.items(node, where, kind, scale, columns) if kind else ()
        base, bases = read_bases(self, node, where)
        effective_bases = read_effective_bases(self, node, where, base, bases)
        chart = self.text(node, "chart", f"{where}.chart", limit=40)
        if chart and kind:
            problem = chart_kind_problem(chart, len(columns) if kind is FindingKind.MATRIX else 1)
            if problem:
                self.error(node, "chart", problem, f"{where}.chart")
                chart = None
        meaning = read_meaning(self, node, where, kind, items)
        if None in (finding_id, question, kind) or items is None:
            return None
        return Finding(**meaning,
            id=finding_id, question=question, kind=kind, items=items, unit=unit, base=base,
            columns=columns, scale=scale or (1.0, 10.0), key=self.flag(node, "key", f"{where}.key"),
            chart=chart, title=self.text(node, "title", f"{where}.title", limit=MAX_QUESTION),
            text=self.text(node, "text", f"{where}.text"), note=self.text(node, "note", f"{where}.note"),
            bases=bases, effective_bases=effective_bases, series=self.series_set, line=line,
        )

    def kind(self, node: LocatedDict, where: str) -> FindingKind | None:
        value = node.get("kind")
        try:
            return FindingKind(value)
        except ValueError:
            known = ", ".join(kind.value for kind in FindingKind)
            message = "missing" if value is None else f"unknown kind {value!r}"
            self.error(node, "kind", f"{message}; expected one of {known}", f"{where}.kind")
            return None

    def scale(self, node: LocatedDict, where: str) -> tuple[float, float] | None:
        value = node.get("scale")
        if value is None:
            return (1.0, 10.0)
        if isinstance(value, LocatedDict):
            return read_series_scale(self, node, where)
        if isinstance(value, list) and any(isinstance(x, (int, float)) and not _is_finite(x) for x in value):
            self.error(node, "scale", "must be [lowest, highest] in finite numbers, e.g. [1, 10]; a bound overflows "
                                      "to infinity", f"{where}.scale")
            return None
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in value)
                or value[0] >= value[1]):
            self.error(node, "scale", "must be [lowest, highest], e.g. [1, 10]", f"{where}.scale")
            return None
        return (float(value[0]), float(value[1]))

    def columns(self, node: LocatedDict, where: str) -> tuple[str, ...]:
        columns = self.texts(node, "columns", f"{where}.columns")
        if not columns:
            self.error(node, "columns", "a matrix finding needs a list of columns", f"{where}.columns")
        elif len(set(columns)) != len(columns):
            self.error(node, "columns", "column labels must be unique", f"{where}.columns")
        return columns

    def items(self, node: LocatedDict, where: str, kind: FindingKind, scale, columns) -> tuple[Item, ...] | None:
        items_node = node.get("items")
        if not isinstance(items_node, LocatedList) or not items_node:
            self.error(node, "items", "missing or empty: a finding needs a list of items", f"{where}.items")
            return None
        items: list[Item] = []
        labels: dict[str, int | None] = {}
        ok = True
        for index, item_node in enumerate(items_node):
            item_where = f"{where}.items[{index + 1}]"
            item = self.item(item_node, items_node.line_of(index), item_where, kind, scale, columns)
            if item is None:
                ok = False
                continue
            if item.label in labels:
                self.error(item_node, "label", f"duplicate label {item.label!r} (first on line {labels[item.label]})",
                           f"{item_where}.label")
                ok = False
                continue
            labels[item.label] = item_node.line_of("label")
            items.append(item)
        if ok and kind is FindingKind.SINGLE:
            total = sum(item.value.amount for item in items)
            if total > 100 + SINGLE_SUM_TOLERANCE:
                self.error(node, "items", f"a single-answer finding cannot add up to more than 100%, "
                                          f"these items add up to {total:g}% (use kind 'multi' when respondents "
                                          "could give several answers)", f"{where}.items")
                ok = False
        if ok and kind is FindingKind.SINGLE:
            ok = check_series_sums(self, node, where, items)
        return tuple(items) if ok else None

    def item(self, node: Any, line: int | None, where: str, kind: FindingKind, scale, columns) -> Item | None:
        if not isinstance(node, LocatedDict):
            self.problems.add("each item must be a mapping with label and value", line, where)
            return None
        self.check_fields(node, ITEM_FIELDS, where)
        label = self.text(node, "label", f"{where}.label", required=True, limit=MAX_LABEL)
        note = self.text(node, "note", f"{where}.note")
        phrase = read_phrase(self, node, f"{where}.phrase")
        name = read_phrase(self, node, f"{where}.name", key="name")
        compare, sd = read_item_series(self, node, where, kind, scale)
        if kind is FindingKind.MATRIX:
            if "value" in node:
                self.error(node, "value", "matrix items give 'values' per column, not one 'value'", f"{where}.value")
                return None
            cells = self.cells(node, where, columns)
            if label is None or cells is None:
                return None
            return Item(label=label, cells=cells, note=note, phrase=phrase, name=name, line=line)
        if "values" in node:
            self.error(node, "values", f"only matrix items have 'values'; a {kind.value} item has one 'value'",
                       f"{where}.values")
            return None
        value = self.value(node, where, kind, scale)
        if label is None or value is None:
            return None
        return Item(label=label, value=value, note=note, phrase=phrase, name=name, compare=compare, sd=sd,
                    line=line)

    def cells(self, node: LocatedDict, where: str, columns) -> tuple[tuple[str, Value], ...] | None:
        values = node.get("values")
        if not isinstance(values, LocatedDict) or not values:
            self.error(node, "values", "a matrix item needs 'values': a mapping of column label to value",
                       f"{where}.values")
            return None
        cells = []
        ok = True
        for column, raw in values.items():
            cell_where = f"{where}.values.{column}"
            if str(column) not in columns:
                self.error(values, column, f"unknown column {column!r}; the finding's columns are "
                                           f"{', '.join(columns)}", cell_where)
                ok = False
                continue
            holder = raw if isinstance(raw, LocatedDict) else _holder(values, column, raw)
            value = self.value(holder, cell_where, FindingKind.MATRIX, None)
            if value is None:
                ok = False
                continue
            cells.append((str(column), value))
        order = {column: index for index, column in enumerate(columns)}
        return tuple(sorted(cells, key=lambda cell: order[cell[0]])) if ok else None

    def value(self, node: LocatedDict, where: str, kind: FindingKind, scale) -> Value | None:
        amount = self.number(node, "value", f"{where}.value")
        if amount is None:
            return None
        if kind is FindingKind.GRADE:
            low, high = scale or (1.0, 10.0)
            if not low <= amount <= high:
                self.error(node, "value", f"grade {amount:g} is outside the scale {low:g}-{high:g}", f"{where}.value")
                return None
        elif not 0 <= amount <= 100:
            self.error(node, "value", f"percentage {amount:g} is outside 0-100", f"{where}.value")
            return None
        qualifier = Qualifier.EXACT
        raw_qualifier = node.get("qualifier")
        if raw_qualifier is not None:
            try:
                qualifier = Qualifier(raw_qualifier)
            except ValueError:
                known = ", ".join(q.value for q in Qualifier)
                self.error(node, "qualifier", f"unknown qualifier {raw_qualifier!r}; expected one of {known}",
                           f"{where}.qualifier")
                return None
        if self.flag(node, "approximate", f"{where}.approximate") and qualifier is Qualifier.EXACT:
            qualifier = Qualifier.ABOUT
        wording = self.text(node, "wording", f"{where}.wording", limit=MAX_LABEL)
        if wording and qualifier is Qualifier.EXACT:
            self.error(node, "wording", "wording is for approximate values; add 'approximate: true' or a qualifier",
                       f"{where}.wording")
            return None
        return Value(amount=amount, qualifier=qualifier, wording=wording)


def _holder(parent: LocatedDict, key: Any, raw: Any) -> LocatedDict:
    holder = LocatedDict({"value": raw}, line=parent.line_of(key))
    holder.key_lines["value"] = parent.line_of(key)
    return holder


def parse_number(text: str) -> float | None:
    """A number typed as text, the Dutch way too ("6,7", "64", "64%"), or None; "1_000", "inf" and
    other digits than 0-9 are not numbers here, though Python's `float` would take them."""
    cleaned = text.strip().removesuffix("%").strip()
    if not NUMBER_PATTERN.match(cleaned):
        return None
    return float(cleaned.replace(",", "."))


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


def _is_finite(value: int | float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
