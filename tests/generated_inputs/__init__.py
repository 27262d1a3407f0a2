"""Inputs of the bad-input suite that are made at run time (large, binary or bomb files).

Each module here holds one area's generators in a dict `GENERATORS`: case id -> a function
that writes the case's input inside the work folder (a valid project: findings, audiences and
a copy of the default template set in `template/`) and returns the path it wrote.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Callable

Generator = Callable[[Path], Path]

GENERATORS: dict[str, Generator] = {}
for _module in pkgutil.iter_modules(__path__):
    _generators = importlib.import_module(f"{__name__}.{_module.name}").GENERATORS
    duplicated = GENERATORS.keys() & _generators.keys()
    if duplicated:
        raise ValueError(f"bad-input generators defined twice: {sorted(duplicated)}")
    GENERATORS.update(_generators)
