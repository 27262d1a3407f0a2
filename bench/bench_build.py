"""Build benchmark: `python bench/bench_build.py` prints the default build against its yardsticks.

Measured in one run, on the same work (the seed data, every default audience x pptx and docx):
- `barometer build` as a user runs it (a fresh process): cold (new output folder, so no chart
  cache) and again with nothing changed; fastest of three, wall and CPU time;
- pandoc assembling comparable Markdown into the same 8 files from ready PNGs (bench/pandoc_yardstick.py),
  when pandoc is installed;
- a naive script: for every document, load and compose, draw every chart of that document with
  plain pyplot (tight_layout, savefig) and write the file; no cache, one process;
- `barometer --help`, fastest of five;
- the national batch shape: `--municipalities` (default 342) municipalities x 4 audiences x 2 formats,
  each municipality its own numbers, built one after another through the API in this process, with
  the median time per output of the first and the last 10% of the builds (at least 5 builds each, so a
  short batch is not two builds against two; cost should stay linear), the memory of the build process
  after the first and the last build, the peak memory of the whole process tree (this process and its
  workers, sampled) and the workers a build starts. One untimed build first takes the one-time cost of
  imports and fonts, and CPU time leaves out the memory sampler's own, so both measure the builds alone.
Not part of the test suite; figures depend on the machine, ratios much less.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench")]  # also under `python -P`, which leaves the script's folder out

SEED = REPO / "data" / "barometer-burgerparticipatie.yaml"
AUDIENCES = REPO / "data" / "audiences.yaml"
TEMPLATE = REPO / "templates" / "default"
MUNICIPALITIES = 342
SOURCE_DATE_EPOCH = "1795824000"


def real_build(out: Path, data: Path = SEED, jobs: int | None = None) -> float:
    from generator.build import BuildRequest, run_build

    request = BuildRequest(data=data, template=TEMPLATE, audiences=AUDIENCES, out=out, formats=("pptx", "docx"),
                           jobs=jobs, quiet=True)
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        stdout, sys.stdout = sys.stdout, sink
        try:
            code = run_build(request).exit_code
        finally:
            sys.stdout = stdout
    if code != 0:
        raise SystemExit(f"build failed with exit code {code}")
    return time.perf_counter() - start


def naive_build(out: Path) -> float:
    """The same documents, each drawing its own charts with plain pyplot, no cache."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from generator.audiences import load_audiences
    from generator.compose import compose_report, report_date
    from generator.readers import load_survey
    from generator.template_set import load_template_set
    from generator.writers import WriterOptions, get_writer

    start = time.perf_counter()
    out.mkdir(parents=True)
    for fmt in ("pptx", "docx"):
        survey = load_survey(SEED)
        template = load_template_set(TEMPLATE)
        for audience in load_audiences(AUDIENCES, survey):
            report = compose_report(survey, audience, template, report_date())
            images = {}
            for chart in report.charts:
                figure, axes = plt.subplots(figsize=(10, 5))
                series = chart.spec.series[0]
                axes.barh(list(chart.spec.categories), [value or 0 for value in series.values])
                for index, label in enumerate(series.labels):
                    axes.text((series.values[index] or 0) + 1, index, label, va="center")
                axes.set_title(chart.spec.title)
                figure.tight_layout()
                path = out / f"{audience.id}-{fmt}-{chart.chart_id}.png"
                figure.savefig(path, dpi=144)
                plt.close(figure)
                images[chart.chart_id] = path
            document = get_writer(fmt).write(report, images, template, WriterOptions())
            (out / f"{audience.id}.{fmt}").write_bytes(document.content)
    return time.perf_counter() - start


def municipality_data(folder: Path, number: int) -> Path:
    """The seed's structure with this municipality's own (plausible, random) numbers; a draw the
    validator refuses (a 'few' reading above half) is drawn again, so every municipality builds."""
    from generator.errors import InputError
    from generator.readers import read_survey

    path = folder / f"gemeente-{number:03d}.yaml"
    for attempt in range(20):
        randomiser = random.Random(number * 100 + attempt)
        lines = []
        for line in SEED.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith("value:") and "6.7" not in stripped:
                value = int(float(stripped.split(":", 1)[1]))
                line = line.replace(stripped, f"value: {max(1, min(99, value + randomiser.randint(-4, 4)))}")
            elif stripped.startswith("id: barometer-burgerparticipatie"):
                line = line.replace("barometer-burgerparticipatie", f"gemeente-{number:03d}")
            lines.append(line)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            read_survey(path)
            return path
        except InputError:
            continue
    raise SystemExit(f"no valid numbers drawn for municipality {number}")


def cli_build(out: Path, *options: str) -> tuple[float, float]:
    """Wall and CPU seconds (build and workers) of `barometer build` in a fresh process."""
    command = [sys.executable, "-m", "generator", "build", "--quiet", "--data", str(SEED), "--audiences",
               str(AUDIENCES), "--template", str(TEMPLATE), "--out", str(out), "--format", "pptx", "--format",
               "docx", *options]
    return _timed(command)


def help_time() -> float:
    """The fastest of five `barometer --help` runs, in seconds."""
    return min(_timed([sys.executable, "-m", "generator", "--help"])[0] for _ in range(5))


def _cpu_seconds() -> float:
    """CPU seconds of this process and its finished workers so far."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _timed(command: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                   env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


class TreeMemory:
    """Samples the memory of this process and all its descendants (PSS); `peak` in MB, and `cpu`: the CPU
    seconds sampling took, which count as this process's own."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval, self.peak, self.cpu, self._stop = interval, 0.0, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, tree_memory_mb(os.getpid()))
            self.cpu = time.thread_time()


