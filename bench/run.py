"""The one-command benchmark: `python bench/run.py` prints one small table of barometer's speed.

It runs the chart bench (bench/bench_charts.py) and the build bench (bench/bench_build.py)
as they are, shows their output, and takes their headline figures; the full default build,
the warm rebuild and a large synthetic batch are also timed here through the real CLI, each
in a fresh temporary project, so the table is complete even when a bench script changes.
Nothing here is part of the test suite's pass/fail.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
SEED = REPO / "data" / "barometer-burgerparticipatie.yaml"
AUDIENCES = REPO / "data" / "audiences.yaml"
TEMPLATE = REPO / "templates" / "default"
SOURCE_DATE_EPOCH = "1795824000"


def machine() -> str:
    """CPU model, cores and Python, as the README quotes them."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{model}, {cores} cores, Python {platform.python_version()} ({platform.system()} {platform.machine()})"


def run_script(name: str, arguments: list[str] | None = None) -> str | None:
    """Run bench/NAME as it is and return its output (shown in full), or None when it is absent or fails."""
    script = BENCH / name
    if not script.is_file():
        print(f"\n--- {name}: not present, skipped")
        return None
    print(f"\n--- {name}")
    result = subprocess.run([sys.executable, str(script), *(arguments or [])], cwd=REPO, capture_output=True,
                            text=True, env=_environment())
    print(result.stdout.rstrip())
    if result.returncode != 0:
        print(f"{name} failed (exit {result.returncode}):\n{result.stderr[-2000:]}")
        return None
    return result.stdout


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    return environment


def build(project: Path, *options: str) -> tuple[float, float]:
    """Wall seconds and peak memory (MB, largest process) of `barometer build` in `project`.

    The build runs under a fresh helper process so its peak is its own, not an earlier build's.
    """
    start = time.perf_counter()
    result = subprocess.run([sys.executable, __file__, "--child", *options], cwd=project,
                            capture_output=True, text=True, env=_environment(), stdin=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"barometer build {' '.join(options)} failed (exit {result.returncode}):\n"
                         f"{result.stderr[-3000:]}")
    return seconds, float(result.stdout.strip().splitlines()[-1]) / 1024


def _child(options: list[str]) -> None:
    """Helper mode: run one build and print the peak RSS (KB) of the build and its workers."""
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--quiet", *options],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    if result.returncode != 0:
        raise SystemExit(result.returncode)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def project(folder: Path, data: Path | None = None, audiences: Path | None = None) -> Path:
    """A throwaway project folder: the seed (or `data`), audiences and the default template."""
    folder.mkdir(parents=True)
    shutil.copytree(TEMPLATE, folder / "templates" / "default")
    (folder / "data").mkdir()
    shutil.copy(data or SEED, folder / "data" / "findings.yaml")
    shutil.copy(audiences or AUDIENCES, folder / "data" / "audiences.yaml")
    (folder / "barometer.yaml").write_text("data: data/findings.yaml\naudiences: data/audiences.yaml\n"
                                           "template: templates/default\nout: output\n", encoding="utf-8")
    return folder


