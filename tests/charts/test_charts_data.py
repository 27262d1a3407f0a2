"""A realistic survey for the chart tests, modelled on the Barometer Burgerparticipatie.

Holds no tests: the chart test modules import `sample_survey()` and `long_label_survey()`.
"""

from __future__ import annotations

from generator.findings import Finding, FindingKind, Item, Qualifier, Survey, Theme, Value


def _items(pairs, qualifiers=None):
    qualifiers = qualifiers or {}
    return tuple(Item(label, Value(amount, qualifiers.get(label, Qualifier.EXACT))) for label, amount in pairs)


def sample_survey() -> Survey:
    goals = Finding("doelstellingen", "Wat zijn de doelstellingen van burgerparticipatie in uw gemeente?",
                    FindingKind.MULTI, _items([
                        ("Kwaliteit van beleid vergroten", 64), ("Inwoners invloed laten uitoefenen", 57),
                        ("Inwoners horen", 50), ("Kloof tussen inwoners en overheid verkleinen", 45),
                        ("Draagvlak creëren", 28), ("Draagvlak verkennen", 12), ("Zelfredzaamheid vergroten", 5)]),
                    base=1234, key=True)
    values = Finding("kernwaarden", "Wat zijn de belangrijkste kernwaarden van burgerparticipatie?",
                     FindingKind.MULTI, _items([
                         ("Samenwerking", 50), ("Transparantie", 47), ("Vertrouwen", 43), ("Verbinding", 38),
                         ("Draagvlak", 26), ("Inclusiviteit", 24), ("Verantwoordelijkheid", 16), ("Diversiteit", 10),
                         ("Doelgerichtheid", 9), ("Wederzijds respect", 5), ("Zelfsturing", 2)]))
    conditions = Finding("randvoorwaarden", "Welke randvoorwaarden zijn in uw gemeente geregeld?",
                         FindingKind.MULTI, _items([
                             ("Participatiekader/stappenplan volledig of grotendeels uitgewerkt", 74),
                             ("Participatiebeleid volledig of grotendeels uitgewerkt", 71),
                             ("Digitaal participatieplatform", 53), ("Participatieverordening", 50),
                             ("Centrale plaats voor informatie", 48), ("Training of workshop participatie", 39)]))
    projects = Finding("aantal-trajecten", "Hoeveel burgerparticipatietrajecten waren er in 2023?",
                       FindingKind.SINGLE, _items([
                           ("5 of minder", 16), ("6 tot en met 10", 26), ("11 tot en met 15", 26), ("16 of meer", 21)]))
    grade = Finding("rapportcijfer", "Welk rapportcijfer geeft u de burgerparticipatie in uw gemeente?",
                    FindingKind.GRADE, (Item("Burgerparticipatie in de eigen gemeente", Value(6.7)),),
                    unit="grade", key=True)
    grades = Finding("rapportcijfers", "Welk rapportcijfer geeft u per onderdeel?", FindingKind.GRADE,
                     (Item("Informeren van inwoners", Value(7.1)), Item("Terugkoppeling aan inwoners", Value(5.4)),
                      Item("Inzet van digitale middelen", Value(6.2, Qualifier.ABOUT))), unit="grade")
    phases = ("Agendavorming", "Beleidsvoorbereiding", "Besluitvorming", "Uitvoering")
    levels = Finding("participatieniveau", "Hoe mogen inwoners meedoen in elke fase van het beleid?",
                     FindingKind.MATRIX, (
                         Item("Meeweten", cells=(("Agendavorming", Value(54)), ("Besluitvorming", Value(41)))),
                         Item("Meedenken", cells=(("Beleidsvoorbereiding", Value(74)), ("Uitvoering", Value(65)),
                                                  ("Besluitvorming", Value(50)))),
                         Item("Meebeslissen", cells=(("Besluitvorming", Value(12)), ("Uitvoering", Value(33, Qualifier.ABOUT)))),
                     ), columns=phases)
    inputs = Finding("input", "Welke middelen leveren veel input op?", FindingKind.MULTI, _items([
        ("Burgertop", 68), ("Enquête", 66), ("Werkbezoek", 61), ("Adviesraad", 58), ("Inspraakbijeenkomsten", 55),
        ("Dorps- en wijkraden", 49), ("Participatief begroten", 48), ("Online workshops", 46),
        ("Burgervisitaties en referenda", 33)], {"Burgervisitaties en referenda": Qualifier.ABOUT}))
    return Survey(
        id="barometer-burgerparticipatie", title="Barometer Burgerparticipatie", publisher="Ambtenarenpanel",
        themes=(
            Theme("doelen", "Doelen en waarden", (goals, values)),
            Theme("randvoorwaarden", "Randvoorwaarden", (conditions,)),
            Theme("uitvoering", "Uitvoering", (projects, grade, grades)),
            Theme("opbrengsten", "Opbrengsten", (levels, inputs)),
        ),
    )


LONG_LABELS = (
    "Betere interne inrichting van het proces", "Draagvlak vanuit collega's in de organisatie",
    "Beschikbaarheid van (financiële) middelen", "Expertiseteam voor burgerparticipatie opzetten",
    "Heldere terugkoppeling aan alle inwoners", "Meer opleiding voor projectleiders nodig",
    "Capaciteit om trajecten goed te begeleiden", "Omgevingsvisie als vast onderwerp van gesprek",
    "Ondersteuning door het gemeentebestuur", "Participatieverordening actueel houden",
    "Burgerparticipatietrajectbegeleidingsteam", "Digitaal participatieplatform verbeteren",
    "Centrale plaats voor alle informatie", "Training en workshop participatie voor al",
    "Samenwerking met maatschappelijke partners",
)


def long_label_survey() -> Survey:
    """15 answers with labels of about 40 characters, one a single 40-letter compound word."""
    items = tuple(Item(label, Value(80 - 5 * index + 0.4)) for index, label in enumerate(LONG_LABELS))
    finding = Finding("nodig", "Wat is nodig om burgerparticipatie te laten slagen in de interne organisatie?",
                      FindingKind.MULTI, items, base=412)
    single = Finding("verdeling", "Hoe verdeelt het werk zich?", FindingKind.SINGLE, items[:6])
    matrix = Finding("matrix-lang", "Hoe vaak per onderdeel?", FindingKind.MATRIX, tuple(
        Item(label, cells=tuple((column, Value(10 + 7 * index + 3 * position))
                                for position, column in enumerate(("Nooit", "Soms", "Vaak", "Altijd", "Weet niet"))
                                if (index + position) % 4))
        for index, label in enumerate(LONG_LABELS[:12])), columns=("Nooit", "Soms", "Vaak", "Altijd", "Weet niet"))
    return Survey(id="lang", title="Lange labels", publisher="Test", themes=(
        Theme("organisatie", "Organisatie", (finding, single, matrix)),))
