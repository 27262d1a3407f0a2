"""What text may say about an answer compared across series: values, the difference, and whether to claim it.

Direction words ("gestegen", "hoger", "meer dan het landelijk gemiddelde") are licensed by
`significant` alone, which `generator.comparison` sets only for a difference significant at 95%.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.comparison import Comparison, Untested, item_comparisons
from generator.dutch import format_count, format_number, format_value, join_list
from generator.findings import Finding, SeriesKind
from generator.narrative.phrasing import NO_BREAK_SPACE, grade_text, value_share, value_text

NATIONAL_LABELS = ("nederland", "landelijk")
"""Benchmark labels that read as "het landelijk gemiddelde"."""


@dataclass(frozen=True)
class ComparisonFacts:
    """One answer's value in another series, as text can state it."""

    label: str
    """The series' label as declared: "2023", "Nederland"."""
    kind: str
    """"wave", "group" or "benchmark"."""
    reference: str
    """The series after "dan" or "van": "2023", "het landelijk gemiddelde", "Noord"."""
    place: str
    """Where the value is, opening a sentence: "In 2023", "Landelijk", "Bij Noord"."""
    text: str = ""
    """The value in running text ("50 procent", "7,1", "de helft" in plain language); "" when suppressed."""
    symbol: str = ""
    difference: str = ""
    """The size of the difference: "14 procentpunt", "0,5 punt"; "" when not computed."""
    direction: str = ""
    """"up", "down" or "same": the sign of focus minus this series."""
    size: float = 0.0
    """How large the difference is, grade points weighed as ten percentage points, for choosing messages."""
    significant: bool = False
    tested: bool = False
    """Tested and found not significant when `significant` is False."""
    untested: str = ""
    """Why no test: "panel", "no_base", "no_sd", "approximate"; "" when tested."""
    suppressed: bool = False
    min_base: str = ""
    """The minimum base, for "te weinig waarnemingen (n < 30)"."""


def comparison_facts(finding: Finding, comparison: Comparison, style: str, decimals: int,
                     use_shares: bool) -> ComparisonFacts:
    """The facts of one comparison, values written in `style` ("procent" or "symbol")."""
    series = comparison.series
    national = series.kind is SeriesKind.BENCHMARK and series.label.strip().lower() in NATIONAL_LABELS
    place = {SeriesKind.WAVE: f"In {series.label}", SeriesKind.GROUP: f"Bij {series.label}",
             SeriesKind.BENCHMARK: "Landelijk" if national else f"In {series.label}"}[series.kind]
    reference = "het landelijk gemiddelde" if national else (
        f"bij {series.label}" if series.kind is SeriesKind.GROUP else series.label)
    common = dict(label=series.label, kind=series.kind.value, reference=reference, place=place,
                  min_base=format_count(finding.series.min_base))
    if comparison.suppressed or comparison.value is None:
        return ComparisonFacts(suppressed=True, **common)
    value = comparison.value
    grade = finding.unit == "grade"
    if grade:
        text = grade_text(value.amount)
    else:
        text = value_share(value) if use_shares else value_text(value, style, decimals)
    difference = ""
    direction = ""
    if comparison.difference is not None:
        size = abs(float(comparison.difference))
        places = 1 if grade or size != int(size) else 0
        unit = "punt" if grade else "procentpunt"
        difference = f"{format_number(size, places)}{NO_BREAK_SPACE}{unit}"
        direction = "up" if comparison.difference > 0 else "down" if comparison.difference < 0 else "same"
    return ComparisonFacts(size=abs(float(comparison.difference or 0)) * (10 if grade else 1),
        text=text, symbol=format_value(value, finding.unit, decimals), difference=difference, direction=direction,
        significant=comparison.significant, tested=comparison.tested,
        untested=comparison.untested.value if comparison.untested else "", **common)


