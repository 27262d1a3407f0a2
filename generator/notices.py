"""Notices: what the user should know about a build that does not stop it.

Stages return notices with their results instead of printing them; the command line prints
each distinct notice once, however many audiences, formats or workers ran into it.
"""

from __future__ import annotations

from typing import Iterable, Iterator


class Notices:
    """An ordered set of warning texts: adding one that is already there keeps the first."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self._texts: dict[str, None] = dict.fromkeys(str(text) for text in texts)

    def add(self, text: object) -> None:
        self._texts.setdefault(str(text), None)

    def extend(self, texts: Iterable[object]) -> None:
        for text in texts:
            self.add(text)

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __bool__(self) -> bool:
        return bool(self._texts)

    def __reduce__(self):
        """Travel back from a worker process as the texts they hold."""
        return (type(self), (tuple(self._texts),))
