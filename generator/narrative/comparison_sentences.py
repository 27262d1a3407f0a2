"""Whole Dutch sentences comparing an answer across series (waves, groups, benchmarks).

The rules of `generator.narrative.sentences` hold here too; in addition a difference is
"procentpunt" (or "punt" for grades), and "gestegen", "gedaald", "hoger" and "lager" are used
only when the comparison is `significant`: otherwise the difference is stated without a direction,
and an untested difference says that it was not tested. Every comparison sentence names its own
answer (by its `phrase` where the data gives one) and both values, so it never leans on a "dat"
that could point at another answer; in plain language a direction word for a small difference
comes with its size.
"""

from __future__ import annotations

from generator.narrative.facts import FindingFacts, ItemFacts
from generator.narrative.phrasing import of_group, takes_plural, upper_first
from generator.narrative.sentences import VERBS, as_answer, headline_item, needs_question

SMALL_DIFFERENCE = {"grade": 0.3, "share": 3.0}
"""Below these sizes (grade points, percentage points) a plain-language direction word comes with its size."""
PAST_VERBS = {"noemt": ("noemde", "noemden"), "antwoordt": ("antwoordde", "antwoordden"),
              "zegt": ("zei", "zeiden")}
"""Past forms, singular and plural, of the verbs a comparison with an earlier wave uses."""


def _where(comparison, plain: bool = False) -> str:
    """The other series after "dan" or "tegen": "in 2023", "landelijk", "bij Noord"."""
    if comparison.place == "Landelijk":
        return "in heel Nederland" if plain else "landelijk"
    return comparison.place[:1].lower() + comparison.place[1:]


def _place(comparison, plain: bool) -> str:
    """Where the other value is, opening a sentence: "In 2023", "Landelijk" ("In heel Nederland" in plain language)."""
    return "In heel Nederland" if plain and comparison.place == "Landelijk" else comparison.place


def _single(finding: FindingFacts) -> bool:
    """Whether the finding has one answer only, so that "dit aandeel" cannot point at another answer."""
    return len(finding.items) == 1


def compared_subject(item: ItemFacts, finding: FindingFacts) -> str:
    """What a comparison is about: "het aandeel inwoners dat ‘Pinautomaat’ noemt als gemiste voorziening",
    "het gemiddelde cijfer van inwoners voor hun woning", "dit aandeel" for a finding with one answer."""
    group = finding.respondents.plural
    if finding.kind == "grade":
        if _single(finding):
            return "dit gemiddelde cijfer"
        if item.phrase:
            return f"het gemiddelde cijfer van {group} voor {item.phrase}"
        return f"het gemiddelde cijfer voor {item.quoted}"
    if _single(finding) and not needs_question(finding, item):
        return "dit aandeel"
    if item.phrase:
        return f"het aandeel {group} die zeggen dat {item.phrase}"
    verb = VERBS.get(finding.kind, VERBS["multi"])[0]
    return f"het aandeel {group} dat {item.quoted} {verb}{as_answer(finding)}"


def suppressed_comparison(item: ItemFacts, comparison, finding: FindingFacts, plain: bool = False) -> str:
    """"Voor 2023 noemen wij geen cijfer: te weinig inwoners beantwoordden die vraag (minder dan 30).": the base
    is the question's, so the sentence holds for every answer and a text says it once."""
    label = comparison.label if comparison.kind != "group" else f"de groep {comparison.label}"
    group = finding.respondents.plural
    if plain:
        return f"Voor {label} noemen wij geen cijfer: te weinig {group} beantwoordden die vraag."
    return (f"Voor {label} noemen wij geen cijfer: te weinig {group} beantwoordden die vraag "
            f"(minder dan {comparison.min_base}).")


