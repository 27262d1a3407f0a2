"""Safe YAML loading that remembers where every value came from.

Findings, audiences and template settings are edited by hand, so every error must point
at a line. The loader is YAML 1.2-like where YAML 1.1 surprises people: only true/false
are booleans (``NO`` stays the text "NO") and ``1:20`` stays text instead of becoming 80.
Size, nesting depth and alias expansion are capped so a hostile file cannot exhaust memory
or the stack. Integers take no ``_`` (YAML 1.1 reads ``3_1`` as 31).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.errors import InputError, problem_at
from generator.files import check_readable_file

MAX_YAML_BYTES = 5 * 1024 * 1024
_UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Raw control characters: YAML refuses them without a line number, so they are found first."""
MAX_NODES = 200_000
"""Values produced after alias expansion; a "billion laughs" file exceeds it quickly."""
MAX_DEPTH = 50
"""Levels of nesting; findings need about ten, and deeper files would exhaust the stack."""
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters that XML, and so every document, cannot hold."""
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embeddings, overrides and isolates: text shows in another order than it reads."""
_SURROGATE = re.compile("[\ud800-\udfff]")
_FLOW_DECIMAL_TAIL = re.compile(r"^[0-9]+$")
_FLOW_DECIMAL_HEAD = re.compile(r"^[-+]?[0-9]+$")


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


def unsafe_character_problem(text: str) -> str | None:
    """Why `text` cannot go into a document (a control character, a bidirectional control, half of a
    surrogate pair), or None."""
    bad = CONTROL_CHARACTERS.search(text)
    if bad:
        return f"contains control character U+{ord(bad.group()):04X}, which documents cannot hold; remove it"
    bad = BIDI_CONTROLS.search(text)
    if bad:
        return (f"contains bidirectional control character U+{ord(bad.group()):04X}, which makes text show in "
                "another order than it reads; remove it")
    bad = _SURROGATE.search(text)
    if bad:
        return (f"contains U+{ord(bad.group()):04X}, half of a surrogate pair (a broken escape such as "
                "\"\\ud800\"); remove it, or type the character itself")
    return None


def join_surrogate_pairs(text: str) -> str:
    """`text` with escaped UTF-16 pairs ("\\ud83c\\udfe5") joined into their character; lone halves stay."""
    if not _SURROGATE.search(text):
        return text
    try:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        return text


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and numbers (no sexagesimals, no `_`) and bounded nesting."""

    depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _TooDeep(yaml.YAMLError):
    """Nesting beyond `MAX_DEPTH`, raised while composing, before the stack runs out."""

    def __init__(self, mark) -> None:
        super().__init__(f"nested more than {MAX_DEPTH} levels deep")
        self.mark = mark


_StrictLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("float", r"^[-+]?[0-9]*\.[0-9]+(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("timestamp", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "0123456789"),
):
    _StrictLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


def read_text(path: Path, max_bytes: int = MAX_YAML_BYTES, encoding_hint: str = "save it as UTF-8") -> str:
    """The text of a user file as UTF-8, or an `InputError` saying why it cannot be read; a file in
    another encoding is located by line and column, with `encoding_hint` on how to save it."""
    path = Path(path)
    check_readable_file(path, max_bytes)
    try:
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
        column = error.start - raw.rfind(b"\n", 0, error.start)
        raise InputError(problem_at(path, f"is not valid UTF-8 text (byte 0x{raw[error.start]:02X} in column "
                                          f"{column}); {encoding_hint}", line)) from None
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
    except _TooDeep as error:
        raise InputError(problem_at(path, f"{error}, more than any barometer file needs",
                                    error.mark.line + 1)) from None
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

    def fail(self, message: str, node: yaml.Node, field: str | None = None) -> InputError:
        return InputError(problem_at(self.path, message, node.start_mark.line + 1, field))

    def convert(self, node: yaml.Node, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail("too many values after expanding aliases (&/*); is this an alias bomb?", node)
        if depth > MAX_DEPTH:
            raise self.fail(f"nested more than {MAX_DEPTH} levels deep (does an alias (*) refer to itself?)", node)
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result = LocatedDict(line=line)
            previous = None
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge" or (key_node.value == "<<" and key_node.style is None):
                    raise self.fail("merge keys (<<) are not supported; write the fields out in full", key_node)
                if node.flow_style and previous is not None:
                    self.check_flow_decimal(previous, key_node, value_node)
                key = self.convert(key_node, depth + 1)
                if isinstance(key, (dict, list)):
                    raise self.fail("a key must be plain text", key_node)
                if key in result:
                    raise self.fail("key appears twice in the same mapping", key_node, str(key))
                result[key] = self.convert(value_node, depth + 1)
                result.key_lines[key] = key_node.start_mark.line + 1
                previous = (key_node, value_node)
            return result
        if isinstance(node, yaml.SequenceNode):
            result_list = LocatedList(line=line)
            for item in node.value:
                result_list.append(self.convert(item, depth + 1))
                result_list.item_lines.append(item.start_mark.line + 1)
            return result_list
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            raise self.fail(f"cannot read value: {error.problem}", node) from None
        except (ValueError, OverflowError) as error:
            if node.tag == "tag:yaml.org,2002:timestamp":
                raise self.fail(f"{node.value!r} is not a date ({error}); write a real date as YYYY-MM-DD",
                                node) from None
            raise self.fail(f"cannot read value {node.value[:40]!r}: {str(error)[:200]}", node) from None
        if isinstance(value, str):
            value = join_surrogate_pairs(value)
            problem = _SURROGATE.search(value) or BIDI_CONTROLS.search(value)
            if problem:
                raise self.fail(unsafe_character_problem(value), node)
        return value

    def check_flow_decimal(self, previous, key_node: yaml.Node, value_node: yaml.Node) -> None:
        """Refuse `{value: 31,5}`: in a flow mapping the comma ends the value, leaving 31 and a key 5."""
        previous_key, previous_value = previous
        if (isinstance(key_node, yaml.ScalarNode) and key_node.style is None
                and _FLOW_DECIMAL_TAIL.match(key_node.value)
                and isinstance(value_node, yaml.ScalarNode) and value_node.value == ""
                and value_node.tag == "tag:yaml.org,2002:null"
                and isinstance(previous_value, yaml.ScalarNode) and previous_value.style is None
                and _FLOW_DECIMAL_HEAD.match(previous_value.value)):
            number = f"{previous_value.value},{key_node.value}"
            raise self.fail(f"{number} reads as {previous_value.value} and a separate key {key_node.value!r}; "
                            f"use {previous_value.value}.{key_node.value}, a decimal point (or quote it: "
                            f"\"{number}\")", key_node, str(previous_key.value))