def large_survey(folder: Path, themes: int, findings: int) -> tuple[Path, Path]:
    """A synthetic survey of `themes` x `findings` (every kind, long Dutch labels) and four audiences."""
    kinds = ("multi", "single", "grade", "matrix", "multi")
    theme_list = []
    for t in range(themes):
        finding_list = []
        for f in range(findings):
            kind = kinds[(t + f) % len(kinds)]
            finding = {"id": f"t{t}-f{f}", "question": f"Vraag {f + 1} over onderwerp {t + 1} van deze peiling?",
                       "kind": kind, "key": f == 0, "base": 1200 + t * 10 + f}
            if kind == "grade":
                finding["items"] = [{"label": "Dienstverlening", "value": round(5.5 + (t + f) % 30 / 10, 1)}]
            elif kind == "single":
                finding["items"] = [{"label": f"Antwoord {i + 1}", "value": v} for i, v in enumerate((41, 33, 18, 6))]
            elif kind == "matrix":
                finding["columns"] = ["Agendavorming", "Beleidsvoorbereiding", "Besluitvorming"]
                finding["items"] = [{"label": level, "values": {c: 20 + 7 * r + 5 * i for i, c in
                                                                 enumerate(finding["columns"])}}
                                    for r, level in enumerate(("Meeweten", "Meedenken", "Meebeslissen"))]
            else:
                finding["items"] = [{"label": f"Antwoordcategorie {i + 1} met een langere omschrijving",
                                     "value": max(1, 72 - 6 * i - f)} for i in range(8)]
            finding_list.append(finding)
        theme_list.append({"id": f"thema-{t}", "title": f"Thema {t + 1}", "findings": finding_list})
    data = folder / "large.yaml"
    data.write_text(yaml.safe_dump({"survey": {"id": "groot", "title": "Grote peiling", "publisher": "Bench"},
                                    "themes": theme_list}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    audiences = folder / "large-audiences.yaml"
    audiences.write_text(yaml.safe_dump({"audiences": {
        "raad": {"name": "gemeenteraad", "title": "De kern", "subtitle": "Raad", "document": "raadsinformatiebrief",
                 "detail": "kern"},
        "college": {"name": "college", "title": "Memo", "subtitle": "College", "document": "memo", "detail": "kern"},
        "ambtenaren": {"name": "ambtenaren", "title": "Alles", "subtitle": "Alle uitkomsten",
                       "document": "rapportage", "detail": "volledig"},
        "inwoners": {"name": "inwoners", "title": "Kort", "subtitle": "Inwoners", "document": "samenvatting",
                     "register": "b1", "detail": "volledig"},
    }}, allow_unicode=True), encoding="utf-8")
    return data, audiences


def _number(pattern: str, text: str | None) -> float | None:
    match = re.search(pattern, text or "", re.MULTILINE)
    return float(match.group(1).replace(",", "")) if match else None


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--themes", type=int, default=20, help="themes in the large synthetic survey")
    parser.add_argument("--findings", type=int, default=10, help="findings per theme in the large survey")
    parser.add_argument("--skip-scripts", action="store_true", help="only the CLI timings, not the bench scripts")
    parser.add_argument("--municipalities", type=int, default=342, help="municipalities in bench_build.py's batch")
    arguments = parser.parse_args()

    charts_output = build_output = None
    if not arguments.skip_scripts:
        charts_output = run_script("bench_charts.py")
        build_output = run_script("bench_build.py", ["--municipalities", str(arguments.municipalities)])

    rows: list[tuple[str, str]] = []
    mean_chart = _number(r"^mean per chart\s+([\d.]+)ms", charts_output)
    mean_naive_chart = _number(r"^mean per chart\s+[\d.]+ms\s+([\d.]+)ms", charts_output)
    if mean_chart is not None:
        rows.append(("per-chart render time (mean, seed charts)",
                     f"{mean_chart:.1f} ms" + (f" (naive pyplot {mean_naive_chart:.1f} ms)" if mean_naive_chart else "")))

    with tempfile.TemporaryDirectory(prefix="barometer-bench-") as folder:
        folder = Path(folder)
        seed = project(folder / "seed")
        full, full_memory = build(seed, "--force")
        warm, _ = build(seed)
        rows.append(("full default build (all audiences x formats, cold)", f"{full:.2f} s"))
        naive = _number(r"naive[^\n]*?([\d.]+)\s*s\b", build_output)
        if naive is None:
            sequential = project(folder / "sequential")
            naive, _ = build(sequential, "--force", "--jobs", "1")
            rows.append(("baseline: same build, one process (bench_build.py absent)", f"{naive:.2f} s"))
        else:
            rows.append(("naive baseline, same work (bench_build.py)", f"{naive:.2f} s"))
        rows.append(("ratio full build / baseline", f"{full / naive:.2f}"))
        rows.append(("warm rebuild (nothing changed)", f"{warm:.2f} s"))
        data, audiences = large_survey(folder, arguments.themes, arguments.findings)
        large = project(folder / "large", data, audiences)
        large_time, large_memory = build(large, "--force")
        rows.append((f"large synthetic batch ({arguments.themes} x {arguments.findings} findings, 4 audiences)",
                     f"{large_time:.2f} s"))
        rows.append(("large batch peak memory (largest process)", f"{large_memory:.0f} MB"))
        rows.append(("default build peak memory (largest process)", f"{full_memory:.0f} MB"))

    width = max(len(label) for label, _ in rows)
    print(f"\nbarometer benchmark on {machine()}")
    print(f"| {'measure':{width}} | value |\n| {'-' * width} | ----- |")
    for label, value in rows:
        print(f"| {label:{width}} | {value} |")


if __name__ == "__main__":
    main()
