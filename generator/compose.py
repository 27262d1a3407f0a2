"""Survey + audience -> Report: the same findings told at the depth and in the register each audience needs.

Texts come from the narrative templates (hand-written texts in the findings win), charts from
`generator.charts.content`, and every number in the result is checked by the number audit
before the report leaves this module.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from generator.audiences import Audience, find_audience, load_audiences
from generator.charts.content import finding_to_chart
from generator.dutch import format_base, format_date
from generator.errors import InputError, problem_at
from generator.findings import Finding, FindingKind, Survey, Theme
from generator.narrative import NarrativeEnvironment, Narrator, text_settings
from generator.number_audit import audit_report
from generator.report import (
    Block,
    BulletList,
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
)
from generator.template_set import TemplateSet, load_template_set

MEMO_KINDS = (DocumentKind.MEMO, DocumentKind.RAADSINFORMATIEBRIEF)
MAX_KEY_FIGURES = 4
MIN_KEY_MESSAGES = 3


def report_for_audience(data: Path, template: Path, audiences: Path, audience_id: str) -> Report:
    """The report of `audience_id`, dated today or at SOURCE_DATE_EPOCH; used by `barometer report`."""
    from generator.readers import load_survey

    survey = load_survey(data)
    template_set = load_template_set(template)
    audience = find_audience(load_audiences(audiences, survey), audience_id, audiences)
    return compose_report(survey, audience, template_set, report_date())


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
        respondents=audience.respondents,
        settings=settings,
        audience={"id": audience.id, "name": audience.name, "detailed": audience.detailed,
                  "plain_language": audience.plain_language},
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
        key_messages=key_messages(narrator, selection, audience.key_message_count),
        sections=tuple(theme_section(narrator, theme, theme_findings, audience) for theme, theme_findings in selection),
        introduction=tuple(Paragraph(text) for text in audience.introduction),
        method=(*(Paragraph(line) for line in narrator.method_lines(survey, findings, audience.opt_in_panel)),
                SourceLine(source_line(survey))),
        closing=closing_blocks(audience),
        header_fields=header_fields(audience, date_text),
        key_figures=key_figures(narrator, findings),
        tables_in_appendix=audience.tables_in_appendix,
        detailed=audience.detailed,
        keywords=(*audience.keywords, *(theme.title for theme, _ in selection)),
    )
    audit_report(report, survey, audience, origins=narrator.origins)
    return report


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
    if theme.intro and not audience.plain_language:
        blocks.append(Paragraph(theme.intro))
    for finding in findings:
        text = narrator.finding_text(finding)
        blocks.append(Figure(
            finding_id=finding.id,
            title=narrator.finding_title(finding),
            chart=finding_to_chart(theme, finding),
            text=text,
            notes=narrator.finding_notes(finding, text),
        ))
    if audience.detailed:
        blocks += [Note(statement) for statement in theme.statements]
        blocks += [Quote(quote) for quote in theme.quotes]
    return Section(id=theme.id, title=theme.title, blocks=tuple(blocks),
                   summary=narrator.theme_summary(theme, findings))


def key_messages(narrator: Narrator, selection, count: int) -> tuple[str, ...]:
    """Up to `count` messages: key findings first, in order; topped up to three with the clearest others."""
    pairs = [(theme, finding) for theme, findings in selection for finding in findings]
    chosen = [pair for pair in pairs if pair[1].key][:count]
    if len(chosen) < min(MIN_KEY_MESSAGES, count):
        others = sorted((pair for pair in pairs if pair not in chosen), key=lambda pair: -_strength(pair[1]))
        chosen += others[: min(MIN_KEY_MESSAGES, count) - len(chosen)]
    chosen.sort(key=pairs.index)
    return tuple(narrator.key_message(theme, finding) for theme, finding in chosen)


def key_figures(narrator: Narrator, findings: tuple[Finding, ...]) -> KeyFigures | None:
    """The strongest exact numbers: grades first, then the top answer of each key finding."""
    candidates = [finding for finding in findings if finding.kind is FindingKind.GRADE]
    candidates += sorted((finding for finding in findings if finding.kind is not FindingKind.GRADE and finding.key),
                         key=lambda finding: -_strength(finding))
    figures = []
    for finding in candidates:
        facts = narrator.facts(finding)
        top = facts.top[0] if facts.top else None
        if top is None or top.approximate or len(figures) >= MAX_KEY_FIGURES:
            continue
        figures.append(KeyFigure(value=top.symbol, label=narrator.key_figure_label(finding)))
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
    defaults = {"datum": date_text, "van": audience.author, "onderwerp": audience.title, "betreft": audience.title}
    filled = [(label, value or defaults.get(label.lower(), "")) for label, value in fields]
    if not any(label.lower() == "datum" for label, _ in filled):
        after = next((index + 1 for index, (label, _) in enumerate(filled) if label.lower() == "van"), len(filled))
        filled.insert(after, ("Datum", date_text))
    return tuple((label, value) for label, value in filled if value)


def closing_blocks(audience: Audience) -> tuple[Block, ...]:
    """The audience's fixed closing section; a YAML list of points becomes a numbered list."""
    if not audience.closing:
        return ()
    if audience.closing_numbered:
        return (Heading(audience.closing_title), BulletList(audience.closing, numbered=True))
    return (Heading(audience.closing_title), *(Paragraph(text) for text in audience.closing))
