"""The plan as one document, in the words the DOCX and the PDF both print: Part A, the Needs
Assessment Report (as adopted with the plan, once it is adopted); Part B, the plan itself
(vision to budget and monitoring); the annexes (adoption decision, advisory group,
consultation record).

An edition is the whole document in one language. A Kosovo plan may also be written in
Albanian and Serbian in one file: the Albanian edition, then the Serbian one.
"""

from collections.abc import Sequence

from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kujdes.documents.selectors import plan_participation
from kujdes.documents.social_plan.annexes import annexes_build
from kujdes.documents.social_plan.blocks import Chapter, DocumentBlock, Edition, Heading
from kujdes.documents.social_plan.plan import plan_chapters_build
from kujdes.planning.assessment import assessment_build
from kujdes.planning.assessment.compute import Assessment
from kujdes.planning.assessment.report import Paragraph, Report, report_build
from kujdes.planning.assessment.report.frozen import report_thaw
from kujdes.planning.models import Plan
from kujdes.planning.selectors import plan_budget, plan_tree


def _edition(
    plan: Plan, report: Report, chapters: list[Chapter], annexes: list[Chapter]
) -> Edition:
    notices = []
    if plan.is_illustrative:
        notices.append(
            _(
                "This plan was entered for the demonstration of Kujdes; its figures are "
                "illustrative, not the municipality's."
            )
        )
    if plan.is_adopted:
        adoption = _("Adopted by %(body)s, decision no. %(number)s of %(date)s.") % {
            "body": plan.decision_body,
            "number": plan.decision_number,
            "date": plan.decision_date.isoformat() if plan.decision_date else "",
        }
        assessment_note = _(
            "The Needs Assessment Report as it stood when the plan was adopted (%(date)s)."
        ) % {"date": report.generated_at}
    else:
        adoption = _("%(status)s: not adopted yet.") % {
            "status": capfirst(plan.get_status_display())
        }
        assessment_note = _(
            "The Needs Assessment Report as it stands on %(date)s. It is kept as it stands on "
            "the day the plan is adopted."
        ) % {"date": report.generated_at}
    version = _("version %(number)s") % {"number": plan.revision} if plan.revision > 1 else ""
    period = f"{plan.start_year}–{plan.end_year}"
    today = timezone.localdate().isoformat()
    return Edition(
        language=translation.get_language() or "",
        title=plan.name,
        subtitle=" · ".join(part for part in (plan.municipality.name, period, version) if part),
        kind=capfirst(plan.get_kind_display()),
        adoption=adoption,
        generated_at=today,
        written_on=_("Written on %(date)s") % {"date": today},
        notices=notices,
        contents=_("Contents"),
        part_a=_("Part A: Needs Assessment Report"),
        assessment=report,
        sources=_("Sources"),
        assessment_note=assessment_note,
        part_b=_("Part B: The plan"),
        plan=chapters,
        annexes_title=_("Annexes"),
        annexes=annexes,
    )


def social_plan_build(plan: Plan, languages: Sequence[str]) -> list[Edition]:
    """The plan's document, one edition per language. Part A is the report kept at adoption
    for an adopted plan, else the report of today's figures."""
    tree, budget = plan_tree(plan), plan_budget(plan)
    participation = plan_participation(plan)
    frozen = (plan.assessment_frozen or {}) if plan.is_adopted else {}
    assessment: Assessment | None = None
    editions = []
    for language in languages:
        with translation.override(language):
            if language in frozen:
                report = report_thaw(frozen[language])
            else:
                assessment = assessment or assessment_build(plan.municipality)
                report = report_build(assessment)
            chapters = plan_chapters_build(plan, tree, budget)
            annexes = annexes_build(plan, participation)
            editions.append(_edition(plan, report, chapters, annexes))
    return editions


__all__ = ["Chapter", "DocumentBlock", "Edition", "Heading", "Paragraph", "social_plan_build"]
