"""Waiting on what happens in a folder (Linux inotify) instead of sleeping for a guessed time."""

from __future__ import annotations

import ctypes
import os
import select
import struct
from pathlib import Path
from typing import Callable

_IN_CREATE = 0x100
_IN_MOVED_TO = 0x80
_IN_CLOSE_WRITE = 0x8
_EVENT = struct.Struct("iIII")


class FolderEvents:
    """Watches a folder tree; `wait_until` wakes on every change in it and re-checks a condition."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(os.O_CLOEXEC | os.O_NONBLOCK)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        self._watched: set[Path] = set()
        self._watch_new_folders()

    def _watch_new_folders(self) -> None:
        for folder in [self.root, *(path for path in self.root.rglob("*") if path.is_dir())]:
            if folder not in self._watched:
                mask = _IN_CREATE | _IN_MOVED_TO | _IN_CLOSE_WRITE
                if self._libc.inotify_add_watch(self._fd, os.fsencode(folder), mask) >= 0:
                    self._watched.add(folder)

    def wait_until(self, condition: Callable[[], bool], timeout: float) -> bool:
        """Whether `condition` became true before `timeout` seconds passed without any change in the tree.
        Folders created meanwhile are watched too; each is re-scanned, so no event between scans is lost."""
        while True:
            self._watch_new_folders()
            if condition():
                return True
            ready, _, _ = select.select([self._fd], [], [], timeout)
            if not ready:
                return condition()
            try:
                os.read(self._fd, 64 * (_EVENT.size + 256))
            except BlockingIOError:
                pass

    def close(self) -> None:
        os.close(self._fd)

    def __enter__(self) -> "FolderEvents":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
