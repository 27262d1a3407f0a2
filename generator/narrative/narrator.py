"""The narrator: picks the register's templates, gives them the facts, remembers which template wrote what.

The template names are the user's extension points: a template set's `narrative/` folder may
hold any of them. A register variant (`finding_text.b1.j2`) is preferred when it exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from generator.findings import Finding, FindingKind, Survey, Theme
from generator.narrative.environment import NarrativeEnvironment
from generator.narrative.facts import FindingFacts, finding_facts, theme_facts
from generator.narrative.phrasing import Noun, of_group, value_share
from generator.narrative.settings import TextSettings


@dataclass(frozen=True)
class SurveyFacts:
    """What the method template may state about the survey; empty where the source is silent."""

    title: str
    publisher: str
    citation: str
    population: str
    period: str
    year: str
    base: str
    base_count: str
    notes: tuple[str, ...]
    opt_in_panel: bool
    has_multi: bool
    has_single: bool
    has_approximate: bool
    approximate_example: str
    """The source's wording of its first approximate value, e.g. "ongeveer een derde"; "" when none."""


class Narrator:
    """Writes every generated text of one audience's report."""

    def __init__(self, environment: NarrativeEnvironment, register: str, respondents: Noun,
                 settings: TextSettings, audience: dict[str, Any]) -> None:
        self.environment = environment
        self.register = register
        self.respondents = respondents
        self.settings = settings
        self.audience = audience
        self.use_shares = register == "b1" and settings.share_phrases == "b1"
        self.origins: dict[str, str] = {}
        """Each generated text -> the template file that wrote it, for the number audit."""

    def facts(self, finding: Finding) -> FindingFacts:
        """The finding's facts with values written in the house style for running text."""
        return finding_facts(finding, self.settings.percent_in_text)

    def render(self, name: str, **context: Any) -> str:
        """Template `name` (its register variant when there is one) rendered, its origin remembered."""
        template = self.environment.resolve((f"{name}.{self.register}.j2", f"{name}.j2"))
        text = self.environment.render(template, {
            "respondents": self.respondents,
            "group": partial(of_group, group=self.respondents),
            "use_shares": self.use_shares,
            "audience": self.audience,
            **context,
        })
        self.origins.setdefault(text, self.environment.template_path(template))
        for line in text.splitlines():
            self.origins.setdefault(line, self.environment.template_path(template))
        return text

    def finding_title(self, finding: Finding) -> str:
        """The action title: the hand-written one, else the generated message."""
        return finding.title or self.render("finding_title", finding=self.facts(finding))

    def finding_text(self, finding: Finding) -> str:
        """The text next to the chart: the hand-written one, else the generated one."""
        return finding.text or self.render("finding_text", finding=self.facts(finding))

    def finding_notes(self, finding: Finding, text: str) -> str:
        """Speaker notes: the text, then the question and every exact figure."""
        figures = self.render("finding_notes", finding=self.facts(finding))
        return f"{text}\n\n{figures}" if text else figures

    def theme_summary(self, theme: Theme, findings: tuple[Finding, ...]) -> str:
        """The hand-written summary, else a generated one; none for one finding, whose figure says it all."""
        if theme.text:
            return theme.text
        if len(findings) < 2:
            return ""
        facts = theme_facts(theme, tuple(self.facts(finding) for finding in findings))
        return self.render("theme_summary", theme=facts)

    def key_message(self, theme: Theme, finding: Finding) -> str:
        """One key message about `finding`."""
        facts = theme_facts(theme, (self.facts(finding),))
        return self.render("key_message", theme=facts, finding=facts.findings[0])

    def key_figure_label(self, finding: Finding) -> str:
        """The words next to the finding's key figure."""
        return self.render("key_figure_label", finding=self.facts(finding))

    def method_lines(self, survey: Survey, findings: tuple[Finding, ...], opt_in_panel: bool) -> tuple[str, ...]:
        """The method paragraphs: only what the source states, plus notes the included findings need."""
        from generator.dutch import format_base, format_count

        kinds = {finding.kind for finding in findings}
        facts = SurveyFacts(
            title=survey.title,
            publisher=survey.publisher,
            citation=survey.citation,
            population=survey.population or "",
            period=survey.period or "",
            year=str(survey.year) if survey.year else "",
            base=format_base(survey.base) if survey.base else "",
            base_count=format_count(survey.base) if survey.base else "",
            notes=survey.notes,
            opt_in_panel=opt_in_panel,
            has_multi=FindingKind.MULTI in kinds,
            has_single=bool(kinds & {FindingKind.SINGLE, FindingKind.MATRIX}),
            has_approximate=any(finding.is_approximate for finding in findings),
            approximate_example=next((value_share(value) for finding in findings for value in finding.values()
                                      if value.is_approximate and finding.unit == "percent"), ""),
        )
        text = self.render("method", survey=facts)
        return tuple(line for line in text.splitlines() if line.strip())
