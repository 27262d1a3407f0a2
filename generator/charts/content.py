"""What each chart shows: a finding turned into a `ChartSpec`, its Dutch description and data.

The chart kind follows the finding kind unless the finding names another. Everything a
reader sees (labels, "~33%", notes) is decided here, so pictures, native charts, alt texts
and tables all show the same numbers.
"""

from __future__ import annotations

from generator.charts import alt_noun
from generator.dutch import format_base, format_number, format_percent, format_value, join_list
from generator.findings import Finding, FindingKind, Survey, Theme, Value
from generator.report import Chart, ChartSpec, DataTable, Series
from generator.charts.comparison_content import (comparison_chart_spec, comparison_table, describe_comparison,
                                                 row_heading)

DEFAULT_CHART_KIND = {
    FindingKind.MULTI: "bar",
    FindingKind.SINGLE: "ordered-bar",
    FindingKind.GRADE: "grade",
    FindingKind.MATRIX: "matrix",
}

MULTIPLE_RESPONSE_NOTE = "Meerdere antwoorden mogelijk"
REMAINDER_SHOWN = 1.5
"""A single-answer finding's shares may miss 100 by rounding alone; a larger gap is what the source leaves out."""
APPROXIMATE_NOTE = "~ = bij benadering, > = meer dan (zoals in de bron vermeld)"


CHART_ID_SEPARATOR = "."
"""Joins theme and finding id in a chart id; ids cannot contain it, so two findings never share one."""


def chart_id_for(theme: Theme, finding: Finding) -> str:
    """Stable, file-name safe id of a finding's chart: "<theme id>.<finding id>"."""
    return f"{theme.id}{CHART_ID_SEPARATOR}{finding.id}"


def survey_charts(survey: Survey) -> tuple[Chart, ...]:
    """Every finding's chart, in survey order."""
    return tuple(finding_to_chart(theme, finding) for theme in survey.themes for finding in theme.findings)


def finding_to_chart(theme: Theme, finding: Finding, opt_in_panel: bool = False) -> Chart:
    """The chart of one finding, with alt text, caption and data table; `opt_in_panel` rules out significance marks."""
    spec = finding_to_chart_spec(finding, opt_in_panel)
    compared = _is_compared(finding)
    return Chart(
        chart_id=chart_id_for(theme, finding),
        spec=spec,
        alt_text=describe_comparison(finding, spec, alt_noun(spec.kind), opt_in_panel) if compared
        else describe_chart(spec),
        table=comparison_table(finding, spec, opt_in_panel) if compared else chart_table(spec),
        caption=finding.question + (f" ({MULTIPLE_RESPONSE_NOTE.lower()})" if spec.multiple_response else ""),
    )


def _is_compared(finding: Finding) -> bool:
    """Whether the finding is drawn as a comparison: values in several series, or a focus on too small a base."""
    return finding.series is not None and (finding.is_comparison or finding.is_suppressed(finding.series.focus))


def finding_to_chart_spec(finding: Finding, opt_in_panel: bool = False) -> ChartSpec:
    """The chart spec of one finding: categories, series with Dutch labels, notes."""
    if _is_compared(finding):
        return _comparison_spec(finding, opt_in_panel)
    kind = finding.chart or DEFAULT_CHART_KIND[finding.kind]
    decimals = _decimals(finding.values())
    notes: list[str] = []
    several = finding.kind is FindingKind.MULTI and len(finding.items) > 1
    if several:
        notes.append(MULTIPLE_RESPONSE_NOTE)
    if finding.kind is FindingKind.MATRIX:
        columns = finding.columns
        categories = tuple(item.label for item in finding.items)
        series = tuple(
            _series(column, [item.cell(column) for item in finding.items], finding.unit, decimals)
            for column in columns
        )
    else:
        items = finding.items
        if finding.kind is FindingKind.MULTI:
            items = tuple(sorted(items, key=lambda item: -item.value.amount))
        categories = tuple(item.label for item in items)
        name = "Gemiddeld rapportcijfer" if finding.unit == "grade" else "Percentage"
        series = (_series(name, [item.value for item in items], finding.unit, decimals),)
    if finding.kind is FindingKind.SINGLE:
        remainder = 100 - sum(item.value.amount for item in finding.items)
        if remainder >= REMAINDER_SHOWN and not finding.is_approximate:
            notes.append(f"Niet vermeld in de bron: {format_percent(remainder, decimals)}")
    if finding.is_approximate:
        notes.append(APPROXIMATE_NOTE)
    if finding.base is not None:
        notes.append(format_base(finding.base))
    if finding.note:
        notes.append(finding.note)
    scale = finding.scale if finding.unit == "grade" else (0.0, 100.0)
    return ChartSpec(
        kind=kind,
        title=finding.question,
        categories=categories,
        series=series,
        unit=finding.unit,
        scale=scale,
        notes=tuple(notes),
        multiple_response=several,
    )


