"""Property-based tests: generated findings files never crash compose or build, and no output
states a number that is not in the data; generated invalid files always end in InputError.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from office_checks import DEFAULT_TEMPLATE, report_date, run_cli

FAST = settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

AUDIENCES = {
    "audiences": {
        "raad": {"name": "gemeenteraad", "title": "De kern", "subtitle": "Voor de raad",
                 "document": "raadsinformatiebrief", "detail": "kern", "key_messages": 5},
        "college": {"name": "college", "title": "Memo", "subtitle": "Voor het college", "document": "memo",
                    "detail": "kern"},
        "ambtenaren": {"name": "ambtenaren", "title": "Alles", "subtitle": "Alle uitkomsten",
                       "document": "rapportage", "detail": "volledig"},
        "inwoners": {"name": "inwoners", "title": "Kort", "subtitle": "Voor inwoners", "document": "samenvatting",
                     "register": "b1", "detail": "kern", "key_messages": 3},
    }
}

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwyzéëï", min_size=2, max_size=10)
LABEL = st.one_of(
    st.lists(WORD, min_size=1, max_size=4).map(lambda words: " ".join(words).capitalize()),
    st.tuples(st.integers(12, 70), st.integers(1, 30)).map(lambda pair: f"{pair[0]}-{pair[0] + pair[1]} jaar"),
    st.integers(50, 90).map(lambda age: f"{age}+"),
)
IDENTIFIER = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12)
PERCENT = st.one_of(st.integers(0, 100), st.integers(0, 1000).map(lambda tenths: tenths / 10))
QUALIFIER = st.sampled_from([None, None, None, "about", "more_than", "less_than"])


@st.composite
def items(draw, kind: str):
    labels = draw(st.lists(LABEL, min_size=1, max_size=5, unique_by=str.lower))
    if kind == "grade":
        values = [draw(st.integers(10, 100)) / 10 for _ in labels]
    elif kind == "single":
        weights = [draw(st.integers(1, 50)) for _ in labels]
        total = draw(st.integers(50, 100))
        values = [round(total * weight / sum(weights)) for weight in weights]
    else:
        values = [draw(PERCENT) for _ in labels]
    result = []
    for label, value in zip(labels, values):
        item = {"label": label, "value": value}
        qualifier = draw(QUALIFIER) if kind != "grade" else None
        if qualifier:
            item["qualifier"] = qualifier
        result.append(item)
    return result


@st.composite
def matrix_items(draw):
    columns = draw(st.lists(LABEL, min_size=2, max_size=3, unique_by=str.lower))
    labels = draw(st.lists(LABEL, min_size=1, max_size=4, unique_by=str.lower))
    rows = []
    for label in labels:
        chosen = draw(st.lists(st.sampled_from(columns), min_size=1, unique=True))
        rows.append({"label": label, "values": {column: draw(PERCENT) for column in chosen}})
    return columns, rows


@st.composite
def findings_files(draw):
    """A valid findings mapping: 1-3 themes of 1-3 findings of every kind."""
    ids = iter(draw(st.lists(IDENTIFIER, min_size=12, max_size=12, unique=True)))
    themes = []
    for _ in range(draw(st.integers(1, 3))):
        findings = []
        for _ in range(draw(st.integers(1, 3))):
            kind = draw(st.sampled_from(["multi", "single", "grade", "matrix"]))
            finding = {"id": next(ids), "question": draw(LABEL) + "?", "kind": kind, "key": draw(st.booleans())}
            if kind == "matrix":
                finding["columns"], finding["items"] = draw(matrix_items())
            else:
                finding["items"] = draw(items(kind))
            if draw(st.booleans()):
                finding["base"] = draw(st.integers(1, 5000))
            findings.append(finding)
        themes.append({"id": next(ids), "title": draw(LABEL), "findings": findings})
    survey = {"id": "peiling", "title": "Peiling " + draw(WORD), "publisher": "Gemeente Voorbeeld"}
    if draw(st.booleans()):
        survey["base"] = draw(st.integers(1, 20000))
    if draw(st.booleans()):
        survey["year"] = draw(st.integers(2000, 2030))
    return {"survey": survey, "themes": themes}


def _write(folder: Path, mapping: dict) -> tuple[Path, Path]:
    data = folder / "findings.yaml"
    data.write_text(yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False), encoding="utf-8")
    audiences = folder / "audiences.yaml"
    audiences.write_text(yaml.safe_dump(AUDIENCES, allow_unicode=True), encoding="utf-8")
    return data, audiences


def _reports(data: Path, audiences_path: Path):
    from generator.audiences import load_audiences
    from generator.compose import compose_report
    from generator.readers import load_survey
    from generator.template_set import load_template_set

    survey = load_survey(data)
    template = load_template_set(DEFAULT_TEMPLATE)
    audiences = load_audiences(audiences_path, survey)
    return survey, [(audience, compose_report(survey, audience, template, report_date())) for audience in audiences]


def _untraceable(texts, survey, audience, report) -> list[str]:
    from generator.number_audit import traceable_numbers, traceable_shares, untraceable, user_texts

    numbers = traceable_numbers(survey, report)
    shares = traceable_shares(survey)
    masked = user_texts(survey, audience)
    return [f"{where}: {problem}: {text!r}" for where, text in texts
            for problem in untraceable(text, numbers, shares, masked)]


@FAST
@given(findings_files())
def test_compose_never_crashes_and_every_number_is_in_the_data(mapping):
    from generator.number_audit import report_texts

    with tempfile.TemporaryDirectory() as folder:
        survey, reports = _reports(*_write(Path(folder), mapping))
    for audience, report in reports:
        texts = [(item.where, item.text) for item in report_texts(report)]
        assert _untraceable(texts, survey, audience, report) == []
        for figure in report.figures:
            assert figure.title and figure.chart.alt_text, figure.finding_id


INVALID_VALUES = st.one_of(
    st.integers(101, 10_000), st.integers(-10_000, -1), st.floats(100.01, 1e9), st.floats(-1e9, -0.01),
    st.sampled_from(["veel", "NO", "1:20", "", "zes op de tien"]), st.just(True), st.just([1, 2]), st.just({"a": 1}),
)


@st.composite
def invalid_findings_files(draw):
    """A valid mapping with exactly one thing broken: a value, a type, an id, a kind or a label."""
    mapping = draw(findings_files())
    theme = draw(st.sampled_from(mapping["themes"]))
    finding = draw(st.sampled_from(theme["findings"]))
    item = draw(st.sampled_from(finding["items"]))
    damage = draw(st.sampled_from(["value", "label", "kind", "id", "question"]))
    if damage == "value":
        bad = draw(INVALID_VALUES)
        if finding["kind"] == "grade" and isinstance(bad, (int, float)) and not isinstance(bad, bool):
            bad = bad + 20 if bad > 0 else bad
        if finding["kind"] == "matrix":
            item["values"][next(iter(item["values"]))] = bad
        else:
            item["value"] = bad
    elif damage == "label":
        item["label"] = draw(st.sampled_from(["", "=SOM(A1)", "@cmd", "x" * 201, ["a"], "Bel\x07"]))
    elif damage == "kind":
        finding["kind"] = draw(st.sampled_from(["ranking", "", 3, "Multi"]))
    elif damage == "id":
        finding["id"] = draw(st.sampled_from(["../x", "a/b", "Hoofdletter", "met spatie", ""]))
    else:
        finding["question"] = draw(st.sampled_from([None, ["a"], {"b": 1}, ""]))
    return mapping


@FAST
@given(invalid_findings_files())
def test_invalid_findings_always_end_in_input_error(mapping):
    from generator.readers import load_survey

    with tempfile.TemporaryDirectory() as folder:
        data, _ = _write(Path(folder), mapping)
        with pytest.raises(InputError) as raised:
            load_survey(data)
    assert all(problem.path.endswith("findings.yaml") for problem in raised.value.problems)


PAGE_FURNITURE = re.compile(r"\b(?:[Ff]iguur|[Tt]abel|[Pp]agina|[Dd]ia|[Dd]eel)\s+\d+(?:\s+van\s+\d+)?")


def _document_texts(path: Path) -> list[tuple[str, str]]:
    """Every text a reader sees in a built deck or briefing, without slide numbers and caption numbers."""
    texts = []
    if path.suffix == ".pptx":
        from pptx import Presentation
        from pptx.enum.shapes import PP_PLACEHOLDER

        for number, slide in enumerate(Presentation(str(path)).slides, 1):
            for shape in slide.shapes:
                if shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
                    continue
                if shape.has_text_frame:
                    texts.append((f"{path.name} slide {number}", shape.text_frame.text))
                if shape.has_table:
                    texts += [(f"{path.name} slide {number} table", cell.text)
                              for row in shape.table.rows for cell in row.cells]
    else:
        import docx

        document = docx.Document(str(path))
        texts += [(path.name, paragraph.text) for paragraph in document.paragraphs]
        texts += [(f"{path.name} table", cell.text) for table in document.tables
                  for row in table.rows for cell in row.cells]
    return [(where, PAGE_FURNITURE.sub("", text)) for where, text in texts]


@SLOW
@given(findings_files())
def test_real_build_of_generated_surveys_writes_only_numbers_from_the_data(mapping):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        data, audiences = _write(folder, mapping)
        result = run_cli(["build", "--data", data.name, "--audiences", audiences.name, "--template",
                          str(DEFAULT_TEMPLATE), "--out", "out", "--format", "pptx", "--format", "docx",
                          "--jobs", "2", "--quiet"], cwd=folder)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
        assert (folder / "out" / "manifest.json").is_file()
        survey, reports = _reports(data, audiences)
        documents = sorted((folder / "out").rglob("*.pptx")) + sorted((folder / "out").rglob("*.docx"))
        assert documents
        problems = []
        for audience, report in reports:
            mine = [path for path in documents if audience.id in path.relative_to(folder / "out").parts
                    or path.stem.startswith(audience.id)]
            assert mine, f"no documents for audience {audience.id}"
            for path in mine:
                assert zipfile.is_zipfile(path)
                problems += _untraceable(_document_texts(path), survey, audience, report)
        assert problems == []
