"""Survey + audience -> Report: the same findings told at the depth and in the register each audience needs.

Texts come from the narrative templates (hand-written texts in the findings win), charts from
`generator.charts.content`, and every number in the result is checked by the number audit
before the report leaves this module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re

from generator.audiences import DEFAULT_AUTHOR, Audience
from generator.charts.content import APPROXIMATE_NOTE, finding_to_chart
from generator.dutch import format_base, format_date
from generator.errors import InputError, problem_at
from generator.findings import Finding, FindingKind, Noun, Reading, Survey, Theme
from generator.headings import outline_for, template_headings
from generator.narrative import NarrativeEnvironment, Narrator, text_settings
from generator.number_audit import audit_report
from generator.report import (
    Block,
    BulletList,
    Chart,
    DocumentKind,
    Figure,
    Heading,
    KeyFigure,
    KeyFigures,
    Note,
    Paragraph,
    Quote,
    Report,
    Section,
    SourceLine,
    report_texts,
)
from generator.template_set import TemplateSet

MEMO_KINDS = (DocumentKind.MEMO, DocumentKind.RAADSINFORMATIEBRIEF)
MAX_KEY_FIGURES = 4
MIN_KEY_MESSAGES = 3


def report_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH when set, so builds can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise InputError(problem_at("SOURCE_DATE_EPOCH", f"must be whole seconds since 1970, not {epoch!r}")) from None
    return dt.date.today()


def selected_findings(survey: Survey, audience: Audience) -> tuple[tuple[Theme, tuple[Finding, ...]], ...]:
    """The audience's themes in its order, each with the findings it gets; themes left empty are dropped."""
    themes = [survey.theme(theme_id) for theme_id in audience.themes] if audience.themes else list(survey.themes)
    selection = []
    for theme in themes:
        if audience.detailed:
            findings = theme.findings
        else:
            findings = tuple(finding for finding in theme.findings if finding.key or finding.id in audience.findings)
        if findings:
            selection.append((theme, findings))
    return tuple(selection)


def compose_report(survey: Survey, audience: Audience, template: TemplateSet, date: dt.date) -> Report:
    """One audience's report on `survey`, its numbers audited against the data."""
    settings = text_settings(template)
    narrator = Narrator(
        NarrativeEnvironment(template.narrative_dir),
        register=audience.register.value,
        respondents=survey.respondents or audience.respondents,
        settings=settings,
        audience={"id": audience.id, "name": audience.name, "detailed": audience.detailed,
                  "plain_language": audience.plain_language, "letter": audience.document_kind in MEMO_KINDS,
                  "opt_in_panel": audience.opt_in_panel},
        scope=survey.scope,
        plain_scope=audience.plain_language,
    )
    selection = selected_findings(survey, audience)
    findings = tuple(finding for _, theme_findings in selection for finding in theme_findings)
    date_text = format_date(date)
    report = Report(
        audience=audience.id,
        title=audience.title,
        subtitle=audience.subtitle,
        date=date,
        date_text=date_text,
        source=source_line(survey),
        author=audience.author,
        language=survey.language,
        document_kind=audience.document_kind,
        key_messages=key_messages(narrator, selection, audience.key_message_count,
                                  with_statements=not audience.plain_language),
        headings=template_headings(template, audience.document_kind),
        outline=outline_for(audience.document_kind),
        sections=distinct_titles(tuple(theme_section(narrator, theme, theme_findings, audience)
                                       for theme, theme_findings in selection), survey),
        introduction=introduction_blocks(survey, audience),
        method=(*(Paragraph(line) for line in narrator.method_lines(survey, findings, audience.opt_in_panel)),
                SourceLine(source_line(survey))),
        closing=closing_blocks(audience, narrator, survey),
        header_fields=header_fields(audience, date_text),
        key_figures=key_figures(narrator, findings),
        tables_in_appendix=audience.tables_in_appendix,
        detailed=audience.detailed,
        keywords=(*audience.keywords, *(theme.title for theme, _ in selection)),
        survey_id=survey.id,
    )
    if audience.plain_language:
        report = dataclasses.replace(report, introduction=(*report.introduction, *explained_terms(survey, report)))
    audit_report(report, survey, audience, origins=narrator.origins)
    return report


def explained_terms(survey: Survey, report: Report) -> tuple[Paragraph, ...]:
    """One plain sentence for each of the survey's terms that the report uses: jargon explained once."""
    text = "\n".join(report_texts(report)).lower()
    return tuple(Paragraph(f"Met ‘{term}’ bedoelen we: {meaning}.") for term, meaning in survey.terms
                 if term.lower() in text)


