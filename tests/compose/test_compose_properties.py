"""Property: for any valid survey, the built-in templates only write numbers the audit can trace."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.audiences import Detail, Register
from generator.compose import compose_report
from generator.findings import Finding, FindingKind, Item, Qualifier, Survey, Theme, Value
from narrative_fixtures import REPORT_DATE, audience, template_set

LABELS = ("Kwaliteit van beleid", "Invloed", "Sociale media", "AVG-verzoeken", "(Enigszins) behoefte", "16 of meer",
          "Draagvlak", "Website", "Post", "Budget")
WORDINGS = {Qualifier.ABOUT: ("ongeveer een derde", None), Qualifier.MORE_THAN: ("meer dan de helft", None),
            Qualifier.LESS_THAN: (None,)}


@st.composite
def values(draw):
    qualifier = draw(st.sampled_from(list(Qualifier)))
    amount = draw(st.integers(0, 100)) if qualifier is Qualifier.EXACT else draw(st.sampled_from([20, 33, 50, 60]))
    wording = None if qualifier is Qualifier.EXACT else draw(st.sampled_from(WORDINGS[qualifier]))
    return Value(float(amount), qualifier, wording)


@st.composite
def findings(draw, index: int):
    kind = draw(st.sampled_from(list(FindingKind)))
    if kind is FindingKind.MATRIX:
        columns = ("Meeweten", "Meedenken", "Meebeslissen")
        rows = draw(st.lists(st.sampled_from(LABELS), min_size=1, max_size=4, unique=True))
        items = tuple(Item(row, cells=tuple((column, draw(values())) for column in columns if draw(st.booleans())))
                      for row in rows)
        if not any(item.cells for item in items):
            items = (Item(rows[0], cells=(("Meeweten", Value(54.0)),)), *items[1:])
        return Finding(f"f{index}", f"Vraag {index}?", kind, items, columns=columns, key=draw(st.booleans()))
    if kind is FindingKind.GRADE:
        grade = draw(st.integers(10, 100)) / 10
        return Finding(f"f{index}", "Welk cijfer?", kind, (Item("Dienstverlening", Value(grade)),), unit="grade",
                       key=True)
    labels = draw(st.lists(st.sampled_from(LABELS), min_size=1, max_size=6, unique=True))
    items = [Item(label, draw(values())) for label in labels]
    if kind is FindingKind.SINGLE:
        budget = 100.0
        items = [Item(item.label, Value(min(item.value.amount, budget), item.value.qualifier, item.value.wording))
                 for item in items]
        clipped = []
        for item in items:
            amount = min(item.value.amount, budget)
            budget -= amount
            clipped.append(Item(item.label, Value(amount, item.value.qualifier, item.value.wording)))
        items = clipped
    return Finding(f"f{index}", f"Vraag {index}?", kind, tuple(items), key=draw(st.booleans()))


@st.composite
def surveys(draw):
    count = draw(st.integers(1, 4))
    found = tuple(draw(findings(index)) for index in range(count))
    return Survey("s", "Peiling", "Panel", (Theme("t", "Thema", found, statements=("Iets.",)),),
                  base=draw(st.none() | st.integers(30, 5000)), year=draw(st.none() | st.integers(2000, 2030)))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(survey=surveys(), register=st.sampled_from(list(Register)), detail=st.sampled_from(list(Detail)),
       style=st.sampled_from(["procent", "symbol"]), shares=st.sampled_from(["b1", "nooit"]))
def test_built_in_templates_always_pass_the_number_audit(survey, register, detail, style, shares):
    templates = template_set(Path("/nonexistent-template-set"), {"percent_in_text": style, "share_phrases": shares})
    report = compose_report(survey, audience(register=register, detail=detail), templates, REPORT_DATE)
    for figure in report.figures:
        assert figure.title and figure.notes
