"""Whole Dutch sentences about a finding, grammatical for any label a user can type.

Each function returns one finished sentence (or "" when it has nothing true to say). Rules
that hold for all of them:
- a label is quoted, keeps the case the user typed, and is only ever an object, never the
  subject a verb must agree with ("Ambtenaren noemen ‘Sociale media’ het vaakst");
- an item's `phrase` replaces the quoted label where the user gave one;
- a finding that says neither what its answers are (`answer`) nor gives phrases names its
  question, so no number is left without "a share of what, as what";
- verbs agree with share subjects ("een op de vijf ... noemt", "zes op de tien ... noemen");
- ranking words only for a "ranking" reading, and no sentence or title opens with a digit.
The built-in templates call these; a template set may call them too.
"""

from __future__ import annotations

from generator.narrative.facts import FindingFacts, ItemFacts, tie_groups
from generator.narrative.phrasing import takes_plural, upper_first

VERBS = {
    "multi": ("noemt", "noemen"),
    "single": ("antwoordt", "antwoorden"),
    "matrix": ("antwoordt", "antwoorden"),
}
"""What a respondent does with an answer, per finding kind: singular and plural."""
HEDGES = ("bijna", "ruim", "ongeveer", "meer dan", "minder dan")
"""Share phrases that already qualify their number; "slechts" is never put before them."""
CLOSE_GAP = 5.0
"""Answers within this many points of the top share the top of a ranking: 50 and 47 are named together."""
LISTED_GROUPS = {True: 8, False: 3}
"""How many value groups a list sentence names for detailed (True) and key-findings audiences."""


def agree(plural: bool, singular_form: str, plural_form: str) -> str:
    """The verb form for a subject that is (or is not) plural."""
    return plural_form if plural else singular_form


def join(parts) -> str:
    """"a", "a en b", "a, b en c"."""
    parts = [part for part in parts if part]
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " en " + parts[-1]


def as_answer(finding: FindingFacts, plural: bool = False) -> str:
    """" als doel" (or " als doelen") when the finding says what its answers are; else ""."""
    noun = (finding.answers or finding.answer) if plural else finding.answer
    return f" als {noun}" if noun else ""


def question_context(finding: FindingFacts) -> str:
    """"op de vraag ‘...?’": the context a finding without an answer noun needs."""
    return f"op de vraag ‘{finding.question.strip().rstrip('.')}’"


def needs_question(finding: FindingFacts, item: ItemFacts | None = None) -> bool:
    """Whether text about `item` must name the question to say what the number is."""
    return not finding.answer and not (item is not None and item.phrase)


def predicate(item: ItemFacts, finding: FindingFacts, plural: bool, with_answer: bool = True) -> str:
    """What the subject says: "zegt dat <phrase>" or "noemt ‘label’ als doel"."""
    if item.phrase:
        return f"{agree(plural, 'zegt', 'zeggen')} dat {item.phrase}"
    verb = agree(plural, *VERBS.get(finding.kind, VERBS["multi"]))
    return f"{verb} {item.quoted}{as_answer(finding) if with_answer else ''}"


def claim(item: ItemFacts, finding: FindingFacts, lead: str = "", short: bool = False, context: bool = True) -> str:
    """One sentence on one answer: "Een op de vijf ambtenaren noemt ‘Budget’ als struikelblok."

    `short` drops the group and the answer noun ("Ruim de helft noemt ‘Capaciteit’.") for a
    follow-up sentence; `lead` is a word before the subject, e.g. "Slechts". Without an answer
    noun or phrase the sentence opens with the question, unless `context` is False because an
    earlier sentence of the same text already named it.
    """
    subject, plural = (item.short, item.short_plural) if short else (item.subject, item.plural)
    if lead == "Slechts" and subject.startswith("bijna ") and not item.approximate:
        subject, lead = "minder dan " + subject[len("bijna "):], ""
    if lead and subject.lower().startswith(HEDGES):
        lead = ""
    if context and not short and not lead and needs_question(finding, item):
        verb, _, rest = predicate(item, finding, item.plural).partition(" ")
        return f"{upper_first(question_context(finding))} {verb} {subject} {rest}."
    if not lead and subject[:1].isdigit():
        verb, _, rest = predicate(item, finding, item.short_plural, not short).partition(" ")
        opening = "Verder" if short else f"Van de {finding.respondents.plural}"
        return f"{opening} {verb} {item.short} {rest}."
    start = f"{lead} {subject}" if lead else subject
    return upper_first(f"{start} {predicate(item, finding, plural, not short)}.")


