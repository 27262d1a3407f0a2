"""What a finding means: who answered, what an answer is, how to read it.

These optional fields let the text say "57 procent van de ambtenaren noemt ‘Training’ als
voorwaarde" instead of a bare ranking. A field that contradicts the data (a ranking of one
answer, "few" for an answer most respondents give) or that would put a number into the text
that the data does not hold is a located problem, like any other bad input.
"""

from __future__ import annotations

import re
from typing import Any

from generator.config import Choice, Invalid, MappingOf, Option, Place, Text
from generator.findings import RANKING_MIN_ITEMS, FindingKind, Item, Noun, Qualifier, Reading, default_reading_for
from generator.findings_schema.entries import Entry

SCOPES = ("landelijk", "regionaal", "gemeente")
MAX_NOUN = 120
MAX_PHRASE = 300
DIGIT = re.compile(r"\d")
FEW_LIMIT = 50.0
"""A "few" reading is refused when any answer is given by more than half."""


class Words(Text):
    """Text that goes into generated sentences: no digits, so every number in them comes from the data."""

    def parse(self, value: Any, place: Place) -> Any:
        text = super().parse(value, place)
        if text is not None and DIGIT.search(text):
            raise Invalid(f"{text!r} holds a number; generated text takes numbers from the data only, so write "
                          "this without digits")
        return text


class NounOptions(Entry):
    """A noun with its plural, so sentences agree with their count: 1 ambtenaar, 2 ambtenaren."""

    shape = "must be {singular: ..., plural: ...}"
    singular = Words(required=True, max_length=MAX_NOUN, doc='The noun for one: "inwoner".')
    plural = Words(required=True, max_length=MAX_NOUN, doc='The noun for more than one: "inwoners".')

    def build(self, values: dict, place: Place) -> Noun:
        return Noun(values["singular"], values["plural"])


ONE_NOUN = Words(max_length=MAX_NOUN)


class AnswerNoun(NounOptions):
    """What each answer is, as a noun; one text serves as both singular and plural."""

    shape = "must be a text or {singular: ..., plural: ...}"

    def parse(self, value: Any, place: Place) -> Any:
        if isinstance(value, str):
            text = ONE_NOUN.parse(value, place)
            return Noun(text, text) if text else None
        return super().parse(value, place)

    def describe(self) -> str:
        return "text, or mapping"


class Scope(Choice):
    """Where the respondents come from; an empty text counts as not given."""

    def parse(self, value: Any, place: Place) -> Any:
        if isinstance(value, str) and not value.strip():
            return self.absent()
        return super().parse(value, place)


class Terms(MappingOf):
    """Words a plain-language text explains once: `{burgerparticipatie: inwoners denken mee met de gemeente}`."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Option(), Words(required=True, max_length=MAX_PHRASE), default=(), **kwargs)

    def parse(self, value: Any, place: Place) -> Any:
        if not isinstance(value, dict):
            raise Invalid("must be a mapping of a word to what it means")
        return tuple((term.strip(), explanation) for term, explanation in super().parse(value, place).items()
                     if isinstance(term, str) and term.strip())

    def describe(self) -> str:
        return "mapping of a word to what it means"


def check_meaning(values: dict, place: Place, items: tuple[Item, ...]) -> None:
    """A finding's declared reading, emphasis and answer noun checked against its kind and its items."""
    kind, reading, complete = values["kind"], values["reading"], values["complete"]
    if reading is not None:
        problem = _reading_problem(reading, kind, items, complete)
        if problem:
            place.at("reading").problem(problem)
    if values["emphasis"] and (reading or default_reading_for(kind, len(items), complete)) not in (Reading.RANKING,
                                                                                                   Reading.FEW):
        place.at("emphasis").problem("the source's emphasis is used in a ranking or a 'few' reading only; set "
                                     "reading: ranking or reading: few, or give the finding a hand-written text")
    if kind is FindingKind.GRADE and values["answer"] is not None:
        place.at("answer").problem("a grade finding has no answers to name; leave 'answer' out")


def _reading_problem(reading: Reading, kind: FindingKind, items: tuple[Item, ...], complete: bool) -> str | None:
    if kind in (FindingKind.GRADE, FindingKind.MATRIX):
        return f"a {kind.value} finding is read by its kind; leave 'reading' out"
    if reading is Reading.RANKING:
        if len(items) < RANKING_MIN_ITEMS:
            return (f"a ranking needs at least {RANKING_MIN_ITEMS} answers to choose from, this finding has "
                    f"{len(items)}; use reading: share or distribution")
        if not complete:
            return "a partial list (complete: false) cannot be read as a ranking: an answer left out may rank higher"
    if reading is Reading.FEW:
        large = [item for item in items if item.value is not None and _above(item.value)]
        if large:
            return (f"reading 'few' contradicts the data: ‘{large[0].label}’ is given by "
                    f"{large[0].value.amount:g}%, more than half")
    return None


def _above(value) -> bool:
    if value.qualifier is Qualifier.LESS_THAN:
        return value.amount > FEW_LIMIT + 1
    return value.amount > FEW_LIMIT
