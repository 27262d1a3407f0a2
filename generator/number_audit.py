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
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Iterator, Mapping

from generator.comparison import CONFIDENCE, item_comparisons
from generator.dutch import round_half_up
from generator.errors import InputError, problem_at
from generator.findings import FindingKind, Survey
from generator.narrative.phrasing import NUMBER_WORDS, SHARE_ANCHORS, share_phrase, value_share
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

_TEENS = ("dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien")
_TENS = ("twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig")
_UNIT = "|".join(("één",) + NUMBER_WORDS[1:10])
_BELOW_100 = rf"(?:(?:{_UNIT})(?:en|ën)(?:{'|'.join(_TENS)})|{'|'.join(_TENS + _TEENS + NUMBER_WORDS[10:])}|{_UNIT})"
_BELOW_1000 = rf"(?:(?:{_UNIT})?honderd{_BELOW_100}?|{_BELOW_100})"
_CARDINAL = rf"(?:{_BELOW_1000}?duizend{_BELOW_1000}?|{_BELOW_1000}|nul)"
_WORD_VALUES = {word: number for number, word in enumerate(NUMBER_WORDS)} | {"één": 1} | {
    word: 13 + index for index, word in enumerate(_TEENS)} | {word: 20 + 10 * index for index, word in enumerate(_TENS)}
SCALES = {"honderd": 100, "duizend": 1000, "miljoen": 10**6, "miljard": 10**9}
NUMBER = re.compile(
    rf"(?P<digits>\d+(?:[.,]\d+)*)(?:\s*(?P<digit_scale>{'|'.join(SCALES)})\b)?"
    rf"|\b(?P<words>{_CARDINAL})\b(?:\s+(?P<word_scale>duizend|miljoen|miljard)\b)?",
    re.IGNORECASE)
"""A number in any form a text can take: digits of any script with either separator ("12.9", "1.234,5"),
Dutch number words ("drie", "tweeëntwintig", "honderd"), each with an optional scale ("1,5 miljoen").
The text is NFKC-normalised first, so superscript and full-width digits are digits too."""
SHARE_WORDS = "|".join(sorted({re.escape(words) for _, words in SHARE_ANCHORS}, key=len, reverse=True))
SHARE = re.compile(rf"\b(?:(?:bijna|ruim|ongeveer|meer dan|minder dan) )?(?:{SHARE_WORDS})\b", re.IGNORECASE)
SHARE_WORD = re.compile(SHARE_WORDS, re.IGNORECASE)
"""The words of a share phrase anywhere, word boundaries aside: where no share phrase can be, none is looked for."""
PERCENT = re.compile(r"\d\s*[%٪‰]|\b(?:procent|pct)\b", re.IGNORECASE)
PERCENT_AFTER = re.compile(r"\s*(?:[%٪]|(?:procent|pct)\b)", re.IGNORECASE)
DIFFERENCE_AFTER = re.compile(r"\s*(?:procentpunt(?:en)?|punt(?:en)?)\b", re.IGNORECASE)
"""A difference: "3 procentpunt", "0,5 punt"; it must be a difference the comparisons derive."""
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
ARTICLE = "een"
"""The article "een" reads as a number only with accents ("één"); "een op de vijf" is a share phrase."""
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
    numbers |= comparison_numbers(survey)
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
        for item in finding.items:
            for _, value in item.compare:
                numbers.update(_rounded(value.amount))
    if survey.series is not None:
        numbers.add(Decimal(CONFIDENCE))
    return frozenset(numbers)


def comparison_numbers(survey: Survey) -> set[Decimal]:
    """The numbers comparisons put into text: values and bases of every series, the differences as
    displayed ("+3 procentpunt"), the minimum base and the confidence level."""
    if survey.series is None:
        return set()
    numbers = {Decimal(survey.series.min_base), Decimal(CONFIDENCE)}
    for finding in survey.findings:
        numbers.update(Decimal(base) for _, base in finding.bases)
        for item in finding.items:
            numbers.update(amount for _, value in item.compare for amount in _rounded(value.amount))
            numbers.update(amount for _, sd in item.sd for amount in _rounded(sd))
    return numbers | traceable_differences(survey)


