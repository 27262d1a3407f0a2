"""What a comparison chart shows: one series per declared series, the focus first, small bases suppressed.

The spec, its alt text ("Woning: 7,4 in 2025, 7,1 in 2023 en 7,5 in Nederland") and its table
(one column per series plus a difference column per other series) come from the same values,
so pictures, native charts and tables never disagree.
"""

from __future__ import annotations

from decimal import Decimal

from generator.charts import comparison_kinds
from generator.comparison import finding_decimals, item_comparisons
from generator.dutch import format_base, format_count, format_number, format_value, join_list
from generator.findings import DataSeries, Finding, FindingKind, SeriesKind
from generator.report import ChartSpec, DataTable, Series

SUPPRESSED_LABEL = "te weinig waarnemingen (n < {min_base})"
UNKNOWN_BASE = "n onbekend"
SIGNIFICANT_MARK = "*"
SIGNIFICANT_NOTE = "significant verschil met {focus} (95%)"
DUMBBELL_ITEMS = 6
"""Two series with at least this many answers are drawn as dots on a line rather than paired bars."""
SPOKEN_MARKS = {"~": "ongeveer ", ">": "meer dan ", "<": "minder dan "}


def row_heading(unit: str) -> str:
    """The heading of a table's first column: "Onderdeel" for the things a grade is given to, else "Antwoord"."""
    return "Onderdeel" if unit == "grade" else "Antwoord"


def suppressed_label(finding: Finding) -> str:
    """What stands in the place of a value on too small a base: "te weinig waarnemingen (n < 30)"."""
    return SUPPRESSED_LABEL.format(min_base=format_count(finding.series.min_base))


def ordered_series(finding: Finding) -> tuple[DataSeries, ...]:
    """The series the finding reports, focus first, then the others in display order."""
    series_set = finding.series
    reported = {key for item in finding.items for key, _ in item.compare}
    return (series_set.focus_series, *(series for series in series_set.others if series.id in reported))


def comparison_kind(finding: Finding, series: tuple[DataSeries, ...]) -> str:
    """The chart kind: a grade comparison, a line for three or more waves, dots for two series with many answers."""
    if finding.chart in comparison_kinds():
        return finding.chart
    if finding.kind is FindingKind.GRADE:
        return "grade-comparison"
    if len(series) >= 3 and all(item.kind is SeriesKind.WAVE for item in series):
        return "line"
    if len(series) == 2 and len(finding.items) >= DUMBBELL_ITEMS:
        return "dumbbell"
    return "grouped-bar"


def comparison_chart_spec(finding: Finding, notes_before: tuple[str, ...], notes_after: tuple[str, ...],
                          opt_in_panel: bool = False) -> ChartSpec:
    """The spec of a comparison finding; `notes_before`/`after` are the notes single-series charts also get."""
    series_list = ordered_series(finding)
    decimals = finding_decimals(finding)
    items = finding.items
    if finding.kind is FindingKind.MULTI:
        items = tuple(sorted(items, key=lambda item: -item.value.amount))
    focus = finding.series.focus
    hidden = suppressed_label(finding)
    significant = {(item.label, comparison.series.id) for item in items
                   for comparison in item_comparisons(finding, item, opt_in_panel) if comparison.significant}
    chart_series = []
    for series in series_list:
        suppressed = finding.is_suppressed(series.id)
        values = [None if suppressed else item.value_in(series.id, focus) for item in items]
        chart_series.append(Series(
            name=series.label,
            values=tuple(value.amount if value else None for value in values),
            labels=tuple(hidden if suppressed else format_value(value, finding.unit, decimals)
                         + (SIGNIFICANT_MARK if (item.label, series.id) in significant else "") if value else ""
                         for item, value in zip(items, values)),
            approximate=tuple(bool(value and value.is_approximate) for value in values),
        ))
    notes = [*notes_before, *base_notes(finding, series_list), *notes_after]
    if significant:
        notes.append(f"{SIGNIFICANT_MARK} = {SIGNIFICANT_NOTE.format(focus=series_list[0].label)}")
    return ChartSpec(
        kind=comparison_kind(finding, series_list),
        title=finding.question,
        categories=tuple(item.label for item in items),
        series=tuple(chart_series),
        unit=finding.unit,
        scale=finding.scale if finding.unit == "grade" else (0.0, 100.0),
        notes=tuple(notes),
        multiple_response=finding.kind is FindingKind.MULTI and len(finding.items) > 1,
    )


def base_notes(finding: Finding, series_list: tuple[DataSeries, ...]) -> tuple[str, ...]:
    """"n = 812 (2025), n = 790 (2023), Nederland: n onbekend"; suppressed series say why."""
    parts = []
    for series in series_list:
        base = finding.base_in(series.id)
        if finding.is_suppressed(series.id):
            parts.append(f"{series.label}: {suppressed_label(finding)}")
        elif base is None:
            parts.append(f"{series.label}: {UNKNOWN_BASE}")
        else:
            parts.append(f"{format_base(base)} ({series.label})")
    return ("; ".join(parts),)


