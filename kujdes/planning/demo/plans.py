"""How a demo plan is told and loaded: its content (objectives, measures, activities,
indicators), its advisory group and meetings, its public consultation and its adoption, each
step through the services, with the dates of the story passed as `today`.

A plan that exists already (by its fixed id, or by its title in its municipality) is left as it
is, with everything around it: the planners of a demo database may have changed it.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q

from kujdes.directory.demo import demo_id
from kujdes.directory.models import Organization, ServiceType, TargetGroup
from kujdes.planning import services
from kujdes.planning.demo.decision import DemoAdoption, decision_pdf
from kujdes.planning.models import (
    Activity,
    AdvisoryMember,
    Comment,
    Indicator,
    Measure,
    Objective,
    Plan,
)
from kujdes.territory.models import Area
from kujdes.territory.services import UpsertCounts

# Albania and Kosovo share the Central European offset.
LOCAL = ZoneInfo("Europe/Tirane")
MUNICIPAL, SOCIAL_FUND, DONOR = "municipal_budget", "social_fund", "donor"
GENERAL_GRANT = "general_grant"
COUNT_KINDS = ("plans", "advisory members", "meetings", "comments")


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LOCAL)


def yearly(first: int, last: int, source: str, amount: int) -> dict[tuple[int, str], Decimal]:
    """The same amount from one source in every year from `first` to `last`."""
    return {(year, source): Decimal(amount) for year in range(first, last + 1)}


def targets(first: int, *values: int) -> dict[int, Decimal]:
    """An indicator's yearly targets, from the year `first` on."""
    return {first + offset: Decimal(value) for offset, value in enumerate(values)}


def gaps_of(group: str, *units: str) -> tuple[tuple[str, str], ...]:
    """The A8 gaps of one common target group in the given administrative units."""
    return tuple((unit, group) for unit in units)


@dataclass(frozen=True)
class DemoObjective:
    """A strategic objective ("1") or a specific one ("1.2", under "1")."""

    number: str
    sq: str
    en: str
    sr: str = ""


@dataclass(frozen=True)
class DemoMeasure:
    """A measure ("1.2.1", under the specific objective "1.2")."""

    number: str
    sq: str
    en: str
    sr: str = ""
    # A8 gaps: (administrative unit code, common target group)
    gaps: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DemoActivity:
    """An activity ("1.2.1.3", under the measure "1.2.1")."""

    number: str
    sq: str
    en: str
    responsible: str
    # (year, funding source) → amount in the plan's currency
    costs: dict[tuple[int, str], Decimal]
    sr: str = ""
    # The years the activity runs; by default those of its costs.
    years: tuple[int, int] | None = None
    service_type: str = ""
    target_groups: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    # Keys of the directory demo's organizations.
    partners: tuple[str, ...] = ()
    creates_new_service: bool = False
    contracted_to_ngo: bool = False


@dataclass(frozen=True)
class DemoIndicator:
    key: str
    # The number of the objective or measure it measures.
    of: str
    sq: str
    en: str
    unit: str
    source: str
    baseline: Decimal
    baseline_year: int
    targets: dict[int, Decimal]
    sr: str = ""


@dataclass(frozen=True)
class DemoMember:
    key: str
    name: str
    organization: str
    sector: str
    function: str


@dataclass(frozen=True)
class DemoDecision:
    text: str
    # Numbers of objectives, measures and activities; "indicator:<key>" for indicators.
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoMeeting:
    held_on: date
    place: str
    agenda: str
    minutes: str
    present: tuple[str, ...]
    decisions: tuple[DemoDecision, ...] = ()


@dataclass(frozen=True)
class DemoComment:
    sent: datetime
    about: str
    text: str
    answer: str
    reason: str
    organization: str = ""
    # Kept, never shown publicly (the consultation record names organizations only).
    author_name: str = ""


@dataclass(frozen=True)
class DemoPlan:
    id: uuid.UUID
    municipality: str
    values: dict[str, Any]
    # In the plan's order; each item's number names its place (its parent is the number
    # without the last part).
    content: tuple[DemoObjective | DemoMeasure | DemoActivity, ...]
    indicators: tuple[DemoIndicator, ...]
    members: tuple[DemoMember, ...]
    meetings: tuple[DemoMeeting, ...]
    consultation: tuple[date, date]
    comments: tuple[DemoComment, ...]
    answered_on: date
    submitted_on: date
    adoption: DemoAdoption


