"""Small hand-built surveys and audiences for the narrative, compose and audit tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.audiences import Audience, Detail, Register
from generator.findings import Finding, FindingKind, Item, Qualifier, Survey, Theme, Value
from generator.narrative.phrasing import Noun
from generator.report import DocumentKind
from generator.template_set import TemplateSet

REPORT_DATE = dt.date(2026, 11, 28)
RESPONDENTS = Noun("ambtenaar", "ambtenaren")


def value(amount: float, qualifier: Qualifier = Qualifier.EXACT, wording: str | None = None) -> Value:
    return Value(amount, qualifier, wording)


def multi(finding_id: str, *pairs: tuple[str, float], key: bool = False, **fields) -> Finding:
    """A multiple-response finding: multi("doelen", ("Kwaliteit", 64), ("Invloed", 57))."""
    items = tuple(Item(label, value(amount) if not isinstance(amount, Value) else amount) for label, amount in pairs)
    return Finding(id=finding_id, question=f"Vraag {finding_id}?", kind=FindingKind.MULTI, items=items, key=key,
                   **fields)


def single(finding_id: str, *pairs: tuple[str, float], key: bool = False, **fields) -> Finding:
    items = tuple(Item(label, value(amount) if not isinstance(amount, Value) else amount) for label, amount in pairs)
    return Finding(id=finding_id, question=f"Vraag {finding_id}?", kind=FindingKind.SINGLE, items=items, key=key,
                   **fields)


def grade(finding_id: str, label: str, amount: float, key: bool = True) -> Finding:
    return Finding(id=finding_id, question="Welk rapportcijfer geeft u?", kind=FindingKind.GRADE,
                   items=(Item(label, value(amount)),), unit="grade", key=key)


def small_survey(**fields) -> Survey:
    """Two themes: a grade and a key multi finding, then a non-key multi and an approximate one."""
    themes = (
        Theme("oordeel", "Oordeel", (
            grade("cijfer", "Burgerparticipatie", 6.7),
            multi("doelen", ("Kwaliteit van beleid", 64), ("Invloed", 57), ("Draagvlak verkennen", 12),
                  ("Zelfredzaamheid", 5), key=True),
        ), statements=("Er is verbetering mogelijk.",), quotes=("Meer terugkoppeling graag",)),
        Theme("kanalen", "Kanalen", (
            multi("media", ("Sociale media", 98), ("Website", 90), ("Post", 67)),
            multi("struikelblok", ("Geld", value(20, Qualifier.ABOUT, "een op de vijf"))),
        ), intro="Over de kanalen."),
    )
    defaults = dict(id="klein", title="Kleine peiling", publisher="Panel", themes=themes)
    defaults.update(fields)
    return Survey(**defaults)


def audience(audience_id: str = "test", **fields) -> Audience:
    defaults = dict(id=audience_id, name="gemeenteraad", title="Titel", subtitle="Ondertitel",
                    document_kind=DocumentKind.RAPPORTAGE, respondents=RESPONDENTS)
    defaults.update(fields)
    return Audience(**defaults)


def plain_audience(**fields) -> Audience:
    return audience("inwoners", name="inwoners", register=Register.PLAIN, detail=Detail.KEY,
                    document_kind=DocumentKind.SAMENVATTING, **fields)


def template_set(directory: Path, text_settings: dict | None = None) -> TemplateSet:
    """A template set in `directory` with only a `text:` section (and an optional narrative/ folder)."""
    from generator.yaml_source import LocatedDict

    settings = LocatedDict({"text": LocatedDict(text_settings or {})})
    return TemplateSet(directory=directory, settings_path=None, settings=settings)
