"""The demo's plans (illustrative), built through the services: Bulqizë's Social Plan
2019–2023, Pukë's Social Plan 2025–2030 and Pejë/Peć's Municipal Strategy 2022–2024, each
adopted and in implementation, with its advisory group, meetings and consultation record.

The planning demo is loaded twice, once per module, on the cast's areas with the administrative
units and the Kosovo municipality it needs added, inside a transaction rolled back at the end.
"""

import dataclasses
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction

from kujdes.audit.models import AuditEvent
from kujdes.directory import services as directory
from kujdes.directory.demo import demo_id
from kujdes.directory.models import CommonTargetGroup, Organization
from kujdes.planning.demo import PLAN_TITLE, PLANS, demo_load, demo_plan_load
from kujdes.planning.demo.plans import LOCAL, counts_new, plan_load
from kujdes.planning.models import (
    Activity,
    AdvisoryMember,
    Comment,
    Decision,
    Indicator,
    Measure,
    MeasureGap,
    Meeting,
    Objective,
    Plan,
)
from kujdes.planning.selectors import plan_budget
from kujdes.territory.models import Area
from kujdes.territory.services import AreaRow, UpsertCounts, areas_upsert
from tests.personas import ADVISORY_MEMBER_BULQIZE

BULQIZE_PLAN = demo_id("plan", "AL-BULQIZE:2019")
PUKE_PLAN = demo_id("plan", "AL-PUKE:2025")
PEJE_PLAN = demo_id("plan", "XK-PEJE:2022")
# What the cast lacks: the units the plans name, and Pejë.
AREAS = [
    *(
        AreaRow(f"AL-BULQIZE-{unit.upper()}", "AL-BULQIZE", Area.Level.ADMIN_UNIT, name)
        for unit, name in [
            ("Bulqize", "Bulqizë"),
            ("Gjorice", "Gjoricë"),
            ("Martanesh", "Martanesh"),
            ("Ostren", "Ostren"),
            ("Trebisht", "Trebisht"),
        ]
    ),
    *(
        AreaRow(f"AL-PUKE-{unit.upper()}", "AL-PUKE", Area.Level.ADMIN_UNIT, name)
        for unit, name in [
            ("Gjegjan", "Gjegjan"),
            ("Puke", "Pukë"),
            ("Qelez", "Qelëz"),
            ("Rrape", "Rrapë"),
        ]
    ),
    AreaRow("XK", "", Area.Level.COUNTRY, "Kosovë", "Kosovo", "Kosovo"),
    AreaRow("XK-PEJE", "XK", Area.Level.MUNICIPALITY, "Pejë", "Peć", "Pejë"),
]
# The directory demo's organizations the plans name as partners.
PARTNERS = {
    "bulqize-ngo-elderly": ("AL-BULQIZE", "Shoqata Zemër e Bardhë"),
    "puke-ngo-home-care": ("AL-PUKE", "Shoqata Kujdes në Shtëpi Pukë"),
    "puke-directorate": ("AL-PUKE", "Drejtoria e Shërbimeve Sociale, Bashkia Pukë"),
    "peje-qps": ("XK-PEJE", "Qendra për Punë Sociale Pejë"),
}
DEMO_MODELS = (Plan, Objective, Measure, Activity, Indicator, AdvisoryMember, Meeting, Comment)


def _rows() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in DEMO_MODELS}


def _flat(counts: dict[str, UpsertCounts]) -> dict[str, tuple[int, int, int]]:
    return {kind: (c.created, c.updated, c.unchanged) for kind, c in counts.items()}


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with django_db_blocker.unblock(), transaction.atomic():
        areas_upsert(rows=AREAS, actor=None, origin="tests")
        areas = {area.code: area for area in Area.objects.all()}
        for key, (area, name) in PARTNERS.items():
            directory.organization_create(
                actor=None,
                area=areas[area],
                values={"kind": Organization.Kind.NGO, "name_sq": name},
                organization_id=demo_id("organization", key),
            )
        first = demo_load()
        rows = _rows()
        last_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
        second = demo_load()
        yield {
            "first": _flat(first.counts),
            "second": _flat(second.counts),
            "rows": (rows, _rows()),
            "second_run_events": AuditEvent.objects.filter(pk__gt=last_event).count(),
        }
        transaction.set_rollback(True)


def test_it_loads_three_plans_once_and_changes_nothing_the_second_time(demo: Any, db: None) -> None:
    assert demo["first"] == {
        # The cast gave Bulqizë a structure and the 2024 budget already.
        "structures": (0, 0, 9),
        "budget years": (2, 0, 1),
        "plans": (3, 0, 0),
        "advisory members": (23, 0, 0),
        "meetings": (12, 0, 0),
        "comments": (16, 0, 0),
    }
    assert demo["second"] == {
        "structures": (0, 0, 9),
        "budget years": (0, 0, 3),
        "plans": (0, 0, 3),
        "advisory members": (0, 0, 23),
        "meetings": (0, 0, 12),
        "comments": (0, 0, 16),
    }
    before, after = demo["rows"]
    assert before == after
    assert demo["second_run_events"] == 0


