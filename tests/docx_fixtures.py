"""Hand-built reports and chart pictures for the Word writer's tests (until compose exists).

The numbers are those of the Barometer Burgerparticipatie; every label is formatted with
generator.dutch, as compose will do.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.dutch import format_date, format_grade, format_percent, join_list
from generator.headings import headings_for, outline_for
from generator.report import (
    BulletList, Chart, ChartSpec, DataTable, DocumentKind, Figure, Heading, KeyFigure, KeyFigures, Note,
    Paragraph, Quote, Report, Section, Series, SourceLine,
)

SOURCE = "Bron: Barometer Burgerparticipatie, Ambtenarenpanel"
REPORT_DATE = dt.date(2026, 11, 28)

# (section id, section title, summary, findings); finding: (id, action title, caption, kind, items)
# items: (label, value, approximate)
THEMES = (
    ("doelen", "Doelen en kernwaarden",
     "Ambtenaren zien burgerparticipatie vooral als middel om beleid beter te maken.",
     (
         ("doelstellingen", "Betere kwaliteit van beleid is het vaakst genoemde doel",
          "Doelstellingen van burgerparticipatie", "bar",
          (("Kwaliteit van beleid vergroten", 64, False), ("Inwoners invloed laten uitoefenen", 57, False),
           ("Inwoners horen", 50, False), ("Kloof tussen inwoners en overheid verkleinen", 45, False),
           ("Draagvlak creëren", 28, False), ("Draagvlak verkennen", 12, False),
           ("Zelfredzaamheid vergroten", 5, False))),
         ("kernwaarden", "Samenwerking en transparantie zijn de belangrijkste kernwaarden",
          "Belangrijkste kernwaarden van burgerparticipatie", "bar",
          (("Samenwerking", 50, False), ("Transparantie", 47, False), ("Vertrouwen", 43, False),
           ("Verbinding", 38, False), ("Draagvlak", 26, False), ("Inclusiviteit", 24, False),
           ("Verantwoordelijkheid", 16, False), ("Diversiteit", 10, False), ("Doelgerichtheid", 9, False),
           ("Wederzijds respect", 5, False), ("Zelfsturing", 2, False))),
         ("rapportcijfer", "Ambtenaren geven burgerparticipatie gemiddeld een 6,7",
          "Rapportcijfer voor burgerparticipatie in de eigen gemeente", "grade",
          (("Burgerparticipatie in de eigen gemeente", 6.7, False),)),
     )),
    ("uitvoering", "Randvoorwaarden en uitvoering",
     "Beleid en stappenplannen zijn meestal uitgewerkt; geld en capaciteit blijven knelpunten.",
     (
         ("randvoorwaarden", "Drie op de vier gemeenten hebben een participatiekader",
          "Randvoorwaarden die volledig of grotendeels zijn uitgewerkt", "bar",
          (("Participatiekader of stappenplan", 74, False), ("Participatiebeleid", 71, False),
           ("Digitaal participatieplatform", 53, False), ("Participatieverordening", 50, False),
           ("Centrale plek voor informatie", 48, False), ("Training of workshop participatie", 39, False))),
         ("trajecten", "De meeste gemeenten hadden in 2023 meer dan vijf trajecten",
          "Aantal burgerparticipatietrajecten in 2023", "ordered-bar",
          (("5 of minder", 16, False), ("6 tot en met 10", 26, False), ("11 tot en met 15", 26, False),
           ("16 of meer", 21, False))),
         ("input", "Burgertop en enquête leveren de meeste input op",
          "Middelen die veel input van inwoners opleveren", "bar",
          (("Burgertop", 68, False), ("Enquête", 66, False), ("Werkbezoek", 61, False),
           ("Adviesraad", 58, False), ("Inspraakbijeenkomsten", 55, False),
           ("Burgervisitaties en referenda", 33, True))),
     )),
    ("terugkoppeling", "Terugkoppeling en ambities",
     "Inwoners horen lang niet altijd wat er met hun inbreng gebeurt.",
     (
         ("kanalen", "Sociale media en de website zijn de belangrijkste kanalen",
          "Kanalen om inwoners over participatie te informeren", "bar",
          (("Sociale media", 98, False), ("Gemeentelijke website", 90, False), ("Dorpskrant", 74, False),
           ("Post", 67, False), ("Nieuwsbrief", 62, False), ("Dorps- en wijkraad", 40, False),
           ("Raadsvergaderingen", 22, False))),
         ("terugkoppeling", "Minder dan de helft koppelt trajecten terug aan inwoners",
          "Trajecten die worden teruggekoppeld of geëvalueerd met inwoners", "bar",
          (("Teruggekoppeld aan inwoners", 48, False), ("Geëvalueerd met inwoners", 21, False))),
         ("behoeften", "Training en capaciteit zijn het meest nodig",
          "Wat ambtenaren nodig hebben om hun ambities te realiseren", "bar",
          (("Training of educatie", 57, False), ("Capaciteit", 53, False), ("Intern draagvlak", 43, False),
           ("Kennisdeling", 43, False), ("Toegewijd participatieteam", 43, False), ("Budget", 36, False),
           ("Bestuurlijke steun", 33, False), ("Eenduidig beleid", 31, False))),
     )),
)


def _label(value: float, kind: str, approximate: bool) -> str:
    text = format_grade(value) if kind == "grade" else format_percent(value)
    return ("~" if approximate else "") + text


def make_chart(section_id: str, finding: tuple) -> Chart:
    finding_id, title, caption, kind, items = finding
    labels = tuple(_label(value, kind, approximate) for _, value, approximate in items)
    unit = "grade" if kind == "grade" else "percent"
    notes = () if kind in ("grade", "ordered-bar") else ("Meerdere antwoorden mogelijk",)
    spec = ChartSpec(
        kind=kind, title=caption, categories=tuple(label for label, _, _ in items),
        series=(Series("Ambtenaren", tuple(float(value) for _, value, _ in items), labels,
                       tuple(approximate for _, _, approximate in items)),),
        unit=unit, scale=(1.0, 10.0) if unit == "grade" else (0.0, 100.0), notes=notes,
        multiple_response=bool(notes),
    )
    top = join_list([f"{label.lower()} ({text})" for (label, _, _), text in zip(items[:3], labels[:3])])
    header = ("Antwoord", "Gemiddeld cijfer" if unit == "grade" else "Aandeel ambtenaren")
    table = DataTable(caption, header, tuple((label, text) for (label, _, _), text in zip(items, labels)))
    alt = f"Staafdiagram: {caption.lower()}. Het vaakst genoemd: {top}."
    return Chart(f"{section_id}-{finding_id}", spec, alt, table, caption)


def make_figure(section_id: str, finding: tuple) -> Figure:
    chart = make_chart(section_id, finding)
    first = chart.table.rows[0]
    text = f"{first[0]} scoort {first[1]}."
    return Figure(finding[0], finding[1], chart, text=text, notes=text)


def make_sections(figures_per_section: int | None = None) -> tuple[Section, ...]:
    sections = []
    for section_id, title, summary, findings in THEMES:
        chosen = findings if figures_per_section is None else findings[:figures_per_section]
        blocks: list = [make_figure(section_id, finding) for finding in chosen]
        if section_id == "uitvoering" and figures_per_section is None:
            blocks.insert(1, Quote("‘Burgervisitaties en referenda leveren relatief weinig input op’"))
            blocks.append(Note("~33%: de bron noemt ‘ongeveer een derde’."))
        sections.append(Section(section_id, title, tuple(blocks), summary))
    return tuple(sections)


KEY_MESSAGES = (
    f"Ambtenaren geven burgerparticipatie in hun gemeente gemiddeld een {format_grade(6.7)}.",
    f"Betere kwaliteit van beleid is het belangrijkste doel ({format_percent(64)}).",
    f"Slechts {format_percent(48)} koppelt trajecten terug aan de inwoners die meededen.",
    f"Training ({format_percent(57)}) en capaciteit ({format_percent(53)}) zijn het meest nodig.",
)

HEADER_FIELDS = (
    ("Aan", "De gemeenteraad"),
    ("Van", "Het college van burgemeester en wethouders"),
    ("Datum", format_date(REPORT_DATE)),
    ("Onderwerp", "Uitkomsten Barometer Burgerparticipatie 2026"),
    ("Kenmerk", "RIB-2026-0142"),
    ("Portefeuillehouder", "Wethouder Participatie"),
)

KIND_SETTINGS = {
    DocumentKind.RAADSINFORMATIEBRIEF: dict(audience="raad", detailed=True, tables_in_appendix=True, per_section=2),
    DocumentKind.MEMO: dict(audience="college", detailed=False, tables_in_appendix=False, per_section=1),
    DocumentKind.RAPPORTAGE: dict(audience="ambtenaren", detailed=True, tables_in_appendix=False, per_section=None),
    DocumentKind.SAMENVATTING: dict(audience="inwoners", detailed=False, tables_in_appendix=True, per_section=1),
}


def make_report(kind: DocumentKind, **changes) -> Report:
    """A realistic report of `kind`; keyword arguments replace fields of the result."""
    settings = KIND_SETTINGS[kind]
    letter = kind in (DocumentKind.RAADSINFORMATIEBRIEF, DocumentKind.MEMO)
    report = Report(
        audience=settings["audience"],
        title="Barometer Burgerparticipatie 2026",
        subtitle="Wat gemeenteambtenaren vinden van burgerparticipatie",
        date=REPORT_DATE,
        date_text=format_date(REPORT_DATE),
        source=SOURCE,
        author="Team Onderzoek en Statistiek",
        language="nl-NL",
        document_kind=kind,
        key_messages=KEY_MESSAGES,
        headings=headings_for(kind),
        outline=outline_for(kind),
        sections=make_sections(settings["per_section"]),
        introduction=(Paragraph("Het Ambtenarenpanel vroeg ambtenaren van Nederlandse gemeenten naar de doelen, "
                                "randvoorwaarden en opbrengsten van burgerparticipatie."),),
        method=(Paragraph("Raadpleging van het Ambtenarenpanel onder ambtenaren van Nederlandse gemeenten. "
                          "Het panel is een opt-in panel; de uitkomsten zijn niet gewogen."),
                BulletList(("Doelgroep: ambtenaren van gemeenten", "Periode: najaar 2023"))),
        closing=(Paragraph("Het college bespreekt de uitkomsten met de participatiecoördinatoren."),
                 BulletList(("Terugkoppeling aan inwoners standaard opnemen in elk traject",
                             "Een expertiseteam burgerparticipatie verkennen"), numbered=True),
                 SourceLine(SOURCE)),
        header_fields=HEADER_FIELDS if letter else (),
        key_figures=KeyFigures((KeyFigure(format_grade(6.7), "gemiddeld rapportcijfer"),
                                KeyFigure(format_percent(64), "noemt kwaliteit van beleid als doel"),
                                KeyFigure(format_percent(48), "koppelt trajecten terug aan inwoners"))),
        tables_in_appendix=settings["tables_in_appendix"],
        detailed=settings["detailed"],
        keywords=("burgerparticipatie", "gemeenten", "Ambtenarenpanel"),
    )
    from dataclasses import replace

    return replace(report, **changes) if changes else report


def with_extra_heading(report: Report) -> Report:
    """The report with a level-3 heading block at the start of its first section (a level jump)."""
    from dataclasses import replace

    first = report.sections[0]
    blocks = (Heading("Toelichting per doel", level=3),) + first.blocks
    return replace(report, sections=(replace(first, blocks=blocks),) + report.sections[1:])


def render_chart_png(chart: Chart, path: Path, size_cm: tuple[float, float] = (16.0, 9.0), dpi: int = 110) -> Path:
    """A simple horizontal bar chart of `chart`, in DejaVu Sans, without a timestamp."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series = chart.spec.series[0]
    height = max(size_cm[1], 1.5 + 0.8 * len(chart.spec.categories))
    figure, axes = plt.subplots(figsize=(size_cm[0] / 2.54, height / 2.54), dpi=dpi)
    try:
        positions = range(len(chart.spec.categories))
        values = [value or 0 for value in series.values]
        axes.barh(list(positions), values, color="#0072B2")
        axes.set_yticks(list(positions), chart.spec.categories, fontsize=8, fontfamily="DejaVu Sans")
        axes.invert_yaxis()
        axes.set_xlim(*chart.spec.scale)
        for position, value, label in zip(positions, values, series.labels):
            axes.text(value, position, " " + label, va="center", fontsize=8)
        axes.set_title(chart.spec.title, fontsize=9, loc="left")
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.tight_layout()
        figure.savefig(path, format="png", metadata={"Software": None})
    finally:
        plt.close(figure)
    return path


def render_images(reports, directory: Path) -> dict[str, Path]:
    """One PNG per chart id across `reports`."""
    images: dict[str, Path] = {}
    for report in reports:
        for chart in report.charts:
            if chart.chart_id not in images:
                images[chart.chart_id] = render_chart_png(chart, Path(directory) / f"{chart.chart_id}.png")
    return images
