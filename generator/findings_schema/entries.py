"""What the findings file's sections share: entries named by their id, closed vocabularies, lists of entries.

A theme, a finding or an item is an `Entry`: a declared section that builds its part of the
`Survey` model once every field was read without a problem. Fields that decide how others read
(a finding's kind decides what its items hold) are read first and handed down through the
place's context, so an item's value is checked against the range of its finding's kind.
"""

from __future__ import annotations

from typing import Any, Iterator

from generator.config import Choice, Invalid, ListOf, Option, Place, Section
from generator.errors import ProblemCollector


_FIELDS: dict[type, dict[str, Option]] = {}
"""The declared fields of each kind of entry, looked up once: a file has thousands of entries."""


class Entry(Section):
    """A mapping of the findings file that builds part of the model (`build`) when it has no problem.

    `shape` is what a value that is not a mapping is told. With `named_as`, problems inside an
    entry with a valid id are named by that id ("findings.gemist.items[2].value"), so a message
    says which finding it is about wherever the finding stands. `context_fields` are read first
    and known to every option below the entry (`Place.context`).
    """

    shape = ""
    named_as = ""
    context_fields: tuple[str, ...] = ()

    @classmethod
    def fields(cls) -> dict[str, Option]:
        if cls not in _FIELDS:
            _FIELDS[cls] = super().fields()
        return _FIELDS[cls]

    def parse(self, value: Any, place: Place) -> Any:
        if self.shape and not isinstance(value, dict):
            raise Invalid(self.shape)
        if isinstance(value, dict):
            place = self._placed(value, place)
        before = place.problem_count()
        values = super().parse(value, place)
        return self.build(values, place) if place.problem_count() == before else None

    def build(self, values: dict[str, Any], place: Place) -> Any:
        """The model part of `values`, read without a problem at `place`."""
        return values

    def _placed(self, value: dict, place: Place) -> Place:
        fields = self.fields()
        if self.named_as:
            identifier = peek(fields["id"], value, "id", place)
            if identifier is not None:
                place = place.named(f"{self.named_as}.{identifier}")
        known: dict[str, Any] = {}
        for name in self.context_fields:
            known[name] = peek(fields[name], value, name, place.with_context(**known))
        return place.with_context(**known) if known else place


class Entries(ListOf):
    """A list of entries that must be a list (one text is not a list of one here); `shape` is what anything
    else, or a list shorter than `min_items`, is told."""

    def __init__(self, item: Option, shape: str, **kwargs: Any) -> None:
        super().__init__(item, single_allowed=False, **kwargs)
        self.shape = shape
        if isinstance(item, Entry) and item.shape:
            item.null_problem = item.shape

    def parse(self, value: Any, place: Place) -> Any:
        if not isinstance(value, list) or len(value) < self.min_items:
            raise Invalid(self.shape)
        return super().parse(value, place)


class Keyword(Choice):
    """One word of a closed vocabulary, told "unknown kind 'pie'; expected one of multi, ..." naming what it is."""

    def __init__(self, choices: Any, noun: str, **kwargs: Any) -> None:
        super().__init__(choices, **kwargs)
        self.noun = noun

    def parse(self, value: Any, place: Place) -> Any:
        try:
            return super().parse(value, place)
        except Invalid:
            raise Invalid(f"unknown {self.noun} {value!r}; expected one of {', '.join(self.choices)}") from None


def peek(option: Option, mapping: dict, key: Any, place: Place) -> Any:
    """What `option` reads from `mapping[key]`, or None when that has a problem; the problem is not reported
    here but where the field is read for real."""
    scratch = Place(ProblemCollector(place.problems.path), mapping, key, "", context=place.context)
    value = scratch.read(option, mapping.get(key), present=key in mapping)
    return None if scratch.problems.problems else value


def repeated(entries: Any, key: str, option: Option, place: Place) -> Iterator[tuple[Place, Any, int | None]]:
    """(place, value, line of first use) of each entry's field `key` that repeats an earlier entry's, `place`
    being where the list `entries` is; entries that are no mapping, or whose field has a problem, are skipped."""
    if not isinstance(entries, list):
        return
    first: dict[Any, int | None] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        value = peek(option, entry, key, place)
        if value is None:
            continue
        where = place.item(entries, index).child(entry, key)
        if value in first:
            yield where, value, first[value]
        else:
            first[value] = where.line
