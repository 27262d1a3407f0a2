"""Typed options: what a setting may hold, its default and its documentation, declared once.

A section of a user's YAML (template.yaml's `briefing:`, an audience, a finding) is a `Section`
subclass whose class attributes are options, in the way mkdocs declares its configuration:

    class TextOptions(Section):
        percent_in_text = Choice(("procent", "symbol"), default="procent",
                                 doc='"procent": "64 procent" in running text; "symbol": "64%".')

`read_section` (in `generator.config.walker`) walks the located YAML with these declarations,
collects every problem with its line and a hint, and returns the values; the reference in
`docs/configuration.md` is generated from the same declarations, so it cannot drift.

An option's `parse` turns one YAML value into a Python value or raises `Invalid` with the
message the user sees; options holding other options (lists, mappings, sections) report
problems of their parts through the `Place` they are given and go on with the rest.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import math
import re
import unicodedata
from typing import TYPE_CHECKING, Any, Callable, Iterable

from generator.yaml_source import LocatedDict, LocatedList, join_surrogate_pairs, unsafe_character_problem

if TYPE_CHECKING:
    from generator.config.walker import Place

MISSING: Any = object()
"""No default: the value is None when absent (or a problem, for a required option)."""
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
NUMBER_TEXT = re.compile(r"^[-+]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][-+]?[0-9]+)?$")
"""A number typed as text (CSV and spreadsheet cells): ASCII digits, a decimal point or comma."""
HEX_COLOUR = re.compile(r"^#?([0-9A-Fa-f]{6})$")
FORMULA_STARTS = ("=", "@")
MAX_TEXT = 5_000
QUOTE_HINT = "(put colours in quotes: an unquoted # starts a comment in YAML)"


class Invalid(Exception):
    """A value an option cannot take; the message is what the user reads after the field name."""


def kind_of(value: Any) -> str:
    """How a user would call the type of a YAML value: "a list", "a number"."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dict, LocatedDict)):
        return "a mapping"
    if isinstance(value, (list, LocatedList)):
        return "a list"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return "text"


def suggestion(name: Any, known: Iterable[str]) -> str:
    """ "did you mean 'value'?" for a near miss, else the list of what is allowed."""
    known = [str(item) for item in known]
    close = difflib.get_close_matches(str(name), known, n=1)
    return f"did you mean {close[0]!r}?" if close else f"expected one of {', '.join(known)}"


class Option:
    """One setting. Subclasses say what values it takes; `doc` is its line in the reference."""

    type_name = "value"

    def __init__(self, *, default: Any = MISSING, required: bool = False, doc: str = "", null_problem: str = "") -> None:
        self.default = default
        self.required = required
        self.doc = doc
        self.name = ""
        self.null_problem = null_problem
        """Said when the field is given but empty (YAML null); empty: such a field counts as absent."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def absent(self) -> Any:
        """The value when the field is not given."""
        return None if self.default is MISSING else self.default

    def parse(self, value: Any, place: "Place") -> Any:
        return value

    def describe(self) -> str:
        """The option's type for the reference: "text", "one of: a, b"."""
        return self.type_name

    def shown_default(self) -> str:
        if self.default is MISSING or self.default is None:
            return ""
        if isinstance(self.default, enum.Enum):
            return str(self.default.value)
        if isinstance(self.default, bool):
            return "true" if self.default else "false"
        if isinstance(self.default, (tuple, list)):
            return ", ".join(str(item) for item in self.default) or "(none)"
        return str(self.default)


class Text(Option):
    """Text that goes into documents: stripped, length-limited, without characters documents cannot hold.

    Numbers are accepted as their text (a year as a title); empty text counts as absent unless the
    option is required or not `allow_empty`. `spreadsheet_safe` refuses a leading "=" or "@", which
    a spreadsheet opening an exported table would run as a formula.
    """

    type_name = "text"

    def __init__(self, *, max_length: int = MAX_TEXT, spreadsheet_safe: bool = True, pattern: re.Pattern | None = None,
                 pattern_message: str = "", allow_empty: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_length = max_length
        self.spreadsheet_safe = spreadsheet_safe
        self.pattern = pattern
        self.pattern_message = pattern_message
        self.allow_empty = allow_empty

    def parse(self, value: Any, place: "Place") -> Any:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise Invalid(f"must be text, not {kind_of(value)}")
        text = join_surrogate_pairs(str(value).strip())
        if not text:
            if self.required or not self.allow_empty:
                raise Invalid("must not be empty")
            return self.absent()
        if len(text) > self.max_length:
            raise Invalid(f"is {len(text):,} characters long; at most {self.max_length:,} allowed")
        problem = unsafe_character_problem(text)
        if problem:
            raise Invalid(problem)
        if all(character.isspace() or unicodedata.category(character) == "Cf" for character in text):
            codes = ", ".join(dict.fromkeys(f"U+{ord(character):04X}" for character in text))
            raise Invalid(f"must not be empty: it holds only invisible characters ({codes})")
        if self.spreadsheet_safe and text.startswith(FORMULA_STARTS):
            raise Invalid(f"starts with {text[0]!r} and would be read as a spreadsheet formula; rephrase it")
        if self.pattern is not None and not self.pattern.match(text):
            raise Invalid(self.pattern_message.format(value=text))
        return text


class Identifier(Text):
    """An id used in file names and references: lowercase letters, digits, '-' and '_'."""

    type_name = "id"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=64, pattern=ID_PATTERN,
                         pattern_message="{value!r} is not a valid id: use lowercase letters, digits, '-' and '_' "
                                         "(no spaces, dots or slashes)", **kwargs)