def test_it_leaves_a_plan_of_the_same_title_alone(demo: Any, db: None) -> None:
    counts = counts_new()

    # An older demo database holds the draft under another id.
    plan_load(dataclasses.replace(PLANS[0], id=uuid.uuid4()), counts)
    demo_plan_load(Area.objects.get(code="AL-BULQIZE"), counts["plans"])

    assert _flat(counts) == {
        "plans": (0, 0, 2),
        "advisory members": (0, 0, 8),
        "meetings": (0, 0, 4),
        "comments": (0, 0, 6),
    }
    assert Plan.objects.filter(name_sq=PLAN_TITLE).count() == 1


def test_it_adopts_bulqize_social_plan_after_its_consultation(demo: Any, db: None) -> None:
    plan = Plan.objects.get(pk=BULQIZE_PLAN)

    assert (plan.name_sq, plan.status, plan.currency) == (PLAN_TITLE, "in_implementation", "ALL")
    assert (plan.decision_body, plan.decision_number, plan.decision_date) == (
        "Këshilli Bashkiak Bulqizë",
        "47",
        date(2019, 6, 27),
    )
    with plan.decision_file.open("rb") as file:
        assert file.read(5) == b"%PDF-"
    assert all(
        getattr(plan, f"{text}_{language}")
        for text in ("vision", "mission", "principles")
        for language in ("sq", "en")
    )
    assert (plan.consultation_opens, plan.consultation_closes) == (
        date(2019, 5, 2),
        date(2019, 5, 31),
    )
    assert sorted(plan.assessment_frozen or {}) == ["en", "sq", "sr-latn"]


def test_it_costs_bulqize_plan_per_year(demo: Any, db: None) -> None:
    plan = Plan.objects.get(pk=BULQIZE_PLAN)

    budget = plan_budget(plan)

    assert Objective.objects.filter(plan=plan, parent=None).count() == 2
    assert Objective.objects.filter(plan=plan).exclude(parent=None).count() == 4
    assert Measure.objects.filter(objective__plan=plan).count() == 4
    assert Activity.objects.filter(measure__objective__plan=plan).count() == 7
    assert Indicator.objects.filter(plan=plan).count() == 4
    assert budget.total == Decimal("44700000.00")
    assert budget.by_year == {
        2019: Decimal("5600000.00"),
        2020: Decimal("12250000.00"),
        2021: Decimal("9350000.00"),
        2022: Decimal("8750000.00"),
        2023: Decimal("8750000.00"),
    }


def test_it_answers_every_comment_of_bulqize_consultation(demo: Any, db: None) -> None:
    comments = Comment.objects.filter(plan_id=BULQIZE_PLAN)

    assert Counter(comments.values_list("answer", flat=True)) == {
        "accepted": 2,
        "partly": 2,
        "rejected": 2,
    }
    assert not comments.filter(answer="").exists()
    assert not comments.exclude(answer="accepted").filter(reason="").exists()
    assert {comment.created_at.astimezone(LOCAL).date().month for comment in comments} == {5}
    assert {comment.answered_at.astimezone(LOCAL).date() for comment in comments} == {  # type: ignore[union-attr]
        date(2019, 6, 5)
    }
    assert comments.exclude(organization="").count() == 3
    assert not comments.exclude(author=None).exists()


def test_it_links_the_advisory_group_decisions_to_the_items_they_changed(
    demo: Any, db: None
) -> None:
    meetings = Meeting.objects.filter(plan_id=BULQIZE_PLAN)
    gjorice = Decision.objects.get(meeting__plan_id=BULQIZE_PLAN, text__contains="Gjoricë")

    assert [meeting.held_on for meeting in meetings] == [
        date(2019, 2, 12),
        date(2019, 3, 19),
        date(2019, 4, 16),
        date(2019, 6, 4),
    ]
    assert [meeting.attendees.count() for meeting in meetings] == [7, 8, 6, 7]
    assert all(meeting.agenda and meeting.minutes for meeting in meetings)
    assert Decision.objects.filter(meeting__plan_id=BULQIZE_PLAN).count() == 8
    assert list(gjorice.measures.values_list("number", flat=True)) == ["1.1.1"]
    assert list(gjorice.activities.values_list("number", flat=True)) == ["1.1.1.1"]
    assert Counter(
        AdvisoryMember.objects.filter(municipality__code="AL-BULQIZE")
        .exclude(pk=ADVISORY_MEMBER_BULQIZE)
        .values_list("sector", flat=True)
    ) == {
        "municipality": 2,
        "social_work_centre": 1,
        "public_service": 1,
        "civil_society": 1,
        "service_users": 2,
        "donor": 1,
    }