@dataclass(frozen=True)
class ComparisonSummary:
    """What the method text says, once, about the comparisons of the findings a report includes."""

    compared: bool
    """Some answer is compared with another series."""
    tested: bool
    """Some difference was tested for significance."""
    panel: bool
    """An opt-in panel: differences are described, never called significant."""
    unknown_base: str
    """The series without a known base, listed: "Nederland"; "" when every base is known."""
    without_sd: bool
    """A grade was compared without standard deviations, so it could not be tested."""
    overlapping: str
    """The series that contain the focus sample, listed: "Nederland"; "" when none."""
    suppressed: bool
    """A value was left out for resting on fewer than `min_base` observations."""
    min_base: str
    focus: str
    unknown_base_where: str = ""
    """The questions the unknown bases apply to ("de vraag ‘Voelt u zich ...?’"), when they are not all the
    findings compared with those series; "" when the caveat holds for all of them."""
    without_sd_where: str = ""
    """The grades compared without standard deviations ("het rapportcijfer voor ‘Buurt’"), when other compared
    grades have them; "" when none has."""
    unknown_base_many: bool = False
    """`unknown_base_where` names more than one question."""


def comparison_summary(findings, opt_in_panel: bool) -> ComparisonSummary | None:
    """The summary over `findings`, or None when none of them compares series or suppresses a value."""
    findings = [finding for finding in findings if finding.series is not None]
    compared = [(finding, comparison) for finding in findings for item in finding.items
                for comparison in item_comparisons(finding, item, opt_in_panel)]
    focus_suppressed = any(finding.is_suppressed(finding.series.focus) for finding in findings)
    if not compared and not focus_suppressed:
        return None
    series_set = findings[0].series
    reasons = {comparison.untested for _, comparison in compared}
    unknown = [series.label for series in series_set.series
               if any(comparison.series == series and finding.base_in(series.id) is None
                      for finding, comparison in compared)
               or any(comparison.series != series and finding.base_in(series.id) is None
                      and series.id == series_set.focus for finding, comparison in compared)]
    where, many = _unknown_base_where(findings, compared, series_set)
    overlapping = [series.label for series in series_set.others
                   if series.overlaps and any(comparison.series == series for _, comparison in compared)]
    return ComparisonSummary(
        compared=bool(compared),
        tested=any(comparison.tested for _, comparison in compared),
        panel=opt_in_panel and bool(compared),
        unknown_base=join_list(unknown),
        without_sd=Untested.NO_SD in reasons,
        unknown_base_where=where,
        unknown_base_many=many,
        without_sd_where=_without_sd_where(findings, opt_in_panel),
        overlapping=join_list(overlapping),
        suppressed=focus_suppressed or any(comparison.suppressed for _, comparison in compared),
        min_base=format_count(series_set.min_base),
        focus=series_set.focus_series.label,
    )


def _questions(findings) -> str:
    """"de vraag ‘A?’", "de vragen ‘A?’ en ‘B?’"."""
    quoted = [f"‘{finding.question.strip()}’" for finding in findings]
    return f"{'de vragen' if len(quoted) > 1 else 'de vraag'} {join_list(quoted)}"


def _unknown_base_where(findings, compared, series_set) -> tuple[str, bool]:
    """The questions whose comparisons rest on an unknown base, when they are only some of the compared
    findings (so the method does not say it of all); ("", False) when it holds for every one."""
    focus = series_set.focus
    affected, involved = [], []
    for finding, comparison in compared:
        if finding not in involved:
            involved.append(finding)
        if (finding.base_in(comparison.series.id) is None or finding.base_in(focus) is None) \
                and finding not in affected:
            affected.append(finding)
    if not affected or len(affected) == len(involved):
        return "", False
    return _questions(affected), len(affected) > 1


def _without_sd_where(findings, opt_in_panel: bool) -> str:
    """The grades compared without standard deviations, when other compared grades have them: "het cijfer
    voor ‘Buurt’" (read after "Bij"); "" when the method may speak of all grades."""
    untested, tested = [], []
    for finding in findings:
        for item in finding.items:
            comparisons = item_comparisons(finding, item, opt_in_panel)
            if not comparisons:
                continue
            if any(comparison.untested is Untested.NO_SD for comparison in comparisons):
                untested.append(f"‘{item.label}’")
            elif finding.unit == "grade":
                tested.append(item)
    if not untested or not tested:
        return ""
    return f"{'de rapportcijfers' if len(untested) > 1 else 'het rapportcijfer'} voor {join_list(untested)}"