class Choice(Option):
    """One of a fixed set of words; given an enum, the value is the enum member."""

    def __init__(self, choices: Iterable[str] | type[enum.Enum], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(choices, type) and issubclass(choices, enum.Enum):
            self.enum: type[enum.Enum] | None = choices
            self.choices = tuple(member.value for member in choices)
        else:
            self.enum = None
            self.choices = tuple(choices)

    def parse(self, value: Any, place: "Place") -> Any:
        word = value.strip() if isinstance(value, str) else value
        if isinstance(word, bool) or word not in self.choices:
            close = difflib.get_close_matches(str(word), [str(choice) for choice in self.choices], n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise Invalid(f"must be one of {', '.join(map(str, self.choices))}, not {value!r}{hint}")
        return self.enum(word) if self.enum else word

    def describe(self) -> str:
        return "one of: " + ", ".join(map(str, self.choices))


class Flag(Option):
    """true or false; spreadsheet cells may say ja/nee, 1/0 or true/false as text."""

    type_name = "true or false"
    _WORDS = {"true": True, "ja": True, "1": True, "false": False, "nee": False, "0": False}

    def parse(self, value: Any, place: "Place") -> Any:
        if isinstance(value, str) and value.strip().lower() in self._WORDS:
            return self._WORDS[value.strip().lower()]
        if isinstance(value, str) and not value.strip():
            return self.absent()
        if not isinstance(value, bool):
            raise Invalid(f"must be true or false, not {value!r}")
        return value


class Number(Option):
    """A finite number within a range; `whole` for counts. Text cells holding a number are read too."""

    def __init__(self, *, minimum: float | None = None, maximum: float | None = None, whole: bool = False,
                 unit: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.minimum = minimum
        self.maximum = maximum
        self.whole = whole
        self.unit = unit

    def parse(self, value: Any, place: "Place") -> Any:
        number = value
        if isinstance(value, str) and not self.whole:
            number = parse_number(value)
        if self.whole and (isinstance(number, bool) or not isinstance(number, int)):
            raise Invalid(f"must be a whole number, not {kind_of(value)} {value!r}")
        if number is None or isinstance(number, bool) or not isinstance(number, (int, float)):
            hint = "; write numbers without '_'" if isinstance(value, str) and "_" in value else ""
            raise Invalid(f"must be a number, not {kind_of(value)} {value!r}{hint}")
        if isinstance(number, float) and not math.isfinite(number):
            raise Invalid(f"must be a finite number, not {value!r}")
        if self.minimum is not None and number < self.minimum:
            raise Invalid(f"must be at least {_shown(self.minimum)}{self.unit}")
        if self.maximum is not None and number > self.maximum:
            raise Invalid(f"must be at most {_shown(self.maximum)}{self.unit}")
        return number if self.whole else float(number) if isinstance(number, float) else number

    def describe(self) -> str:
        kind = "whole number" if self.whole else "number"
        if self.minimum is not None and self.maximum is not None:
            return f"{kind} from {_shown(self.minimum)} to {_shown(self.maximum)}"
        if self.minimum is not None:
            return f"{kind}, at least {_shown(self.minimum)}"
        return kind


class Colour(Option):
    """A colour as "#RRGGBB"; the value is the six upper-case hex digits."""

    type_name = 'colour ("#1F4E79")'

    def parse(self, value: Any, place: "Place") -> Any:
        if value is None:
            raise Invalid("no colour given " + QUOTE_HINT)
        match = HEX_COLOUR.match(value.strip()) if isinstance(value, str) else None
        if match is None:
            raise Invalid(f"{value!r} is not a colour like \"#1F4E79\" " + QUOTE_HINT)
        return match.group(1).upper()


class Date(Option):
    """A calendar date written as YYYY-MM-DD."""

    type_name = "date (YYYY-MM-DD)"

    def parse(self, value: Any, place: "Place") -> Any:
        if isinstance(value, dt.datetime):
            return value.date()
        if not isinstance(value, dt.date):
            raise Invalid("must be a date written as YYYY-MM-DD")
        return value


class ListOf(Option):
    """A list whose items are each checked by `item`; one text given alone counts as a list of one."""

    def __init__(self, item: Option, *, single_allowed: bool = True, min_items: int = 0, **kwargs: Any) -> None:
        kwargs.setdefault("default", ())
        super().__init__(**kwargs)
        self.item = item
        self.single_allowed = single_allowed
        self.min_items = min_items

    def parse(self, value: Any, place: "Place") -> Any:
        if self.single_allowed and isinstance(value, str):
            value = LocatedList([value], line=place.line)
        if not isinstance(value, list):
            raise Invalid(f"must be a list of {self.item.describe()} values, not {kind_of(value)}")
        if len(value) < self.min_items:
            raise Invalid(f"must list at least {self.min_items}")
        result = []
        for index in range(len(value)):
            parsed = place.item(value, index).read(self.item, value[index], required=True)
            if parsed is not None:
                result.append(parsed)
        return tuple(result)

    def describe(self) -> str:
        return f"list of {self.item.describe()}"


class MappingOf(Option):
    """A mapping whose keys are checked by `key` and values by `value`; the result keeps YAML order."""

    def __init__(self, key: Option, value: Option, *, min_items: int = 0, **kwargs: Any) -> None:
        kwargs.setdefault("default", {})
        super().__init__(**kwargs)
        self.key = key
        self.value = value
        self.min_items = min_items

    def parse(self, value: Any, place: "Place") -> Any:
        if not isinstance(value, dict):
            raise Invalid(f"must be a mapping of {self.key.describe()}: {self.value.describe()}, not {kind_of(value)}")
        if len(value) < self.min_items:
            raise Invalid(f"must have at least {self.min_items} {'entry' if self.min_items == 1 else 'entries'}")
        result = {}
        for name, raw in value.items():
            child = place.child(value, name)
            try:
                key = self.key.parse(name, child)
            except Invalid as problem:
                child.problem(str(problem).replace("must be one of", "unknown name; expected one of", 1))
                continue
            parsed = child.read(self.value, raw, required=True)
            if parsed is not None:
                result[key] = parsed
        return result

    def describe(self) -> str:
        return f"mapping of {self.key.describe()}: {self.value.describe()}"


Rule = Callable[[dict, "Place"], None]
"""A cross-field check of a section: it receives the parsed values and reports through the place."""


class Section(Option):
    """A mapping with declared fields: each class attribute that is an `Option` is one field.

    `rules` are cross-field checks run after every field was read; `result` turns the parsed
    values into what the caller gets (a dataclass), called only when the section had no problem.
    Unknown fields are problems with a "did you mean" hint.
    """

    type_name = "mapping"
    rules: tuple[Rule, ...] = ()
    open_fields = False
    """Whether fields beyond the declared ones are allowed (and returned unread)."""

    def __init__(self, result: Callable[..., Any] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("default", MISSING)
        super().__init__(**kwargs)
        self.result = result

    @classmethod
    def fields(cls) -> dict[str, Option]:
        declared: dict[str, Option] = {}
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                if isinstance(value, Option):
                    declared[name] = value
        return declared

    def absent(self) -> Any:
        if self.default is not MISSING:
            return self.default
        return None

    def parse(self, value: Any, place: "Place") -> Any:
        if not isinstance(value, dict):
            raise Invalid(f"must be a mapping (key: value lines), not {kind_of(value)}")
        fields = self.fields()
        if not self.open_fields:
            for name in value:
                if name not in fields:
                    place.child(value, name).problem(f"unknown field; {suggestion(name, fields)}")
        before = place.problem_count()
        values = {name: place.child(value, name).read(option, value.get(name), present=name in value)
                  for name, option in fields.items()}
        if self.open_fields:
            values.update({name: raw for name, raw in value.items() if name not in fields})
        for rule in self.rules:
            rule(values, place.within(value))
        if self.result is None:
            return values
        return self.result(**values) if place.problem_count() == before else None

    def describe(self) -> str:
        return "mapping"


def parse_number(text: str) -> float | None:
    """A number typed as text ("31,5", "0.31"), or None."""
    text = text.strip()
    if not NUMBER_TEXT.match(text):
        return None
    return float(text.replace(",", "."))


def _shown(number: float) -> str:
    if float(number).is_integer():
        return f"{int(number):,}" if abs(number) >= 10_000 else str(int(number))
    return f"{number:g}"
