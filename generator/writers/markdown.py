"""The report as Markdown text.

`report_to_text` is the plain review text `barometer report` prints and the golden tests hold:
every part of the report in document order, each under the heading the report carries.
"""

from __future__ import annotations

from generator.report import Block, BulletList, DocumentKind, Figure, Heading, KeyFigures, Note, Paragraph, Quote, Report


def report_to_text(report: Report) -> str:
    """The report's full text in document order, for review and golden tests.

    Every title, paragraph, key figure, caption, alt text, table row, chart note and speaker
    note appears once, so a wording change shows as a readable diff.
    """
    headings = report.headings
    lines = [f"# {report.title}", report.subtitle, f"{report.date_text} · {report.source}", ""]
    if report.header_fields:
        lines += [f"{label}: {value}" for label, value in report.header_fields] + [""]
    closing = [_block_to_text(block) for block in report.closing]
    if closing and report.document_kind is DocumentKind.MEMO:
        lines += closing + [""]
        closing = []
    lines += [f"## {headings.key_messages}"] + [f"- {message}" for message in report.key_messages] + [""]
    if report.key_figures:
        lines += [f"## {headings.key_figures}", _block_to_text(report.key_figures), ""]
    for title, blocks in ((headings.introduction, report.introduction), (headings.method, report.method)):
        if blocks:
            lines += [f"## {title}"] + [_block_to_text(block) for block in blocks] + [""]
    for section in report.sections:
        lines.append(f"## {section.title}")
        leading = 0
        while leading < len(section.blocks) and isinstance(section.blocks[leading], Paragraph):
            leading += 1
        lines += [_block_to_text(block) for block in section.blocks[:leading]]
        if section.summary:
            lines.append(f"Samenvatting: {section.summary}")
        lines += [_block_to_text(block) for block in section.blocks[leading:]] + [""]
    if closing:
        lines += closing
    return "\n".join(lines).rstrip() + "\n"


def _block_to_text(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * (block.level + 2) + " " + block.text
    if isinstance(block, BulletList):
        return "\n".join(f"{f'{index}.' if block.numbered else '-'} {item}"
                         for index, item in enumerate(block.items, start=1))
    if isinstance(block, KeyFigures):
        return "\n".join(f"[{figure.value}] {figure.label}" for figure in block.figures)
    if isinstance(block, Figure):
        return _figure_to_text(block)
    if isinstance(block, Quote):
        return f"> {block.text}"
    if isinstance(block, Note):
        return f"Noot: {block.text}"
    return block.text


def _figure_to_text(figure: Figure) -> str:
    chart = figure.chart
    lines = [f"### {figure.title}"]
    if figure.text:
        lines.append(figure.text)
    lines += [f"[{chart.caption}]", f"Alt-tekst: {chart.alt_text}"]
    lines += ["    " + " | ".join(row) for row in chart.table.rows]
    lines += [f"Grafieknoot: {note}" for note in chart.spec.notes]
    notes = figure.notes
    if figure.text and notes.startswith(figure.text):
        notes = "(tekst hierboven)" + notes[len(figure.text):]
    if notes:
        lines += ["Notities:"] + [f"    {line}" if line else "" for line in notes.splitlines()]
    return "\n".join(lines)
