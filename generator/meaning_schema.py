"""Validation of what a finding means: who answered, what an answer is, how to read it.

These optional fields let the text say "57 procent van de ambtenaren noemt ‘Training’ als
voorwaarde" instead of a bare ranking. A field that contradicts the data (a ranking of one
answer, "few" for an answer most respondents give) or that would put a number into the text
that the data does not hold is a located error, like any other bad input.
"""

from __future__ import annotations

import re
from typing import Any

from generator.findings import RANKING_MIN_ITEMS, FindingKind, Item, Noun, Qualifier, Reading, default_reading_for
from generator.yaml_source import LocatedDict, LocatedList

MEANING_FIELDS = {"respondents", "answer", "reading", "complete", "emphasis"}
"""Finding fields read here."""
NOUN_FIELDS = {"singular", "plural"}
SCOPES = ("landelijk", "regionaal", "gemeente")
MAX_NOUN = 120
MAX_PHRASE = 300
DIGIT = re.compile(r"\d")
FEW_LIMIT = 50.0
"""A "few" reading is refused when any answer is given by more than half."""


def read_noun(reader: Any, node: LocatedDict, key: str, field: str, allow_text: bool = False) -> Noun | None:
    """A {singular, plural} noun; with `allow_text` one text serves as both."""
    value = node.get(key)
    if value is None:
        return None
    if allow_text and isinstance(value, str):
        text = _words(reader, node, key, field, MAX_NOUN)
        return Noun(text, text) if text else None
    if not isinstance(value, LocatedDict):
        shape = "a text or {singular: ..., plural: ...}" if allow_text else "{singular: ..., plural: ...}"
        reader.error(node, key, f"must be {shape}", field)
        return None
    reader.check_fields(value, NOUN_FIELDS, field)
    singular = _words(reader, value, "singular", f"{field}.singular", MAX_NOUN, required=True)
    plural = _words(reader, value, "plural", f"{field}.plural", MAX_NOUN, required=True)
    if singular is None or plural is None:
        return None
    return Noun(singular, plural)


def read_scope(reader: Any, meta: LocatedDict) -> str | None:
    """Where the respondents come from: one of `SCOPES`."""
    value = reader.text(meta, "scope", "survey.scope", limit=20)
    if value is not None and value not in SCOPES:
        reader.error(meta, "scope", f"must be one of {', '.join(SCOPES)}, not {value!r}", "survey.scope")
        return None
    return value


def read_terms(reader: Any, meta: LocatedDict) -> tuple[tuple[str, str], ...]:
    """Words a plain-language text explains once: {burgerparticipatie: inwoners denken mee met de gemeente}."""
    value = meta.get("terms")
    if value is None:
        return ()
    if not isinstance(value, LocatedDict):
        reader.error(meta, "terms", "must be a mapping of a word to what it means", "survey.terms")
        return ()
    terms = []
    for term in value:
        explanation = _words(reader, value, term, f"survey.terms.{term}", MAX_PHRASE, required=True)
        if isinstance(term, str) and term.strip() and explanation:
            terms.append((term.strip(), explanation))
    return tuple(terms)


def read_phrase(reader: Any, node: LocatedDict, field: str, key: str = "phrase") -> str | None:
    """An item's sentence `phrase` or `name`: text without digits, so it can never carry a number of its own."""
    return _words(reader, node, key, field, MAX_PHRASE)


def read_statements(reader: Any, node: LocatedDict, where: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A theme's statements and, of those, the ones marked `key: true` (key messages)."""
    value = node.get("statements")
    if not isinstance(value, LocatedList) or not any(isinstance(entry, LocatedDict) for entry in value):
        return reader.texts(node, "statements", f"{where}.statements"), ()
    statements, key = [], []
    for index, entry in enumerate(value):
        field = f"{where}.statements[{index + 1}]"
        if isinstance(entry, LocatedDict):
            reader.check_fields(entry, {"text", "key"}, field)
            text = reader.text(entry, "text", f"{field}.text", required=True)
            if text and reader.flag(entry, "key", f"{field}.key"):
                key.append(text)
        else:
            holder = LocatedDict(line=value.line_of(index))
            holder["text"] = entry
            holder.key_lines["text"] = value.line_of(index)
            text = reader.text(holder, "text", field, required=True)
        if text:
            statements.append(text)
    return tuple(statements), tuple(key)


def read_meaning(reader: Any, node: LocatedDict, where: str, kind: FindingKind | None,
                 items: tuple[Item, ...] | None) -> dict[str, Any]:
    """The meaning fields of one finding, checked against its kind and items; {} keys for absent ones."""
    meaning: dict[str, Any] = {
        "respondents": read_noun(reader, node, "respondents", f"{where}.respondents"),
        "answer": read_noun(reader, node, "answer", f"{where}.answer", allow_text=True),
        "complete": True if "complete" not in node else reader.flag(node, "complete", f"{where}.complete"),
        "emphasis": _words(reader, node, "emphasis", f"{where}.emphasis", MAX_NOUN),
        "reading": None,
    }
    raw = node.get("reading")
    if raw is not None:
        try:
            meaning["reading"] = Reading(raw)
        except ValueError:
            known = ", ".join(reading.value for reading in Reading)
            reader.error(node, "reading", f"unknown reading {raw!r}; expected one of {known}", f"{where}.reading")
    if kind is None or items is None:
        return meaning
    reading = meaning["reading"]
    if reading is not None:
        problem = _reading_problem(reading, kind, items, meaning["complete"])
        if problem:
            reader.error(node, "reading", problem, f"{where}.reading")
    if meaning["emphasis"] and (reading or default_reading_for(kind, len(items), meaning["complete"])) not in (Reading.RANKING,
                                                                                             Reading.FEW):
        reader.error(node, "emphasis", "the source's emphasis is used in a ranking or a 'few' reading only; "
                                       "set reading: ranking or reading: few, or give the finding a hand-written text",
                     f"{where}.emphasis")
    if kind is FindingKind.GRADE and meaning["answer"] is not None:
        reader.error(node, "answer", "a grade finding has no answers to name; leave 'answer' out", f"{where}.answer")
    return meaning


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


def _words(reader: Any, node: LocatedDict, key: str, field: str, limit: int, required: bool = False) -> str | None:
    """Text that goes into generated sentences: no digits, so every number in them comes from the data."""
    text = reader.text(node, key, field, required=required, limit=limit)
    if text is not None and DIGIT.search(text):
        reader.error(node, key, f"{text!r} holds a number; generated text takes numbers from the data only, "
                                "so write this without digits", field)
        return None
    return text
