"""The build's worker processes: as many as there is work for, and none outliving the build.

Workers of a `ProcessPoolExecutor` wait on a queue whose write end they inherited, so when the
build process is killed (SIGKILL, out-of-memory) they would wait forever. Each worker asks
Linux to kill it when its parent dies and, where that is unavailable, watches its parent.
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext

PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal a process receives when its parent thread exits."""
PARENT_POLL_SECONDS = 1.0


def worker_count(requested: int | None, work: int) -> int:
    """Worker processes for `work` independent outputs: `--jobs` (default: the CPU cores), never more
    than there are outputs."""
    return max(1, min(requested or os.cpu_count() or 1, work))


def jobs_notice(requested: int | None) -> str | None:
    """The warning for a `--jobs` that asks for more workers than the machine has cores; None otherwise."""
    cores = os.cpu_count() or 1
    if requested is None or requested <= cores:
        return None
    return f"--jobs {requested} is more than the {cores} CPU cores of this machine; extra workers only use more memory."


def worker_pool(workers: int):
    """A process pool of `workers` processes that exit with the build, or no pool for one worker."""
    if workers < 2:
        return nullcontext()
    return ProcessPoolExecutor(max_workers=workers, initializer=exit_with_parent, initargs=(os.getpid(),))


def exit_with_parent(parent: int) -> None:
    """Worker initializer: end this process as soon as process `parent` is gone."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    """Fallback where prctl is missing: poll the parent id, which changes when the parent dies."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)
