"""Dutch phrasing of numbers in running text: "zes op de tien", "64 procent", singular/plural.

Plain number formatting stays in `generator.dutch`; this module decides which words carry a
number in a sentence, and how close a phrase may be to the number it stands for.
"""

from __future__ import annotations

from generator.dutch import format_grade, format_number, round_half_up
from generator.findings import Noun, Qualifier, Value

SHARE_ANCHORS: tuple[tuple[float, str], ...] = (
    (5.0, "een op de twintig"),
    (10.0, "een op de tien"),
    (20.0, "een op de vijf"),
    (25.0, "een kwart"),
    (30.0, "drie op de tien"),
    (100 / 3, "een derde"),
    (40.0, "vier op de tien"),
    (50.0, "de helft"),
    (60.0, "zes op de tien"),
    (200 / 3, "twee derde"),
    (70.0, "zeven op de tien"),
    (75.0, "drie kwart"),
    (80.0, "acht op de tien"),
    (90.0, "negen op de tien"),
)
"""Shares a reader grasps at once, with the value each stands for exactly."""

EXACT_MARGIN = 1.5
"""Within this many points of an anchor the plain phrase is used: 61 -> "zes op de tien"."""

QUALIFIER_WORDS = {
    Qualifier.ABOUT: "ongeveer",
    Qualifier.MORE_THAN: "meer dan",
    Qualifier.LESS_THAN: "minder dan",
}


def share_phrase(percent: float) -> str:
    """A whole-number share as words: 64 -> "bijna twee derde", 54 -> "ruim de helft".

    Below the anchor the phrase says "bijna", above it "ruim", so the words never claim
    more than the number: 45 is "bijna de helft", never "de helft".
    """
    rounded = float(round_half_up(percent))
    if rounded <= 0:
        return "niemand"
    if rounded >= 100:
        return "iedereen"
    if rounded < 4:
        return "bijna niemand"
    if rounded > 96:
        return "bijna iedereen"
    anchor, words = min(SHARE_ANCHORS, key=lambda pair: (abs(pair[0] - rounded), -pair[0]))
    if abs(anchor - rounded) < EXACT_MARGIN:
        return words
    return f"bijna {words}" if rounded < anchor else f"ruim {words}"


NO_BREAK_SPACE = "\u00a0"
"""Between a number and its unit, so "64" and "procent" never land on different lines."""


def percent_text(amount: float, style: str = "procent", decimals: int = 0) -> str:
    """A percentage in running text: "64 procent" (style "procent") or "64%" (style "symbol")."""
    number = format_number(amount, decimals)
    return f"{number}%" if style == "symbol" else f"{number}{NO_BREAK_SPACE}procent"


def value_text(value: Value, style: str = "procent", decimals: int = 0) -> str:
    """A value as a sentence says it; approximate values keep the source's wording."""
    if value.is_approximate:
        if value.wording:
            return value.wording
        return f"{QUALIFIER_WORDS[value.qualifier]} {percent_text(value.amount, style, decimals)}"
    return percent_text(value.amount, style, decimals)


def value_share(value: Value) -> str:
    """A value as a share phrase; approximate values keep the source's wording."""
    if value.is_approximate:
        if value.wording:
            return value.wording
        return _qualified_share(value)
    return share_phrase(value.amount)


def _qualified_share(value: Value) -> str:
    """One hedge only: "meer dan acht op de tien", never "meer dan ruim acht op de tien".

    "meer dan" keeps a round share only when the value is above it, "minder dan" only when
    below; otherwise the phrase falls back to "ongeveer", which never overclaims.
    """
    phrase = share_phrase(value.amount)
    hedge, _, words = phrase.partition(" ")
    if hedge not in ("bijna", "ruim"):
        return f"{QUALIFIER_WORDS[value.qualifier]} {phrase}"
    if words in ("niemand", "iedereen"):
        return phrase
    agrees = {Qualifier.MORE_THAN: "ruim", Qualifier.LESS_THAN: "bijna"}.get(value.qualifier)
    qualifier = value.qualifier if agrees == hedge else Qualifier.ABOUT
    return f"{QUALIFIER_WORDS[qualifier]} {words}"


def grade_verdict(grade: float, scale: tuple[float, float] = (1.0, 10.0)) -> str | None:
    """The Dutch school-report word for a 1-10 grade: 6,7 -> "een ruime voldoende"."""
    if scale != (1.0, 10.0):
        return None
    rounded = float(round_half_up(grade, 1))
    if rounded < 5.5:
        return "een onvoldoende"
    if rounded < 6.5:
        return "een voldoende"
    if rounded < 7.5:
        return "een ruime voldoende"
    if rounded < 8.5:
        return "een goed"
    return "een zeer goed"


def grade_text(grade: float) -> str:
    """6.7 -> "6,7"."""
    return format_grade(grade)


def plural(count: int, singular: str, plural_form: str) -> str:
    """`singular` when `count` is 1, else `plural_form`."""
    return singular if count == 1 else plural_form


def verb(count: int, singular: str, plural_form: str) -> str:
    """The verb form agreeing with a subject of `count` things: "wordt"/"worden"."""
    return singular if count == 1 else plural_form


NUMBER_WORDS = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
                "elf", "twaalf")


def count_words(count: int) -> str:
    """Small counts as words the Dutch way ("drie"), larger ones as digits ("14")."""
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else format_number(count)


def lower_first(text: str) -> str:
    """A label placed mid-sentence: "Kwaliteit van beleid" -> "kwaliteit van beleid".

    Leading brackets and quotes are skipped ("(Enigszins) behoefte" -> "(enigszins) behoefte");
    acronyms written with a capital second letter ("AVG", "OZB") are kept.
    """
    start = len(text) - len(text.lstrip("(‘'\"“["))
    first, second = text[start:start + 1], text[start + 1:start + 2]
    if first.isupper() and not second.isupper():
        return text[:start] + first.lower() + text[start + 1:]
    return text


def upper_first(text: str) -> str:
    """A sentence start: "de helft noemt" -> "De helft noemt"."""
    return text[:1].upper() + text[1:]


PLURAL_HEADS = ("alle ", "bijna alle ", "vrijwel alle ", "bijna geen ", "weinig ", "veel ", "de meeste ")
"""Share phrases whose head is plural: "alle ambtenaren noemen"."""


def takes_plural(subject: str) -> bool:
    """Whether a share subject takes a plural verb: "zes op de tien ambtenaren noemen", "een op de vijf ... noemt".

    "N procent van de", "de helft van de" and "een derde van de" take the singular, as the
    source does ("noemt 64 procent"); "twee/zes op de tien" and "alle" take the plural.
    """
    text = subject.lower()
    if " op de " in text:
        return text.split(" op de ")[0].split()[-1] != "een"
    return any(text.startswith(head) or f" {head}" in text for head in PLURAL_HEADS)


def of_group(phrase: str, group: Noun) -> str:
    """A share phrase with the group it is a share of: "zes op de tien ambtenaren", "de helft van de ambtenaren"."""
    special = {
        "niemand": f"geen enkele {group.singular}",
        "bijna niemand": f"bijna geen {group.plural}",
        "iedereen": f"alle {group.plural}",
        "bijna iedereen": f"bijna alle {group.plural}",
    }
    if phrase in special:
        return special[phrase]
    if " op de " in phrase:
        return f"{phrase} {group.plural}"
    return f"{phrase} van de {group.plural}"