def traceable_differences(survey: Survey) -> frozenset[Decimal]:
    """The differences a text may state in "procentpunt" or "punt": those between the series as displayed."""
    differences: set[Decimal] = set()
    if survey.series is None:
        return frozenset()
    for finding in survey.findings:
        for item in finding.items:
            differences.update(abs(comparison.difference).normalize()
                               for comparison in item_comparisons(finding, item) if comparison.difference is not None)
    return frozenset(differences)


def traceable_shares(survey: Survey) -> frozenset[str]:
    """Every share phrase a text may use: the phrase of a value, or the source's own wording."""
    phrases: set[str] = set()
    for finding in survey.findings:
        if finding.unit != "percent":
            continue
        for value in (*finding.values(), *(value for item in finding.items for _, value in item.compare)):
            phrases.add(value_share(value).lower())
            phrase = share_phrase(value.amount).lower()
            phrases.add(phrase)
            if phrase.startswith("bijna ") and not value.is_approximate:
                # "bijna de helft" is below half, so "minder dan de helft" claims no more than the number.
                phrases.add("minder dan " + phrase[len("bijna "):])
            if value.wording:
                phrases.update({value.wording.lower(), unicodedata.normalize("NFKC", value.wording).lower()})
    return frozenset(phrases)


def user_texts(survey: Survey, audience: "Audience | None" = None) -> tuple[str, ...]:
    """Text the user wrote, in the findings or the audience settings; masked before checking."""
    texts = [survey.title, survey.publisher, survey.source, survey.period, survey.population, survey.url,
             *survey.notes, *(series.label for series in (survey.series.series if survey.series else ()))]
    for theme in survey.themes:
        texts += [theme.title, theme.intro, theme.text, *theme.statements, *theme.quotes]
        for finding in theme.findings:
            texts += [finding.question, finding.title, finding.text, finding.note, *finding.columns]
            for item in finding.items:
                texts += [item.label, item.note, item.name, item.phrase]
                texts += [value.wording for _, value in item.compare]
                texts += [value.wording for value in finding.values()]
    if audience is not None:
        texts += [audience.name, audience.title, audience.subtitle, audience.author, audience.closing_title,
                  *audience.introduction, *audience.closing, *audience.keywords,
                  *(value for _, value in audience.header_fields)]
    texts = [normal for text in texts if text for normal in (text, unicodedata.normalize("NFKC", text))]
    variants = {variant for text in texts for variant in (text, text.strip().rstrip("?.!:;"))}
    return tuple(sorted((text for text in variants if text), key=len, reverse=True))


def untraceable(text: str, numbers: frozenset[Decimal], shares: frozenset[str],
                masked: tuple[str, ...], percentages: frozenset[Decimal] | None = None,
                differences: frozenset[Decimal] | None = None) -> list[str]:
    """What in `text` the data does not support: numbers, percentages, share phrases, sentences mixing both."""
    text = unicodedata.normalize("NFKC", text)
    labels, phrases = _user_phrases(masked, shares)
    visible = phrases(text)
    problems = []
    for match in SHARE.finditer(visible):
        if match.group().lower() not in shares:
            problems.append(f"‘{match.group()}’ does not match any value in the data")
    counted = SHARE.sub(MASK, visible)
    for match in NUMBER.finditer(counted):
        if (match.group("words") or "").lower() == ARTICLE and not match.group("word_scale"):
            continue
        value = _number_value(match)
        is_percentage = PERCENT_AFTER.match(counted, match.end()) is not None
        is_difference = DIFFERENCE_AFTER.match(counted, match.end()) is not None
        allowed = percentages if is_percentage and percentages is not None else numbers
        if is_difference:
            allowed = differences or frozenset()
        if value is None or value not in allowed:
            kind = "percentage" if is_percentage else "difference" if is_difference else "number"
            problems.append(f"the {kind} {match.group()} is not in the data")
    for character in sorted(filter(_is_numeral, set(NUMBER.sub(MASK, counted)))):
        problems.append(f"the numeral ‘{character}’ (U+{ord(character):04X}) cannot be traced to the data")
    for sentence in SENTENCE_END.split(text):
        if not SHARE_WORD.search(sentence):
            continue  # masking only takes text away: without a share word there is no share phrase to find
        share = SHARE.search(labels(sentence))
        if share and PERCENT.search(phrases(sentence)):
            problems.append(f"mixes the share ‘{share.group()}’ with a percentage in one sentence")
    return problems


