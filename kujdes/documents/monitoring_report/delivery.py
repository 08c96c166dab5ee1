"""What delivered the plan in the year and what the review made of it: the projects with their
funders, the service contracts with the deliveries reported in the year, the advisory group's
review meeting, and the conclusions.

The meeting is told by its date, place and the number present, with the organizations they
came from: no member is named. A count of people served from 1 to 4 is hidden, as everywhere
such counts leave the case workers' circle.
"""

from datetime import date

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kujdes.documents.selectors import ReviewFacts
from kujdes.documents.social_plan.blocks import Chapter, DocumentBlock
from kujdes.documents.social_plan.plan import money, text_cell
from kujdes.lib.charts import number
from kujdes.lib.suppression import suppress
from kujdes.monitoring.models import ContractDelivery, Project, ServiceContract
from kujdes.planning.assessment.report import Cell, Paragraph, TableBlock
from kujdes.planning.models import Meeting


def _period(starts: date, ends: date) -> str:
    return f"{starts.isoformat()} – {ends.isoformat()}"


def _project_row(project: Project) -> list[Cell]:
    name = project.name
    if project.is_illustrative:
        name += " (" + _("illustrative") + ")"
    funders = [
        f"{funding.funder.name}: {money(funding.amount)} {funding.currency}"
        for funding in project.funding.all()
    ]
    return [
        text_cell(name),
        text_cell(project.implementer.name),
        text_cell(_period(project.starts, project.ends)),
        text_cell(capfirst(project.get_status_display())),
        text_cell("\n".join(funders)),
        text_cell("; ".join(activity.number for activity in project.activities.all())),
    ]


def projects_chapter(facts: ReviewFacts) -> Chapter:
    year = {"year": facts.review.year}
    if not facts.projects:
        blocks: list[DocumentBlock] = [
            Paragraph(_("No project implemented the plan's activities in %(year)s.") % year)
        ]
    else:
        blocks = [
            TableBlock(
                _("Projects that implemented the plan's activities in %(year)s") % year,
                [
                    _("Project"),
                    _("Implementer"),
                    _("Period"),
                    _("Status"),
                    _("Funders and amounts"),
                    _("Plan activities"),
                ],
                [_project_row(project) for project in facts.projects],
            )
        ]
    return Chapter("projects", _("Projects"), blocks)


def _provider(contract: ServiceContract) -> str:
    if contract.service is None:
        return contract.provider.name
    return f"{contract.provider.name}\n{contract.service.name}"


def _contract_row(contract: ServiceContract) -> list[Cell]:
    activity = contract.activity
    return [
        text_cell(contract.number),
        text_cell(_provider(contract)),
        text_cell(f"{activity.number} {activity.name}" if activity is not None else ""),
        text_cell(_period(contract.starts, contract.ends)),
        Cell(f"{money(contract.amount)} {contract.currency}"),
        Cell(f"{number(contract.units_of_service)} {contract.unit_name}"),
    ]


def _people(count: int) -> str:
    shown = suppress(count)
    return shown.shown_as if shown.hidden else number(count)


def _delivery_row(contract: ServiceContract, delivery: ContractDelivery) -> list[Cell]:
    return [
        text_cell(contract.number),
        text_cell(_period(delivery.period_start, delivery.period_end)),
        Cell(f"{number(delivery.units_delivered)} {contract.unit_name}"),
        Cell(_people(delivery.people_served)),
        text_cell(delivery.note),
    ]


def contracts_chapter(facts: ReviewFacts) -> Chapter:
    year = {"year": facts.review.year}
    title = _("Service contracts and deliveries")
    if not facts.contracts:
        return Chapter(
            "contracts",
            title,
            [Paragraph(_("No service contract implemented the plan in %(year)s.") % year)],
        )
    deliveries = [
        _delivery_row(contract, delivery)
        for contract in facts.contracts
        for delivery in contract.deliveries.all()
    ]
    blocks: list[DocumentBlock] = [
        TableBlock(
            _("Service contracts that ran in %(year)s") % year,
            [
                _("Contract"),
                _("Provider and service"),
                _("Plan activity"),
                _("Period"),
                _("Amount"),
                _("Units of service paid for"),
            ],
            [_contract_row(contract) for contract in facts.contracts],
        )
    ]
    if deliveries:
        blocks += [
            TableBlock(
                _("Deliveries reported for periods ending in %(year)s") % year,
                [_("Contract"), _("Period"), _("Units delivered"), _("People served"), _("Note")],
                deliveries,
            ),
            Paragraph(
                _(
                    "Fewer than %(threshold)s people served are shown as “<%(threshold)s”, so "
                    "that nobody can be recognized."
                )
                % {"threshold": settings.SUPPRESSION_THRESHOLD}
            ),
        ]
    else:
        blocks.append(Paragraph(_("No delivery was reported for %(year)s.") % year))
    return Chapter("contracts", title, blocks)


def _meeting(meeting: Meeting) -> list[DocumentBlock]:
    day = meeting.held_on.isoformat()
    present = list(meeting.attendees.all())
    organizations = sorted({member.organization for member in present if member.organization})
    blocks: list[DocumentBlock] = [
        Paragraph(_("Meeting of %(date)s, %(place)s") % {"date": day, "place": meeting.place}),
        Paragraph(
            ngettext(
                "%(count)s member of the advisory group took part.",
                "%(count)s members of the advisory group took part.",
                len(present),
            )
            % {"count": len(present)}
            if present
            else _("Present: not recorded.")
        ),
    ]
    if organizations:
        blocks.append(
            Paragraph(
                _("Organizations represented: %(names)s.") % {"names": "; ".join(organizations)}
            )
        )
    decisions = list(meeting.decisions.all())
    if decisions:
        blocks.append(
            TableBlock(
                _("Decisions of the meeting of %(date)s") % {"date": day},
                [_("No."), _("Decision")],
                [
                    [text_cell(str(index)), text_cell(decision.text)]
                    for index, decision in enumerate(decisions, start=1)
                ],
            )
        )
    else:
        blocks.append(Paragraph(_("No decision was recorded.")))
    return blocks


def meeting_chapter(facts: ReviewFacts) -> Chapter:
    blocks: list[DocumentBlock]
    if facts.meeting is None:
        blocks = [
            Paragraph(_("No review meeting of the advisory group is recorded for this year."))
        ]
    else:
        blocks = _meeting(facts.meeting)
    return Chapter("meeting", _("The advisory group's review meeting"), blocks)


def conclusions_chapter(facts: ReviewFacts) -> Chapter:
    lines = [line.strip() for line in facts.review.conclusions.splitlines() if line.strip()]
    blocks: list[DocumentBlock] = [Paragraph(line) for line in lines] or [
        Paragraph(_("No conclusions are written yet."))
    ]
    return Chapter("conclusions", _("Conclusions"), blocks)
