"""The monitoring demo: reviews of the demo plans up to 2025, published, with their story;
projects, contracts and applications; a second run changes nothing."""

from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from kujdes.audit.models import AuditEvent
from kujdes.monitoring.models import (
    ContractDelivery,
    FundingApplication,
    Project,
    Review,
    ServiceContract,
)
from kujdes.monitoring.selectors import review_rollup


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        last_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
        output = StringIO()
        call_command("load_demo", stdout=output)
        reviews = {
            (review.plan.municipality.code, review.year): (
                review_rollup(review).plan,
                review.published_at is not None,
                review.meeting is not None,
            )
            for review in Review.objects.select_related("plan__municipality", "meeting")
        }
        yield {
            "reviews": reviews,
            "output": output.getvalue(),
            "second_run_events": list(
                AuditEvent.objects.filter(pk__gt=last_event)
                .order_by("pk")
                .values_list("verb", flat=True)
            ),
            "projects": sorted(
                (p.municipality.code, p.name_en, p.activities.count(), p.is_illustrative)
                for p in Project.objects.select_related("municipality")
            ),
            "deliveries": sorted(
                ContractDelivery.objects.values_list("contract__number", "units_delivered")
            ),
            "applications": sorted(
                FundingApplication.objects.values_list("call", "outcome", "awarded")
            ),
            "contracts": ServiceContract.objects.count(),
        }
        transaction.set_rollback(True)


def test_it_reviews_each_plan_year_up_to_2025_published(demo: Any, db: None) -> None:
    assert demo["reviews"] == {
        ("AL-BULQIZE", 2019): (Decimal("8.9"), True, True),
        ("AL-BULQIZE", 2020): (Decimal("33.4"), True, True),
        ("AL-BULQIZE", 2021): (Decimal("55.0"), True, True),
        ("AL-BULQIZE", 2022): (Decimal("75.3"), True, True),
        ("AL-BULQIZE", 2023): (Decimal("95.3"), True, True),
        ("AL-PUKE", 2025): (Decimal("13.2"), True, True),
        ("XK-PEJE", 2022): (Decimal("28.2"), True, True),
        ("XK-PEJE", 2023): (Decimal("63.6"), True, True),
        ("XK-PEJE", 2024): (Decimal("96.8"), True, True),
    }


def test_it_records_projects_contracts_and_applications(demo: Any, db: None) -> None:
    assert demo["projects"] == [
        ("AL-BULQIZE", "Home care for elderly people living alone", 1, True),
        ("AL-BULQIZE", "Refurbishing and opening the day centre", 2, True),
        ("AL-PUKE", "Integrated community services for Pukë", 1, True),
        ("RS-BUJANOVAC", "Home help for persons with disabilities", 0, True),
        ("RS-BUJANOVAC", "Playroom for children with developmental disabilities", 0, True),
        ("RS-BUJANOVAC", "SOS line in Albanian, Romani and Serbian", 0, True),
        ("RS-BUJANOVAC", "Support to families with insufficient parental capacity", 0, True),
        ("XK-PEJE", "Extending the day centre for older people", 1, True),
    ]
    assert demo["contracts"] == 2
    assert demo["deliveries"] == [
        ("DEMO-bulqize-2022", 270),
        ("DEMO-bulqize-2022", 280),
        ("DEMO-bulqize-2022", 290),
        ("DEMO-bulqize-2022", 300),
        ("DEMO-puke-2025", 270),
        ("DEMO-puke-2025", 280),
        ("DEMO-puke-2025", 290),
        ("DEMO-puke-2025", 300),
    ]
    assert demo["applications"] == [
        ("Fondi Social – thirrja 2021", "awarded", Decimal("2700000.00")),
        ("Fondi Social – thirrja 2026", "pending", None),
    ]


def test_a_second_run_changes_nothing(demo: Any, db: None) -> None:
    # The territory's imports say what they found; nothing of monitoring's is written again.
    assert demo["second_run_events"] == [
        "areas.imported",
        "observations.imported",
        "observations.imported",
    ]
    for kind, unchanged in (
        ("reviews", 9),
        ("funders", 5),
        ("projects", 8),
        ("service contracts", 2),
        ("fund applications", 2),
    ):
        assert f"{kind:<18}" in demo["output"]
        line = next(line for line in demo["output"].splitlines() if line.startswith(kind))
        assert line.split()[-2:] == [str(unchanged), "unchanged"]
