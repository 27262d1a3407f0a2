"""The number audit: every number in a report's text must come from the findings.

A number is traceable when it is a value of the survey (rounded as `generator.dutch` rounds),
a count derived from the findings (items, themes, findings, statements, list positions), a
remainder of a single-answer question, a base, a year or date of the survey or report, a scale
end, or 100 (the whole of a percentage); a number written as a percentage ("64 procent",
"64%") must be a percentage of the data, not merely a count. Share phrases ("zes op de tien") must be the phrase of a value,
and no sentence may mix a share phrase with a percentage. Text the user wrote (findings,
audience settings) is masked first: it is theirs, and their numbers are their own.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Iterator, Mapping

from generator.dutch import round_half_up
from generator.errors import InputError, problem_at
from generator.findings import FindingKind, Survey
from generator.narrative.phrasing import SHARE_ANCHORS, share_phrase, value_share
from generator.report import (
    BulletList,
    Figure,
    Heading,
    KeyFigures,
    Note,
    Paragraph,
    Quote,
    Report,
    SourceLine,
)

if TYPE_CHECKING:
    from generator.audiences import Audience

NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\w])|(?<![\w.,])\d+(?:,\d+)?(?![\w])")
"""Dutch numbers: "64", "6,7", "1.234", "1.234,5"; digits glued to letters (e.g. "B1") are not numbers."""
SHARE_WORDS = "|".join(sorted({re.escape(words) for _, words in SHARE_ANCHORS}, key=len, reverse=True))
SHARE = re.compile(rf"\b(?:(?:bijna|ruim|ongeveer|meer dan|minder dan) )?(?:{SHARE_WORDS})\b", re.IGNORECASE)
PERCENT = re.compile(r"\d\s*%|\bprocent\b", re.IGNORECASE)
PERCENT_AFTER = re.compile(r"\s*(?:%|procent\b)", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
MASK = "\u2063"
EXCERPT = 90


@dataclass(frozen=True)
class ReportText:
    """One text of a report and where it sits, e.g. "sectie doelstellingen, figuur doelen, tekst"."""

    where: str
    text: str


def report_texts(report: Report) -> Iterator[ReportText]:
    """Every text a reader sees in `report`, chart descriptions included."""
    yield ReportText("titel", report.title)
    yield ReportText("ondertitel", report.subtitle)
    yield ReportText("bronregel", report.source)
    for label, value in report.header_fields:
        yield ReportText(f"kopregel {label}", value)
    for index, message in enumerate(report.key_messages, 1):
        yield ReportText(f"kernboodschap {index}", message)
    if report.key_figures:
        for figure in report.key_figures.figures:
            yield ReportText("kerncijfer", f"{figure.value} {figure.label}")
    for part, blocks in (("inleiding", report.introduction), ("methode", report.method), ("slot", report.closing)):
        for block in blocks:
            yield from _block_texts(part, block)
    for section in report.sections:
        yield ReportText(f"sectie {section.id}, samenvatting", section.summary)
        for block in section.blocks:
            yield from _block_texts(f"sectie {section.id}", block)


def _block_texts(where: str, block) -> Iterator[ReportText]:
    if isinstance(block, (Heading, Paragraph, Note, Quote, SourceLine)):
        yield ReportText(where, block.text)
    elif isinstance(block, BulletList):
        for item in block.items:
            yield ReportText(where, item)
    elif isinstance(block, KeyFigures):
        for figure in block.figures:
            yield ReportText(where, f"{figure.value} {figure.label}")
    elif isinstance(block, Figure):
        prefix = f"{where}, figuur {block.finding_id}"
        yield ReportText(f"{prefix}, titel", block.title)
        yield ReportText(f"{prefix}, tekst", block.text)
        yield ReportText(f"{prefix}, sprekersnotities", block.notes)
        yield ReportText(f"{prefix}, alt-tekst", block.chart.alt_text)
        yield ReportText(f"{prefix}, bijschrift", block.chart.caption)
        for row in block.chart.table.rows:
            yield ReportText(f"{prefix}, tabel", " ".join(row))


def traceable_numbers(survey: Survey, report: Report | None = None) -> frozenset[Decimal]:
    """Every number a text may state about `survey` (and the report's own date)."""
    numbers: set[Decimal] = {Decimal(100)}
    themes = survey.themes
    numbers.update(Decimal(count) for count in (len(themes), len(survey.findings)))
    for theme in themes:
        numbers.update(Decimal(count) for count in (len(theme.findings), len(theme.statements), len(theme.quotes)))
        for finding in theme.findings:
            numbers.add(Decimal(len(finding.items)))
            numbers.update(Decimal(count) for count in range(1, len(finding.items) + 1))
            if finding.base is not None:
                numbers.add(Decimal(finding.base))
            if finding.kind is FindingKind.GRADE:
                for end in finding.scale:
                    numbers.update(_rounded(end))
            if finding.kind is FindingKind.MATRIX:
                numbers.add(Decimal(len(finding.columns)))
            amounts = [value.amount for value in finding.values()]
            for amount in amounts:
                numbers.update(_rounded(amount))
            if finding.kind is FindingKind.SINGLE:
                numbers.update(_rounded(100 - sum(amounts)))
    for number in (survey.base, survey.year):
        if number is not None:
            numbers.add(Decimal(number))
    for date in (survey.published, report.date if report else None):
        if date is not None:
            numbers.update(Decimal(part) for part in (date.day, date.year))
    return frozenset(numbers)


def traceable_percentages(survey: Survey) -> frozenset[Decimal]:
    """The numbers a text may write as a percentage: values, single-answer remainders and 100."""
    numbers: set[Decimal] = {Decimal(100)}
    for finding in survey.findings:
        if finding.unit != "percent":
            continue
        amounts = [value.amount for value in finding.values()]
        for amount in amounts:
            numbers.update(_rounded(amount))
        if finding.kind is FindingKind.SINGLE:
            numbers.update(_rounded(100 - sum(amounts)))
    return frozenset(numbers)


def traceable_shares(survey: Survey) -> frozenset[str]:
    """Every share phrase a text may use: the phrase of a value, or the source's own wording."""
    phrases: set[str] = set()
    for finding in survey.findings:
        if finding.unit != "percent":
            continue
        for value in finding.values():
            phrases.add(value_share(value).lower())
            phrases.add(share_phrase(value.amount).lower())
            if value.wording:
                phrases.add(value.wording.lower())
    return frozenset(phrases)


def user_texts(survey: Survey, audience: "Audience | None" = None) -> tuple[str, ...]:
    """Text the user wrote, in the findings or the audience settings; masked before checking."""
    texts = [survey.title, survey.publisher, survey.source, survey.period, survey.population, survey.url,
             *survey.notes]
    for theme in survey.themes:
        texts += [theme.title, theme.intro, theme.text, *theme.statements, *theme.quotes]
        for finding in theme.findings:
            texts += [finding.question, finding.title, finding.text, finding.note, *finding.columns]
            for item in finding.items:
                texts += [item.label, item.note]
                texts += [value.wording for value in finding.values()]
    if audience is not None:
        texts += [audience.name, audience.title, audience.subtitle, audience.author, audience.closing_title,
                  *audience.introduction, *audience.closing, *audience.keywords,
                  *(value for _, value in audience.header_fields)]
    variants = {variant for text in texts if text for variant in (text, text.strip().rstrip("?.!:;"))}
    return tuple(sorted((text for text in variants if text), key=len, reverse=True))


def untraceable(text: str, numbers: frozenset[Decimal], shares: frozenset[str],
                masked: tuple[str, ...], percentages: frozenset[Decimal] | None = None) -> list[str]:
    """What in `text` the data does not support: numbers, percentages, share phrases, sentences mixing both."""
    visible = _mask(text, masked)
    problems = []
    for match in NUMBER.finditer(visible):
        value = _parse(match.group())
        is_percentage = PERCENT_AFTER.match(visible, match.end()) is not None
        allowed = percentages if is_percentage and percentages is not None else numbers
        if value is None or value not in allowed:
            kind = "percentage" if is_percentage else "number"
            problems.append(f"the {kind} {match.group()} is not in the data")
    for match in SHARE.finditer(visible):
        if match.group().lower() not in shares:
            problems.append(f"‘{match.group()}’ does not match any value in the data")
    labels_only = tuple(phrase for phrase in masked if phrase.lower() not in shares)
    for sentence in SENTENCE_END.split(text):
        share = SHARE.search(_mask(sentence, labels_only))
        if share and PERCENT.search(_mask(sentence, masked)):
            problems.append(f"mixes the share ‘{share.group()}’ with a percentage in one sentence")
    return problems


def audit_report(report: Report, survey: Survey, audience: "Audience | None" = None,
                 origins: Mapping[str, str] | None = None) -> None:
    """Fail with every untraceable number in `report`, naming the audience, the text and its template."""
    numbers = traceable_numbers(survey, report)
    percentages = traceable_percentages(survey)
    shares = traceable_shares(survey)
    masked = user_texts(survey, audience)
    origins = origins or {}
    problems = []
    for item in report_texts(report):
        for message in untraceable(item.text, numbers, shares, masked, percentages):
            origin = origins.get(item.text) or next(
                (origins[line] for line in item.text.splitlines() if line in origins), None)
            excerpt = item.text if len(item.text) <= EXCERPT else item.text[: EXCERPT - 1] + "…"
            problems.append(problem_at(
                origin or f"audience {report.audience}",
                f"audience {report.audience!r}, {item.where}: {message}: “{excerpt}”",
            ))
    if problems:
        raise InputError(problems)


def _rounded(amount: float) -> set[Decimal]:
    return {round_half_up(amount, 0), round_half_up(amount, 1).normalize(), Decimal(str(amount)).normalize()}


def _parse(token: str) -> Decimal | None:
    try:
        return Decimal(token.replace(".", "").replace(",", ".")).normalize()
    except InvalidOperation:
        return None


def _mask(text: str, masked: tuple[str, ...]) -> str:
    pattern = _mask_pattern(masked)
    return pattern.sub(MASK, text) if pattern else text


@functools.lru_cache(maxsize=32)
def _mask_pattern(masked: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for all phrases, longest first, so a label inside a longer label is not split."""
    phrases = sorted((phrase for phrase in masked if phrase), key=len, reverse=True)
    return re.compile("|".join(re.escape(phrase) for phrase in phrases), re.IGNORECASE) if phrases else None