def counts_new() -> dict[str, UpsertCounts]:
    return {kind: UpsertCounts() for kind in COUNT_KINDS}


def plan_load(demo: DemoPlan, counts: dict[str, UpsertCounts]) -> Plan | None:
    """Create the plan and tell its story up to implementation, unless it exists already."""
    municipality = Area.objects.filter(code=demo.municipality).first()
    if municipality is None:
        return None
    member_names = [member.name for member in demo.members]
    existing = Plan.objects.filter(
        Q(pk=demo.id) | Q(municipality=municipality, name_sq=demo.values["name_sq"])
    ).first()
    if existing is not None:
        counts["plans"].unchanged += 1
        counts["advisory members"].unchanged += AdvisoryMember.objects.filter(
            municipality=municipality, name__in=member_names
        ).count()
        counts["meetings"].unchanged += existing.meetings.count()
        counts["comments"].unchanged += existing.comments.count()
        return existing
    plan = services.plan_save(
        actor=None,
        municipality=municipality,
        plan_id=demo.id,
        values={**demo.values, "is_illustrative": True},
    )
    items = _content_load(plan, demo)
    members = _members_load(municipality, demo, counts["advisory members"])
    for meeting in demo.meetings:
        _meeting_load(plan, meeting, members, items)
    counts["meetings"].created += len(demo.meetings)
    plan = _consultation_load(plan, demo)
    counts["comments"].created += len(demo.comments)
    plan = services.plan_submit(
        actor=None, plan=plan, expected_version=plan.version, today=demo.submitted_on
    )
    adoption = demo.adoption
    plan = services.plan_adopt(
        actor=None,
        plan=plan,
        expected_version=plan.version,
        decision_body=adoption.body,
        decision_number=adoption.number,
        decision_date=adoption.decided_on,
        decision_file=SimpleUploadedFile(
            f"vendim-{adoption.decided_on.isoformat()}.pdf",
            decision_pdf(adoption),
            content_type="application/pdf",
        ),
        today=adoption.decided_on,
    )
    plan = services.plan_implementation_start(actor=None, plan=plan, expected_version=plan.version)
    counts["plans"].created += 1
    return plan


PlanItem = Objective | Measure | Activity | Indicator


def _content_load(plan: Plan, demo: DemoPlan) -> dict[str, PlanItem]:
    """Objectives, measures, activities and indicators, by number ("indicator:<key>")."""
    country = plan.municipality.country_code
    areas = {area.code: area for area in Area.objects.subtree(plan.municipality)}
    types = {kind.code: kind for kind in ServiceType.objects.filter(country=country)}
    groups = {group.code: group for group in TargetGroup.objects.filter(country=country)}
    partner_ids = {
        key: demo_id("organization", key)
        for item in demo.content
        if isinstance(item, DemoActivity)
        for key in item.partners
    }
    organizations = Organization.objects.in_bulk(list(partner_ids.values()))
    items: dict[str, PlanItem] = {}
    strategic = 0
    for item in demo.content:
        parent = items.get(item.number.rpartition(".")[0])
        names = {"name_sq": item.sq, "name_sr_latn": item.sr, "name_en": item.en}
        if isinstance(item, DemoObjective):
            values: dict[str, Any] = {"number": item.number, **names}
            if parent is None:
                values["position"], strategic = strategic, strategic + 1
            else:
                values["parent"] = parent
            items[item.number] = services.objective_save(actor=None, plan=plan, values=values)
        elif isinstance(item, DemoMeasure):
            assert isinstance(parent, Objective), item.number
            items[item.number] = services.measure_save(
                actor=None,
                objective=parent,
                values={"number": item.number, **names},
                gaps=[(areas[code], group) for code, group in item.gaps if code in areas],
            )
        else:
            assert isinstance(parent, Measure), item.number
            spent = [year for year, _source in item.costs]
            years = item.years or (min(spent), max(spent))
            items[item.number] = services.activity_save(
                actor=None,
                measure=parent,
                values={
                    "number": item.number,
                    **names,
                    "responsible": item.responsible,
                    "start_year": years[0],
                    "end_year": years[1],
                    "service_type": types.get(item.service_type),
                    "creates_new_service": item.creates_new_service,
                    "contracted_to_ngo": item.contracted_to_ngo,
                },
                partners=[
                    organizations[partner_ids[key]]
                    for key in item.partners
                    if partner_ids[key] in organizations
                ],
                target_groups=[groups[code] for code in item.target_groups],
                units=[areas[code] for code in item.units if code in areas],
                costs=item.costs,
            )
    for indicator in demo.indicators:
        owner = items[indicator.of]
        items[f"indicator:{indicator.key}"] = services.indicator_save(
            actor=None,
            plan=plan,
            objective=owner if isinstance(owner, Objective) else None,
            measure=owner if isinstance(owner, Measure) else None,
            values={
                "name_sq": indicator.sq,
                "name_sr_latn": indicator.sr,
                "name_en": indicator.en,
                "unit": indicator.unit,
                "source": indicator.source,
                "baseline_value": indicator.baseline,
                "baseline_year": indicator.baseline_year,
            },
            targets=indicator.targets,
        )
    return items


