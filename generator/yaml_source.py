"""Safe YAML loading that remembers where every value came from.

Findings, audiences and template settings are edited by hand, so every error must point
at a line. The loader is YAML 1.2-like where YAML 1.1 surprises people: only true/false
are booleans (``NO`` stays the text "NO") and ``1:20`` stays text instead of becoming 80.
Size and alias expansion are capped so a hostile file cannot exhaust memory.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

import yaml

from generator.errors import InputError, problem_at

MAX_YAML_BYTES = 5 * 1024 * 1024
_UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Raw control characters: YAML refuses them without a line number, so they are found first."""
MAX_NODES = 200_000
"""Values produced after alias expansion; a "billion laughs" file exceeds it quickly."""


class LocatedDict(dict):
    """A mapping from YAML that knows the line of each key (1-based)."""

    def __init__(self, *args: Any, line: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line = line
        self.key_lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int | None:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A sequence from YAML that knows the line of each item (1-based)."""

    def __init__(self, *args: Any, line: int | None = None) -> None:
        super().__init__(*args)
        self.line = line
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int | None:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


def unknown_keys(node: LocatedDict, allowed) -> list[tuple[Any, int | None, str]]:
    """Keys of `node` not in `allowed`, each with its line and a hint: "did you mean 'value'?"."""
    result = []
    for key in node:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"expected one of {', '.join(sorted(allowed))}"
            result.append((key, node.line_of(key), hint))
    return result


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and no sexagesimal numbers."""


_StrictLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?(?:0|[1-9][0-9_]*)$", "-+0123456789"),
    ("float", r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9]+(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("timestamp", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "0123456789"),
):
    _StrictLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


def read_text(path: Path, max_bytes: int = MAX_YAML_BYTES) -> str:
    """The text of a user file as UTF-8, or an `InputError` saying why it cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(problem_at(path, f"file is {size // 1024} KB; at most {max_bytes // 1024} KB allowed"))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(problem_at(path, "file not found")) from None
    except IsADirectoryError:
        raise InputError(problem_at(path, "is a folder, expected a file")) from None
    except OSError as error:
        raise InputError(problem_at(path, f"cannot read file: {error.strerror}")) from None
    if b"\x00" in raw:
        raise InputError(problem_at(path, "is a binary file, expected UTF-8 text"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(problem_at(path, "is not valid UTF-8 text; save it as UTF-8", line)) from None
    return text


def load_yaml(path: Path) -> Any:
    """The YAML document in `path` as LocatedDict/LocatedList/scalars."""
    text = read_text(path)
    if not text.strip():
        raise InputError(problem_at(path, "file is empty"))
    bad = _UNREADABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise InputError(problem_at(path, f"contains control character U+{ord(bad.group()):04X}, which documents "
                                          "cannot hold; remove it", line))
    try:
        node = yaml.compose(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        message = f"YAML syntax error: {error.problem}" + (f" ({error.context})" if error.context else "")
        raise InputError(problem_at(path, message, line)) from None
    except yaml.YAMLError as error:
        raise InputError(problem_at(path, f"YAML error: {error}")) from None
    if node is None:
        raise InputError(problem_at(path, "file is empty"))
    return _NodeConverter(path).convert(node)


def load_yaml_mapping(path: Path) -> LocatedDict:
    """A YAML file whose top level must be a mapping."""
    data = load_yaml(path)
    if not isinstance(data, LocatedDict):
        raise InputError(problem_at(path, "expected a mapping (key: value lines) at the top level", 1))
    return data


class _NodeConverter:
    """Turns composed YAML nodes into located Python values, counting every value made."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self.constructor = _StrictLoader("")

    def convert(self, node: yaml.Node) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise InputError(problem_at(self.path, "too many values after expanding aliases (&/*); "
                                        "is this an alias bomb?", node.start_mark.line + 1))
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result = LocatedDict(line=line)
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise InputError(problem_at(self.path, "merge keys (<<) are not supported", key_node.start_mark.line + 1))
                key = self.convert(key_node)
                if isinstance(key, (dict, list)):
                    raise InputError(problem_at(self.path, "a key must be plain text", key_node.start_mark.line + 1))
                if key in result:
                    raise InputError(problem_at(self.path, "key appears twice in the same mapping",
                                                key_node.start_mark.line + 1, str(key)))
                result[key] = self.convert(value_node)
                result.key_lines[key] = key_node.start_mark.line + 1
            return result
        if isinstance(node, yaml.SequenceNode):
            result_list = LocatedList(line=line)
            for item in node.value:
                result_list.append(self.convert(item))
                result_list.item_lines.append(item.start_mark.line + 1)
            return result_list
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            raise InputError(problem_at(self.path, f"cannot read value: {error.problem}", line)) from None