def tree_memory_mb(root: int) -> float:
    """Memory of process `root` and its descendants now, from /proc: the sum of their proportional set
    sizes (PSS), so pages forked workers share with the build process count once, not once per process."""
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_text()
                parents[int(name)] = int(stat[stat.rindex(")") + 2:].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, grown = {root}, True
    while grown:
        children = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= children
        grown = bool(children)
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except (OSError, ValueError):
            continue
    return total / 2**20


def main() -> None:
    from pandoc_yardstick import pandoc_times, pandoc_version

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=MUNICIPALITIES, help="size of the synthetic batch")
    arguments = parser.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH

    from generator.worker_pool import worker_count

    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="barometer-bench-build-") as folder:
        folder = Path(folder)
        # first, before anything else runs in this process, so the memory sampled is the batch's own
        batch = run_batch(folder, arguments.municipalities)
        cli_build(folder / "warm-up")
        cold = min((cli_build(folder / f"cold-{run}") for run in range(3)), key=lambda times: times[0])
        warm = min((cli_build(folder / "cold-0") for _ in range(3)), key=lambda times: times[0])
        pandoc = pandoc_times(folder / "pandoc")
        naive = naive_build(folder / "naive")
        help_seconds = help_time()
        rows += [("full default build, cold (4 audiences x 2 formats)", f"{cold[0]:.2f} s wall, {cold[1]:.2f} s cpu"),
                 ("warm rebuild (nothing changed)", f"{warm[0]:.2f} s ({warm[0] / cold[0]:.0%} of cold)")]
        if pandoc is None:
            rows.append(("pandoc yardstick", "pandoc is not installed: no yardstick (apt-get install pandoc)"))
        else:
            for variant, (wall, cpu) in pandoc.items():
                rows.append((f"{pandoc_version()}, {variant}, 8 files from ready PNGs",
                             f"{wall:.2f} s wall, {cpu:.2f} s cpu; build / pandoc {cold[0] / wall:.1f}x"))
        rows += [("naive script, same work (pyplot per document, no cache)", f"{naive:.2f} s"),
                 ("speed-up naive / full build", f"{naive / cold[0]:.1f}x"),
                 ("barometer --help", f"{help_seconds:.3f} s")]

    if batch.durations:
        rows += batch_rows(arguments.municipalities, batch, worker_count(None, 8))
    print(f"barometer build benchmark ({platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()})")
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:{width}}  {value}")


class Batch(NamedTuple):
    """What the national batch measured: per build its wall and CPU seconds and the build process's memory
    after it (PSS, MB); the batch's wall seconds, outputs, peak memory of the process tree and warm-up."""

    durations: list[float]
    cpu_times: list[float]
    memory_after: list[float]
    seconds: float
    outputs: int
    peak: float
    warm_up_cpu: float


def run_batch(folder: Path, municipalities: int) -> Batch:
    """Build `municipalities` municipalities one after another in this process, after one untimed build that
    takes the one-time cost (imports, fonts); CPU time is the builds' and their workers', not the sampler's."""
    batch_out = folder / "batch"
    durations, cpu_times, memory_after = [], [], []
    with TreeMemory() as memory:
        warm_up_before = _cpu_seconds()
        real_build(folder / "batch-warm-up", municipality_data(folder, municipalities))
        warm_up_cpu = _cpu_seconds() - warm_up_before
        batch_start = time.perf_counter()
        for number in range(municipalities):
            data = municipality_data(folder, number)
            cpu_before, sampler_before = _cpu_seconds(), memory.cpu
            durations.append(real_build(batch_out / f"gemeente-{number:03d}", data))
            cpu_times.append(_cpu_seconds() - cpu_before - (memory.cpu - sampler_before))
            memory_after.append(tree_memory_mb(os.getpid()))  # the build's workers have exited
        seconds = time.perf_counter() - batch_start
    outputs = sum(1 for _ in batch_out.rglob("*.pptx")) + sum(1 for _ in batch_out.rglob("*.docx"))
    return Batch(durations, cpu_times, memory_after, seconds, outputs, memory.peak, warm_up_cpu)


def batch_rows(municipalities: int, batch: Batch, workers: int) -> list[tuple[str, str]]:
    """The batch's lines: total, median per output at the start and the end (wall and CPU), memory, workers."""
    builds = len(batch.durations)
    window = max(builds // 10, min(5, builds // 2), 1)
    per_municipality = batch.outputs / max(1, builds)
    rows = [(f"synthetic batch: {municipalities} municipalities, {batch.outputs} outputs", f"{batch.seconds:.1f} s"),
            ("  warm-up build before the batch (one-time imports and fonts)", f"{batch.warm_up_cpu:.2f} s cpu")]
    for name, times in (("wall", batch.durations), ("cpu", batch.cpu_times)):
        first = statistics.median(times[:window]) / per_municipality
        last = statistics.median(times[-window:]) / per_municipality
        rows.append((f"  per output, median of the first / last {window} builds ({name})",
                     f"{first * 1000:.0f} ms / {last * 1000:.0f} ms ({last / first - 1:+.0%})"))
    return rows + [
        ("  build process after the first / last build (PSS)",
         f"{batch.memory_after[0]:.0f} MB / {batch.memory_after[-1]:.0f} MB"),
        ("  peak memory of the process tree (PSS, sampled)", f"{batch.peak:.0f} MB"),
        ("  workers per build", f"{workers} on {os.cpu_count()} cores")]


if __name__ == "__main__":
    main()