def _members_load(
    municipality: Area, demo: DemoPlan, counts: UpsertCounts
) -> dict[str, AdvisoryMember]:
    """The advisory group; a member already on record under the same name is kept."""
    existing = {
        member.name: member for member in AdvisoryMember.objects.filter(municipality=municipality)
    }
    members = {}
    for demo_member in demo.members:
        member = existing.get(demo_member.name)
        if member is None:
            member = services.advisory_member_save(
                actor=None,
                municipality=municipality,
                values={
                    "name": demo_member.name,
                    "organization": demo_member.organization,
                    "sector": demo_member.sector,
                    "function": demo_member.function,
                    "is_illustrative": True,
                },
            )
            counts.created += 1
        else:
            counts.unchanged += 1
        members[demo_member.key] = member
    return members


def _meeting_load(
    plan: Plan,
    demo: DemoMeeting,
    members: dict[str, AdvisoryMember],
    items: dict[str, PlanItem],
) -> None:
    meeting = services.meeting_save(
        actor=None,
        plan=plan,
        values={
            "held_on": demo.held_on,
            "place": demo.place,
            "agenda": demo.agenda,
            "minutes": demo.minutes,
        },
        attendees=[members[key] for key in demo.present],
    )
    for decision in demo.decisions:
        chosen = [items[key] for key in decision.items]
        services.decision_save(
            actor=None,
            meeting=meeting,
            text=decision.text,
            objectives=[item for item in chosen if isinstance(item, Objective)],
            measures=[item for item in chosen if isinstance(item, Measure)],
            activities=[item for item in chosen if isinstance(item, Activity)],
            indicators=[item for item in chosen if isinstance(item, Indicator)],
        )


def _consultation_load(plan: Plan, demo: DemoPlan) -> Plan:
    """The public consultation, its comments and the planners' answers."""
    opens, closes = demo.consultation
    plan = services.plan_consultation_open(
        actor=None,
        plan=plan,
        expected_version=plan.version,
        opens=opens,
        closes=closes,
        today=opens,
    )
    answered_at = datetime.combine(demo.answered_on, time(12), tzinfo=LOCAL)
    for index, demo_comment in enumerate(demo.comments):
        comment = services.comment_submit(
            plan=plan,
            text=demo_comment.text,
            about=demo_comment.about,
            author_name=demo_comment.author_name,
            organization=demo_comment.organization,
            # One sender each: the rate limit counts the hour before `now`, by the clock.
            sender_key=f"demo-{plan.pk}-{index}",
            now=demo_comment.sent,
        )
        services.comment_answer(
            actor=None,
            comment=comment,
            expected_version=comment.version,
            answer=demo_comment.answer,
            reason=demo_comment.reason,
        )
        # The services stamp the clock's time; the consultation record shows the story's.
        Comment.objects.filter(pk=comment.pk).update(
            created_at=demo_comment.sent, answered_at=answered_at
        )
    return plan
