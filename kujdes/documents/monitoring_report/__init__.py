"""The yearly monitoring report, in the words the DOCX and the PDF both print: a cover naming
the plan and the year under review, then the summary, the charts, the activities under their
objectives and measures, the indicators, the budget executed, the projects, the service
contracts and their deliveries, the advisory group's review meeting and the conclusions.

The review's facts are read once (kujdes.documents.selectors.review_facts) and worded here
in the active language, without another query: one reading serves every language.
"""

from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kujdes.documents.monitoring_report.delivery import (
    conclusions_chapter,
    contracts_chapter,
    meeting_chapter,
    projects_chapter,
)
from kujdes.documents.monitoring_report.progress import (
    activities_chapter,
    budget_chapter,
    charts_chapter,
    indicators_chapter,
    summary_chapter,
)
from kujdes.documents.selectors import ReviewFacts
from kujdes.documents.social_plan.blocks import Chapter


@dataclass
class ReportContent:
    """The whole report in one language."""

    language: str
    # "Monitoring report 2026"
    title: str
    plan_title: str
    municipality: str
    kind: str
    # The municipality, the plan's period and version.
    subtitle: str
    # The year, the adoption, the publication of the review: a line each on the cover.
    cover: list[str]
    generated_at: str
    written_on: str
    notices: list[str]
    contents: str
    chapters: list[Chapter]

    @property
    def running_title(self) -> str:
        # A plan's title names its municipality, mostly.
        if self.municipality in self.plan_title:
            return f"{self.title} · {self.plan_title}"
        return f"{self.title} · {self.plan_title} · {self.municipality}"


def _cover(facts: ReviewFacts) -> list[str]:
    review, plan = facts.review, facts.review.plan
    lines = [_("Year under review: %(year)s") % {"year": review.year}]
    if plan.is_adopted:
        lines.append(
            _("Adopted by %(body)s, decision no. %(number)s of %(date)s.")
            % {
                "body": plan.decision_body,
                "number": plan.decision_number,
                "date": plan.decision_date.isoformat() if plan.decision_date else "",
            }
        )
    if review.published_at is not None:
        published = timezone.localtime(review.published_at).date().isoformat()
        lines.append(_("The review was published on %(date)s.") % {"date": published})
    else:
        lines.append(_("The review is not published yet: this report is for its readers only."))
    return lines


def monitoring_report_build(facts: ReviewFacts) -> ReportContent:
    """The report in the active language."""
    review, plan = facts.review, facts.review.plan
    notices = []
    if plan.is_illustrative:
        notices.append(
            _(
                "This plan was entered for the demonstration of Kujdes; its figures are "
                "illustrative, not the municipality's."
            )
        )
    chapters = [
        summary_chapter(facts),
        charts_chapter(facts),
        activities_chapter(facts),
        indicators_chapter(facts),
        budget_chapter(facts),
        projects_chapter(facts),
        contracts_chapter(facts),
        meeting_chapter(facts),
        conclusions_chapter(facts),
    ]
    for index, chapter in enumerate(chapters, start=1):
        chapter.title = f"{index} {chapter.title}"
    version = _("version %(number)s") % {"number": plan.revision} if plan.revision > 1 else ""
    period = f"{plan.start_year}–{plan.end_year}"
    today = timezone.localdate().isoformat()
    return ReportContent(
        language=translation.get_language() or "",
        title=_("Monitoring report %(year)s") % {"year": review.year},
        plan_title=plan.name,
        municipality=plan.municipality.name,
        kind=capfirst(plan.get_kind_display()),
        subtitle=" · ".join(part for part in (plan.municipality.name, period, version) if part),
        cover=_cover(facts),
        generated_at=today,
        written_on=_("Written on %(date)s") % {"date": today},
        notices=notices,
        contents=_("Contents"),
        chapters=chapters,
    )


__all__ = ["ReportContent", "monitoring_report_build"]
