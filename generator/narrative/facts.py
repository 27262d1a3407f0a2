"""What a text template may say about a finding: claims decided here, words chosen there.

Templates receive these read-only facts instead of the findings model, so the rules of what
the data supports live in one place: "de meeste" only for the top item (`is_top`), "een
meerderheid" only above 50% (`majority`), approximate values only in the source's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.dutch import format_base, format_number, format_value
from generator.findings import Finding, FindingKind, Item, Qualifier, Theme, Value
from generator.narrative.phrasing import (
    grade_text,
    grade_verdict,
    lower_first,
    percent_text,
    value_share,
    value_text,
)


@dataclass(frozen=True)
class ItemFacts:
    """One answer as text can state it."""

    label: str
    label_mid: str
    """The label as placed mid-sentence (first letter lower case unless an acronym)."""
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


@dataclass(frozen=True)
class RowFacts:
    """A matrix row: its label, its cells and its highest cell(s)."""

    label: str
    label_mid: str
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


def finding_facts(finding: Finding, style: str = "procent") -> FindingFacts:
    """The facts of `finding`, values in running text written in `style` ("procent" or "symbol")."""
    decimals = 1 if any(value.amount != int(value.amount) for value in finding.values()) else 0
    common = dict(
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
        rows = tuple(_row_facts(item, finding, style, decimals) for item in finding.items)
        cells = tuple(cell for row in rows for cell in row.cells)
        ranked, top, lowest, middle = _rank(cells)
        return FindingFacts(items=cells, ranked=ranked, top=top, lowest=lowest, middle=middle, rows=rows, **common)
    pairs = [(item.label, item.value, "") for item in finding.items if item.value is not None]
    items = _items(pairs, finding.unit, style, decimals)
    ranked, top, lowest, middle = _rank(items)
    extra: dict[str, object] = {}
    if finding.kind is FindingKind.GRADE and finding.items and finding.items[0].value is not None:
        amount = finding.items[0].value.amount
        extra = dict(grade=grade_text(amount), verdict=grade_verdict(amount, finding.scale) or "",
                     scale_low=format_number(finding.scale[0]), scale_high=format_number(finding.scale[1]))
    if finding.kind is FindingKind.SINGLE and not finding.is_approximate:
        remainder = 100 - sum(value.amount for _, value, _ in pairs)
        if remainder >= 0.5:
            extra["remainder"] = percent_text(remainder, style, decimals)
    few = tuple(item for item in ranked if not item.is_top and item.amount <= FEW_PERCENT
                and not (item.approximate and item.symbol.startswith(">")))
    total = sum(value.amount for _, value, _ in pairs)
    following = tuple(item for item in ranked if not item.is_top and item not in few)
    return FindingFacts(items=items, ranked=ranked, top=top, lowest=lowest, middle=middle, few=few, following=following,
                        total_above_100=finding.kind is FindingKind.MULTI and total > 100, **common, **extra)


def theme_facts(theme: Theme, findings: tuple[FindingFacts, ...]) -> ThemeFacts:
    """The facts of `theme` with the facts of the findings the audience gets."""
    return ThemeFacts(id=theme.id, title=theme.title, findings=findings,
                      statement_count=len(theme.statements), quote_count=len(theme.quotes))


def _items(pairs: list[tuple[str, Value, str]], unit: str, style: str, decimals: int) -> tuple[ItemFacts, ...]:
    if not pairs:
        return ()
    amounts = [value.amount for _, value, _ in pairs]
    high, low = max(amounts), min(amounts)
    facts = []
    for label, value, column in pairs:
        grade = unit == "grade"
        facts.append(ItemFacts(
            label=label,
            label_mid=lower_first(label),
            amount=value.amount,
            text=grade_text(value.amount) if grade else value_text(value, style, decimals),
            symbol=format_value(value, unit, decimals),
            share="" if grade else value_share(value),
            approximate=value.is_approximate,
            is_top=_is_extreme(value, pairs, high, Qualifier.LESS_THAN, Qualifier.MORE_THAN),
            is_lowest=high != low and len(pairs) > 2
            and _is_extreme(value, pairs, low, Qualifier.MORE_THAN, Qualifier.LESS_THAN),
            majority=not grade and _above_half(value),
            column=column,
        ))
    return tuple(facts)


FEW_PERCENT = 15.0
APPROXIMATE_GAP = 5.0
"""With approximate values in play, a top or bottom claim needs at least this many points of lead."""


def _is_extreme(value: Value, pairs: list[tuple[str, Value, str]], extreme: float,
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


def _row_facts(item: Item, finding: Finding, style: str, decimals: int) -> RowFacts:
    pairs = [(item.label, value, column) for column, value in item.cells]
    cells = _items(pairs, finding.unit, style, decimals)
    return RowFacts(label=item.label, label_mid=lower_first(item.label), cells=cells,
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