def test_it_costs_puke_plan_per_year_and_source(demo: Any, db: None) -> None:
    plan = Plan.objects.get(pk=PUKE_PLAN)

    budget = plan_budget(plan)

    assert (plan.status, plan.currency, plan.start_year, plan.end_year) == (
        "in_implementation",
        "ALL",
        2025,
        2030,
    )
    assert (plan.decision_body, plan.decision_number, plan.decision_date) == (
        "Këshilli Bashkiak Pukë",
        "29",
        date(2025, 4, 29),
    )
    assert Objective.objects.filter(plan=plan, parent=None).count() == 3
    assert Objective.objects.filter(plan=plan).exclude(parent=None).count() == 5
    assert Measure.objects.filter(objective__plan=plan).count() == 7
    assert Activity.objects.filter(measure__objective__plan=plan).count() == 16
    assert budget.total == Decimal("82260000.00")
    assert budget.by_year == {
        2025: Decimal("10610000.00"),
        2026: Decimal("15430000.00"),
        2027: Decimal("14380000.00"),
        2028: Decimal("13880000.00"),
        2029: Decimal("13880000.00"),
        2030: Decimal("14080000.00"),
    }
    assert {source: sum(years.values()) for source, years in budget.by_source.items()} == {
        "municipal_budget": Decimal("49060000.00"),
        "social_fund": Decimal("25500000.00"),
        "donor": Decimal("7700000.00"),
    }
    home_care = Activity.objects.get(measure__objective__plan=plan, number="1.1.1.1")
    assert list(home_care.partners.values_list("name_sq", flat=True)) == [
        "Shoqata Kujdes në Shtëpi Pukë"
    ]


def test_it_answers_puke_gaps_with_its_measures(demo: Any, db: None) -> None:
    gaps = MeasureGap.objects.filter(measure__objective__plan_id=PUKE_PLAN)

    assert gaps.count() == 20
    assert {gap.unit.parent.code for gap in gaps.select_related("unit__parent")} == {"AL-PUKE"}  # type: ignore[union-attr]
    assert set(gaps.values_list("target_group", flat=True)) <= set(CommonTargetGroup.values)
    assert set(gaps.filter(measure__number="1.2.1").values_list("unit__code", flat=True)) == {
        "AL-PUKE-RRAPE",
        "AL-PUKE-GJEGJAN",
        "AL-PUKE-QELEZ",
        "AL-PUKE-QERRET",
    }


def test_it_gives_puke_indicators_a_target_for_every_year_they_measure(demo: Any, db: None) -> None:
    indicators = Indicator.objects.filter(plan_id=PUKE_PLAN).prefetch_related("targets")
    referral = indicators.get(name_sq__startswith="Raste të dhunës")

    assert indicators.count() == 6
    assert all(indicator.baseline_year == 2024 for indicator in indicators)
    assert {target.year: target.value for target in referral.targets.all()} == {
        2025: Decimal("55.00"),
        2026: Decimal("65.00"),
        2027: Decimal("75.00"),
        2028: Decimal("85.00"),
        2029: Decimal("90.00"),
        2030: Decimal("95.00"),
    }
    assert Counter(Comment.objects.filter(plan_id=PUKE_PLAN).values_list("answer", flat=True)) == {
        "accepted": 2,
        "partly": 2,
        "rejected": 1,
    }


def test_it_writes_peje_strategy_in_albanian_and_serbian(demo: Any, db: None) -> None:
    plan = Plan.objects.get(pk=PEJE_PLAN)
    items = [
        *Objective.objects.filter(plan=plan),
        *Measure.objects.filter(objective__plan=plan),
        *Activity.objects.filter(measure__objective__plan=plan),
        *Indicator.objects.filter(plan=plan),
    ]

    assert (plan.kind, plan.currency, plan.status) == (
        "municipal_strategy",
        "EUR",
        "in_implementation",
    )
    assert plan.name_sr_latn == (
        "Opštinska strategija za unapređenje socijalnih i porodičnih usluga 2022–2024"
    )
    assert len(items) == 5 + 6 + 10 + 4
    assert all(item.name_sq and item.name_sr_latn and item.name_en for item in items)
    assert all(
        getattr(plan, f"{text}_{language}")
        for text in ("vision", "mission", "principles")
        for language in ("sq", "sr_latn", "en")
    )
    assert plan.decision_body == "Kuvendi Komunal i Pejës / Skupština opštine Peć"
    assert plan.decision_date == date(2022, 3, 31)
    assert plan_budget(plan).total == Decimal("352200.00")
    assert not Comment.objects.filter(plan=plan, answer="").exists()


def test_it_marks_every_plan_and_member_illustrative(demo: Any, db: None) -> None:
    plans = Plan.objects.filter(pk__in=[BULQIZE_PLAN, PUKE_PLAN, PEJE_PLAN])
    members = AdvisoryMember.objects.filter(
        name__in=[member.name for plan in PLANS for member in plan.members]
    )

    assert [plan.is_illustrative for plan in plans] == [True, True, True]
    assert [member.is_illustrative for member in members] == [True] * 23
