"""The sandboxed Jinja2 environment that renders narrative text templates.

Templates may come from a user's template set, so they run in an immutable sandbox with
strict undefined values, a bounded `range`, bounded repetition, a time budget and a bounded
output size; every failure becomes an `InputError` naming the template file and line.
"""

from __future__ import annotations

import operator
import os
import posixpath
import re
import stat
import sys
import time
import traceback
from pathlib import Path
from typing import Any, Mapping

import jinja2
import jinja2.bccache
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from generator.dutch import format_percent, join_list
from generator.errors import InputError, problem_at
from generator.narrative import phrasing
from generator.narrative.facts import leading, tie_groups
from generator.narrative.comparison_sentences import COMPARISON_SENTENCES
from generator.narrative.sentences import SENTENCES

BUILT_IN_DIR = Path(__file__).parent / "templates"
TEMPLATE_SUFFIX = ".j2"
MAX_OUTPUT_CHARS = 20_000
"""One rendered text: a title, a paragraph or a few key messages; far below this."""
MAX_ITERATIONS = 100_000
"""Loop steps over `range` in one render."""
MAX_REPEAT_CHARS = 20_000
"""The longest string or list that `*` may build."""
MAX_VALUE_SIZE = 100_000
"""The longest string or list a template may pass around; stops strings that double themselves."""
FORMAT_WIDTH = re.compile(r"%[-#0 +]*(?:\*|\d{4,}|\d*\.(?:\*|\d{4,}))|\{[^{}]*:[^{}]*?(?:\*|\d{4,})[^{}]*\}|\{[^{}]*:[^{}]*\{")
"""A width or precision of 1000 or more (or taken from an argument) in a %- or {}-format string."""
TIME_BUDGET_SECONDS = 2.0
"""Wall time for one render; the built-in templates need milliseconds."""
REMOVED_FILTERS = ("center", "indent", "wordwrap", "format", "filesizeformat", "urlize", "xmlattr", "tojson",
                   "pprint", "batch", "slice")
"""Filters whose arguments can make them build huge strings or lists; narrative text needs none of them."""
MAX_INTEGER_BITS = 100_000
"""The largest whole number a template may compute (about 30.000 digits)."""


class TemplateLimitError(Exception):
    """A template exceeded the size, iteration or time budget of one render."""


class _BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox with budgets on repetition, loops and time."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = float("inf")
        self.iterations = 0
        self.lines = 0

    def start_render(self) -> None:
        self.deadline = time.monotonic() + TIME_BUDGET_SECONDS
        self.iterations = 0
        self.lines = 0

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(f"took longer than {TIME_BUDGET_SECONDS:g} seconds; is there an endless loop?")

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "%":
            if isinstance(left, str) and FORMAT_WIDTH.search(left):
                raise TemplateLimitError("format widths of 1000 or more are not allowed")
            return _checked(operator.mod(left, right))
        if operator_name == "**":
            if isinstance(right, (int, float)) and abs(right) > 100:
                raise TemplateLimitError("exponent too large")
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() * abs(right) > MAX_INTEGER_BITS:
                raise TemplateLimitError("power too large")
            return operator.pow(left, right)
        for sequence, count in ((left, right), (right, left)):
            if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
                if len(sequence) * max(count, 0) > MAX_REPEAT_CHARS:
                    raise TemplateLimitError(f"repetition with '*' builds more than {MAX_REPEAT_CHARS} characters")
        return _checked(operator.mul(left, right))

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        self.check_time()
        for value in (*args, *kwargs.values()):
            _checked(value)
        if isinstance(getattr(__obj, "__self__", None), str):
            args = _bounded_string_call(__obj.__self__, __obj.__name__, args, kwargs)
        return _checked(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.check_time()
        if isinstance(obj, str) and attribute in ("format", "format_map") and FORMAT_WIDTH.search(obj):
            raise TemplateLimitError("format widths of 1000 or more are not allowed")
        return _checked(super().getattr(obj, attribute))

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        """Fail at once on a blocked attribute; Jinja's default (a value that fails only when printed)
        would let filters such as map or groupby carry it along silently."""
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe")

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.check_time()
        return _checked(super().getitem(obj, argument))

    def trace(self, frame: Any, event: str, argument: Any) -> Any:
        """A `sys.settrace` hook that stops a template still running after its time budget.

        Loops over a template's own lists call no hook of the sandbox, so only a line tracer can
        stop ten nested loops; it traces template code only, so rendering stays fast.
        """
        if not frame.f_code.co_filename.endswith(TEMPLATE_SUFFIX):
            return None
        self.check_time()
        return self.trace_line

    def trace_line(self, frame: Any, event: str, argument: Any) -> Any:
        self.lines += 1
        if self.lines % 256 == 0:
            self.check_time()
        return self.trace_line

    def bounded_range(self, *args: int):
        """`range` that counts steps against the render's budget and its time."""
        for number in range(*args):
            self.iterations += 1
            if self.iterations > MAX_ITERATIONS:
                raise TemplateLimitError(f"loops over range() ran more than {MAX_ITERATIONS} steps")
            if self.iterations % 1000 == 0:
                self.check_time()
            yield number


MAX_TEMPLATE_BYTES = 256 * 1024


class _ConfinedLoader(jinja2.FileSystemLoader):
    """A file loader that reads only regular files inside its folder, checking the size before reading."""

    def get_source(self, environment: jinja2.Environment, template: str):
        root = Path(self.searchpath[0]).resolve()
        path = Path(posixpath.join(self.searchpath[0], *split_template_path(template)))
        if not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)
        real = path.resolve()
        if not real.is_relative_to(root):
            raise SecurityError(f"template {template!r} points outside the narrative folder")
        try:
            status = os.stat(real)
            if not stat.S_ISREG(status.st_mode):
                raise SecurityError(f"template {template!r} is not a regular file (a folder, pipe or device)")
            if status.st_size > MAX_TEMPLATE_BYTES:
                raise TemplateLimitError(f"template {template!r} is larger than {MAX_TEMPLATE_BYTES // 1024} KB")
            with open(real, "rb") as file:
                raw = file.read(MAX_TEMPLATE_BYTES + 1)
        except OSError as error:
            raise SecurityError(f"template {template!r} cannot be read: {error.strerror}") from None
        if len(raw) > MAX_TEMPLATE_BYTES:
            raise TemplateLimitError(f"template {template!r} is larger than {MAX_TEMPLATE_BYTES // 1024} KB")
        try:
            source = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TemplateLimitError(f"template {template!r} is not UTF-8 text; save it as UTF-8") from None
        mtime = status.st_mtime_ns
        return source, os.path.normpath(path), lambda: _mtime_ns(real) == mtime


