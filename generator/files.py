"""Reading user files safely and writing output files so that a reader never sees half of one."""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import secrets
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from generator.errors import InputError, problem_at

TEMPORARY_MARK = "barometer"
_TEMPORARY = re.compile(rf"^\..+\.{TEMPORARY_MARK}-(?P<pid>\d+)-[0-9a-f]{{8}}\.tmp$")
"""Names `write_atomically` gives its temporary files: `.<name>.barometer-<pid>-<random>.tmp`."""

_HASH_CHUNK = 1024 * 1024
_checked: list[Path] | None = None
"""While `recording_reads` runs: every file `check_readable_file` let through."""


@contextmanager
def recording_reads() -> Iterator[list[Path]]:
    """The paths of the user files checked (and so read) inside the block: what a build depends on."""
    global _checked
    outer, _checked = _checked, []
    try:
        yield _checked
    finally:
        _checked = outer


def check_readable_file(path: Path, max_bytes: int | None = None) -> int:
    """The size of `path`, after refusing (before anything is read) a missing path, a folder, a FIFO or
    device (reading it would block or never end) and a file larger than `max_bytes`."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise InputError(problem_at(path, "file not found")) from None
    except OSError as error:
        raise InputError(problem_at(path, f"cannot read file: {error.strerror}")) from None
    if stat.S_ISDIR(status.st_mode):
        raise InputError(problem_at(path, "is a folder, expected a file"))
    if not stat.S_ISREG(status.st_mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(status.st_mode) else
                "a device" if stat.S_ISCHR(status.st_mode) or stat.S_ISBLK(status.st_mode) else "a socket")
        raise InputError(problem_at(path, f"is {kind}, not a regular file; give the path of a saved file"))
    if max_bytes is not None and status.st_size > max_bytes:
        raise InputError(problem_at(path, f"file is {status.st_size // 1024} KB; "
                                          f"at most {max_bytes // 1024} KB allowed"))
    if _checked is not None:
        _checked.append(Path(path))
    return status.st_size


def write_atomically(path: Path, content: bytes) -> None:
    """Write `content` to `path` via a temporary file in the same folder, fsync and rename:
    an interrupted write leaves the previous file intact and no partial file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{TEMPORARY_MARK}-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path) -> None:
    """Delete the temporaries `write_atomically` left in `folder` (not below it) when its process was
    killed: only files with its name pattern whose process is gone; every other file stays."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match and entry.is_file(follow_symlinks=False) and not _process_exists(int(match["pid"])):
            Path(entry.path).unlink(missing_ok=True)


def _process_exists(pid: int) -> bool:
    """Whether process `pid` still runs; one that has ended but is not yet reaped (a zombie) cannot write."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


class FolderLocked(Exception):
    """Another process holds the lock of a folder."""


def lock_exclusively(lock_path: Path) -> int:
    """An open descriptor holding an exclusive lock (flock) on `lock_path`, released when closed;
    `FolderLocked` at once if another process holds it. The lock file stays: removing it would let
    two processes lock two different files of the same name."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(handle)
        raise FolderLocked(str(lock_path)) from None
    return handle


def sha256_of(path: Path) -> str:
    """The hex SHA-256 of a file, read in chunks so a large file never sits in memory whole."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