def comparison_table(finding: Finding, spec: ChartSpec, opt_in_panel: bool = False) -> DataTable:
    """One column per series, then a difference column per other series ("+3", "−0,2"); * marks significance."""
    series_list = ordered_series(finding)
    focus = series_list[0]
    unit = "procentpunt" if finding.unit == "percent" else "punt"
    header = (row_heading(finding.unit), *(series.name for series in spec.series),
              *(f"Verschil met {series.label} ({unit})" for series in series_list[1:]))
    by_label = {item.label: item for item in finding.items}
    rows = []
    for row, category in enumerate(spec.categories):
        item = by_label[category]
        comparisons = {comparison.series.id: comparison for comparison in item_comparisons(finding, item, opt_in_panel)}
        differences = []
        for series in series_list[1:]:
            comparison = comparisons.get(series.id)
            if comparison is None or comparison.difference is None or finding.is_suppressed(focus.id):
                differences.append("–")
            else:
                differences.append(signed_difference(comparison.difference, finding.unit))
        rows.append((category, *((series.labels[row] or "–") for series in spec.series), *differences))
    return DataTable(caption=spec.title, header=header, rows=tuple(rows))


def signed_difference(difference: Decimal, unit: str) -> str:
    """+3, −2, 0 (percentage points) or +0,3 (grade points), the Dutch way with a real minus sign."""
    decimals = 1 if unit == "grade" or difference != difference.to_integral_value() else 0
    text = format_number(abs(float(difference)), decimals)
    if difference > 0:
        return f"+{text}"
    return f"−{text}" if difference < 0 else text


def describe_comparison(finding: Finding, spec: ChartSpec, noun: str, opt_in_panel: bool = False) -> str:
    """The alt text: "Woning: 7,6 in 2025, 7,1 in 2023 (significant verschil: 0,5 punt hoger in 2025) en 7,5 in
    Nederland (...)", every shown value with its difference from the focus; a small base said once."""
    series_list = ordered_series(finding)
    focus = series_list[0]
    by_label = {item.label: item for item in finding.items}
    unit = "punt" if finding.unit == "grade" else "procentpunt"
    decimals = 1 if finding.unit == "grade" else finding_decimals(finding)
    suppressed = [series for series in series_list if finding.is_suppressed(series.id)]
    parts = []
    for row, category in enumerate(spec.categories):
        item = by_label.get(category)
        compared = item_comparisons(finding, item, opt_in_panel) if item else ()
        comparisons = {comparison.series.id: comparison for comparison in compared}
        cells = []
        for series, chart_series in zip(series_list, spec.series):
            label = chart_series.labels[row]
            if not label or series in suppressed:
                continue
            cell = f"{_spoken(label.removesuffix(SIGNIFICANT_MARK))} {_where(series)} {series.label}"
            comparison = comparisons.get(series.id)
            if series is not focus and comparison is not None and comparison.difference and focus not in suppressed:
                size = f"{format_number(abs(float(comparison.difference)), decimals)} {unit}"
                if label.endswith(SIGNIFICANT_MARK):
                    word = "hoger" if comparison.difference > 0 else "lager"
                    cell += f" (significant verschil: {size} {word} {_where(focus)} {focus.label})"
                elif comparison.tested:
                    cell += f" (verschil {size}, niet significant)"
                else:
                    cell += f" (verschil {size}, niet getoetst)"
            cells.append(cell)
        if cells:
            parts.append(f"{category}: {join_list(cells)}")
    title = spec.title.strip()
    subject = f"{noun} bij de vraag ‘{title}’" if title.endswith("?") else f"{noun}: {title.rstrip('.')}."
    text = subject
    if suppressed:
        text += (f" Voor {join_list([series.label for series in suppressed])} te weinig waarnemingen "
                 f"(n < {format_count(finding.series.min_base)}).")
    if parts:
        text += " " + "; ".join(parts) + "."
    if spec.unit == "grade":
        text += f" Schaal van {format_number(spec.scale[0])} tot {format_number(spec.scale[1])}."
    bases = base_notes(finding, series_list)
    notes = [note for note in spec.notes if not note.startswith(("~ =", SIGNIFICANT_MARK)) and note not in bases]
    notes = [note[:1].upper() + note[1:] for note in notes]
    spoken = _spoken_bases(finding, series_list)
    if spoken:
        notes.append(spoken)
    if notes:
        text += " " + ". ".join(note.rstrip(".") for note in notes) + "."
    return text


def _where(series: DataSeries) -> str:
    return "bij" if series.kind is SeriesKind.GROUP else "in"


def _spoken_bases(finding: Finding, series_list: tuple[DataSeries, ...]) -> str:
    """"Aantal respondenten: 800 in 2025 en 800 in 2023; voor Nederland onbekend"; suppressed series left out."""
    known, unknown = [], []
    for series in series_list:
        if finding.is_suppressed(series.id):
            continue
        base = finding.base_in(series.id)
        if base is None:
            unknown.append(series.label)
        else:
            known.append(f"{format_count(base)} {_where(series)} {series.label}")
    text = f"Aantal respondenten: {join_list(known)}" if known else ""
    if unknown:
        text += f"{'; voor' if text else 'Aantal respondenten voor'} {join_list(unknown)} onbekend"
    return text


def _spoken(label: str) -> str:
    return SPOKEN_MARKS[label[0]] + label[1:] if label[:1] in SPOKEN_MARKS else label
