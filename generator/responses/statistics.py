"""Weighted shares and means over selected respondents, with unweighted and effective (Kish) bases.

Every function takes whole columns and a boolean selection, so a group (a district) is a mask
over the one table, never a copy of it. Sums of products use `einsum`, not `dot`: BLAS threads
cost more than they save on one column.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Estimate:
    """One computed figure: a percentage or a mean, with the respondents it rests on."""

    value: float
    base: int
    """Unweighted valid count: the respondents who gave an answer that counts."""
    effective_base: float
    """Kish's n_eff = (sum w)^2 / sum(w^2) over the same respondents; equals `base` without weights."""
    sd: float | None = None
    """Means only: the weighted standard deviation, with Bessel's correction (the sample SD without weights)."""


def effective_base(weights: np.ndarray) -> float:
    """Kish's effective base of `weights`: what significance tests use under weighting."""
    squares = float(np.einsum("i,i->", weights, weights))
    return float(weights.sum()) ** 2 / squares if squares else 0.0


def share(hit: np.ndarray, base: np.ndarray, weights: np.ndarray) -> Estimate:
    """The weighted percentage of respondents in `base` for whom `hit` holds."""
    base_weights = weights[base]
    total = float(base_weights.sum())
    value = 100.0 * float(weights[base & hit].sum()) / total if total else 0.0
    return Estimate(value, int(base.sum()), effective_base(base_weights))


def shares(codes: np.ndarray, categories: tuple[float, ...], base: np.ndarray,
           weights: np.ndarray) -> tuple[Estimate, ...]:
    """The weighted percentage per category code of the respondents in `base`, in one pass."""
    base_weights = weights[base]
    total = float(base_weights.sum())
    chosen = codes[base]
    count, n_eff = int(base.sum()), effective_base(base_weights)
    return tuple(Estimate(100.0 * float(base_weights[chosen == code].sum()) / total if total else 0.0, count, n_eff)
                 for code in categories)


def mean(values: np.ndarray, base: np.ndarray, weights: np.ndarray) -> Estimate:
    """The weighted mean of `values` over the respondents in `base`."""
    base_weights = weights[base]
    total = float(base_weights.sum())
    chosen = values[base]
    value = float(np.einsum("i,i->", chosen, base_weights)) / total if total else float("nan")
    count = len(chosen)
    deviations = chosen - value
    sd = (float(np.einsum("i,i,i->", deviations, deviations, base_weights)) / total * count / (count - 1)) ** 0.5 \
        if count > 1 else None
    return Estimate(value, count, effective_base(base_weights), sd)