def source_line(survey: Survey) -> str:
    """"Bron: <citation>", with period or year and the base only when the source gives them."""
    parts = [survey.citation]
    if survey.period:
        parts.append(survey.period)
    elif survey.year:
        parts.append(str(survey.year))
    if survey.base:
        parts.append(format_base(survey.base))
    return "Bron: " + ", ".join(parts)


def theme_section(narrator: Narrator, theme: Theme, findings: tuple[Finding, ...], audience: Audience) -> Section:
    """A theme as a section: its intro, one figure per finding, then statements and quotes for detailed audiences."""
    blocks: list[Block] = []
    if theme.intro and not audience.plain_language and (audience.detailed or theme.intro.rstrip().endswith("?")):
        blocks.append(Paragraph(theme.intro))
    for finding in findings:
        title = narrator.finding_title(finding)
        text = without_restated_title(narrator.finding_text(finding), title)
        chart = finding_to_chart(theme, finding, audience.opt_in_panel)
        if audience.plain_language:
            chart = plain_chart(chart, finding, narrator.respondents)
        blocks.append(Figure(
            finding_id=finding.id,
            title=title,
            chart=chart,
            text=text,
            notes=narrator.finding_notes(finding, text),
        ))
    if audience.detailed:
        blocks += [Note(statement) for statement in theme.statements]
        blocks += [Quote(quote) for quote in theme.quotes]
    return Section(id=theme.id, title=theme.title, blocks=tuple(blocks),
                   summary=narrator.theme_summary(theme, findings))


def without_restated_title(text: str, title: str) -> str:
    """`text` without the sentences that only repeat the title above it ("64%" read as "64 procent")."""
    sentences = re.split(r"(?<=\.) (?=\S)", text)
    kept = [sentence for sentence in sentences if _plain(sentence) != _plain(title)]
    return " ".join(kept) if len(kept) < len(sentences) else text


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("%", " procent").rstrip(".").casefold().split())


def distinct_titles(sections: tuple[Section, ...], survey: Survey) -> tuple[Section, ...]:
    """Sections whose figure titles are all different: a title two findings share names its question."""
    titles = [figure.title for section in sections for figure in section.figures]
    shared = {title for title in titles if titles.count(title) > 1}
    if not shared:
        return sections

    def retitled(block: Block) -> Block:
        if isinstance(block, Figure) and block.title in shared:
            question = survey.finding(block.finding_id)[1].question.strip()
            return dataclasses.replace(block, title=f"{block.title}, op de vraag ‘{question}’")
        return block

    return tuple(dataclasses.replace(section, blocks=tuple(retitled(block) for block in section.blocks))
                 for section in sections)


MESSAGE_PRIORITY = {Reading.FEW: 1, Reading.SHARE: 2, Reading.RANKING: 3, Reading.DISTRIBUTION: 4}
"""Which key findings make the clearest messages: a grade, then what few do, then a single share."""


def plain_chart(chart: Chart, finding: Finding, respondents: Noun) -> Chart:
    """A chart for residents: the caption says whom the question was put to, so it never reads as asked of them."""
    group = (finding.respondents or respondents).plural
    caption = f"Vraag aan de {group}: {finding.question}"
    notes = tuple(note for note in chart.spec.notes if note != APPROXIMATE_NOTE)
    return dataclasses.replace(chart, caption=caption, spec=dataclasses.replace(chart.spec, notes=notes),
                               table=dataclasses.replace(chart.table, caption=caption))


def key_messages(narrator: Narrator, selection, count: int, with_statements: bool = True) -> tuple[str, ...]:
    """Up to `count` messages: the key statements, then key findings by clarity; topped up to three.

    The source's statements are its own prose, not plain language, so B1 audiences get findings only."""
    statements = [statement for theme, _ in selection for statement in theme.key_statements] if with_statements else []
    pairs = [(theme, finding) for theme, findings in selection for finding in findings]
    keyed = sorted((pair for pair in pairs if pair[1].key),
                   key=lambda pair: (-narrator.comparison_strength(pair[1]), _priority(pair[1])))
    room = max(count - len(statements), 0)
    chosen = keyed[:room]
    wanted = min(MIN_KEY_MESSAGES, count) - len(statements)
    if len(chosen) < wanted:
        others = sorted((pair for pair in pairs if pair not in chosen), key=lambda pair: -_strength(pair[1]))
        chosen += others[: wanted - len(chosen)]
    chosen.sort(key=pairs.index)
    findings_said = [narrator.key_message(theme, finding) for theme, finding in chosen]
    findings_said = [narrator.anchored_message(finding) if findings_said.count(message) > 1 else message
                     for (_, finding), message in zip(chosen, findings_said)]
    messages = [*statements[:count], *findings_said]
    return tuple(message for message in messages if message)


