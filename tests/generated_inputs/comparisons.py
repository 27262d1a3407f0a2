"""Findings files of the comparisons' bad-input cases: a valid two-wave file with one fault each."""

from __future__ import annotations

from pathlib import Path

VALID = """\
survey:
  id: peiling
  title: Peiling
  publisher: Gemeente Voorbeeld
  series:
    - {id: "2025", label: "2025", kind: wave}
    - {id: "2023", label: "2023", kind: wave}
    - {id: nederland, label: Nederland, kind: benchmark}
  focus: "2025"
themes:
  - id: wonen
    title: Wonen
    findings:
      - id: tevredenheid
        question: Welk rapportcijfer geeft u uw woning?
        kind: grade
        base: {"2025": 812, "2023": 790, nederland: 15400}
        items:
          - label: Woning
            value: 7.4
            compare: {"2023": 7.1, nederland: 7.5}
            sd: {"2025": 1.4, "2023": 1.5}
      - id: onveilig
        question: Hoe vaak voelt u zich onveilig in uw buurt?
        kind: single
        base: {"2025": 800, "2023": 800}
        items:
          - {label: Vaak, value: 20, compare: {"2023": 30}}
          - {label: Soms, value: 40, compare: {"2023": 45}}
          - {label: Nooit, value: 40, compare: {"2023": 25}}
"""
FAULTS = {
    "comparisons-unknown-series-in-compare": ('compare: {"2023": 7.1, nederland: 7.5}', 'compare: {"2021": 7.1, nederland: 7.5}'),
    "comparisons-unknown-series-in-base": ('base: {"2025": 812, "2023": 790, nederland: 15400}',
                                           'base: {"2025": 812, "2023": 790, provincie: 15400}'),
    "comparisons-unknown-series-in-sd": ('sd: {"2025": 1.4, "2023": 1.5}', 'sd: {"2025": 1.4, "2022": 1.5}'),
    "comparisons-series-declared-twice": ('{id: nederland, label: Nederland, kind: benchmark}',
                                          '{id: "2023", label: Nederland, kind: benchmark}'),
    "comparisons-focus-not-declared": ('focus: "2025"', 'focus: "2024"'),
    "comparisons-base-not-whole": ('base: {"2025": 800, "2023": 800}', 'base: {"2025": 800, "2023": 12.5}'),
    "comparisons-base-zero": ('base: {"2025": 800, "2023": 800}', 'base: {"2025": 800, "2023": 0}'),
    "comparisons-wave-label-not-unique": ('{id: "2023", label: "2023", kind: wave}', '{id: "2023", label: "2025", kind: wave}'),
    "comparisons-grade-scales-differ": ('        kind: grade\n', '        kind: grade\n        scale: {"2025": [1, 10], "2023": [1, 5]}\n'),
    "comparisons-single-sum-above-101": ('{label: Nooit, value: 40, compare: {"2023": 25}}',
                                         '{label: Nooit, value: 40, compare: {"2023": 35}}'),
    "comparisons-compare-without-series": ('  series:\n    - {id: "2025", label: "2025", kind: wave}\n'
                                           '    - {id: "2023", label: "2023", kind: wave}\n'
                                           '    - {id: nederland, label: Nederland, kind: benchmark}\n  focus: "2025"\n', ''),
}


def _writer(fault: tuple[str, str]):
    def write(work: Path) -> Path:
        old, new = fault
        assert old in VALID
        path = work / "findings.yaml"
        path.write_text(VALID.replace(old, new), encoding="utf-8")
        return path
    return write


def write_valid(work: Path) -> Path:
    """The valid file itself: it must build every audience and format."""
    path = work / "findings.yaml"
    path.write_text(VALID, encoding="utf-8")
    return path


GENERATORS = {case_id: _writer(fault) for case_id, fault in FAULTS.items()}