def question_claim(item: ItemFacts, finding: FindingFacts, lead: str = "") -> str:
    """"Op de vraag ‘...?’ noemt een op de vijf ambtenaren ‘X’ als ...": a claim that carries its question."""
    verb, _, rest = predicate(item, finding, item.plural).partition(" ")
    lead = "" if item.subject.lower().startswith(HEDGES) else lead.lower()
    start = f"{lead} " if lead else ""
    return f"{upper_first(question_context(finding))} {verb} {start}{item.subject} {rest}."


def grade_sentence(finding: FindingFacts, with_scale: bool = True, with_verdict: bool = False,
                   with_question: bool = False) -> str:
    """"Ambtenaren geven de burgerparticipatie in hun gemeente gemiddeld een 6,7 (op een schaal van 1 tot 10)."

    `with_verdict` adds the school-report word in the same sentence (": een ruime voldoende"),
    so a survey with many grades never repeats "Dat is een voldoende." on its own.
    """
    group = upper_first(finding.respondents.plural)
    if with_question:
        group = f"{upper_first(question_context(finding))} geven {finding.respondents.plural}"
        sentence = grade_sentence(finding, with_scale, with_verdict)
        return sentence.replace(f"{upper_first(finding.respondents.plural)} geven", group, 1)
    scale = f" (op een schaal van {finding.scale_low} tot {finding.scale_high})" if with_scale else ""
    if len(finding.items) == 1:
        item = finding.items[0]
        graded = item.phrase or item.quoted
        verdict = f": {finding.verdict}" if with_verdict and finding.verdict else ""
        return f"{group} geven {graded} gemiddeld een {item.text}{scale}{verdict}."
    grades = join([f"een {item.text} voor {item.phrase or item.quoted}" for item in finding.items])
    return f"{group} geven gemiddeld {grades}{scale}."


def leaders(finding: FindingFacts) -> tuple[ItemFacts, ...]:
    """The top of a ranking: the highest answer and any exact answer within `CLOSE_GAP` points of it."""
    if finding.reading != "ranking" or not finding.top:
        return ()
    top = list(finding.top)
    if any(item.approximate for item in top):
        return tuple(top)
    for item in finding.ranked:
        if item in top or item.is_non_answer:
            continue
        if item.approximate or top[0].amount - item.amount >= CLOSE_GAP:
            break
        top.append(item)
    return tuple(top)


def after_leaders(finding: FindingFacts) -> tuple[ItemFacts, ...]:
    """The ranked answers that are not among the `leaders`, highest first; non-answers ("weet niet") left out."""
    top = leaders(finding)
    return tuple(item for item in finding.ranked if item not in top and not item.is_non_answer)


def valued(items, each: bool = True) -> str:
    """"‘A’ (57 procent), ‘B’ (53 procent) en ‘C’ en ‘D’ (elk 43 procent)": labels with their values, ties together."""
    parts = [f"{join([item.quoted for item in group])} ({'elk ' if len(group) > 1 and each else ''}{group[0].text})"
             for group in tie_groups(items)]
    return join(parts)


def ranking_sentence(finding: FindingFacts) -> str:
    """"Ambtenaren noemen ‘X’ het vaakst als doel (64 procent)."; "" without a clear top."""
    top = leaders(finding)
    if not top:
        return ""
    emphasis = f" {finding.emphasis}" if finding.emphasis else ""
    several = len(top) > 1
    group = finding.respondents.plural
    if needs_question(finding):
        return f"{upper_first(question_context(finding))} noemen {group} {valued(top)}{emphasis} het vaakst."
    return f"{upper_first(group)} noemen {valued(top)}{emphasis} het vaakst{as_answer(finding, several)}."


def following_sentence(items, lead_one: str = "Daarna volgt", lead_many: str = "Daarna volgen",
                       more: bool = False) -> str:
    """"Daarna volgen ‘A’ (57 procent) en ‘B’, ‘C’ en ‘D’ (elk 43 procent)."; exact values only.

    `more` says that answers are left out, so the list reads "onder andere".
    """
    exact = [item for item in items if not item.approximate]
    if not exact:
        return ""
    lead = lead_one if len(exact) == 1 and not more else lead_many
    return f"{lead}{' onder andere' if more else ''} {valued(exact)}."


def shown_items(finding: FindingFacts, items, detailed: bool) -> tuple[tuple[ItemFacts, ...], bool]:
    """The answers a list sentence names (whole tie groups only) and whether some are left out."""
    groups = tie_groups(items)
    limit = LISTED_GROUPS[bool(detailed)]
    shown = tuple(item for group in groups[:limit] for item in group)
    return shown, len(groups) > limit or not finding.complete


