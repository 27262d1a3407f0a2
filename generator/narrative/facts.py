"""What a text template may say about a finding: claims decided here, words chosen there.

Templates receive these read-only facts instead of the findings model, so the rules of what
the data supports live in one place: "het vaakst" only for the top item of a ranking
(`is_top`, `reading`), "een meerderheid" only above 50% (`majority`), approximate values only
in the source's words, and every share already phrased with its group and verb number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.comparison import finding_decimals, item_comparisons
from generator.dutch import format_base, format_count, format_number, format_value
from generator.findings import Finding, FindingKind, Item, Noun, Qualifier, Theme, Value
from generator.narrative.comparison_facts import ComparisonFacts, comparison_facts
from generator.narrative.phrasing import (
    grade_text,
    grade_verdict,
    of_group,
    percent_text,
    takes_plural,
    value_share,
    value_text,
)

DEFAULT_RESPONDENTS = Noun("deelnemer", "deelnemers")


def text_decimals(values) -> int:
    """Decimals of percentages in running text: whole numbers, unless the source itself gives one decimal ("31,5").

    Computed values (from respondent data) carry many decimals; text then reads "42 procent", while
    charts and tables show one decimal."""
    fractional = [value.amount for value in values if value.amount != int(value.amount)]
    return 1 if fractional and all(round(amount, 1) == amount for amount in fractional) else 0


@dataclass(frozen=True)
class ItemFacts:
    """One answer as text can state it."""

    label: str
    label_mid: str
    """The label as placed mid-sentence: exactly as typed (labels are names; "D66" stays "D66")."""
    quoted: str
    """How the answer is named inside a sentence: the item's `name` ("training of educatie"), else the
    label in quotes, the safe way for any label: "‘Training/educatie’"."""
    phrase: str
    """The answer as a clause after "zegt dat" (grades: what is graded); "" when the finding gives none."""
    amount: float
    text: str
    """The value in running text: "64 procent" or "64%", or the source's approximate wording."""
    symbol: str
    """The value as charts show it: "64%", "~33%"."""
    share: str
    """The value as a share phrase: "bijna twee derde"; for plain-language texts only."""
    approximate: bool
    is_top: bool
    is_lowest: bool
    majority: bool
    """More than half: only then may a text say "een meerderheid"."""
    column: str = ""
    """Matrix cells only: the column the value belongs to."""
    subject: str = ""
    """Who gives this answer, as a sentence subject: "64 procent van de ambtenaren", "zes op de tien ambtenaren"."""
    plural: bool = False
    """Whether `subject` takes a plural verb ("zes op de tien ambtenaren noemen")."""
    short: str = ""
    """The share without the group, for a follow-up sentence: "64 procent", "zes op de tien"."""
    short_plural: bool = False
    title_subject: str = ""
    """`subject` as titles write it: "64% van de ambtenaren"; approximate values in the source's words."""
    is_non_answer: bool = False
    """"Weet niet", "Geen antwoord", "Anders": never the top of a ranking or a headline."""
    comparisons: tuple[ComparisonFacts, ...] = ()
    """This answer in the other series (earlier waves, groups, benchmarks), in display order."""


