"""Checks over generated Dutch text that can fail: agreement, labels as typed, ranking words only where
licensed, no boilerplate, B1 sentence lengths, page limits and spelling (issue 13, REQUIREMENTS §3, §4, §6).

They run over the bundled data and over generated surveys with labels a user may type (capitals,
digits, participles, abbreviations), one-item and partial lists, approximate values, answer nouns
and item phrases.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DEFAULT_AUDIENCES, DEFAULT_TEMPLATE, SEED_DATA
from generator.audiences import Detail, Register
from generator.compose import compose_report
from generator.findings import Finding, FindingKind, Item, Noun, Qualifier, Reading, Survey, Theme, Value
from generator.report import BulletList, Note, Paragraph, Quote, Report
from generator.writers.docx.plan import HeadingPart, KeyFiguresPart, ListPart, ParagraphPart, report_to_plan
from generator.writers.docx.settings import BriefingSettings
from generator.writers.pptx.plan import DeckMapping, RoleLayout, SlideRole, plan_deck
from narrative_fixtures import REPORT_DATE, audience, template_set
from office_checks import (
    SOURCE_DATE_EPOCH,
    convert_to_pdf,
    pdf_pages,
    require_office_tools,
    require_tool,
    run_cli,
)

AUDIENCES = ("raad", "college", "ambtenaren", "inwoners")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[‘'\"A-ZÀ-Ý0-9])")
WORD = re.compile(r"[^\W\d_][\w'’/-]*|\d+(?:[.,]\d+)?")
RANKING_WORDS = re.compile(r"\bhet vaakst\b|\bmeest\w*\b|\bde meeste\b|\bvaker dan\b|\bvaker genoemd\b", re.I)
QUOTED = re.compile(r"‘[^’]*’")
SINGULAR_VERBS = {"noemt", "zegt", "antwoordt", "geeft", "vindt", "kiest", "koppelt", "heeft", "is", "wil"}
PLURAL_VERBS = {"noemen", "zeggen", "antwoorden", "geven", "vinden", "kiezen", "koppelen", "hebben", "zijn", "willen"}
SHARE_SUBJECT = re.compile(
    r"\b(een|twee|drie|vier|zes|zeven|acht|negen) op de (twintig|tien|vijf)\b([^.;:!?]*?)\b("
    + "|".join(sorted(SINGULAR_VERBS | PLURAL_VERBS, key=len, reverse=True)) + r")\b", re.I)
MAX_REPEATS = 2
B1_AVERAGE = 12
B1_LONGEST = 20


# The texts of a report --------------------------------------------------------------------


def user_texts(survey: Survey, report: Report) -> list[str]:
    """Texts the user wrote (questions, statements, intros, notes, audience texts): not ours to check."""
    texts = [survey.title, survey.publisher, survey.population or "", *survey.notes, report.title, report.subtitle]
    for theme in survey.themes:
        texts += [theme.title, theme.intro or "", theme.text or "", *theme.statements, *theme.quotes]
        for finding in theme.findings:
            texts += [finding.question, finding.title or "", finding.text or "", finding.note or "",
                      finding.emphasis or ""]
            texts += [text or "" for item in finding.items for text in (item.phrase, item.name)]
            texts += [label for item in finding.items for label in (item.label, *(column for column, _ in item.cells))]
    texts += [block.text for block in (*report.introduction, *report.closing) if isinstance(block, Paragraph)]
    texts += [item for block in report.closing if isinstance(block, BulletList) for item in block.items]
    return sorted({text for text in texts if text}, key=len, reverse=True)


def generated(text: str, survey: Survey, report: Report) -> str:
    """`text` with quoted spans and user-written texts blanked out: only our own words remain."""
    text = QUOTED.sub("‘…’", text)
    for piece in user_texts(survey, report):
        text = text.replace(piece, "…")
    return text


def running_texts(report: Report, titles: bool = False) -> list[str]:
    """Every text a reader reads in the report, in order; figure titles only with `titles`."""
    texts = [*report.key_messages]
    for block in (*report.introduction, *report.method, *report.closing):
        if isinstance(block, (Paragraph, Note, Quote)):
            texts.append(block.text)
        elif isinstance(block, BulletList):
            texts += block.items
    for section in report.sections:
        texts.append(section.summary)
        for block in section.blocks:
            if isinstance(block, (Paragraph, Note)):
                texts.append(block.text)
        for figure in section.figures:
            texts += [figure.title] if titles else []
            texts.append(figure.text)
    return [text for text in texts if text]


def every_text(report: Report) -> list[str]:
    """Running text, titles, key figures, captions, alt texts and notes."""
    texts = running_texts(report, titles=True)
    if report.key_figures:
        texts += [f"{figure.value} {figure.label}" for figure in report.key_figures.figures]
    for figure in report.figures:
        texts += [figure.chart.caption, figure.chart.alt_text, *figure.chart.spec.notes, *figure.notes.splitlines()]
    return [text for text in texts if text]


def sentences(text: str) -> list[str]:
    return [sentence.strip() for line in text.splitlines() for sentence in SENTENCE_END.split(line) if sentence.strip()]


def word_count(sentence: str) -> int:
    return len(WORD.findall(sentence))


DECK_MAPPING = DeckMapping(roles={role: RoleLayout(role, role.value, index, 0, 1, 1 if role is SlideRole.CHART
                                                   else None) for index, role in enumerate(SlideRole)}
                           | {SlideRole.CHART_TEXT: RoleLayout(SlideRole.CHART_TEXT, "chart_text", 5, 0, 2, 1)})


def document_texts(report: Report) -> dict[str, list[str]]:
    """What each document shows (deck slides without notes and footers, briefing without source lines)."""
    deck = [text for slide in plan_deck(report, DECK_MAPPING) for text in (slide.title, *(line.text for line in
                                                                                           slide.body))]
    briefing = []
    for part in report_to_plan(report, BriefingSettings()).parts:
        if isinstance(part, ParagraphPart) and part.role != "source":
            briefing.append(part.text)
        elif isinstance(part, ListPart):
            briefing += part.items
        elif isinstance(part, HeadingPart):
            briefing.append(part.text)
        elif isinstance(part, KeyFiguresPart):
            briefing += [f"{value} {label}" for value, label in part.figures]
    return {"pptx": [text for text in deck if text], "docx": [text for text in briefing if text]}


# The checks, each a list of readable problems -----------------------------------------------


def agreement_problems(texts: list[str]) -> list[str]:
    """"een op de vijf ... noemt" (singular head), "zes op de tien ... noemen" (plural)."""
    problems = []
    for text in texts:
        for match in SHARE_SUBJECT.finditer(text):
            head, verb = match.group(1).lower(), match.group(4).lower()
            if "," in match.group(3) or " en " in f" {match.group(3)} ":
                continue  # an enumeration of shares: the verb belongs to another subject
            wanted = SINGULAR_VERBS if head == "een" else PLURAL_VERBS
            if verb not in wanted:
                problems.append(f"{match.group(0)!r}: {'singular' if head == 'een' else 'plural'} verb expected")
    return problems


def label_case_problems(texts: list[str], labels: set[str], user: tuple[str, ...] = ()) -> list[str]:
    """Every label appears exactly as typed: once the exact labels (and texts the user wrote) are
    blanked out, no case-insensitive copy of a label may be left."""
    problems = []
    exact = sorted({*labels, *user}, key=len, reverse=True)
    for text in texts:
        rest = text
        for piece in exact:
            rest = rest.replace(piece, "…")
        for label in labels:
            for match in re.finditer(rf"(?<!\w){re.escape(label)}(?!\w)", rest, re.I):
                problems.append(f"label {label!r} written as {match.group(0)!r} in {text!r}")
    return problems


def ranking_problems(texts: list[str]) -> list[str]:
    return [f"ranking word {match.group(0)!r} in {text!r}" for text in texts for match in RANKING_WORDS.finditer(text)]


def normalised(sentence: str) -> str:
    """A sentence compared as a reader sees it: a title without its full stop is the same sentence."""
    return " ".join(sentence.replace("\u00a0", " ").split()).rstrip(".!?:;")


def repeated_sentences(texts: list[str]) -> list[str]:
    counts = Counter(normalised(sentence) for text in texts for sentence in sentences(text))
    return [f"{count}x {sentence!r}" for sentence, count in counts.items() if count > MAX_REPEATS]


def digit_openings(texts: list[str]) -> list[str]:
    return [sentence for text in texts for sentence in sentences(text) if sentence[:1].isdigit()]


# The bundled data ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    import os

    from composed import report_for_audience
    from generator.readers import load_survey

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    try:
        reports = {audience_id: report_for_audience(SEED_DATA, DEFAULT_TEMPLATE, DEFAULT_AUDIENCES, audience_id)
                   for audience_id in AUDIENCES}
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return load_survey(SEED_DATA), reports


def seed_labels(survey: Survey) -> set[str]:
    return {label for finding in survey.findings for item in finding.items
            for label in (item.label, *(column for column, _ in item.cells))}


@pytest.mark.parametrize("audience_id", AUDIENCES)
def test_seed_shares_agree_with_their_verb(seed, audience_id):
    survey, reports = seed
    report = reports[audience_id]
    assert not agreement_problems([generated(text, survey, report) for text in every_text(report)])


@pytest.mark.parametrize("audience_id", AUDIENCES)
def test_seed_labels_keep_the_case_they_were_typed_in(seed, audience_id):
    survey, reports = seed
    report = reports[audience_id]
    assert not label_case_problems(every_text(report), seed_labels(survey), tuple(user_texts(survey, report)))


@pytest.mark.parametrize("audience_id", AUDIENCES)
def test_seed_ranking_words_only_for_ranking_findings(seed, audience_id):
    survey, reports = seed
    report = reports[audience_id]
    for figure in report.figures:
        _, finding = survey.finding(figure.finding_id)
        if finding.effective_reading is not Reading.RANKING:
            texts = [figure.title, figure.text, figure.chart.alt_text, *figure.notes.splitlines()]
            assert not ranking_problems([generated(text, survey, report) for text in texts]), figure.finding_id


@pytest.mark.parametrize("audience_id", AUDIENCES)
def test_seed_documents_repeat_no_sentence_more_than_twice(seed, audience_id):
    survey, reports = seed
    for name, texts in document_texts(reports[audience_id]).items():
        assert not repeated_sentences(texts), name


@pytest.mark.parametrize("audience_id", AUDIENCES)
def test_seed_running_text_never_opens_a_sentence_with_a_digit(seed, audience_id):
    _, reports = seed
    assert not digit_openings(running_texts(reports[audience_id]))


def b1_figures(report: Report) -> tuple[float, int, list[str]]:
    """(average words per sentence, longest sentence, sentences over the limit) of what residents read."""
    texts = running_texts(report, titles=True)
    texts += [figure.chart.caption for figure in report.figures]
    found = [sentence for text in texts for sentence in sentences(text)]
    counts = [word_count(sentence) for sentence in found]
    return sum(counts) / len(counts), max(counts), [s for s in found if word_count(s) > B1_LONGEST]


def test_residents_text_is_b1(seed):
    """REQUIREMENTS §4: about 10-12 words per sentence; here at most 12 on average and none over 20."""
    _, reports = seed
    average, longest, too_long = b1_figures(reports["inwoners"])
    assert average <= B1_AVERAGE, f"{average:.1f} words per sentence on average"
    assert not too_long, f"longest {longest} words: {too_long}"


def test_residents_charts_speak_of_who_answered_and_carry_no_legend(seed):
    from generator.charts.content import APPROXIMATE_NOTE

    _, reports = seed
    for figure in reports["inwoners"].figures:
        assert figure.chart.caption.startswith("Vraag aan de "), figure.chart.caption
        assert APPROXIMATE_NOTE not in figure.chart.spec.notes
    assert not any("bij benadering" in text for text in every_text(reports["inwoners"]))


def test_seed_survey_title_comes_from_the_data(seed, tmp_path):
    """Audience texts that speak of the survey take its title from the data, never from the bundled file."""
    survey, reports = seed
    for report in reports.values():
        intro = " ".join(block.text for block in report.introduction if isinstance(block, Paragraph))
        assert "{" not in intro and "{" not in report.title
    renamed = tmp_path / "peiling.yaml"
    renamed.write_text(SEED_DATA.read_text(encoding="utf-8").replace(f"  title: {survey.title}\n",
                                                                      "  title: Peiling Wijkzaken\n", 1),
                       encoding="utf-8")
    from composed import report_for_audience

    report = report_for_audience(renamed, DEFAULT_TEMPLATE, DEFAULT_AUDIENCES, "raad")
    texts = [report.title, report.subtitle, *(value for _, value in report.header_fields),
             *(block.text for block in report.introduction if isinstance(block, Paragraph))]
    assert not [text for text in texts if survey.title in text]
    assert any("Peiling Wijkzaken" in text for text in texts)


# Generated surveys ---------------------------------------------------------------------------

LABELS = ("D66", "GroenLinks", "PvdA", "VVD", "Teruggekoppeld aan deelnemers", "Leidt tot innovatieve oplossingen",
          "AVG-verzoeken", "5 of minder", "16 of meer", "Sociale media", "Budget", "iPad-gebruik", "WhatsApp",
          "Geëvalueerd met inwoners", "Weet niet", "(Enigszins) behoefte", "Wmo-loket")
PHRASES = {"Teruggekoppeld aan deelnemers": "trajecten worden teruggekoppeld aan de deelnemers",
           "Leidt tot innovatieve oplossingen": "participatie leidt tot nieuwe oplossingen",
           "Geëvalueerd met inwoners": "trajecten worden geëvalueerd met de inwoners"}
ANSWERS = (None, Noun("doel", "doelen"), Noun("struikelblok", "struikelblokken"), Noun("partij", "partijen"),
           Noun("voorwaarde", "voorwaarden"))
GROUPS = (None, Noun("inwoner", "inwoners"), Noun("raadslid", "raadsleden"), Noun("ambtenaar", "ambtenaren"))
WORDINGS = {Qualifier.ABOUT: "ongeveer een derde", Qualifier.MORE_THAN: "meer dan de helft"}


@st.composite
def values(draw, limit: float = 100.0):
    if draw(st.integers(0, 5)) == 0:
        qualifier = draw(st.sampled_from([Qualifier.ABOUT, Qualifier.MORE_THAN]))
        amount = {Qualifier.ABOUT: 33.0, Qualifier.MORE_THAN: 50.0}[qualifier]
        return Value(amount, qualifier, WORDINGS[qualifier] if draw(st.booleans()) else None)
    return Value(float(draw(st.integers(1, int(limit)))))


@st.composite
def findings(draw, index: int):
    kind = draw(st.sampled_from([FindingKind.MULTI, FindingKind.MULTI, FindingKind.SINGLE, FindingKind.GRADE]))
    if kind is FindingKind.GRADE:
        label = draw(st.sampled_from(LABELS))
        return Finding(f"f{index}", f"Welk rapportcijfer geeft u onderwerp {'ABCDEF'[index]}?", kind,
                       (Item(label, Value(draw(st.integers(10, 100)) / 10)),), unit="grade", key=True,
                       respondents=draw(st.sampled_from(GROUPS)))
    labels = draw(st.lists(st.sampled_from(LABELS), min_size=1, max_size=6, unique=True))
    complete = draw(st.booleans())
    budget = 100.0
    items = []
    for label in labels:
        value = draw(values(max(budget, 1.0) if kind is FindingKind.SINGLE else 100.0))
        if kind is FindingKind.SINGLE:
            if value.amount > budget:
                break
            budget -= value.amount
        phrase = PHRASES.get(label) if draw(st.booleans()) else None
        items.append(Item(label, value, phrase=phrase))
    if not items:
        items = [Item(labels[0], Value(1.0))]
    readings = [None, Reading.DISTRIBUTION, Reading.SHARE]
    if kind is FindingKind.MULTI and complete and len(items) >= 3:
        readings.append(Reading.RANKING)
    if all(item.value.amount <= 50 and item.value.qualifier is not Qualifier.MORE_THAN for item in items):
        readings.append(Reading.FEW)
    reading = draw(st.sampled_from(readings))
    effective = reading or Finding("x", "x", kind, tuple(items), complete=complete).effective_reading
    emphasis = None
    if effective in (Reading.RANKING, Reading.FEW) and draw(st.booleans()):
        emphasis = "opvallend weinig" if effective is Reading.FEW else "met kop en schouders"
    return Finding(f"f{index}", f"Welke {index}e vraag kregen de deelnemers?", kind, tuple(items),
                   key=draw(st.booleans()), complete=complete, reading=reading, emphasis=emphasis,
                   answer=draw(st.sampled_from(ANSWERS)) if kind is FindingKind.MULTI else None,
                   respondents=draw(st.sampled_from(GROUPS)))


@st.composite
def surveys(draw):
    found = tuple(draw(findings(index)) for index in range(draw(st.integers(1, 4))))
    return Survey("s", "Peiling", "Panel", (Theme("t", "Thema", found),),
                  respondents=draw(st.sampled_from(GROUPS[1:])))


def compose(survey: Survey, register: Register, detail: Detail) -> Report:
    templates = template_set(Path("/nonexistent-template-set"))
    return compose_report(survey, audience(register=register, detail=detail), templates, REPORT_DATE)


PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(survey=surveys(), register=st.sampled_from(list(Register)), detail=st.sampled_from(list(Detail)))
def test_generated_texts_agree_keep_labels_and_rank_only_where_licensed(survey, register, detail):
    report = compose(survey, register, detail)
    texts = every_text(report)
    ours = [generated(text, survey, report) for text in texts]
    assert not agreement_problems(ours)
    labels = {item.label for finding in survey.findings for item in finding.items}
    assert not label_case_problems(texts, labels, tuple(user_texts(survey, report)))
    for figure in report.figures:
        _, finding = survey.finding(figure.finding_id)
        if finding.effective_reading is not Reading.RANKING:
            shown = [figure.title, figure.text, *figure.notes.splitlines()]
            assert not ranking_problems([generated(text, survey, report) for text in shown]), finding
    if not any(finding.effective_reading is Reading.RANKING for finding in survey.findings):
        assert not ranking_problems(ours), "no finding is a ranking, so no text may rank"
    assert not digit_openings([generated(text, survey, report) for text in running_texts(report)])


@PROPERTY
@given(survey=surveys(), register=st.sampled_from(list(Register)), detail=st.sampled_from(list(Detail)))
def test_generated_documents_repeat_no_sentence_more_than_twice(survey, register, detail):
    report = compose(survey, register, detail)
    for name, texts in document_texts(report).items():
        assert not repeated_sentences(texts), name


@pytest.mark.parametrize("finding, forbidden", [
    (Finding("p", "Op welke partij stemde u?", FindingKind.MULTI,
             (Item("D66", Value(30.0)), Item("GroenLinks", Value(20.0)), Item("PvdA", Value(10.0))), complete=False),
     "partial"),
    (Finding("e", "Werkt u bij een gemeente?", FindingKind.MULTI, (Item("Teruggekoppeld aan deelnemers", Value(48.0),
                                                                        phrase="trajecten worden teruggekoppeld"),),),
     "one-item"),
    (Finding("g", "Wat is uw geslacht?", FindingKind.SINGLE, (Item("Vrouw", Value(61.0)), Item("Man", Value(38.0)))),
     "background"),
], ids=lambda value: value if isinstance(value, str) else "")
def test_no_ranking_for_partial_lists_one_item_or_background_questions(finding, forbidden):
    survey = Survey("s", "Peiling", "Panel", (Theme("t", "Thema", (finding,)),), respondents=Noun("inwoner", "inwoners"))
    for register in Register:
        report = compose(survey, register, Detail.FULL)
        assert not ranking_problems([generated(text, survey, report) for text in every_text(report)])
        assert not label_case_problems(every_text(report), {item.label for item in finding.items},
                                       tuple(user_texts(survey, report)))


# Page limits, via the PDF --------------------------------------------------------------------


def pages_before_appendix(pdf: Path) -> int:
    """How many pages come before the page whose first heading line is the appendix ("Bijlage...")."""
    for page in range(1, pdf_pages(pdf) + 1):
        result = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", "-enc", "UTF-8",
                                 str(pdf), "-"], capture_output=True, timeout=60, check=True)
        lines = [line.strip() for line in result.stdout.decode("utf-8", errors="replace").splitlines()]
        if any(line.startswith("Bijlage") and ":" in line and not line.startswith("Bijlage(n)") for line in lines):
            return page - 1
    return pdf_pages(pdf)


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    require_office_tools()
    work = tmp_path_factory.mktemp("letters")
    result = run_cli(["build", "--data", str(SEED_DATA), "--audiences", str(DEFAULT_AUDIENCES), "--template",
                      str(DEFAULT_TEMPLATE), "--out", "out", "--format", "docx", "--audience", "raad",
                      "--audience", "college", "--jobs", "1"], cwd=work)
    assert result.returncode == 0, result.stderr[-2000:]
    documents = {path.stem: path for path in (work / "out").rglob("*.docx")}
    return {name: convert_to_pdf(path, work / "pdf", profile=f"quality-{name}") for name, path in documents.items()}


@pytest.mark.office
@pytest.mark.parametrize("audience_id", ["raad", "college"])
def test_letters_fit_on_two_pages_before_the_appendix(letters, audience_id):
    """REQUIREMENTS §3: council members ask for the essence on about two A4 pages."""
    (pdf,) = [path for name, path in letters.items() if audience_id in name]
    before = pages_before_appendix(pdf)
    assert before < pdf_pages(pdf), "the letter has an appendix"
    assert before <= 2, f"{before} pages before the appendix"


# Spelling ---------------------------------------------------------------------------------------

ALLOWED_WORDS = {
    # Compounds and terms the Dutch dictionary lacks but that are correct Dutch.
    "burgerparticipatie", "burgerparticipatietrajecten", "participatiebeleid", "participatietraject",
    "participatietrajecten", "Ambtenarenpanel", "opt-in", "raadsinformatiebrief", "procentpunt", "B1",
}


def misspelled(words: set[str]) -> set[str]:
    hunspell = require_tool("hunspell", "hunspell and hunspell-nl")
    result = subprocess.run([hunspell, "-d", "nl_NL", "-l"], input="\n".join(sorted(words)), capture_output=True,
                            text=True, timeout=60)
    if result.returncode != 0 or "Can't open affix or dictionary" in result.stderr:
        pytest.fail(f"hunspell -d nl_NL cannot run: {result.stderr.strip()[:300]}")
    return {word for word in result.stdout.split() if word not in ALLOWED_WORDS}


@pytest.mark.parametrize("audience_id", AUDIENCES)
def test_generated_text_is_spelled_correctly(seed, audience_id):
    """Our own words only: labels, quoted text and user-supplied texts and phrases are left out."""
    survey, reports = seed
    report = reports[audience_id]
    ours = " ".join(generated(text, survey, report) for text in every_text(report))
    words = {word for word in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", ours) if len(word) > 1}
    assert not misspelled(words)


def test_the_spelling_check_can_fail():
    assert misspelled({"ambtenaaren", "gemeente"}) == {"ambtenaaren"}


@pytest.mark.parametrize("check, texts, extra", [
    (agreement_problems, ["Zes op de tien ambtenaren noemt ‘X’."], ()),
    (agreement_problems, ["Een op de vijf inwoners noemen ‘X’."], ()),
    (label_case_problems, ["Van de inwoners noemt 30 procent d66."], ({"D66"},)),
    (ranking_problems, ["‘D66’ wordt het vaakst genoemd."], ()),
    (repeated_sentences, ["Dat is zo. Dat is zo.", "Dat is zo."], ()),
    (digit_openings, ["64 procent noemt ‘X’."], ()),
], ids=["plural-share", "singular-share", "label-case", "ranking", "boilerplate", "digit-opening"])
def test_each_check_catches_what_it_guards(check, texts, extra):
    assert check(texts, *extra)


def test_the_checks_pass_good_text():
    good = ["Een op de vijf inwoners noemt ‘D66’.", "Zes op de tien inwoners noemen ‘PvdA’.",
            "Van de inwoners noemt 30 procent ‘D66’."]
    assert not agreement_problems(good) and not label_case_problems(good, {"D66", "PvdA"})
    assert not ranking_problems(good) and not repeated_sentences(good) and not digit_openings(good)
