"""The narrator: picks the register's templates, gives them the facts, remembers which template wrote what.

The template names are the user's extension points: a template set's `narrative/` folder may
hold any of them. A register variant (`finding_text.b1.j2`) is preferred when it exists.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from generator.comparison import comparison_strength
from generator.findings import Finding, FindingKind, Survey, Theme
from generator.narrative.comparison_facts import ComparisonSummary, comparison_summary
from generator.narrative.environment import NarrativeEnvironment
from generator.narrative.facts import FindingFacts, ItemFacts, finding_facts, theme_facts
from generator.narrative.sentences import headline_item
from generator.findings import Noun
from generator.narrative.phrasing import of_group, value_share
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
    scope: str
    """"landelijk", "regionaal", "gemeente" or "" when the survey does not say."""
    has_multi: bool
    has_single: bool
    has_approximate: bool
    approximate_example: str
    """The source's wording of its first approximate value, e.g. "ongeveer een derde"; "" when none."""
    comparison: ComparisonSummary | None = None
    """What the method must say about comparisons (tests, overlaps, small bases); None without any."""


SCOPE_PHRASES = {"landelijk": "uit het hele land", "regionaal": "uit de regio"}
PLAIN_SCOPE_PHRASES = {"landelijk": "uit heel Nederland", "regionaal": "uit de regio"}
"""How a survey's scope reads after the respondents, in sentences that stand on their own."""


