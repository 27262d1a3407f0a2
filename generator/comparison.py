"""Comparisons of an answer across series: the difference, and whether the data licenses a claim about it.

A difference may be called "hoger", "gestegen" or "meer dan het landelijk gemiddelde" only when
it is significant at 95% given both bases: a two-proportion z-test for shares, Welch's t-test for
grades with standard deviations. Without bases, for an opt-in panel, for grades without `sd`
and for approximate values the difference is stated descriptively, never as significant.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from generator.dutch import round_half_up
from generator.findings import DataSeries, Finding, FindingKind, Item, Value

CONFIDENCE = 95
"""The confidence level of every claim, in percent."""
ALPHA = 1 - CONFIDENCE / 100


class Untested(Enum):
    """Why a difference is stated without a claim."""

    PANEL = "panel"
    """The respondents chose to take part: no random sample, so no significance."""
    NO_BASE = "no_base"
    """A base is unknown."""
    NO_SD = "no_sd"
    """A grade without standard deviations: Welch's test needs them."""
    APPROXIMATE = "approximate"
    """The source gives a value only approximately."""


@dataclass(frozen=True)
class Comparison:
    """One answer's focus value against its value in another series, and what text may claim about it."""

    series: DataSeries
    value: Value | None
    """None when the series reports no value, or when its base is below the minimum (`suppressed`)."""
    suppressed: bool
    base: int | None
    difference: Decimal | None
    """Focus minus this series as displayed (whole percentage points, grade points to one decimal);
    None without a value or with an approximate one."""
    significant: bool
    """True only when tested and significant at `CONFIDENCE`%."""
    untested: Untested | None
    """Why no test was made; None when it was."""

    @property
    def tested(self) -> bool:
        return self.untested is None and self.difference is not None


@functools.lru_cache(maxsize=4096)
def item_comparisons(finding: Finding, item: Item, opt_in_panel: bool = False) -> tuple[Comparison, ...]:
    """The comparisons of `item` with every other series that reports it or whose value is suppressed."""
    series_set = finding.series
    if series_set is None or item.value is None or finding.is_suppressed(series_set.focus):
        return ()
    decimals = finding_decimals(finding)
    comparisons = []
    for series in series_set.others:
        value = item.value_in(series.id, series_set.focus)
        if value is None:
            continue
        base = finding.base_in(series.id)
        if finding.is_suppressed(series.id):
            comparisons.append(Comparison(series, None, True, base, None, False, None))
            continue
        difference = None
        if not (value.is_approximate or item.value.is_approximate):
            places = 1 if finding.unit == "grade" else decimals
            difference = round_half_up(item.value.amount, places) - round_half_up(value.amount, places)
        untested = _untested(finding, item, series, value, opt_in_panel)
        significant = untested is None and difference is not None and difference != 0 and _is_significant(
            finding, item, series, value)
        comparisons.append(Comparison(series, value, False, base, difference, significant, untested))
    return tuple(comparisons)


def finding_decimals(finding: Finding) -> int:
    """0 for whole percentages, 1 when any series gives a decimal: one precision for the whole comparison."""
    values = [*finding.values(), *(value for item in finding.items for _, value in item.compare)]
    return 1 if any(value.amount != int(value.amount) for value in values) else 0


def comparison_strength(finding: Finding, opt_in_panel: bool = False) -> float:
    """How clear a finding's comparison message is: its largest significant difference, 0 when none.

    Grade points weigh ten times a percentage point, so a half-point change in a grade ranks with
    a five-point change in a share.
    """
    weight = 10.0 if finding.unit == "grade" else 1.0
    return max((abs(float(comparison.difference)) * weight
                for item in finding.items for comparison in item_comparisons(finding, item, opt_in_panel)
                if comparison.significant), default=0.0)


def _untested(finding: Finding, item: Item, series: DataSeries, value: Value, opt_in_panel: bool) -> Untested | None:
    if value.is_approximate or item.value.is_approximate:
        return Untested.APPROXIMATE
    if opt_in_panel:
        return Untested.PANEL
    if finding.base_in(series.id) is None or finding.base_in(finding.series.focus) is None:
        return Untested.NO_BASE
    if finding.kind is FindingKind.GRADE and (item.sd_in(series.id) is None or item.sd_in(finding.series.focus) is None):
        return Untested.NO_SD
    return None


def _is_significant(finding: Finding, item: Item, series: DataSeries, value: Value) -> bool:
    focus = finding.series.focus
    focus_base, other_base = finding.effective_base_in(focus), finding.effective_base_in(series.id)
    if finding.kind is FindingKind.GRADE:
        return welch_p_value(item.value.amount, item.sd_in(focus), focus_base,
                             value.amount, item.sd_in(series.id), other_base) < ALPHA
    return proportions_p_value(item.value.amount, focus_base, value.amount, other_base) < ALPHA


@functools.lru_cache(maxsize=4096)
def proportions_p_value(percent: float, base: float, other_percent: float, other_base: float) -> float:
    """Two-sided p-value of the two-proportion z-test (pooled) for two shares given in percent; bases may be
    effective (Kish) bases."""
    if percent == other_percent:
        return 1.0
    pooled = (percent * base + other_percent * other_base) / 100 / (base + other_base)
    if pooled <= 0 or pooled >= 1:
        return 1.0
    from statsmodels.stats.proportion import proportions_ztest

    _, p_value = proportions_ztest([percent / 100 * base, other_percent / 100 * other_base], [base, other_base])
    return float(p_value)


@functools.lru_cache(maxsize=4096)
def welch_p_value(mean: float, sd: float, base: float, other_mean: float, other_sd: float, other_base: float) -> float:
    """Two-sided p-value of Welch's t-test from means, standard deviations and bases."""
    if base < 2 or other_base < 2:
        return 1.0
    from scipy.stats import ttest_ind_from_stats

    return float(ttest_ind_from_stats(mean, sd, base, other_mean, other_sd, other_base, equal_var=False).pvalue)