@dataclass(frozen=True)
class FindingFacts:
    """One finding, ranked and phrased, for the finding and theme templates."""

    id: str
    question: str
    kind: str
    items: tuple[ItemFacts, ...]
    """In the source's order."""
    ranked: tuple[ItemFacts, ...]
    """Highest value first (multi and single); ties keep the source order."""
    top: tuple[ItemFacts, ...]
    """Every item sharing the highest value; more than one on a tie."""
    lowest: tuple[ItemFacts, ...]
    """Every item sharing the lowest value, when it differs from the top; else empty."""
    middle: tuple[ItemFacts, ...]
    """Ranked items that are neither top nor lowest."""
    count: int
    approximate: bool
    is_multi: bool
    is_single: bool
    is_grade: bool
    is_matrix: bool
    key: bool
    grade: str = ""
    """Grade findings: "6,7"."""
    verdict: str = ""
    """Grade findings on a 1-10 scale: "een ruime voldoende"."""
    scale_low: str = ""
    scale_high: str = ""
    remainder: str = ""
    """Single findings: the share not in any category, in running text ("11 procent"); else ""."""
    base: str = ""
    """"n = 1.234" when the source gives the base."""
    rows: tuple["RowFacts", ...] = ()
    """Matrix findings: one entry per row."""
    following: tuple[ItemFacts, ...] = ()
    """Ranked items after the top that are not among the `few`: the runners-up."""
    few: tuple[ItemFacts, ...] = ()
    """Items other than the top named by at most `FEW_PERCENT`: only these may be called "weinig"."""
    total_above_100: bool = False
    """Multi findings whose shares add up to more than 100: the reader must be told why."""
    reading: str = "distribution"
    """How to read the finding: "ranking", "share", "distribution" or "few" (see `Reading`)."""
    respondents: Noun = DEFAULT_RESPONDENTS
    """Who answered this question."""
    answer: str = ""
    """What one answer is, for "noemt X als doel"; "" when the finding does not say."""
    answers: str = ""
    """The plural of `answer`: "doelen"."""
    emphasis: str = ""
    """The source's own qualifying words, verbatim; "" when none."""
    complete: bool = True
    """False when the source lists only some of the answers."""
    compared: bool = False
    """Whether answers have values in other series (`ItemFacts.comparisons`)."""
    suppressed: bool = False
    """The focus series rests on too few observations: no value of it may be stated."""
    min_base: str = ""
    """The minimum base when the survey declares series: "30"."""


@dataclass(frozen=True)
class RowFacts:
    """A matrix row: its label, its cells and its highest cell(s)."""

    label: str
    label_mid: str
    quoted: str
    cells: tuple[ItemFacts, ...]
    top: tuple[ItemFacts, ...]


@dataclass(frozen=True)
class ThemeFacts:
    """A theme as its summary template sees it."""

    id: str
    title: str
    findings: tuple[FindingFacts, ...]
    statement_count: int
    quote_count: int
    intro: str = ""


def finding_facts(finding: Finding, style: str = "procent", respondents: Noun = DEFAULT_RESPONDENTS,
                  use_shares: bool = False, opt_in_panel: bool = False) -> FindingFacts:
    """The facts of `finding`, values in running text written in `style` ("procent" or "symbol").

    `respondents` are who answered when the finding does not say; with `use_shares` the
    subjects read "zes op de tien" instead of "61 procent" (plain-language audiences); an
    `opt_in_panel` licenses no significance claims.
    """
    decimals = text_decimals(finding.values())
    group = finding.respondents or respondents
    answer = finding.answer
    phrasing = _Phrasing(finding.unit, style, decimals, group, use_shares)
    common = dict(
        reading=finding.effective_reading.value,
        respondents=group,
        answer=answer.singular if answer else "",
        answers=answer.plural if answer else "",
        emphasis=finding.emphasis or "",
        complete=finding.complete,
        id=finding.id,
        question=finding.question,
        kind=finding.kind.value,
        count=len(finding.items),
        approximate=finding.is_approximate,
        is_multi=finding.kind is FindingKind.MULTI,
        is_single=finding.kind is FindingKind.SINGLE,
        is_grade=finding.kind is FindingKind.GRADE,
        is_matrix=finding.kind is FindingKind.MATRIX,
        key=finding.key,
        base=format_base(finding.base) if finding.base is not None else "",
    )
    if finding.kind is FindingKind.MATRIX:
        rows = tuple(_row_facts(item, phrasing) for item in finding.items)
        cells = tuple(cell for row in rows for cell in row.cells)
        ranked, top, lowest, middle = _rank(cells)
        return FindingFacts(items=cells, ranked=ranked, top=top, lowest=lowest, middle=middle, rows=rows, **common)
    if finding.series is not None:
        common.update(min_base=format_count(finding.series.min_base), compared=finding.is_comparison,
                      suppressed=finding.is_suppressed(finding.series.focus))
    pairs = [(item, item.value, "") for item in finding.items if item.value is not None and not common.get("suppressed")]
    items = _items(pairs, phrasing)
    if common.get("compared"):
        items = _with_comparisons(finding, items, phrasing, opt_in_panel)
    ranked, top, lowest, middle = _rank(items)
    extra: dict[str, object] = {}
    if finding.kind is FindingKind.GRADE and finding.items and finding.items[0].value is not None:
        amount = finding.items[0].value.amount
        extra = dict(grade=grade_text(amount), verdict=grade_verdict(amount, finding.scale) or "",
                     scale_low=format_number(finding.scale[0]), scale_high=format_number(finding.scale[1]))
    if finding.kind is FindingKind.SINGLE and not finding.is_approximate:
        remainder = 100 - sum(value.amount for _, value, _ in pairs)
        if remainder >= 1.5:
            extra["remainder"] = percent_text(remainder, style, decimals)
    few = tuple(item for item in ranked if not item.is_top and item.amount <= FEW_PERCENT
                and not (item.approximate and item.symbol.startswith(">")))
    total = sum(value.amount for _, value, _ in pairs)
    following = tuple(item for item in ranked if not item.is_top and item not in few)
    return FindingFacts(items=items, ranked=ranked, top=top, lowest=lowest, middle=middle, few=few, following=following,
                        total_above_100=finding.kind is FindingKind.MULTI and total > 100, **common, **extra)