def distribution_sentence(finding: FindingFacts, detailed: bool = True) -> str:
    """The answers with their values, no ranking words: "Ambtenaren noemen als ambitie onder andere ‘A’ (54 procent) ..."."""
    exact = tuple(item for item in (finding.items if finding.kind == "single" else finding.ranked)
                  if not item.approximate)
    if not exact:
        return ""
    if finding.kind == "single":
        more = not finding.complete
        verb = "antwoorden"
        listing = join([f"{item.quoted} ({item.text})" for item in exact])
    else:
        shown, more = shown_items(finding, exact, detailed)
        verb = "noemen"
        listing = valued(shown)
    group = finding.respondents.plural
    other = " onder andere" if more else ""
    if needs_question(finding):
        return f"{upper_first(question_context(finding))} {verb} {group}{other} {listing}."
    if finding.kind == "single":
        return f"{upper_first(group)} {verb}{as_answer(finding)}{other} {listing}."
    return f"{upper_first(group)} {verb}{as_answer(finding, len(exact) > 1)}{other} {listing}."


def plain_ranking(finding: FindingFacts) -> str:
    """"Ambtenaren noemen ‘X’ het vaakst als doel.": the ranking without numbers, for plain language."""
    top = finding.top
    if finding.reading != "ranking" or not top:
        return ""
    group = finding.respondents.plural
    names = join([item.quoted for item in top])
    if needs_question(finding):
        return f"{upper_first(question_context(finding))} noemen {group} {names} het vaakst."
    return f"{upper_first(group)} noemen {names} het vaakst{as_answer(finding, len(top) > 1)}."


def few_sentence(item: ItemFacts, finding: FindingFacts) -> str:
    """"Slechts 48 procent van de ambtenaren zegt dat ..."; with the source's emphasis when it has one."""
    if finding.emphasis:
        group = finding.respondents.plural
        return upper_first(f"{finding.emphasis} {group} {predicate(item, finding, True)} ({item.text}).")
    if needs_question(finding, item):
        verb, _, rest = predicate(item, finding, item.plural).partition(" ")
        return f"{upper_first(question_context(finding))} {verb} slechts {item.subject} {rest}."
    return claim(item, finding, lead="Slechts")


def so_many_sentence(item: ItemFacts, group: str = "") -> str:
    """"Bijna de helft van de ambtenaren doet dat.": how many gave the answer just named."""
    singular, plural = ("zegt", "zeggen") if item.phrase else ("doet", "doen")
    if item.subject[:1].isdigit():
        return f"Van de {group} {singular} {item.short} dat." if group else f"Dat {singular} {item.short}."
    return upper_first(f"{item.subject} {agree(item.plural, singular, plural)} dat.")


def matrix_sentence(finding: FindingFacts, rows=None) -> str:
    """"Op de vraag ‘...’ antwoordt bij ‘Agendavorming’ 54 procent van de ambtenaren ‘Meeweten’, bij ..."."""
    parts = []
    for row in (rows if rows is not None else finding.rows):
        cells = [cell for cell in row.cells if not cell.approximate]
        if cells:
            first = cells[0].subject if not parts else cells[0].short
            values = join([f"{first if index == 0 else cell.short} {cell.quoted}" for index, cell in enumerate(cells)])
            parts.append(f"bij {row.quoted} {values}")
    if not parts:
        return ""
    return f"{upper_first(question_context(finding))} antwoordt {join(parts)}."


def headline_item(finding: FindingFacts) -> ItemFacts | None:
    """The one answer a finding's title, key figure and key message all speak of."""
    if not finding.items:
        return None
    if finding.kind == "grade":
        return finding.items[0]
    if finding.reading == "ranking" and finding.top:
        return finding.top[0]
    if finding.reading == "share":
        return finding.items[0]
    return next((item for item in finding.ranked if not item.is_non_answer), finding.ranked[0])