def comparison_sentence(item: ItemFacts, comparison, finding: FindingFacts) -> str:
    """One sentence comparing `item` with one other series; a direction only for a significant difference.

    "Dit aandeel is sinds 2023 gestegen van 50 procent naar 64 procent (14 procentpunt).",
    "Het gemiddelde cijfer van inwoners voor hun woning ligt 0,1 punt hoger dan het landelijk gemiddelde:
    7,6 tegen 7,5.",
    "In 2023 was ... 50 procent; het verschil van 2 procentpunt is statistisch niet significant.",
    "Landelijk is ... 7,3, een verschil van 0,3 punt; of dat verschil toeval is, kunnen wij niet toetsen."
    """
    subject = compared_subject(item, finding)
    pause = "," if subject.startswith("het aandeel") else ""
    past = comparison.kind == "wave"
    if comparison.suppressed:
        return suppressed_comparison(item, comparison, finding)
    if comparison.significant and comparison.direction in ("up", "down"):
        if past:
            verb = "gestegen" if comparison.direction == "up" else "gedaald"
            return upper_first(f"{subject}{pause} is sinds {comparison.label} {verb} van {comparison.text} "
                               f"naar {item.text} ({comparison.difference}).")
        word = "hoger" if comparison.direction == "up" else "lager"
        return upper_first(f"{subject}{pause} ligt {comparison.difference} {word} dan {comparison.reference}: "
                           f"{item.text} tegen {comparison.text}.")
    verb = "was" if past else "is"
    stated = f"{comparison.place} {verb} {subject} {'ook ' if comparison.direction == 'same' else ''}{comparison.text}"
    if not comparison.difference or comparison.direction == "same":
        return f"{stated}."
    if comparison.tested:
        return f"{stated}; het verschil van {comparison.difference} is statistisch niet significant."
    return f"{stated}, een verschil van {comparison.difference}; of dat verschil toeval is, kunnen wij niet toetsen."


def _small(comparison, finding: FindingFacts) -> bool:
    limit = SMALL_DIFFERENCE["grade" if finding.kind == "grade" else "share"]
    return comparison.size / (10 if finding.kind == "grade" else 1) < limit


def _plain_grade(item: ItemFacts, comparison, finding: FindingFacts) -> str:
    past = comparison.kind == "wave"
    group = finding.respondents.plural
    given = "gaven" if past else "geven"
    graded = f"{item.phrase} een {comparison.text}" if item.phrase else f"een {comparison.text} voor {item.quoted}"
    first = f"{_place(comparison, True)} {given} {group} {graded}."
    now = "Nu" if past else "Hier"
    if comparison.significant and comparison.direction in ("up", "down"):
        word = "hoger" if comparison.direction == "up" else "lager"
        if _small(comparison, finding):
            return f"{first} {now} is dat een {item.text}: {comparison.difference} {word}."
        return f"{first} {now} is dat {word}: een {item.text}."
    also = "ook " if comparison.direction == "same" else ""
    return f"{first} {now} is dat {also}een {item.text}."


def _plain_share(item: ItemFacts, comparison, finding: FindingFacts) -> str:
    past = comparison.kind == "wave"
    group = finding.respondents
    if item.phrase:
        verb, rest = "zegt", f"dat {item.phrase}"
    else:
        verb, rest = VERBS.get(finding.kind, VERBS["multi"])[0], f"{item.quoted}{as_answer(finding)}"
    where = _where(comparison, plain=True)
    if comparison.significant and comparison.direction in ("up", "down"):
        more = "Meer" if comparison.direction == "up" else "Minder"
        plural_verb = "zeggen" if item.phrase else VERBS.get(finding.kind, VERBS["multi"])[1]
        sentence = (f"{more} {group.plural} dan {where} {plural_verb} {rest}: {item.short}, "
                    f"tegen {comparison.text} {where}.")
        if _small(comparison, finding):
            sentence += f" Het verschil is klein: {comparison.difference}."
        return sentence
    then = of_group(comparison.text, group)
    plural = takes_plural(then)
    if past:
        verb = PAST_VERBS.get(verb, (verb, verb))[1 if plural else 0]
    elif plural:
        verb = "zeggen" if item.phrase else VERBS.get(finding.kind, VERBS["multi"])[1]
    now = "nu" if past else "hier"
    also = "ook " if comparison.direction == "same" else ""
    return f"{_place(comparison, True)} {verb} {then} {rest}; {now} is dat {also}{item.short}."


def plain_comparison(item: ItemFacts, comparison, finding: FindingFacts) -> str:
    """The plain-language (B1) comparison, naming its own answer and both values; direction only when significant.

    "In 2023 gaven inwoners hun woning een 7,1. Nu is dat hoger: een 7,6.",
    "Meer inwoners dan in 2023 noemen ‘Pinautomaat’ als gemiste voorziening: vier op de tien, tegen bijna drie
    op de tien in 2023."
    """
    if comparison.suppressed:
        return suppressed_comparison(item, comparison, finding, plain=True)
    if finding.kind == "grade":
        return _plain_grade(item, comparison, finding)
    return _plain_share(item, comparison, finding)


