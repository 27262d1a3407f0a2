"""Waiting for processes without sleeping: pidfds become readable when their process exits."""

from __future__ import annotations

import os
import select
from pathlib import Path


def exit_handles(pids: set[int]) -> list[int]:
    """A pidfd per process still running: it becomes readable when that process exits."""
    handles = []
    for pid in pids:
        try:
            handles.append(os.pidfd_open(pid))
        except ProcessLookupError:
            pass
    return handles


def wait_for_exits(handles: list[int], timeout: float) -> None:
    """Until every process behind `handles` exited, or `timeout` seconds passed without one exiting."""
    waiting = list(handles)
    try:
        while waiting:
            ready, _, _ = select.select(waiting, [], [], timeout)
            if not ready:
                return
            waiting = [handle for handle in waiting if handle not in ready]
    finally:
        for handle in handles:
            os.close(handle)


def children(pid: int) -> set[int]:
    """The child processes of `pid` now."""
    found: set[int] = set()
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found |= {int(child) for child in (task / "children").read_text().split()}
    except OSError:
        pass
    return found


def alive(pids: set[int]) -> set[int]:
    """The processes in `pids` that still run (a zombie waiting to be reaped has ended)."""
    running = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state not in ("Z", "X"):
            running.add(pid)
    return running