def _with_comparisons(finding: Finding, items: tuple[ItemFacts, ...], phrasing: "_Phrasing",
                      opt_in_panel: bool) -> tuple[ItemFacts, ...]:
    """`items` with their values in the other series; one precision for every series of the finding."""
    decimals = finding_decimals(finding)
    by_label = {item.label: item for item in finding.items}
    return tuple(replace(facts, comparisons=tuple(
        comparison_facts(finding, comparison, phrasing.style, decimals, phrasing.use_shares)
        for comparison in item_comparisons(finding, by_label[facts.label], opt_in_panel))) for facts in items)


def theme_facts(theme: Theme, findings: tuple[FindingFacts, ...]) -> ThemeFacts:
    """The facts of `theme` with the facts of the findings the audience gets."""
    return ThemeFacts(id=theme.id, title=theme.title, findings=findings,
                      statement_count=len(theme.statements), quote_count=len(theme.quotes))


@dataclass(frozen=True)
class _Phrasing:
    """How one finding's values are worded: unit, number style, group and register."""

    unit: str
    style: str
    decimals: int
    group: Noun
    use_shares: bool


def _items(pairs: list[tuple[Item, Value, str]], phrasing: _Phrasing) -> tuple[ItemFacts, ...]:
    if not pairs:
        return ()
    amounts = [value.amount for _, value, _ in pairs]
    high, low = max(amounts), min(amounts)
    answers = [pair for pair in pairs if not is_non_answer(pair[2] or pair[0].label)] or pairs
    answer_high = max(value.amount for _, value, _ in answers)
    if answer_high < high:
        answers = []
        """A non-answer ("weet niet") above every answer: no answer may be called the most frequent."""
    grade = phrasing.unit == "grade"
    facts = []
    for item, value, column in pairs:
        non_answer = is_non_answer(column or item.label)
        text = grade_text(value.amount) if grade else value_text(value, phrasing.style, phrasing.decimals)
        symbol = format_value(value, phrasing.unit, phrasing.decimals)
        share = "" if grade else value_share(value)
        short = "" if grade else (share if phrasing.use_shares else text)
        subject = of_group(short, phrasing.group) if short else ""
        facts.append(ItemFacts(
            label=item.label,
            label_mid=item.label,
            quoted=f"‘{column}’" if column else (item.name or f"‘{item.label}’"),
            phrase="" if column else (item.phrase or ""),
            amount=value.amount,
            text=text,
            symbol=symbol,
            share=share,
            approximate=value.is_approximate,
            is_top=bool(answers) and not non_answer
            and _is_extreme(value, answers, answer_high, Qualifier.LESS_THAN, Qualifier.MORE_THAN),
            is_lowest=high != low and len(pairs) > 2
            and _is_extreme(value, pairs, low, Qualifier.MORE_THAN, Qualifier.LESS_THAN),
            majority=not grade and _above_half(value),
            column=column,
            subject=subject,
            plural=takes_plural(subject),
            short=short,
            short_plural=takes_plural(short),
            title_subject="" if grade else of_group(text if value.is_approximate else symbol, phrasing.group),
            is_non_answer=non_answer,
        ))
    return tuple(facts)


