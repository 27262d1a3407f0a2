"""Replacing a paragraph's text while keeping the formatting of its runs (DrawingML and Word alike)."""

from __future__ import annotations

import copy


def replace_runs(paragraph, fresh_paragraph, run_tag: str, text_tag: str) -> None:
    """Give `paragraph` the text of `fresh_paragraph`: run by run when both have as many runs, else
    all of it in the first run (its formatting kept) and the other runs removed."""
    runs = [child for child in paragraph if child.tag == run_tag]
    fresh_runs = [child for child in fresh_paragraph if child.tag == run_tag]
    if not runs:
        for run in fresh_runs:
            _insert_run(paragraph, copy.deepcopy(run), run_tag)
        return
    if len(runs) == len(fresh_runs):
        for run, fresh_run in zip(runs, fresh_runs):
            _set_text(run, "".join(node.text or "" for node in fresh_run.iter(text_tag)), text_tag)
        return
    _set_text(runs[0], "".join(node.text or "" for run in fresh_runs for node in run.iter(text_tag)), text_tag)
    for run in runs[1:]:
        paragraph.remove(run)


def _set_text(run, text: str, text_tag: str) -> None:
    nodes = list(run.iter(text_tag))
    if not nodes:
        return
    nodes[0].text = text
    if text != text.strip():
        nodes[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for node in nodes[1:]:
        node.getparent().remove(node)


def _insert_run(paragraph, run, run_tag: str) -> None:
    """Append a run before the paragraph's end marks (`a:endParaRPr`), keeping the schema's order."""
    end = paragraph.find("{http://schemas.openxmlformats.org/drawingml/2006/main}endParaRPr")
    if end is not None:
        end.addprevious(run)
    else:
        paragraph.append(run)