def _mtime_ns(path: Path) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the process, keyed by file name and source checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE_CACHE = _MemoryBytecodeCache()


class NarrativeEnvironment:
    """Finds and renders narrative templates: the template set's `narrative/` first, then built-ins."""

    def __init__(self, user_dir: Path | None = None) -> None:
        self.user_dir = Path(user_dir) if user_dir else None
        loaders: list[jinja2.BaseLoader] = []
        if self.user_dir is not None:
            loaders.append(_ConfinedLoader(str(self.user_dir)))
        loaders.append(_ConfinedLoader(str(BUILT_IN_DIR)))
        self.env = _BoundedEnvironment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            extensions=[],
            bytecode_cache=_BYTECODE_CACHE,
        )
        for name in REMOVED_FILTERS:
            self.env.filters.pop(name, None)
        self.env.filters["join"] = _bounded_join(self.env.filters["join"])
        self.env.filters["replace"] = _bounded_replace(self.env.filters["replace"])
        self.env.globals.clear()
        self.env.globals.update(
            namespace=jinja2.utils.Namespace,
            range=self.env.bounded_range,
            join=join_list,
            plural=phrasing.plural,
            verb=phrasing.verb,
            count_words=phrasing.count_words,
            share_phrase=phrasing.share_phrase,
            tie_groups=tie_groups,
            leading=leading,
            **SENTENCES,
            **COMPARISON_SENTENCES,
        )
        self.env.filters.update(
            join_nl=join_list,
            lower_first=phrasing.lower_first,
            upper_first=phrasing.upper_first,
            percent=format_percent,
        )

    def template_path(self, name: str) -> str:
        """Where the template `name` comes from, as a user would look for it."""
        if self._is_user_template(name):
            return str(self.user_dir / name)
        return str(BUILT_IN_DIR / name)

    def _is_user_template(self, name: str) -> bool:
        """True when the user's folder has an entry `name`, even one that is not a readable file,
        so a pipe or a stray link is refused rather than silently replaced by the built-in template."""
        return self.user_dir is not None and os.path.lexists(self.user_dir / name)

    def resolve(self, names: tuple[str, ...]) -> str:
        """The first of `names` that exists, user templates before built-in ones."""
        for name in names:
            if self._is_user_template(name):
                return name
        for name in names:
            if (BUILT_IN_DIR / name).is_file():
                return name
        raise InputError(problem_at(BUILT_IN_DIR, f"no narrative template named {' or '.join(names)}"))

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        """`name` rendered with `context`, whitespace normalised; an `InputError` on any failure."""
        path = self.template_path(name)
        try:
            template = self.env.get_template(name)
            path = template.filename or path
            self.env.start_render()
            pieces: list[str] = []
            size = 0
            previous_trace = sys.gettrace()
            sys.settrace(self.env.trace)
            try:
                for piece in template.generate(**context):
                    size += len(piece)
                    if size > MAX_OUTPUT_CHARS:
                        raise TemplateLimitError(f"output is longer than {MAX_OUTPUT_CHARS} characters")
                    pieces.append(piece)
                    self.env.check_time()
            finally:
                sys.settrace(previous_trace)
        except jinja2.TemplateSyntaxError as error:
            raise InputError(problem_at(error.filename or path, f"template syntax error: {error.message}",
                                        error.lineno)) from None
        except jinja2.TemplateNotFound as error:
            raise InputError(problem_at(path, f"template not found: {error.name} "
                                        "(templates can only include other templates by name, "
                                        "from the narrative folder)", _line_in(path))) from None
        except SecurityError as error:
            raise InputError(problem_at(path, f"not allowed in a text template: {error}", _line_in(path))) from None
        except jinja2.UndefinedError as error:
            raise InputError(problem_at(path, f"unknown name or attribute: {error.message}", _line_in(path))) from None
        except TemplateLimitError as error:
            raise InputError(problem_at(path, f"template stopped: {error}", _line_in(path))) from None
        except RecursionError:
            raise InputError(problem_at(path, "template stopped: macros call themselves too deeply",
                                        _line_in(path))) from None
        except (jinja2.TemplateError, ArithmeticError, TypeError, ValueError, LookupError) as error:
            raise InputError(problem_at(path, f"template failed: {error}", _line_in(path))) from None
        return _normalise("".join(pieces))