def _comparison_spec(finding: Finding, opt_in_panel: bool) -> ChartSpec:
    before = [MULTIPLE_RESPONSE_NOTE] if finding.kind is FindingKind.MULTI and len(finding.items) > 1 else []
    after = [APPROXIMATE_NOTE] if finding.is_approximate else []
    if finding.note:
        after.append(finding.note)
    return comparison_chart_spec(finding, tuple(before), tuple(after), opt_in_panel)


def describe_chart(spec: ChartSpec) -> str:
    """A Dutch alt text that states what the chart shows and every number in it.

    Screen readers read "~" and ">" as symbols or skip them, so approximate values are spelled
    out ("ongeveer 33%") and the chart's legend for those marks is left out.
    """
    noun = alt_noun(spec.kind)
    if len(spec.series) == 1:
        parts = [f"{category}: {_spoken(label)}"
                 for category, label in zip(spec.categories, spec.series[0].labels) if label]
    else:
        parts = []
        for row, category in enumerate(spec.categories):
            cells = [f"{series.name} {_spoken(series.labels[row])}"
                     for series in spec.series if series.labels[row]]
            if cells:
                parts.append(f"{category}: {join_list(cells)}")
    title = spec.title.strip()
    if title.endswith("?"):
        subject = f"{noun} bij de vraag ‘{title}’"
    else:
        subject = f"{noun}: {title.rstrip('.')}."
    text = f"{subject} " + "; ".join(parts) + "."
    if spec.unit == "grade":
        low, high = spec.scale
        text += f" Schaal van {format_number(low)} tot {format_number(high)}."
    notes = [_spoken_note(note) for note in spec.notes if note != APPROXIMATE_NOTE]
    if notes:
        text += " " + ". ".join(note.rstrip(".") for note in notes) + "."
    return text


SPOKEN_MARKS = {"~": "ongeveer ", ">": "meer dan ", "<": "minder dan "}
"""How the marks of approximate values are read aloud in alt texts."""


def _spoken(label: str) -> str:
    """"~33%" -> "ongeveer 33%", ">50%" -> "meer dan 50%"; exact labels unchanged."""
    if label[:1] in SPOKEN_MARKS:
        return SPOKEN_MARKS[label[0]] + label[1:]
    return label


def _spoken_note(note: str) -> str:
    """"n = 1.234" -> "Aantal respondenten: 1.234"; other notes unchanged."""
    if note.startswith("n = "):
        return f"Aantal respondenten: {note[4:]}"
    return note


def chart_table(spec: ChartSpec) -> DataTable:
    """The chart's numbers as a table: one row per category, one column per series."""
    if len(spec.series) == 1:
        header = (row_heading(spec.unit), spec.series[0].name)
    else:
        header = ("", *(series.name for series in spec.series))
    rows = tuple(
        (category, *((series.labels[row] or "–") for series in spec.series))
        for row, category in enumerate(spec.categories)
    )
    return DataTable(caption=spec.title, header=header, rows=rows)


def _series(name: str, values: list[Value | None], unit: str, decimals: int) -> Series:
    return Series(
        name=name,
        values=tuple(value.amount if value else None for value in values),
        labels=tuple(format_value(value, unit, decimals) if value else "" for value in values),
        approximate=tuple(bool(value and value.is_approximate) for value in values),
    )


def _decimals(values: tuple[Value, ...]) -> int:
    """0 for whole percentages, 1 when the source gives a decimal (tables show at most one)."""
    return 1 if any(value.amount != int(value.amount) for value in values) else 0
