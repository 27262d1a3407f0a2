"""Loading at the edge: the findings, the template set and the audiences, each read and validated once.

Commands (`build`, `report`, `charts`, `update`) load here and hand the models on; compose,
charts and writers never open an input file themselves. Warnings about valid input come back
as notices for the command line to print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import processing
from generator.notices import Notices

if TYPE_CHECKING:
    from generator.audiences import Audience
    from generator.findings import Survey
    from generator.template_set import TemplateSet


@dataclass(frozen=True)
class Inputs:
    """What a command works on, loaded and validated."""

    survey: Survey
    template: TemplateSet | None = None
    audiences: tuple[Audience, ...] = ()
    """In file order."""
    notices: Notices = field(default_factory=Notices)
    """Warnings about valid input that is probably not what was meant."""


def load_inputs(data: Path, template: Path | None = None, audiences: Path | None = None) -> Inputs:
    """The findings in `data`, and the template set and audiences when given; `InputError` on any problem.

    An unexpected failure names the file being read (see `generator.errors.processing`)."""
    from generator.readers import read_survey

    notices = Notices()
    with processing(data):
        survey, warnings = read_survey(data)
    notices.extend(warnings)
    template_set = None
    if template is not None:
        from generator.template_set import load_template_set

        with processing(template):
            template_set = load_template_set(template)
    loaded: tuple[Audience, ...] = ()
    if audiences is not None:
        from generator.audiences import load_audiences

        with processing(audiences):
            loaded = tuple(load_audiences(audiences, survey))
    return Inputs(survey, template_set, loaded, notices)
