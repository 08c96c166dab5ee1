"""Data for bench_monitoring: a generated country of 100 municipalities, each with an adopted
Social Plan 2021–2026 of 60 costed activities, a review of every year 2021–2025 (published)
and of 2026 (opened, not published), five budget years of social-care lines, ten years of
population, the need groups' figures for five years, and about 8 services with their target
groups and people served for five years; an outline of about 120 points each. Fixed seed;
written with bulk inserts (the services that write these rows one at a time are tested
elsewhere) and deleted again at the end of the benchmark."""

import math
import random
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from kujdes.directory.models import (
    BeneficiaryCount,
    FundingSource,
    Organization,
    Service,
    TargetGroup,
)
from kujdes.directory.services import taxonomies_load
from kujdes.monitoring.models import ActivityProgress, Review
from kujdes.planning.assessment.data import POPULATION, need_groups
from kujdes.planning.models import (
    Activity,
    ActivityCost,
    BudgetLine,
    BudgetYear,
    Measure,
    Objective,
    Plan,
    Programme,
)
from kujdes.territory.models import AgeBand, Area, AreaBoundary, Observation, Sex, Source
from kujdes.territory.services import AreaRow, age_band_upsert, areas_upsert, variable_upsert

SEED = 20261206
COUNTRY = "BM"  # not BA or BN: bench_assessment, bench_directory and bench_import have those
MUNICIPALITIES = 100
PLAN_YEARS = range(2021, 2027)
PUBLISHED_YEARS = range(2021, 2026)  # the review of 2026 is opened but not published
STRATEGIC, SPECIFIC_EACH, MEASURES_EACH, ACTIVITIES_EACH = 5, 2, 2, 3  # 60 activities
BUDGET_YEARS = range(2021, 2026)
POPULATION_YEARS = range(2016, 2026)
NEED_YEARS = range(2021, 2026)
SERVICES_EACH = (6, 10)
SERVED_YEARS = range(2021, 2026)
OUTLINE_POINTS = 120
SOURCE = "BENCH-MONITORING"
# Per 1,000 residents, as the needs assessment's benchmark generates them.
NEED_RATES = {
    "PERSONS_WITH_DISABILITIES": 25,
    "ELDERLY_LIVING_ALONE": 9,
    "CHILDREN_WITHOUT_PARENTAL_CARE": 0.8,
    "FAMILIES_ON_ECONOMIC_AID": 12,
    "DOMESTIC_VIOLENCE_CASES": 1.8,
    "ROMA_AND_EGYPTIANS": 6,
}
STATUSES = ["on_track"] * 5 + ["delayed"] * 2 + ["not_started", "completed", "cancelled"]


def _uuid(random_numbers: random.Random) -> uuid.UUID:
    return uuid.UUID(int=random_numbers.getrandbits(128), version=4)


