"""Hand-built reports and chart pictures for the deck tests (until compose exists).

The numbers follow the Barometer Burgerparticipatie (Ambtenarenpanel); labels are made
with generator.dutch so they look exactly as compose will make them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from generator.dutch import format_date, format_grade, format_percent  # noqa: E402
from generator.headings import headings_for, outline_for  # noqa: E402
from generator.report import (  # noqa: E402
    BulletList, Chart, ChartSpec, DataTable, DocumentKind, Figure, Heading, KeyFigure, KeyFigures, Paragraph,
    Report, Section, Series,
)

REPORT_DATE = dt.date(2026, 11, 28)
SOURCE = "Bron: Barometer Burgerparticipatie 2026, Ambtenarenpanel (n = 412)"
LONG_TITLE = ("Meer dan de helft van de ambtenaren vindt dat de interne inrichting van de organisatie beter moet "
              "om burgerparticipatieprojecten in de gemeente goed, tijdig en met voldoende capaciteit uit te voeren")


def percent_series(name: str, values: list[float], approximate: dict[int, str] | None = None) -> Series:
    approximate = approximate or {}
    labels = tuple(approximate.get(index, "") + format_percent(value) for index, value in enumerate(values))
    return Series(name, tuple(values), labels, tuple(index in approximate for index in range(len(values))))


def make_chart(chart_id: str, question: str, categories: list[str], series: tuple[Series, ...], *,
               unit: str = "percent", scale=(0.0, 100.0), notes=(), multiple: bool = False) -> Chart:
    spec = ChartSpec(kind="bar" if len(series) == 1 else "matrix", title=question, categories=tuple(categories),
                     series=series, unit=unit, scale=scale, notes=tuple(notes), multiple_response=multiple)
    if len(series) == 1:
        parts = [f"{category} {label}" for category, label in zip(categories, series[0].labels)]
        header = ("Antwoord", series[0].name)
    else:
        parts = [f"{category}: " + ", ".join(f"{item.name.lower()} {item.labels[row]}" for item in series)
                 for row, category in enumerate(categories)]
        header = ("", *(item.name for item in series))
    alt = f"Staafdiagram: {question.rstrip('?')}. " + "; ".join(parts) + "."
    rows = tuple((category, *(item.labels[row] for item in series)) for row, category in enumerate(categories))
    return Chart(chart_id, spec, alt, DataTable(question, header, rows), question)


def figure(chart: Chart, title: str, text: str = "") -> Figure:
    spec = chart.spec
    numbers = "; ".join(f"{category}: {spec.series[0].labels[row]}" for row, category in enumerate(spec.categories))
    notes = f"{title}. {text} Cijfers: {numbers}. {' '.join(spec.notes)}".replace("  ", " ")
    return Figure(chart.chart_id.split("-", 1)[-1], title, chart, text, notes)


def sample_report(detailed: bool = True, audience: str = "gemeenteraad") -> Report:
    """A realistic council report: 3 sections, 9 figures, one very long title, key figures."""
    goals = make_chart(
        "doelen-doelstellingen", "Wat zijn de doelstellingen van burgerparticipatie in uw gemeente?",
        ["Kwaliteit van beleid vergroten", "Inwoners invloed laten uitoefenen", "Inwoners horen",
         "Kloof tussen inwoners en overheid verkleinen", "Draagvlak creëren", "Draagvlak verkennen",
         "Zelfredzaamheid vergroten"],
        (percent_series("Percentage", [64, 57, 50, 45, 28, 12, 5]),),
        notes=("Meerdere antwoorden mogelijk", "n = 412"), multiple=True)
    values = make_chart(
        "doelen-kernwaarden", "Wat zijn de belangrijkste kernwaarden van burgerparticipatie?",
        ["Samenwerking", "Transparantie", "Vertrouwen", "Verbinding", "Draagvlak", "Inclusiviteit",
         "Verantwoordelijkheid", "Diversiteit", "Doelgerichtheid", "Wederzijds respect", "Zelfsturing"],
        (percent_series("Percentage", [50, 47, 43, 38, 26, 24, 16, 10, 9, 5, 2]),),
        notes=("Meerdere antwoorden mogelijk", "n = 412"), multiple=True)
    grade = make_chart(
        "doelen-rapportcijfer", "Welk rapportcijfer geeft u de burgerparticipatie in uw gemeente?",
        ["Gemiddeld rapportcijfer"],
        (Series("Gemiddeld rapportcijfer", (6.7,), (format_grade(6.7),)),),
        unit="grade", scale=(1.0, 10.0), notes=("n = 412",))
    conditions = make_chart(
        "randvoorwaarden-geregeld", "Welke randvoorwaarden zijn in uw gemeente geregeld?",
        ["Participatiekader of stappenplan", "Participatiebeleid", "Digitaal participatieplatform",
         "Participatieverordening", "Centrale plaats voor informatie", "Training of workshop participatie"],
        (percent_series("Percentage", [74, 71, 53, 50, 48, 39]),),
        notes=("Meerdere antwoorden mogelijk", "n = 412"), multiple=True)
    obstacles = make_chart(
        "randvoorwaarden-struikelblokken", "Wat is het grootste struikelblok voor burgerparticipatie?",
        ["(Financiële) middelen", "Tijd en capaciteit", "Bestuurlijke steun", "Anders"],
        (percent_series("Percentage", [20, 34, 18, 28], approximate={0: "~"}),),
        notes=("~ = bij benadering", "n = 412"))
    feedback = make_chart(
        "randvoorwaarden-terugkoppeling", "Krijgen inwoners terugkoppeling over projecten?",
        ["Over de resultaten", "Over de besluiten"],
        (percent_series("Ja", [38, 45]), percent_series("Nee", [50, 41]), percent_series("Weet niet", [12, 14])),
        notes=("n = 412",))
    organisation = make_chart(
        "capaciteit-inrichting", "Wat is nodig om burgerparticipatie te laten slagen?",
        ["Betere interne inrichting", "Meer opleiding", "Meer capaciteit", "Een expertiseteam"],
        (percent_series("Percentage", [52, 46, 44, 41], approximate={0: ">"}),),
        notes=("Meerdere antwoorden mogelijk", "> = meer dan", "n = 412"), multiple=True)
    team = make_chart(
        "capaciteit-expertiseteam", "Moet de gemeente een expertiseteam voor participatie organiseren?",
        ["Ja", "Nee", "Weet niet"], (percent_series("Percentage", [41, 36, 23]),), notes=("n = 412",))
    training = make_chart(
        "capaciteit-opleiding", "Heeft u de afgelopen twee jaar een opleiding in participatie gevolgd?",
        ["Ja", "Nee"], (percent_series("Percentage", [31, 69]),), notes=("n = 412",))
    sections = (
        Section("doelen", "Doelen en kernwaarden", (
            figure(goals, "Kwaliteit van beleid is het vaakst genoemde doel van participatie (64%)",
                   "Ook invloed voor inwoners (57%) en inwoners horen (50%) worden vaak genoemd."),
            figure(values, "Samenwerking (50%) en transparantie (47%) zijn de belangrijkste kernwaarden"),
            figure(grade, "Ambtenaren geven burgerparticipatie gemiddeld een 6,7"),
        ), summary="Ambtenaren zien participatie vooral als manier om beleid beter te maken."),
        Section("randvoorwaarden", "Randvoorwaarden", (
            Paragraph("Veel is op papier geregeld, maar in de uitvoering schiet het tekort."),
            figure(conditions, "Stappenplan (74%) en beleid (71%) zijn meestal uitgewerkt"),
            figure(obstacles, "Tijd en capaciteit (34%) zijn het grootste struikelblok, gevolgd door geld (~20%)",
                   "Ongeveer een op de vijf noemt (financiële) middelen."),
            figure(feedback, "Volgens de helft krijgen inwoners geen terugkoppeling over resultaten (50%)",
                   "Over besluiten krijgen inwoners iets vaker terugkoppeling: 45% zegt ja."),
        ), summary="Beleid en stappenplannen zijn er meestal; terugkoppeling aan inwoners blijft achter."),
        Section("capaciteit", "Opleiding en capaciteit", (
            figure(organisation, LONG_TITLE),
            figure(team, "Vier op de tien ambtenaren willen een expertiseteam voor participatie (41%)"),
            figure(training, "Bijna een derde volgde een opleiding in participatie (31%)"),
        ), summary="Ambtenaren vragen om meer opleiding, capaciteit en een expertiseteam."),
    )
    return Report(
        audience=audience,
        title="Barometer Burgerparticipatie 2026",
        subtitle="Resultaten voor de gemeenteraad",
        date=REPORT_DATE,
        date_text=format_date(REPORT_DATE),
        source=SOURCE,
        author="Gemeente Voorbeeldstad, afdeling Communicatie",
        language="nl-NL",
        document_kind=DocumentKind.RAPPORTAGE,
        key_messages=(
            "Ambtenaren geven burgerparticipatie gemiddeld een 6,7.",
            "De helft zegt dat inwoners geen terugkoppeling krijgen over resultaten.",
            "Meer opleiding, capaciteit en een expertiseteam zijn nodig.",
        ),
        headings=headings_for(DocumentKind.RAPPORTAGE),
        outline=outline_for(DocumentKind.RAPPORTAGE),
        sections=sections,
        method=(
            Paragraph("Raadpleging van Ambtenarenpanel onder ambtenaren van Nederlandse gemeenten, "
                      "oktober en november 2026."),
            BulletList(("412 ambtenaren deden mee (n = 412).",
                        "Het panel is een opt-in panel: geen steekproef, daarom geen foutmarges.",
                        "Door afronding tellen percentages niet altijd op tot 100.")),
        ),
        closing=(
            Heading("Vervolg"),
            BulletList(("Bespreking in de commissie Bestuur op 14 januari 2027.",
                        "Terugkoppeling aan inwoners wordt vast onderdeel van elk project.",
                        "Voorstel voor een expertiseteam participatie in het voorjaar.")),
        ),
        key_figures=KeyFigures((
            KeyFigure(format_grade(6.7), "gemiddeld rapportcijfer voor burgerparticipatie"),
            KeyFigure(format_percent(64), "noemt kwaliteit van beleid als doel"),
            KeyFigure(format_percent(50), "zegt dat inwoners geen terugkoppeling krijgen over resultaten"),
            KeyFigure(format_percent(74), "heeft een participatiekader of stappenplan"),
        )),
        detailed=detailed,
        keywords=("burgerparticipatie", "ambtenarenpanel"),
    )


def short_report() -> Report:
    """One section, not detailed: no agenda and no section dividers."""
    report = sample_report(detailed=False, audience="college")
    return replace(report, sections=report.sections[:1], method=(), key_figures=None)


def render_images(report: Report, folder: Path) -> dict[str, Path]:
    """A simple bar chart PNG per chart, drawn with matplotlib (stand-in for the chart stage)."""
    folder.mkdir(parents=True, exist_ok=True)
    images = {}
    for chart in report.charts:
        spec = chart.spec
        rows = len(spec.categories)
        fig, axes = plt.subplots(figsize=(9.0, 1.2 + 0.45 * rows * max(1, len(spec.series) * 0.7)), dpi=100)
        height = 0.8 / len(spec.series)
        for index, series in enumerate(spec.series):
            positions = [row + index * height for row in range(rows)]
            values = [value or 0 for value in series.values]
            bars = axes.barh(positions, values, height=height, color=["#0072B2", "#D55E00", "#009E73"][index % 3],
                             label=series.name)
            for bar, label in zip(bars, series.labels):
                axes.text(bar.get_width() + (spec.scale[1] - spec.scale[0]) * 0.01, bar.get_y() + bar.get_height() / 2,
                          label, va="center", fontsize=11)
        axes.set_yticks([row + height * (len(spec.series) - 1) / 2 for row in range(rows)], spec.categories, fontsize=11)
        axes.invert_yaxis()
        axes.set_xlim(*spec.scale)
        axes.spines[["top", "right"]].set_visible(False)
        if len(spec.series) > 1:
            axes.legend(loc="lower right", fontsize=10, frameon=False)
        if spec.notes:
            fig.text(0.01, 0.01, " · ".join(spec.notes), fontsize=9)
        fig.tight_layout(rect=(0, 0.05, 1, 1))
        path = folder / f"{chart.chart_id}.png"
        fig.savefig(path, metadata={"Software": None})
        plt.close(fig)
        images[chart.chart_id] = path
    return images