def _priority(finding: Finding) -> int:
    return 0 if finding.kind is FindingKind.GRADE else MESSAGE_PRIORITY.get(finding.effective_reading, 5)


def key_figures(narrator: Narrator, findings: tuple[Finding, ...]) -> KeyFigures | None:
    """The strongest exact numbers: grades first, then the top answer of each key finding."""
    candidates = [finding for finding in findings if finding.kind is FindingKind.GRADE]
    candidates += sorted((finding for finding in findings if finding.kind is not FindingKind.GRADE and finding.key),
                         key=lambda finding: -_strength(finding))
    figures, questions = [], []
    for finding in candidates:
        figure = narrator.key_figure(finding)
        if figure is None or figure[0].approximate or len(figures) >= MAX_KEY_FIGURES:
            continue
        figures.append(KeyFigure(value=figure[0].symbol, label=figure[1]))
        questions.append(finding.question.strip())
    labels = [figure.label for figure in figures]
    figures = [dataclasses.replace(figure, label=f"{figure.label}, op de vraag ‘{question}’")
               if labels.count(figure.label) > 1 else figure for figure, question in zip(figures, questions)]
    return KeyFigures(tuple(figures)) if figures else None


def _strength(finding: Finding) -> float:
    """How clear a finding's message is: its highest exact share (grades rank first)."""
    if finding.kind is FindingKind.GRADE:
        return 1000.0
    exact = [value.amount for value in finding.values() if not value.is_approximate]
    return max(exact, default=0.0)


def header_fields(audience: Audience, date_text: str) -> tuple[tuple[str, str], ...]:
    """Memo header lines as configured; the date always filled in, empty fields given sensible values."""
    if audience.document_kind not in MEMO_KINDS:
        return ()
    fields = list(audience.header_fields) or [("Aan", audience.name[:1].upper() + audience.name[1:]), ("Van", ""),
                                               ("Datum", ""), ("Onderwerp", "")]
    sender = "" if audience.author == DEFAULT_AUTHOR else audience.author
    defaults = {"datum": date_text, "van": sender, "onderwerp": audience.title, "betreft": audience.title}
    filled = [(label, value or defaults.get(label.lower(), "")) for label, value in fields]
    if not any(label.lower() == "datum" for label, _ in filled):
        after = next((index + 1 for index, (label, _) in enumerate(filled) if label.lower() == "van"), len(filled))
        filled.insert(after, ("Datum", date_text))
    return tuple((label, value) for label, value in filled if value)


SCOPE_NOTES = {
    "landelijk": "De cijfers geven een landelijk beeld; ze gaan niet over onze gemeente in het bijzonder.",
    "regionaal": "De cijfers geven een regionaal beeld; ze gaan niet over onze gemeente in het bijzonder.",
}
"""Said in a letter's introduction when the survey is not about the municipality itself."""


def introduction_blocks(survey: Survey, audience: Audience) -> tuple[Block, ...]:
    """The audience's introduction; a letter adds, once, that the figures are not the municipality's own."""
    blocks = [Paragraph(text) for text in audience.introduction]
    note = SCOPE_NOTES.get(survey.scope or "")
    if note and audience.document_kind in MEMO_KINDS and not audience.plain_language:
        blocks.append(Paragraph(note))
    return tuple(blocks)


def closing_blocks(audience: Audience, narrator: Narrator, survey: Survey) -> tuple[Block, ...]:
    """The audience's closing section; a list of points becomes a numbered list, each with the facts behind it."""
    if not audience.closing:
        return ()
    points = list(audience.closing)
    for index, finding_ids in enumerate(audience.closing_support[:len(points)]):
        facts = [narrator.backing(survey.finding(finding_id)[1]) for finding_id in finding_ids]
        if facts:
            points[index] = f"{points[index]} Onderbouwing: {' '.join(facts)}"
    if audience.closing_numbered:
        return (Heading(audience.closing_title), BulletList(tuple(points), numbered=True))
    return (Heading(audience.closing_title), *(Paragraph(text) for text in points))
