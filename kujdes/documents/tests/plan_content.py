"""Bulqizë's draft plan of the cast (PLAN_BULQIZE, 2026–2028) filled in for the plan document:
two strategic objectives, measures answering gaps, three costed activities (one paid from two
sources), indicators, the advisory group with a former member, a meeting with a decision, the
consultation with three comments (from an organization, a citizen and an advisory-group
member, the last two with their names given), answered; and, on request, adopted."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from kujdes.accounts.models import Role
from kujdes.directory.models import FundingSource, Organization, TargetGroup
from kujdes.planning.models import AdvisoryMember, Plan
from kujdes.planning.services import (
    activity_save,
    advisory_member_save,
    comment_answer,
    comment_submit,
    decision_save,
    indicator_save,
    measure_save,
    meeting_save,
    objective_save,
    plan_adopt,
    plan_consultation_open,
    plan_save,
    plan_submit,
)
from kujdes.territory.models import Area
from kujdes.territory.services import AreaRow, areas_upsert
from tests.personas import ORGANIZATION_BULQIZE, PLAN_BULQIZE, Cast

OPENS, CLOSES = date(2026, 3, 1), date(2026, 3, 31)
IN_MARCH = datetime(2026, 3, 15, 10, tzinfo=UTC)
AFTER = date(2026, 4, 2)
DECISION_DAY = date(2026, 4, 20)
# Names commenters gave: no document may print them.
CITIZEN_NAME = "Arta Kelmendi"
MEMBER_COMMENT_NAME = "Ilir Duka"
BUDGET, SOCIAL_FUND, DONOR = (
    FundingSource.MUNICIPAL_BUDGET,
    FundingSource.SOCIAL_FUND,
    FundingSource.DONOR,
)


@dataclass
class PlanContent:
    plan: Plan
    drita: AdvisoryMember
    gezim: AdvisoryMember


def plan_content_create(cast: Cast) -> PlanContent:
    planner = cast.planner
    plan = Plan.objects.select_related("municipality").get(pk=PLAN_BULQIZE)
    plan = plan_save(
        actor=planner,
        municipality=plan.municipality,
        plan=plan,
        expected_version=plan.version,
        values={
            "name_en": "Social Plan of Bulqizë 2026–2028",
            "vision_sq": "Një bashki ku çdo person në nevojë merr kujdes pranë shtëpisë.",
            "vision_en": "A municipality where everyone in need is cared for close to home.",
            "mission_sq": "Të ofrojmë shërbime pranë njerëzve.\nTë bashkëpunojmë me OJF-të.",
            "principles_sq": "Dinjiteti, barazia, pjesëmarrja.",
        },
    )
    zerqan, fushe = cast.areas["AL-BULQIZE-ZERQAN"], cast.areas["AL-BULQIZE-FUSHE-BULQIZE"]
    groups = {group.code: group for group in TargetGroup.objects.filter(country="AL")}
    centre = Organization.objects.get(pk=ORGANIZATION_BULQIZE)
    community = objective_save(
        actor=planner,
        plan=plan,
        values={"number": "1", "name_sq": "Kujdes në komunitet", "name_en": "Community care"},
    )
    home = objective_save(
        actor=planner,
        plan=plan,
        values={
            "number": "1.1",
            "name_sq": "Shërbime në shtëpi",
            "name_en": "Services at home",
            "parent": community,
        },
    )
    home_care = measure_save(
        actor=planner,
        objective=home,
        values={"number": "1.1.1", "name_sq": "Kujdes në shtëpi", "name_en": "Home care"},
        gaps=[(zerqan, "ELDERLY"), (fushe, "PERSONS_WITH_DISABILITIES")],
    )
    activity_save(
        actor=planner,
        measure=home_care,
        values={
            "number": "1.1.1.1",
            "name_sq": "Ekip i kujdesit në shtëpi",
            "name_en": "Home-care team",
            "responsible": "Drejtoria e Shërbimeve Sociale",
            "start_year": 2026,
            "end_year": 2028,
            "creates_new_service": True,
            "contracted_to_ngo": True,
        },
        partners=[centre],
        target_groups=[groups["AL_ELDERLY"]],
        units=[zerqan],
        costs={
            (2026, BUDGET): Decimal("1000000"),
            (2027, BUDGET): Decimal("1200000"),
            (2026, DONOR): Decimal("500000"),
        },
    )
    training = activity_save(
        actor=planner,
        measure=home_care,
        values={
            "number": "1.1.1.2",
            "name_sq": "Trajnim i kujdestarëve",
            "start_year": 2027,
            "end_year": 2027,
        },
        partners=[],
        target_groups=[],
        units=[],
        costs={(2027, SOCIAL_FUND): Decimal("250000.50")},
    )
    protection = objective_save(
        actor=planner,
        plan=plan,
        values={"number": "2", "name_sq": "Mbrojtja nga dhuna", "name_en": "Protection"},
    )
    shelter = objective_save(
        actor=planner,
        plan=plan,
        values={
            "number": "2.1",
            "name_sq": "Strehim emergjent",
            "name_en": "Emergency shelter",
            "parent": protection,
        },
    )
    sheltering = measure_save(
        actor=planner,
        objective=shelter,
        values={"number": "2.1.1", "name_sq": "Strehim 72-orësh", "name_en": "72-hour shelter"},
        gaps=[],
    )
    activity_save(
        actor=planner,
        measure=sheltering,
        values={
            "number": "2.1.1.1",
            "name_sq": "Hapja e strehëzës",
            "name_en": "Opening the shelter",
            "responsible": "Njësia e Vlerësimit të Nevojave",
            "start_year": 2028,
            "end_year": 2028,
        },
        partners=[],
        target_groups=[groups["AL_ABUSED_WOMEN"], groups["AL_VICTIMS_VIOLENCE"]],
        units=[zerqan, fushe],
        costs={(2028, BUDGET): Decimal("300000")},
    )
    indicator_save(
        actor=planner,
        plan=plan,
        measure=home_care,
        values={
            "name_sq": "Të moshuar të shërbyer",
            "name_en": "Elderly people served",
            "unit": "persona",
            "source": "Regjistri i shërbimeve",
            "baseline_value": Decimal(10),
            "baseline_year": 2025,
        },
        targets={2026: Decimal(20), 2028: Decimal("35.5")},
    )
    indicator_save(
        actor=planner,
        plan=plan,
        objective=community,
        values={"name_sq": "Njësi me shërbim në shtëpi", "unit": "njësi"},
        targets={2027: Decimal(2)},
    )
    municipality = plan.municipality
    drita = advisory_member_save(
        actor=planner,
        municipality=municipality,
        values={
            "name": "Drita Hoxha",
            "organization": "Qendra Sociale Bulqizë",
            "sector": AdvisoryMember.Sector.CIVIL_SOCIETY,
        },
    )
    gezim = advisory_member_save(
        actor=planner,
        municipality=municipality,
        values={
            "name": "Gëzim Lala",
            "organization": "Bashkia Bulqizë",
            "sector": AdvisoryMember.Sector.MUNICIPALITY,
            "is_active": False,
        },
    )
    meeting = meeting_save(
        actor=planner,
        plan=plan,
        values={
            "held_on": date(2026, 2, 10),
            "place": "Bashkia Bulqizë",
            "agenda": "1. Objektivat\n2. Buxheti",
        },
        attendees=[drita, gezim],
    )
    decision_save(
        actor=planner,
        meeting=meeting,
        text="Trajnimi shtyhet për vitin 2027.",
        objectives=[home],
        activities=[training],
    )
    plan.refresh_from_db()
    plan = plan_consultation_open(
        actor=planner,
        plan=plan,
        expected_version=plan.version,
        opens=OPENS,
        closes=CLOSES,
        today=OPENS,
    )
    comments = [
        comment_submit(
            plan=plan,
            about="Masa 1.1.1",
            text="Shtoni Ostrenin.",
            organization="Shoqata Zemra",
            sender_key="organization",
            now=IN_MARCH,
        ),
        comment_submit(
            plan=plan,
            about="Buxheti",
            text="Kostoja është e lartë.\nUlni kostot.",
            author_name=CITIZEN_NAME,
            sender_key="citizen",
            now=IN_MARCH,
        ),
        comment_submit(
            plan=plan,
            text="Strehëza duhet të hapet më herët.",
            author_name=MEMBER_COMMENT_NAME,
            author=cast.insiders[Role.ADVISORY_MEMBER],
            sender_key="member",
            now=IN_MARCH,
        ),
    ]
    for comment, (answer, reason) in zip(
        comments,
        [("accepted", ""), ("rejected", "Kostot janë llogaritur sipas standardeve."), ("", "")],
        strict=True,
    ):
        if answer:
            comment_answer(
                actor=planner,
                comment=comment,
                expected_version=comment.version,
                answer=answer,
                reason=reason,
            )
    plan.refresh_from_db()
    return PlanContent(plan, drita, gezim)


def plan_adopted(cast: Cast, content: PlanContent) -> Plan:
    """The plan submitted and adopted, its last comment answered first."""
    plan = content.plan
    last = plan.comments.get(answer="")
    comment_answer(
        actor=cast.planner,
        comment=last,
        expected_version=last.version,
        answer="partly",
        reason="Hapet në vitin 2027 nëse ka fonde.",
    )
    plan = plan_submit(actor=cast.planner, plan=plan, expected_version=plan.version, today=AFTER)
    return plan_adopt(
        actor=cast.planner,
        plan=plan,
        expected_version=plan.version,
        decision_body="Këshilli Bashkiak Bulqizë",
        decision_number="45",
        decision_date=DECISION_DAY,
        # No file: files outlive the test's transaction, and the lifecycle tests store one
        # for the same plan.
        decision_file=None,
        today=AFTER.replace(month=5),
    )


def kosovo_plan() -> Plan:
    """A Municipal Strategy of Gračanica (Kosovo), in Albanian and Serbian, with one objective."""
    areas_upsert(
        rows=[
            AreaRow("XK", "", Area.Level.COUNTRY, "Kosova", "Kosovo", "Kosovo"),
            AreaRow(
                "XK-GRACANICA",
                "XK",
                Area.Level.MUNICIPALITY,
                "Graçanica",
                "Gračanica",
                "Gračanica",
            ),
        ],
        actor=None,
        origin="tests",
    )
    plan = plan_save(
        actor=None,
        municipality=Area.objects.get(code="XK-GRACANICA"),
        values={
            "name_sq": "Strategjia komunale e Graçanicës 2026–2028",
            "name_sr_latn": "Opštinska strategija Gračanice 2026–2028",
            "kind": Plan.Kind.MUNICIPAL_STRATEGY,
            "start_year": 2026,
            "end_year": 2028,
            "currency": "EUR",
            "vision_sq": "Kujdes për të gjithë.",
            "vision_sr_latn": "Briga za sve.",
        },
    )
    objective_save(
        actor=None,
        plan=plan,
        values={"number": "1", "name_sq": "Shërbime", "name_sr_latn": "Usluge"},
    )
    return plan