def title(finding: FindingFacts) -> str:
    """The action title: one full statement with the number as charts show it ("64%"), never opening with a digit."""
    group = upper_first(finding.respondents.plural)
    if finding.kind == "grade":
        item = finding.items[0]
        if len(finding.items) > 1:
            return f"{group} geven gemiddeld " + join([f"een {entry.text} voor {entry.phrase or entry.quoted}"
                                                         for entry in finding.items])
        if item.phrase:
            return f"{group} geven {item.phrase} gemiddeld een {item.text}"
        return f"{group} geven gemiddeld een {item.text} voor {item.quoted}"
    if finding.kind == "matrix":
        return f"De antwoorden van {finding.respondents.plural} {question_context(finding)}"
    top = leaders(finding)
    if top:
        emphasis = f" {finding.emphasis}" if finding.emphasis else ""
        symbols = join([f"{join([item.quoted for item in group])} ({'elk ' if len(group) > 1 else ''}{group[0].symbol})"
                        for group in tie_groups(top)])
        context = f" {question_context(finding)}" if needs_question(finding) else ""
        return f"{group} noemen {symbols}{emphasis} het vaakst{as_answer(finding, len(top) > 1)}{context}"
    item = headline_item(finding)
    if item is None:
        return finding.question
    context = f" {question_context(finding)}" if needs_question(finding, item) else ""
    if finding.reading == "few" and finding.emphasis:
        return upper_first(f"{finding.emphasis} {finding.respondents.plural} "
                           f"{predicate(item, finding, True)} ({item.symbol}){context}")
    subject = item.title_subject
    if finding.reading == "few" and not subject.lower().startswith(HEDGES):
        return f"Slechts {subject} {predicate(item, finding, takes_plural(subject))}{context}"
    if subject[:1].isdigit():
        verb, _, rest = predicate(item, finding, False).partition(" ")
        return f"Van de {finding.respondents.plural} {verb} {item.symbol} {rest}{context}"
    return upper_first(f"{subject} {predicate(item, finding, takes_plural(subject))}{context}")


def plain_title(finding: FindingFacts) -> str:
    """A plain-language (B1) title: the finding's first plain sentence, shares in words, no full stop."""
    if finding.kind == "matrix" or (finding.reading == "ranking" and finding.top):
        return title(finding)
    return plain_lead(finding).rstrip(".") or title(finding)


def key_figure_label(finding: FindingFacts, item: ItemFacts | None = None) -> str:
    """What the big number of `item` means, read after it: "van de ambtenaren noemt ‘Training’ als voorwaarde"."""
    item = item or headline_item(finding)
    if finding.kind == "grade" and item is not None:
        return f"gemiddeld rapportcijfer van {finding.respondents.plural} voor {item.phrase or item.quoted}"
    if item is None:
        return ""
    group = finding.respondents.plural
    if finding.kind == "matrix":
        return f"antwoordt {item.quoted} bij ‘{item.label}’ {question_context(finding)}"
    context = f" {question_context(finding)}" if needs_question(finding, item) else ""
    return f"van de {group} {predicate(item, finding, False)}{context}"


def lead_sentence(finding: FindingFacts) -> str:
    """The first thing to say about a finding: the sentence its text opens with."""
    if finding.kind == "grade":
        return grade_sentence(finding)
    if finding.kind == "matrix":
        return matrix_sentence(finding)
    if finding.reading == "ranking" and finding.top:
        return ranking_sentence(finding)
    item = headline_item(finding)
    if item is None:
        return ""
    if finding.reading == "few":
        return few_sentence(item, finding)
    if finding.reading == "distribution" and not item.approximate:
        return distribution_sentence(finding, detailed=False)
    return claim(item, finding)


def plain_lead(finding: FindingFacts) -> str:
    """The one short sentence a plain-language (B1) text says first about a finding."""
    if finding.kind == "grade":
        return grade_sentence(finding, with_scale=False)
    if finding.kind == "matrix":
        return matrix_sentence(finding, finding.rows[:1])
    item = headline_item(finding)
    if item is None:
        return ""
    if finding.reading == "few":
        return claim(item, finding, lead="Slechts")
    return claim(item, finding)


SENTENCES = {
    "agree": agree,
    "as_answer": as_answer,
    "claim": claim,
    "question_claim": question_claim,
    "grade_sentence": grade_sentence,
    "ranking_sentence": ranking_sentence,
    "following_sentence": following_sentence,
    "distribution_sentence": distribution_sentence,
    "few_sentence": few_sentence,
    "so_many_sentence": so_many_sentence,
    "matrix_sentence": matrix_sentence,
    "leaders": leaders,
    "after_leaders": after_leaders,
    "shown_items": shown_items,
    "plain_ranking": plain_ranking,
    "headline_item": headline_item,
    "finding_lead": lead_sentence,
    "plain_lead": plain_lead,
    "title_sentence": title,
    "plain_title": plain_title,
    "key_figure_text": key_figure_label,
}
"""What the narrative templates may call, by name."""