def audit_report(report: Report, survey: Survey, audience: "Audience | None" = None,
                 origins: Mapping[str, str] | None = None) -> None:
    """Fail with every untraceable number in `report`, naming the audience, the text and its template."""
    numbers = traceable_numbers(survey, report)
    percentages = traceable_percentages(survey)
    differences = traceable_differences(survey)
    shares = traceable_shares(survey)
    masked = user_texts(survey, audience)
    origins = origins or {}
    problems, found = [], {}
    for item in report_texts(report):
        if item.text not in found:
            found[item.text] = untraceable(item.text, numbers, shares, masked, percentages, differences)
        for message in found[item.text]:
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


def _number_value(match: re.Match) -> Decimal | None:
    """The value a number token stands for, scale included; None when its separators are ambiguous."""
    if match.group("digits"):
        value, scale = _parse(match.group("digits")), match.group("digit_scale")
    else:
        value, scale = _cardinal(match.group("words").lower()), match.group("word_scale")
    if value is None:
        return None
    return (value * SCALES[scale.lower()]).normalize() if scale else value


def _parse(token: str) -> Decimal | None:
    """Digits of any script, Dutch "1.234,5" or either lone separator as the decimal one ("12.9", "12,9")."""
    token = "".join(str(unicodedata.decimal(character)) if character.isdecimal() else character
                    for character in token)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
        token = token.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+[.,]\d+", token):
        token = token.replace(",", ".")
    elif not token.isdigit():
        return None
    try:
        return Decimal(token).normalize()
    except InvalidOperation:
        return None


def _cardinal(words: str) -> Decimal | None:
    """A Dutch number word as its value: "drie" 3, "tweeëntwintig" 22, "driehonderdvijf" 305."""
    head, found, rest = words.partition("duizend")
    if found:
        thousands, below = _below_1000(head) if head else 1, _below_1000(rest) if rest else 0
        return None if thousands is None or below is None else Decimal(thousands * 1000 + below)
    value = 0 if words == "nul" else _below_1000(words)
    return None if value is None else Decimal(value)


def _below_1000(words: str) -> int | None:
    head, found, rest = words.partition("honderd")
    if not found:
        return _below_100(words)
    hundreds, below = _below_100(head) if head else 1, _below_100(rest) if rest else 0
    return None if hundreds is None or below is None else hundreds * 100 + below


def _below_100(words: str) -> int | None:
    if words in _WORD_VALUES:
        return _WORD_VALUES[words]
    for tens in _TENS:
        unit = words.removesuffix(tens)
        if unit != words and unit.endswith(("en", "ën")) and 0 < _WORD_VALUES.get(unit[:-2], 0) < 10:
            return _WORD_VALUES[unit[:-2]] + _WORD_VALUES[tens]
    return None


def _is_numeral(character: str) -> bool:
    """A character with a numeric value that is not a plain digit: "½", "Ⅻ", "三"."""
    return not character.isdecimal() and unicodedata.numeric(character, None) is not None


@functools.lru_cache(maxsize=32)
def _user_phrases(masked: tuple[str, ...], shares: frozenset[str]):
    """Masks of the user's labels (their phrases that are no share phrase of the data) and of all their
    phrases, made once per audit: each text -> the text with those phrases masked."""
    return _phrase_mask(tuple(phrase for phrase in masked if phrase.lower() not in shares)), _phrase_mask(masked)


def _phrase_mask(phrases: tuple[str, ...]):
    """One pattern for all phrases, longest first, so a label inside a longer label is not split."""
    ordered = sorted((phrase for phrase in phrases if phrase), key=len, reverse=True)
    if not ordered:
        return lambda text: text
    return functools.partial(re.compile("|".join(re.escape(phrase) for phrase in ordered), re.IGNORECASE).sub, MASK)