def _outline(random_numbers: random.Random, number: int) -> dict[str, Any]:
    """A ragged circle of OUTLINE_POINTS points on a 10 × 10 grid, 0.2° apart."""
    centre_x = 19.5 + (number % 10) * 0.2
    centre_y = 40.0 + (number // 10) * 0.2
    ring = []
    for index in range(OUTLINE_POINTS):
        angle = 2 * math.pi * index / OUTLINE_POINTS
        radius = 0.1 * random_numbers.uniform(0.85, 1.0)
        ring.append(
            [
                round(centre_x + radius * math.cos(angle), 5),
                round(centre_y + radius * math.sin(angle), 5),
            ]
        )
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def _reference() -> tuple[dict[str, int], int, int]:
    """Variables, the TOTAL age band and the source; (variable ids, band id, source id)."""
    taxonomies_load()
    variables = {
        POPULATION: variable_upsert(
            actor=None, code=POPULATION, name_sq="Popullsia", name_en="Population", unit="persons"
        ).pk
    }
    for position, group in enumerate(need_groups()):
        variables[group.variable] = variable_upsert(
            actor=None,
            code=group.variable,
            name_sq=group.variable.replace("_", " ").capitalize(),
            unit="persons",
            is_sensitive=True,
            position=position + 10,
        ).pk
    band = age_band_upsert(code=AgeBand.TOTAL, name_sq="Të gjitha moshat")
    source, _created = Source.objects.get_or_create(
        code=SOURCE, defaults={"name": "Generated for the monitoring benchmark"}
    )
    return variables, band.pk, source.pk


def _plans(random_numbers: random.Random, municipalities: list[Area]) -> dict[str, int]:
    """An adopted plan in implementation for each municipality, its 60 activities and their
    costs, and its reviews."""
    plans, objectives, measures, activities, costs = [], [], [], [], []
    reviews, progress = [], []
    published_at = datetime(2026, 3, 1, tzinfo=UTC)
    for area in municipalities:
        plan = Plan(
            id=_uuid(random_numbers),
            lineage=_uuid(random_numbers),
            municipality=area,
            kind=Plan.Kind.SOCIAL_PLAN,
            name_sq=f"Plani Social i {area.name_sq} 2021–2026",
            start_year=PLAN_YEARS[0],
            end_year=PLAN_YEARS[-1],
            currency="ALL",
            status=Plan.Status.IN_IMPLEMENTATION,
            decision_body=f"Këshilli Bashkiak {area.name_sq}",
            decision_number="1",
            is_illustrative=True,
        )
        plans.append(plan)
        plan_activities = []
        for s in range(1, STRATEGIC + 1):
            strategic = Objective(
                id=_uuid(random_numbers), plan=plan, number=str(s), name_sq=f"Objektivi {s}"
            )
            objectives.append(strategic)
            for p in range(1, SPECIFIC_EACH + 1):
                specific = Objective(
                    id=_uuid(random_numbers),
                    plan=plan,
                    parent=strategic,
                    number=f"{s}.{p}",
                    name_sq=f"Objektivi specifik {s}.{p}",
                )
                objectives.append(specific)
                for m in range(1, MEASURES_EACH + 1):
                    measure = Measure(
                        id=_uuid(random_numbers),
                        objective=specific,
                        number=f"{s}.{p}.{m}",
                        name_sq=f"Masa {s}.{p}.{m}",
                    )
                    measures.append(measure)
                    for a in range(1, ACTIVITIES_EACH + 1):
                        start = random_numbers.choice(PLAN_YEARS[:-1])
                        activity = Activity(
                            id=_uuid(random_numbers),
                            measure=measure,
                            number=f"{s}.{p}.{m}.{a}",
                            name_sq=f"Aktiviteti {s}.{p}.{m}.{a}",
                            start_year=start,
                            end_year=random_numbers.randint(start, PLAN_YEARS[-1]),
                        )
                        plan_activities.append(activity)
                        for year in range(activity.start_year, activity.end_year + 1):
                            costs.append(
                                ActivityCost(
                                    activity=activity,
                                    year=year,
                                    source=random_numbers.choice(
                                        [FundingSource.MUNICIPAL_BUDGET, FundingSource.DONOR]
                                    ),
                                    amount=Decimal(random_numbers.randrange(100_000, 2_000_000)),
                                )
                            )
        activities += plan_activities
        for year in PLAN_YEARS:
            review = Review(
                id=_uuid(random_numbers),
                plan=plan,
                year=year,
                published_at=published_at if year in PUBLISHED_YEARS else None,
            )
            reviews.append(review)
            for activity in plan_activities:
                status = random_numbers.choice(STATUSES)
                percent = {"not_started": 0, "completed": 100}.get(
                    status, random_numbers.randint(1, 99)
                )
                progress.append(
                    ActivityProgress(
                        review=review, activity=activity, status=status, percent=percent
                    )
                )
    Plan.objects.bulk_create(plans, batch_size=2000)
    # Strategic objectives before the specific ones that point at them.
    Objective.objects.bulk_create(sorted(objectives, key=lambda o: o.parent is not None))
    Measure.objects.bulk_create(measures, batch_size=2000)
    Activity.objects.bulk_create(activities, batch_size=2000)
    ActivityCost.objects.bulk_create(costs, batch_size=2000)
    Review.objects.bulk_create(reviews, batch_size=2000)
    ActivityProgress.objects.bulk_create(progress, batch_size=2000)
    return {
        "plans": len(plans),
        "objectives": len(objectives),
        "measures": len(measures),
        "activities": len(activities),
        "activity costs": len(costs),
        "reviews": len(reviews),
        "activity progress": len(progress),
    }


def _statistics(
    random_numbers: random.Random,
    municipalities: list[Area],
    reference: tuple[dict[str, int], int, int],
) -> dict[str, int]:
    """Population, need figures, budget years and their programme lines."""
    variables, band, source = reference
    observations, budgets, lines = [], [], []
    programmes = list(Programme.values)
    for area in municipalities:
        residents = random_numbers.randint(4_000, 200_000)
        for year in POPULATION_YEARS:
            observations.append(
                Observation(
                    variable_id=variables[POPULATION],
                    area=area,
                    year=year,
                    sex=Sex.TOTAL,
                    age_band_id=band,
                    source_id=source,
                    value=Decimal(round(residents * (1 - 0.01 * (POPULATION_YEARS[-1] - year)))),
                )
            )
        for code, rate in NEED_RATES.items():
            for year in NEED_YEARS:
                observations.append(
                    Observation(
                        variable_id=variables[code],
                        area=area,
                        year=year,
                        sex=Sex.TOTAL,
                        age_band_id=band,
                        source_id=source,
                        value=Decimal(
                            round(residents * rate / 1000 * random_numbers.uniform(0.6, 1.4))
                        ),
                    )
                )
        for year in BUDGET_YEARS:
            social = 0
            budget = BudgetYear(
                id=_uuid(random_numbers),
                municipality=area,
                year=year,
                stage=BudgetYear.Stage.EXECUTED
                if year < BUDGET_YEARS[-1]
                else BudgetYear.Stage.PLANNED,
                currency="ALL",
                municipal_total=Decimal(0),
                is_illustrative=True,
            )
            for programme in random_numbers.sample(programmes, 5):
                amount = random_numbers.randrange(1_000_000, 40_000_000, 1000)
                social += amount
                lines.append(
                    BudgetLine(budget_year=budget, programme=programme, amount=Decimal(amount))
                )
            budget.municipal_total = Decimal(social * random_numbers.randint(12, 30))
            budgets.append(budget)
    Observation.objects.bulk_create(observations, batch_size=2000)
    BudgetYear.objects.bulk_create(budgets, batch_size=2000)
    BudgetLine.objects.bulk_create(lines, batch_size=2000)
    return {
        "observations": len(observations),
        "budget years": len(budgets),
        "budget lines": len(lines),
    }


def _directory(
    random_numbers: random.Random, municipalities: list[Area], band: int
) -> dict[str, int]:
    """About 8 services a municipality with 1 to 3 target groups (mostly the need groups')
    and people served for five years, by sex; 1 count in 20 is a small one."""
    groups = list(TargetGroup.objects.filter(country="AL").order_by("code"))
    wanted = {group.target_group for group in need_groups()}
    need_groups_of_country = [group for group in groups if group.common_code in wanted]
    organizations, services, links, counts = [], [], [], []
    for area in municipalities:
        organization = Organization(
            id=_uuid(random_numbers),
            area=area,
            kind=Organization.Kind.SOCIAL_WORK_CENTRE,
            name_sq=f"Qendra e Shërbimeve Sociale {area.name_sq}",
            is_illustrative=True,
        )
        organizations.append(organization)
        for number in range(random_numbers.randint(*SERVICES_EACH)):
            service = Service(
                id=_uuid(random_numbers),
                organization=organization,
                area=area,
                name_sq=f"Shërbimi {number + 1} {area.name_sq}",
                capacity=random_numbers.randint(5, 60),
                is_illustrative=True,
            )
            services.append(service)
            chosen = random_numbers.sample(need_groups_of_country, random_numbers.randint(1, 2))
            if random_numbers.random() < 0.3:
                chosen.append(random_numbers.choice(groups))
            links += [
                Service.target_groups.through(service_id=service.pk, targetgroup_id=group.pk)
                for group in {group.pk: group for group in chosen}.values()
            ]
            for year in SERVED_YEARS:
                people = (
                    random_numbers.randint(1, 4)
                    if random_numbers.random() < 0.05
                    else random_numbers.randint(10, 150)
                )
                women = people // 2
                for sex, count in (
                    (Sex.TOTAL, people),
                    (Sex.FEMALE, women),
                    (Sex.MALE, people - women),
                ):
                    counts.append(
                        BeneficiaryCount(
                            service=service, year=year, sex=sex, age_band_id=band, count=count
                        )
                    )
    Organization.objects.bulk_create(organizations, batch_size=2000)
    Service.objects.bulk_create(services, batch_size=2000)
    Service.target_groups.through.objects.bulk_create(links, batch_size=2000)
    BeneficiaryCount.objects.bulk_create(counts, batch_size=2000)
    return {
        "services": len(services),
        "services' target groups": len(links),
        "people-served counts": len(counts),
    }


def monitoring_data_create() -> dict[str, Any]:
    started = time.perf_counter()
    random_numbers = random.Random(SEED)
    reference = _reference()
    rows = [AreaRow(COUNTRY, "", Area.Level.COUNTRY, "Bench monitoring")]
    rows += [
        AreaRow(f"{COUNTRY}-M{number:03}", COUNTRY, Area.Level.MUNICIPALITY, f"Bashkia {number:03}")
        for number in range(1, MUNICIPALITIES + 1)
    ]
    areas_upsert(rows=rows, actor=None, origin="bench_monitoring")
    municipalities = list(
        Area.objects.filter(path__startswith=f"{COUNTRY}/", level=Area.Level.MUNICIPALITY).order_by(
            "code"
        )
    )
    with transaction.atomic():
        sizes = {"municipalities": len(municipalities)}
        AreaBoundary.objects.bulk_create(
            AreaBoundary(
                area=area, geometry=_outline(random_numbers, index), source="bench_monitoring"
            )
            for index, area in enumerate(municipalities)
        )
        sizes["outlines"] = len(municipalities)
        sizes |= _plans(random_numbers, municipalities)
        sizes |= _statistics(random_numbers, municipalities, reference)
        sizes |= _directory(random_numbers, municipalities, reference[1])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"rows": sizes, "seconds": round(time.perf_counter() - started, 1)}


def monitoring_data_delete() -> None:
    """Remove the data set, so that the benchmarks after this one find the database as it
    was."""
    within = f"{COUNTRY}/"
    with transaction.atomic():
        # Objectives, measures, activities, costs, reviews and progress go with their plan.
        Plan.objects.filter(municipality__path__startswith=within).delete()
        BudgetYear.objects.filter(municipality__path__startswith=within).delete()
        Service.objects.filter(area__path__startswith=within).delete()
        Organization.objects.filter(area__path__startswith=within).delete()
        Observation.objects.filter(source__code=SOURCE).delete()
        Source.objects.filter(code=SOURCE).delete()
        AreaBoundary.objects.filter(area__path__startswith=within).delete()
        Area.objects.filter(path__startswith=within, level=Area.Level.MUNICIPALITY).delete()
        Area.objects.filter(code=COUNTRY).delete()
