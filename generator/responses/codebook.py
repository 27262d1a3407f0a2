"""What a variable's codes mean: its label, value labels and missing codes, from the file or a codebook.

SPSS files carry this metadata; a CSV or XLSX export does not, so the findings file may hold a
`codebook:` section (declared in `generator.responses.settings`), which also overrides the
metadata of an SPSS file:

    codebook:
      v13:
        label: Bent u van plan te verhuizen?
        values: {1: Zeker wel, 2: Misschien, 3: Zeker niet, 9: Weet niet}
        missing: [9]
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Variable:
    """One variable's metadata: label, value labels in code order, and which codes mean "no answer"."""

    name: str
    label: str | None = None
    value_labels: tuple[tuple[float, str], ...] = ()
    missing_values: tuple[float, ...] = ()
    missing_ranges: tuple[tuple[float, float], ...] = ()
    """SPSS user-missing ranges, both ends included."""
    measure: str = "unknown"
    text: bool = False
    """Stored as text in the file: free text or string codes, never tabulated."""

    def label_of(self, code: float) -> str | None:
        return dict(self.value_labels).get(code)

    def missing_mask(self, codes: np.ndarray) -> np.ndarray:
        """Which of `codes` are user-missing ("weet niet", "geen antwoord"); NaN is not user-missing."""
        mask = np.isin(codes, np.asarray(self.missing_values, dtype=float)) if self.missing_values else \
            np.zeros(len(codes), dtype=bool)
        for low, high in self.missing_ranges:
            mask |= (codes >= low) & (codes <= high)
        return mask

    def is_missing_code(self, code: float) -> bool:
        return bool(self.missing_mask(np.asarray([code], dtype=float))[0])


def merged(file_variable: Variable | None, codebook: Variable | None, name: str) -> Variable:
    """The file's metadata with what the codebook says in its place."""
    base = file_variable or Variable(name=name)
    if codebook is None:
        return base
    return dataclasses.replace(
        base, label=codebook.label or base.label, value_labels=codebook.value_labels or base.value_labels,
        missing_values=codebook.missing_values or base.missing_values,
        missing_ranges=() if codebook.missing_values else base.missing_ranges)
