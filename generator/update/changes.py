"""The change report of an update: per slide or section, what was updated, kept or not matched."""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass

_NUMBER = re.compile(r"[~<>]?\d+(?:[.,]\d+)*(?:\s?%| procent(?:punt)?)?")
_SHOWN = 90
"""Characters of a text shown in the report when no number tells the difference."""


class ChangeKind(enum.Enum):
    UPDATED = "updated"
    KEPT = "kept"
    """Kept as it is because the user edited it, or because its finding is gone from the data."""
    UNMATCHED = "unmatched"
    """Something the file or the data holds that the other has no counterpart for."""


@dataclass(frozen=True)
class Change:
    """One thing an update did or did not do, and where."""

    place: str
    """Where in the file, e.g. "slide 5" or "section Oordeel"."""
    kind: ChangeKind
    what: str
    """What it concerns, e.g. "title", "chart oordeel.rapportcijfer", "table cell 2,3"."""
    detail: str = ""
    """Old -> new numbers, or why something was kept."""


@dataclass(frozen=True)
class ChangeReport:
    source: str
    output: str
    changes: tuple[Change, ...]

    @property
    def updated(self) -> int:
        return sum(change.kind is ChangeKind.UPDATED for change in self.changes)


def difference(old: str, new: str) -> str:
    """How `new` differs from `old`: "64% -> 66%" per changed number, else the two texts shortened."""
    old_numbers, new_numbers = _NUMBER.findall(old), _NUMBER.findall(new)
    if len(old_numbers) == len(new_numbers) and _NUMBER.sub("#", old) == _NUMBER.sub("#", new):
        pairs = [f"{before} -> {after}" for before, after in zip(old_numbers, new_numbers) if before != after]
        if pairs:
            return ", ".join(pairs)
    return f"{_short(old)!r} -> {_short(new)!r}"


def same_text(old: str, new: str) -> bool:
    """True when two texts differ at most in their spaces."""
    return old.split() == new.split()


def same_wording(old: str, new: str) -> bool:
    """True when two texts differ only in their numbers."""
    return _NUMBER.sub("#", " ".join(old.split())) == _NUMBER.sub("#", " ".join(new.split()))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[:_SHOWN - 1] + "…"


def report_to_text(report: ChangeReport) -> str:
    """The report grouped by place, in file order, with a count line at the end."""
    lines = [f"{report.source} -> {report.output}"]
    places: dict[str, list[Change]] = {}
    for change in report.changes:
        places.setdefault(change.place, []).append(change)
    for place, changes in places.items():
        lines.append(f"{place}:")
        lines += [f"  {change.kind.value}: {change.what}" + (f": {change.detail}" if change.detail else "")
                  for change in changes]
    counts = {kind: sum(change.kind is kind for change in report.changes) for kind in ChangeKind}
    lines.append(", ".join(f"{count} {kind.value}" for kind, count in counts.items()))
    return "\n".join(lines) + "\n"


def report_to_json(report: ChangeReport) -> str:
    data = {"source": report.source, "output": report.output,
            "changes": [{"place": change.place, "kind": change.kind.value, "what": change.what,
                         "detail": change.detail} for change in report.changes]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