class Narrator:
    """Writes every generated text of one audience's report."""

    def __init__(self, environment: NarrativeEnvironment, register: str, respondents: Noun,
                 settings: TextSettings, audience: dict[str, Any], scope: str | None = None,
                 plain_scope: bool = False) -> None:
        self.environment = environment
        self.scope = (PLAIN_SCOPE_PHRASES if plain_scope else SCOPE_PHRASES).get(scope or "", "")
        """Where the respondents come from, for sentences read on their own: "uit het hele land"."""
        self.register = register
        self.respondents = respondents
        self.settings = settings
        self.audience = audience
        self.use_shares = register == "b1" and settings.share_phrases == "b1"
        self.origins: dict[str, str] = {}
        """Each generated text -> the template file that wrote it, for the number audit."""
        self._facts: dict[tuple[int, bool], tuple[Finding, FindingFacts]] = {}
        """Facts already worked out, by finding (held, so its id stays its own) and `standalone`."""
        self._templates: dict[str, tuple[str, str]] = {}
        """Each template name -> the file rendered for it (the register's variant or not) and its path."""

    def facts(self, finding: Finding, standalone: bool = False) -> FindingFacts:
        """The finding's facts with values written in the house style for running text.

        `standalone` facts name where the respondents come from ("ambtenaren uit het hele land"),
        for key messages, key figures and decision points, which are read out of context.
        """
        known = self._facts.get((id(finding), standalone))
        if known is not None and known[0] is finding:
            return known[1]
        respondents = finding.respondents or self.respondents
        if standalone and self.scope and not finding.respondents:
            respondents = Noun(f"{respondents.singular} {self.scope}", f"{respondents.plural} {self.scope}")
        facts = finding_facts(replace(finding, respondents=respondents), self.settings.percent_in_text,
                              respondents, self.use_shares, self.opt_in_panel)
        self._facts[(id(finding), standalone)] = (finding, facts)
        return facts

    @property
    def opt_in_panel(self) -> bool:
        """The respondents chose to take part: no difference may be called significant."""
        return bool(self.audience.get("opt_in_panel"))

    def comparison_strength(self, finding: Finding) -> float:
        """The largest significant difference of `finding`, for choosing key messages; 0 when none."""
        return comparison_strength(finding, self.opt_in_panel)

    def render(self, name: str, paragraph: bool = True, **context: Any) -> str:
        """Template `name` (its register variant when there is one) rendered, its origin remembered.

        With `paragraph` the template's lines become one paragraph, so documents never join
        sentences with manual line breaks.
        """
        if name not in self._templates:
            template = self.environment.resolve((f"{name}.{self.register}.j2", f"{name}.j2"))
            self._templates[name] = template, self.environment.template_path(template)
        template, path = self._templates[name]
        text = self.environment.render(template, {
            "respondents": self.respondents,
            "group": partial(of_group, group=self.respondents),
            "use_shares": self.use_shares,
            "audience": self.audience,
            **context,
        })
        if paragraph:
            text = " ".join(line.strip() for line in text.splitlines() if line.strip())
        self.origins.setdefault(text, path)
        for line in text.splitlines():
            self.origins.setdefault(line, path)
        return text

    def finding_title(self, finding: Finding) -> str:
        """The action title: the hand-written one, else the generated message."""
        return finding.title or self.render("finding_title", finding=self.facts(finding))

    def finding_text(self, finding: Finding) -> str:
        """The text next to the chart: the hand-written one, else the generated one."""
        return finding.text or self.render("finding_text", finding=self.facts(finding))

    def finding_notes(self, finding: Finding, text: str) -> str:
        """Speaker notes: the text, then the question and every exact figure."""
        figures = self.render("finding_notes", paragraph=False, finding=self.facts(finding))
        return f"{text}\n\n{figures}" if text else figures

    def theme_summary(self, theme: Theme, findings: tuple[Finding, ...]) -> str:
        """The hand-written summary, else the lead sentence of each finding: what a letter says of a theme."""
        if theme.text:
            return theme.text
        if not findings:
            return ""
        leads = [self.lead_sentence(finding) for finding in findings]
        if len(set(leads)) < len(leads):
            return " ".join(self.render("key_message_anchored", finding=self.facts(finding))
                            if leads.count(lead) > 1 else lead for finding, lead in zip(findings, leads))
        facts = theme_facts(theme, tuple(self.facts(finding) for finding in findings))
        return self.render("theme_summary", theme=facts)

    def key_message(self, theme: Theme, finding: Finding) -> str:
        """One key message about `finding`."""
        facts = theme_facts(theme, (self.facts(finding, standalone=True),))
        return self.render("key_message", theme=facts, finding=facts.findings[0])

    def lead_sentence(self, finding: Finding, standalone: bool = False) -> str:
        """The first sentence about `finding`, e.g. to back a decision point with the data."""
        return self.render("finding_lead", finding=self.facts(finding, standalone))

    def anchored_message(self, finding: Finding) -> str:
        """A key message that names its question: for two findings whose messages would otherwise read alike."""
        facts = self.facts(finding, standalone=True)
        return "" if facts.suppressed else self.render("key_message_anchored", finding=facts)

    def backing(self, finding: Finding) -> str:
        """The finding's headline fact in one sentence, to back a decision point; read on its own."""
        facts = self.facts(finding, standalone=True)
        return "" if facts.suppressed else self.render("finding_backing", finding=facts)

    def key_figure(self, finding: Finding) -> tuple[ItemFacts, str] | None:
        """The finding's headline answer and the words that say what its number means; None without one."""
        facts = self.facts(finding, standalone=True)
        item = headline_item(facts)
        if item is None:
            return None
        return item, self.render("key_figure_label", finding=facts, item=item)

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
            scope=survey.scope or "",
            has_multi=any(finding.kind is FindingKind.MULTI and len(finding.items) > 1 for finding in findings),
            has_single=bool(kinds & {FindingKind.SINGLE, FindingKind.MATRIX}),
            has_approximate=any(finding.is_approximate for finding in findings),
            approximate_example=next((value_share(value) for finding in findings for value in finding.values()
                                      if value.is_approximate and finding.unit == "percent"), ""),
            comparison=comparison_summary(findings, opt_in_panel),
        )
        text = self.render("method", paragraph=False, survey=facts)
        return tuple(line for line in text.splitlines() if line.strip())