NON_ANSWER = re.compile(r"^\W*(weet( ik)? niet|geen (antwoord|mening|idee)|n\.?v\.?t\.?|anders|overig|"
                        r"zeg ik liever niet|wil( ik)? niet\b|(geen|niets|niemand)\W*$)", re.IGNORECASE)
"""Labels that are no answer to the question itself; a ranking never puts them on top."""


def is_non_answer(label: str) -> bool:
    """Whether `label` is "weet niet", "geen antwoord", "anders" and the like."""
    return bool(NON_ANSWER.match(label))


FEW_PERCENT = 15.0
APPROXIMATE_GAP = 5.0
"""With approximate values in play, a top or bottom claim needs at least this many points of lead."""


def _is_extreme(value: Value, pairs: list[tuple[Item, Value, str]], extreme: float,
                wrong_way: Qualifier, other_way: Qualifier) -> bool:
    """Whether `value` is safely the highest (or lowest) of `pairs`, approximate values considered."""
    if value.amount != extreme or value.qualifier is wrong_way:
        return False
    others = [other for _, other, _ in pairs if other is not value]
    if not value.is_approximate and not any(other.is_approximate for other in others):
        return True
    if any(other.qualifier is other_way for other in others):
        return False
    return all(abs(other.amount - extreme) >= APPROXIMATE_GAP for other in others)


def _above_half(value: Value) -> bool:
    if value.qualifier is Qualifier.EXACT:
        return value.amount > 50
    return value.qualifier is Qualifier.MORE_THAN and value.amount >= 50


def _rank(items: tuple[ItemFacts, ...]):
    ranked = tuple(sorted(items, key=lambda item: -item.amount))
    top = tuple(item for item in ranked if item.is_top)
    lowest = tuple(item for item in ranked if item.is_lowest and not item.is_top)
    middle = tuple(item for item in ranked if item not in top and item not in lowest)
    return ranked, top, lowest, middle


def _row_facts(item: Item, phrasing: _Phrasing) -> RowFacts:
    pairs = [(item, value, column) for column, value in item.cells]
    cells = _items(pairs, phrasing)
    return RowFacts(label=item.label, label_mid=item.label, quoted=f"‘{item.label}’", cells=cells,
                    top=tuple(cell for cell in cells if cell.is_top))


def tie_groups(items, limit: int | None = None) -> tuple[tuple[ItemFacts, ...], ...]:
    """Ranked items grouped by equal value, so a text never splits a tie: ((a,), (b, c, d))."""
    groups: list[list[ItemFacts]] = []
    for item in items:
        if groups and groups[-1][0].amount == item.amount and groups[-1][0].symbol == item.symbol:
            groups[-1].append(item)
        else:
            groups.append([item])
    return tuple(tuple(group) for group in groups[:limit])


def leading(items, groups: int) -> tuple[ItemFacts, ...]:
    """The items of the first `groups` tie groups, flat: the first few answers without splitting a tie."""
    return tuple(item for group in tie_groups(items, groups) for item in group)