def _checked(value: Any) -> Any:
    """`value`, unless it is a string or list too long for any narrative text."""
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_VALUE_SIZE:
        raise TemplateLimitError(f"a value grew beyond {MAX_VALUE_SIZE} characters or items")
    if isinstance(value, int) and value.bit_length() > MAX_INTEGER_BITS:
        raise TemplateLimitError("a number grew too large")
    return value


def _bounded_string_call(text: str, method: str, args: tuple, kwargs: dict) -> tuple:
    """`args` for `text.method(...)`, after refusing calls whose result would outgrow `MAX_VALUE_SIZE`.

    The result is checked too, but only after it exists: `'x'.ljust(10**9)` would first take a gigabyte.
    """
    size = len(text)
    if method in ("ljust", "rjust", "center", "zfill") and args and isinstance(args[0], int):
        size = max(size, args[0])
    elif method == "expandtabs":
        tab_size = args[0] if args else kwargs.get("tabsize", 8)
        size += text.count("\t") * max(tab_size, 0) if isinstance(tab_size, int) else 0
    elif method == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        old, new = args[0], args[1]
        count = args[2] if len(args) > 2 else kwargs.get("count", -1)
        found = text.count(old) if old else size + 1
        if isinstance(count, int) and count >= 0:
            found = min(found, count)
        size += found * max(len(new) - len(old), 0)
    elif method == "join" and args:
        items = list(_checked(args[0]) if isinstance(args[0], (list, tuple)) else _bounded_items(args[0]))
        size = len(text) * max(len(items) - 1, 0) + sum(len(item) if isinstance(item, str) else 0 for item in items)
        args = (items, *args[1:])
    if size > MAX_VALUE_SIZE:
        raise TemplateLimitError(f"{method}() would build more than {MAX_VALUE_SIZE} characters")
    return args


def _bounded_items(values: Any) -> list:
    items = []
    for item in values:
        items.append(item)
        if len(items) > MAX_VALUE_SIZE:
            raise TemplateLimitError(f"a value grew beyond {MAX_VALUE_SIZE} characters or items")
    return items


def _bounded_join(join: Any) -> Any:
    def bounded(eval_context: Any, value: Any, d: str = "", attribute: Any = None) -> str:
        items = list(value)
        if len(items) * (len(str(d)) + 1) > MAX_VALUE_SIZE:
            raise TemplateLimitError(f"join would build more than {MAX_VALUE_SIZE} characters")
        return _checked(join(eval_context, items, d, attribute))

    bounded.jinja_pass_arg = getattr(join, "jinja_pass_arg", None)  # keep Jinja's eval-context marker
    return bounded


def _bounded_replace(replace: Any) -> Any:
    def bounded(eval_context: Any, value: Any, old: str, new: str, count: int | None = None) -> str:
        text = str(value)
        growth = text.count(str(old)) * max(len(str(new)) - len(str(old)), 0) if old else len(text) * len(str(new))
        if len(text) + growth > MAX_VALUE_SIZE:
            raise TemplateLimitError(f"replace would build more than {MAX_VALUE_SIZE} characters")
        return replace(eval_context, value, old, new, count)

    bounded.jinja_pass_arg = getattr(replace, "jinja_pass_arg", None)  # keep Jinja's eval-context marker
    return bounded


def _line_in(path: str) -> int | None:
    """The line of `path` being rendered when the current exception was raised, if any."""
    error = sys.exc_info()[1]
    if error is None:
        return None
    line = None
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename == path:
            line = lineno
    return line


def _normalise(text: str) -> str:
    """Runs of spaces collapsed; blank lines kept as paragraph breaks; ends trimmed."""
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip(" ") for line in text.strip().splitlines()]
    result: list[str] = []
    for line in lines:
        if line or (result and result[-1]):
            result.append(line)
    return "\n".join(result).strip()