def _has_significant(item: ItemFacts) -> bool:
    return any(comparison.significant for comparison in item.comparisons)


def compared_items(finding: FindingFacts, detailed: bool = True) -> tuple[ItemFacts, ...]:
    """The answers whose comparisons a text states, significant ones first: every grade, else the headline
    answer and up to two more answers with a significant difference (one for audiences that get less)."""
    if not finding.compared or finding.suppressed:
        return ()
    if finding.kind == "grade":
        chosen = [item for item in finding.items if item.comparisons]
    else:
        head = headline_item(finding)
        chosen = [head] if head is not None and head.comparisons else []
        more = [item for item in finding.ranked if item is not head and _has_significant(item)]
        chosen += more[:2 if detailed else 1]
    return tuple(sorted(chosen, key=lambda item: not _has_significant(item)))


def comparison_lines(finding: FindingFacts, detailed: bool = True, plain: bool = False) -> tuple[str, ...]:
    """Every comparison sentence of a finding's text, significant differences first and values left out for a
    small base last, no sentence twice."""
    write = plain_comparison if plain else comparison_sentence
    pairs = [(item, comparison) for item in compared_items(finding, detailed) for comparison in item.comparisons]
    pairs.sort(key=lambda pair: (not pair[1].significant, pair[1].suppressed))
    lines = []
    for item, comparison in pairs:
        line = write(item, comparison, finding)
        if line not in lines:
            lines.append(line)
    return tuple(lines)


def strongest_comparison(finding: FindingFacts):
    """(item, comparison) with the largest significant difference, for a key message; None when none is significant."""
    pairs = [(item, comparison) for item in finding.items for comparison in item.comparisons if comparison.significant]
    if not pairs:
        return None
    return max(pairs, key=lambda pair: pair[1].size)


def comparison_title(finding: FindingFacts) -> str:
    """A title stating the significant change of the headline answer: "Meer inwoners dan in 2023 zeggen dat ...:
    64% tegen 50%", "Inwoners geven hun woning een hoger cijfer dan in 2023: 7,6 tegen 7,1"; "" when there is none."""
    if not finding.compared or finding.suppressed:
        return ""
    item = headline_item(finding)
    if item is None or item.approximate:
        return ""
    significant = [comparison for comparison in item.comparisons
                   if comparison.significant and comparison.direction in ("up", "down")]
    if not significant:
        return ""
    comparison = max(significant, key=lambda each: (each.kind == "wave", each.size))
    up = comparison.direction == "up"
    where = _where(comparison)
    group = upper_first(finding.respondents.plural)
    if finding.kind == "grade":
        graded = item.phrase or item.quoted
        return (f"{group} geven {graded} een {'hoger' if up else 'lager'} cijfer dan {where}: "
                f"{item.symbol} tegen {comparison.symbol}")
    if finding.kind == "matrix" or needs_question(finding, item):
        return ""
    rest = f"dat {item.phrase}" if item.phrase else f"{item.quoted}{as_answer(finding)}"
    verb = "zeggen" if item.phrase else VERBS.get(finding.kind, VERBS["multi"])[1]
    return (f"{'Meer' if up else 'Minder'} {finding.respondents.plural} dan {where} {verb} {rest}: "
            f"{item.symbol} tegen {comparison.symbol}")


def suppressed_sentence(finding: FindingFacts) -> str:
    """Said instead of a finding's figures when the focus base is too small."""
    return f"In deze meting zijn er te weinig waarnemingen (n < {finding.min_base}) om cijfers te noemen."


COMPARISON_SENTENCES = {
    "comparison_sentence": comparison_sentence,
    "plain_comparison": plain_comparison,
    "compared_items": compared_items,
    "comparison_lines": comparison_lines,
    "comparison_title": comparison_title,
    "strongest_comparison": strongest_comparison,
    "suppressed_sentence": suppressed_sentence,
}
"""What the narrative templates may call about comparisons, by name."""
