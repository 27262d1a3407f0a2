"""Respondent-data benchmark: `python bench/bench_responses.py [--respondents N]` prints time and memory.

Measured on a synthetic SPSS file written with pyreadstat (100,000 respondents x 100 variables:
40 single-answer questions, 30 grades, 10 multiple-response sets of three, plus district and weight):
- tabulating every finding (`barometer tabulate`'s work), with the peak of Python allocations
  (tracemalloc) against the size of the table in memory: groups are masks, not copies;
- the same with `breakdown: wijk`: every finding per district as comparison series (11 series);
- a `build --each wijk` over 10 districts, each district against the whole municipality as an
  overlapping benchmark (a smaller findings file: 6 findings, pptx and docx), run as the CLI in
  its own process, with wall time and the peak resident memory of the largest process (the build
  or one of its workers).
Not part of the test suite; figures depend on the machine.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

AUDIENCES = REPO / "tests" / "bad_inputs" / "audiences.yaml"
TEMPLATE = REPO / "templates" / "default"


def write_responses(path: Path, count: int, seed: int = 5) -> None:
    """The synthetic SPSS file: wijk, gewicht, s1..s40 (1-5, 9 missing), g1..g30 (1-10), m1_1..m10_3 (0/1)."""
    import pyreadstat

    rng = np.random.default_rng(seed)
    columns = {"wijk": rng.integers(1, 11, count).astype(float), "gewicht": rng.uniform(0.3, 2.5, count)}
    for index in range(1, 41):
        columns[f"s{index}"] = rng.choice([1.0, 2.0, 3.0, 4.0, 5.0, 9.0], count)
    for index in range(1, 31):
        columns[f"g{index}"] = rng.integers(1, 11, count).astype(float)
    for index in range(1, 11):
        for item in range(1, 4):
            columns[f"m{index}_{item}"] = (rng.random(count) < 0.3).astype(float)
    labels = {f"s{index}": {1: "Zeer eens", 2: "Eens", 3: "Neutraal", 4: "Oneens", 5: "Zeer oneens", 9: "Weet niet"}
              for index in range(1, 41)}
    labels["wijk"] = {code: f"Wijk {code}" for code in range(1, 11)}
    pyreadstat.write_sav(pd.DataFrame(columns), path, variable_value_labels=labels,
                         missing_ranges={f"s{index}": [9] for index in range(1, 41)},
                         column_labels={name: f"Vraag {name}" for name in columns})


def findings_yaml(responses: str, singles: int, grades: int, multis: int, breakdown: bool = False) -> str:
    lines = ["survey:", "  id: benchmark", "  title: Benchmark", "  publisher: Gemeente Voorbeeld",
             f"  responses: {responses}", "  weight: gewicht", *(["  breakdown: wijk"] if breakdown else []),
             "themes:", "  - id: alles", "    title: Alles", "    findings:"]
    for index in range(1, singles + 1):
        lines += [f"      - {{id: s{index}, kind: single, variable: s{index}}}"]
    for index in range(1, grades + 1):
        lines += [f"      - {{id: g{index}, kind: grade, variable: g{index}}}"]
    for index in range(1, multis + 1):
        lines += [f"      - {{id: m{index}, kind: multi, question: 'Wat mist u?', "
                  f"variables: [m{index}_1, m{index}_2, m{index}_3]}}"]
    return "\n".join(lines) + "\n"


def bench_tabulate(folder: Path, breakdown: bool = False) -> None:
    from generator.readers import read_survey
    from generator.responses.source import open_responses
    from generator.yaml_source import load_yaml

    findings = folder / "all.yaml"
    findings.write_text(findings_yaml("responses.sav", 40, 30, 10, breakdown), encoding="utf-8")
    tracemalloc.start()
    start = time.perf_counter()
    survey, _ = read_survey(findings)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    table = open_responses(load_yaml(findings), findings).table
    size = table.frame.memory_usage(deep=True).sum()
    what = " by 10 districts (11 series)" if breakdown else ""
    print(f"tabulate{what} {table.rows:,} respondents x {table.frame.shape[1]} variables, {len(survey.findings)} findings: "
          f"{elapsed:.2f} s, peak Python memory {peak / 2**20:.0f} MB (table itself {size / 2**20:.0f} MB)")


def bench_each(folder: Path) -> None:
    findings = folder / "each.yaml"
    findings.write_text(findings_yaml("responses.sav", 3, 2, 1), encoding="utf-8")
    command = [sys.executable, "-m", "generator", "build", "--data", str(findings), "--template", str(TEMPLATE),
               "--audiences", str(AUDIENCES), "--out", str(folder / "out"), "--format", "pptx", "--format", "docx",
               "--each", "wijk", "--quiet"]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(result.stderr)
    documents = len(list((folder / "out").rglob("*.pptx"))) + len(list((folder / "out").rglob("*.docx")))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"build --each wijk, each district against the total as benchmark: {documents} documents in "
          f"{elapsed:.1f} s; peak resident memory {peak:.0f} MB (largest of the build process and its workers)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=100_000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        start = time.perf_counter()
        write_responses(folder / "responses.sav", arguments.respondents)
        size = (folder / "responses.sav").stat().st_size
        print(f"wrote {arguments.respondents:,} x 102 SPSS file ({size / 2**20:.0f} MB) in "
              f"{time.perf_counter() - start:.1f} s (not measured)")
        bench_each(folder)
        bench_tabulate(folder)
        bench_tabulate(folder, breakdown=True)


if __name__ == "__main__":
    main()
