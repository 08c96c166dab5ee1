"""The monitoring app's demo data, loaded by `manage.py load_demo` after the plans, through the
services (all illustrative):

- the yearly reviews of the three demo plans up to 2025, each with every activity's status and
  progress, the indicators' actual values, the spending by source, the advisory group's review
  meeting and its conclusions, published; Pukë's 2026 is left for the planner to review;
- projects that implement the plans' activities, with their funders and the people they
  reached, and the projects under Bujanovac's action plan for social services (home help for
  persons with disabilities, an SOS line in Albanian, Romani and Serbian, support to families
  with insufficient parental capacity, a playroom for children with developmental
  disabilities);
- a service contract with an NGO in Bulqizë and in Pukë, with what the providers delivered;
- applications to Albania's Social Fund.

Records are found by fixed ids: a second run changes nothing, and leaves what a planner changed.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Sum

from kujdes.directory.demo import demo_id
from kujdes.directory.models import Organization, Service
from kujdes.directory.services import organization_create
from kujdes.monitoring import services
from kujdes.monitoring.models import (
    FundingApplication,
    Project,
    ProjectReach,
    Review,
    ServiceContract,
)
from kujdes.monitoring.selectors import review_rollup
from kujdes.planning.demo import PLANS
from kujdes.planning.models import Activity, ActivityCost, AdvisoryMember, Plan
from kujdes.planning.services import meeting_save
from kujdes.territory.demo import DemoReport
from kujdes.territory.models import Area
from kujdes.territory.services import UpsertCounts

# The last year the demo reviews: the reviews of later years are the planners' to record.
LAST_REVIEWED = 2025
ILLUSTRATIVE = {"is_illustrative": True}


def _names(sq: str, sr: str, en: str, name: str = "name") -> dict[str, str]:
    return {f"{name}_sq": sq, f"{name}_sr_latn": sr, f"{name}_en": en}


# Funders and funds the directory does not list: key → (country, names).
FUNDERS: dict[str, tuple[str, dict[str, str]]] = {
    "social-fund-al": (
        "AL",
        _names(
            "Fondi Social – Ministria e Shëndetësisë dhe Mbrojtjes Sociale",
            "Socijalni fond – Ministarstvo zdravlja i socijalne zaštite (Albanija)",
            "Social Fund – Ministry of Health and Social Protection (Albania)",
        ),
    ),
    "undp-al": (
        "AL",
        _names("UNDP Shqipëri", "UNDP Albanija", "UNDP Albania"),
    ),
    "sdc-al": (
        "AL",
        _names(
            "Agjencia Zvicerane për Zhvillim dhe Bashkëpunim",
            "Švajcarska agencija za razvoj i saradnju",
            "Swiss Agency for Development and Cooperation",
        ),
    ),
    "eu-xk": (
        "XK",
        _names(
            "Zyra e Bashkimit Evropian në Kosovë", "Kancelarija EU na Kosovu", "EU Office in Kosovo"
        ),
    ),
    "eu-rs": (
        "RS",
        _names(
            "Delegacioni i Bashkimit Evropian në Serbi",
            "Delegacija Evropske unije u Srbiji",
            "Delegation of the European Union to Serbia",
        ),
    ),
}


@dataclass(frozen=True)
class DemoProject:
    key: str
    municipality: str
    implementer: str
    names: dict[str, str]
    results: dict[str, str]
    starts: date
    ends: date
    status: str
    # (funder key, amount, currency)
    funding: tuple[tuple[str, int, str], ...]
    # (plan id, activity number)
    activities: tuple[tuple[Any, str], ...] = ()
    # year → people reached: ((F, 0-17), (F, 18-64), (F, 65+), (M, 0-17), (M, 18-64), (M, 65+))
    reach: dict[int, tuple[int, int, int, int, int, int]] = field(default_factory=dict)


BULQIZE_PLAN, PUKE_PLAN, PEJE_PLAN = (plan.id for plan in PLANS)
BUJANOVAC = "RS-BUJANOVAC"

PROJECTS = (
    DemoProject(
        "bulqize-home-care",
        "AL-BULQIZE",
        "bulqize-ngo-elderly",
        _names(
            "Kujdes në shtëpi për të moshuarit e vetmuar",
            "Nega u kući za stare osobe koje žive same",
            "Home care for elderly people living alone",
        ),
        _names(
            "Një ekip i lëvizshëm viziton çdo javë të moshuarit e vetmuar në njësitë malore.",
            "Mobilni tim svake nedelje posećuje stare osobe koje žive same u planinskim jedinicama.",
            "A mobile team visits elderly people living alone in the mountain units every week.",
            "results",
        ),
        date(2020, 3, 1),
        date(2022, 12, 31),
        Project.Status.COMPLETED,
        (("undp-al", 24_000, "EUR"), ("bulqize-directorate", 1_200_000, "ALL")),
        ((BULQIZE_PLAN, "1.1.1.1"),),
        {2020: (0, 6, 31, 0, 4, 22), 2021: (0, 7, 38, 0, 5, 26), 2022: (0, 8, 41, 0, 6, 29)},
    ),
    DemoProject(
        "bulqize-day-centre",
        "AL-BULQIZE",
        "bulqize-directorate",
        _names(
            "Rikonstruksioni dhe hapja e qendrës ditore",
            "Obnova i otvaranje dnevnog centra",
            "Refurbishing and opening the day centre",
        ),
        _names(
            "Qendra ditore u hap në vitin 2021 për 30 të moshuar, me transport nga fshatrat.",
            "Dnevni centar otvoren 2021. za 30 starih osoba, sa prevozom iz sela.",
            "The day centre opened in 2021 for 30 elderly people, with transport from the villages.",
            "results",
        ),
        date(2019, 9, 1),
        date(2021, 6, 30),
        Project.Status.COMPLETED,
        (("sdc-al", 32_000, "EUR"), ("bulqize-directorate", 3_500_000, "ALL")),
        ((BULQIZE_PLAN, "1.2.1.1"), (BULQIZE_PLAN, "1.2.1.2")),
        {2021: (0, 3, 17, 0, 2, 11)},
    ),
    DemoProject(
        "puke-integrated-services",
        "AL-PUKE",
        "puke-ngo-home-care",
        _names(
            "Shërbime të integruara në komunitet për Pukën",
            "Integrisane usluge u zajednici za Puku",
            "Integrated community services for Pukë",
        ),
        _names(
            "Kujdesi në shtëpi shtrihet në njësitë Qerret dhe Rrapë.",
            "Nega u kući proširena na jedinice Qerret i Rrapë.",
            "Home care extended to the Qerret and Rrapë units.",
            "results",
        ),
        date(2025, 4, 1),
        date(2027, 3, 31),
        Project.Status.ONGOING,
        (("sdc-al", 60_000, "EUR"),),
        ((PUKE_PLAN, "1.1.1.1"),),
        {2025: (1, 9, 24, 2, 7, 15)},
    ),
    DemoProject(
        "peje-elderly-day-centre",
        "XK-PEJE",
        "peje-qps",
        _names(
            "Zgjerimi i qendrës ditore për të moshuarit",
            "Proširenje dnevnog centra za starije",
            "Extending the day centre for older people",
        ),
        _names(
            "Qendra pret 15 përdorues më shumë që nga viti 2023.",
            "Centar od 2023. prima 15 korisnika više.",
            "The centre takes 15 more users since 2023.",
            "results",
        ),
        date(2022, 5, 1),
        date(2024, 4, 30),
        Project.Status.COMPLETED,
        (("eu-xk", 80_000, "EUR"), ("peje-qps", 20_000, "EUR")),
        ((PEJE_PLAN, "1.1.1.1"),),
        {2023: (0, 5, 21, 0, 4, 16), 2024: (0, 6, 24, 0, 5, 18)},
    ),
    *(
        DemoProject(
            f"bujanovac-{key}",
            BUJANOVAC,
            "bujanovac-csr",
            names,
            {},
            date(2023, 1, 1),
            date(2025, 12, 31),
            Project.Status.COMPLETED,
            (("eu-rs", amount, "EUR"),),
        )
        for key, amount, names in (
            (
                "home-help",
                45_000,
                _names(
                    "Ndihmë në shtëpi për personat me aftësi të kufizuara",
                    "Pomoć u kući za osobe sa invaliditetom",
                    "Home help for persons with disabilities",
                ),
            ),
            (
                "sos-line",
                30_000,
                _names(
                    "Linja SOS në shqip, rome dhe serbisht",
                    "SOS linija na albanskom, romskom i srpskom",
                    "SOS line in Albanian, Romani and Serbian",
                ),
            ),
            (
                "parenting",
                28_000,
                _names(
                    "Mbështetje për familjet me kapacitete të pamjaftueshme prindërore",
                    "Podrška porodicama sa nedovoljnim roditeljskim kapacitetima",
                    "Support to families with insufficient parental capacity",
                ),
            ),
            (
                "playroom",
                22_000,
                _names(
                    "Lojëtore për fëmijët me vështirësi në zhvillim",
                    "Igraonica za decu sa smetnjama u razvoju",
                    "Playroom for children with developmental disabilities",
                ),
            ),
        )
    ),
)

SEXES_AND_AGES = [
    (sex, age) for sex in ProjectReach.Sex.values for age in ProjectReach.AgeGroup.values
]

# Conclusions of the advisory group's yearly review, by the plan's main language.
CONCLUSIONS = {
    "sq": (
        "Grupi këshillëdhënës shqyrtoi zbatimin e planit për vitin {year}: ecuria e përgjithshme "
        "është {percent} %. Aktivitetet me vonesë kërkojnë ndjekje në tremujorin e parë; "
        "fondet e papërdorura kalojnë në buxhetin e vitit pasardhës."
    ),
}


def _percent_in(year: int, activity: Activity, index: int) -> tuple[str, int, str]:
    """A story for the demo: activities move on with the years, one in four lags behind, and
    the sixth is cancelled once it starts."""
    if year < activity.start_year:
        return "not_started", 0, ""
    if index == 5:
        return "cancelled", 0, "Anuluar: shërbimi mbulohet nga projekti i donatorit."
    span = activity.end_year - activity.start_year + 1
    done = min(100, round(100 * (year - activity.start_year + 1) / span))
    if index % 4 == 1:
        return "delayed", max(done - 25, 5), "Vonesë në prokurim; afati u shty."
    if done >= 100:
        return "completed", 100, ""
    return "on_track", done, ""


def _review_load(plan: Plan, year: int, index_of: dict[Any, int]) -> None:
    review = services.review_open(actor=None, plan=plan, year=year)
    activities = list(Activity.objects.filter(measure__objective__plan=plan))
    for activity in activities:
        status, percent, note = _percent_in(year, activity, index_of[activity.pk])
        services.activity_progress_set(
            actor=None, review=review, activity=activity, status=status, percent=percent, note=note
        )
    for number, indicator in enumerate(plan.indicators.prefetch_related("targets")):
        target = next((t.value for t in indicator.targets.all() if t.year == year), None)
        if target is None:
            continue
        base = indicator.baseline_value or Decimal(0)
        share = Decimal("0.85") if number % 2 else Decimal("1.05")
        value = (base + (target - base) * share).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        services.indicator_actual_set(
            actor=None, review=review, indicator=indicator, value=value, source=indicator.source
        )
    planned = dict(
        ActivityCost.objects.filter(activity__measure__objective__plan=plan, year=year)
        .values("source")
        .annotate(total=Sum("amount"))
        .values_list("source", "total")
    )
    services.spending_set(
        actor=None,
        review=review,
        amounts={
            source: (amount * Decimal("0.88")).quantize(Decimal(1000))
            for source, amount in planned.items()
        },
    )
    members = list(
        AdvisoryMember.objects.filter(municipality=plan.municipality, is_active=True)[:6]
    )
    meeting = meeting_save(
        actor=None,
        plan=plan,
        values={
            "held_on": date(year + 1, 2, 20),
            "place": plan.municipality.name_sq,
            "agenda": f"Shqyrtimi vjetor i zbatimit të planit, viti {year}",
            "minutes": "",
        },
        attendees=members,
    )
    progress = review_rollup(review).plan
    services.review_save(
        actor=None,
        review=review,
        meeting=meeting,
        conclusions=CONCLUSIONS["sq"].format(year=year, percent=str(progress).replace(".", ",")),
    )
    services.review_publish(actor=None, review=review, published=True)


def _reviews_load(counts: UpsertCounts) -> None:
    for demo in PLANS:
        plan = Plan.objects.filter(pk=demo.id).select_related("municipality").first()
        if plan is None or not plan.is_adopted:
            continue
        order = Activity.objects.filter(measure__objective__plan=plan).order_by(
            "measure__objective__parent__position",
            "measure__objective__position",
            "measure__position",
            "position",
            "number",
        )
        index_of = {pk: index for index, pk in enumerate(order.values_list("pk", flat=True))}
        reviewed = set(Review.objects.filter(plan=plan).values_list("year", flat=True))
        for year in plan.years:
            if year > LAST_REVIEWED:
                break
            if year in reviewed:
                counts.unchanged += 1
                continue
            _review_load(plan, year, index_of)
            counts.created += 1


def _organizations(counts: UpsertCounts) -> dict[str, Organization]:
    keys = {demo.implementer for demo in PROJECTS} | {
        funder for demo in PROJECTS for funder, _amount, _currency in demo.funding
    }
    keys |= {"bulqize-ngo-elderly", "puke-ngo-home-care"}
    found = {
        key: organization
        for key in keys | set(FUNDERS)
        if (organization := Organization.objects.filter(pk=demo_id("organization", key)).first())
    }
    for key, (country, names) in FUNDERS.items():
        if key in found:
            counts.unchanged += 1
            continue
        found[key] = organization_create(
            actor=None,
            area=Area.objects.get(code=country),
            values={"kind": Organization.Kind.PUBLIC_INSTITUTION, **names, **ILLUSTRATIVE},
            organization_id=demo_id("organization", key),
        )
        counts.created += 1
    return found


def _activity(plan_id: Any, number: str) -> Activity | None:
    return Activity.objects.filter(measure__objective__plan_id=plan_id, number=number).first()


def _projects_load(organizations: dict[str, Organization], counts: UpsertCounts) -> None:
    areas = {
        area.code: area for area in Area.objects.filter(code__in={p.municipality for p in PROJECTS})
    }
    for demo in PROJECTS:
        municipality = areas.get(demo.municipality)
        if municipality is None or demo.implementer not in organizations:
            continue
        if Project.objects.filter(pk=demo_id("project", demo.key)).exists():
            counts.unchanged += 1
            continue
        activities = [a for plan_id, number in demo.activities if (a := _activity(plan_id, number))]
        project = services.project_save(
            actor=None,
            municipality=municipality,
            project_id=demo_id("project", demo.key),
            values={
                **demo.names,
                **demo.results,
                "implementer": organizations[demo.implementer],
                "starts": demo.starts,
                "ends": demo.ends,
                "status": demo.status,
                **ILLUSTRATIVE,
            },
            funding=[
                (organizations[key], Decimal(amount), currency)
                for key, amount, currency in demo.funding
            ],
            activities=activities,
            target_groups=[],
            units=[],
        )
        for year, people in demo.reach.items():
            services.project_reach_set(
                actor=None,
                project=project,
                year=year,
                people=dict(zip(SEXES_AND_AGES, people, strict=True)),
            )
        counts.created += 1


def _quarters(starts: date, ends: date) -> list[tuple[date, date]]:
    periods, start = [], starts
    while start <= ends:
        month = start.month + 3
        following = date(start.year + (month > 12), (month - 1) % 12 + 1, 1)
        periods.append((start, min(following - timedelta(days=1), ends)))
        start = following
    return periods


def _contracts_load(organizations: dict[str, Organization], counts: UpsertCounts) -> None:
    for key, code, provider, service_key, plan_id, number, year, amount in (
        (
            "bulqize-2022",
            "AL-BULQIZE",
            "bulqize-ngo-elderly",
            "bulqize-elderly-day",
            BULQIZE_PLAN,
            "1.2.1.2",
            2022,
            2_400_000,
        ),
        (
            "puke-2025",
            "AL-PUKE",
            "puke-ngo-home-care",
            "puke-home-care",
            PUKE_PLAN,
            "1.1.1.1",
            2025,
            3_600_000,
        ),
    ):
        municipality = Area.objects.filter(code=code).first()
        if municipality is None or provider not in organizations:
            continue
        if ServiceContract.objects.filter(number=f"DEMO-{key}").exists():
            counts.unchanged += 1
            continue
        contract = services.contract_save(
            actor=None,
            municipality=municipality,
            values={
                "provider": organizations[provider],
                "service": Service.objects.filter(pk=demo_id("service", service_key)).first(),
                "activity": _activity(plan_id, number),
                "number": f"DEMO-{key}",
                "starts": date(year, 1, 1),
                "ends": date(year, 12, 31),
                "amount": Decimal(amount),
                "currency": "ALL",
                "units_of_service": 1_200,
                "unit_name": "vizita",
                "reporting": ServiceContract.Reporting.QUARTERLY,
            },
        )
        for quarter, (start, end) in enumerate(_quarters(contract.starts, contract.ends)):
            services.delivery_record(
                actor=None,
                contract=contract,
                period_start=start,
                period_end=end,
                units_delivered=270 + 10 * quarter,
                people_served=28 + quarter,
            )
        counts.created += 1


def _applications_load(organizations: dict[str, Organization], counts: UpsertCounts) -> None:
    fund = organizations.get("social-fund-al")
    for call, code, plan_id, number, year, requested, awarded in (
        (
            "Fondi Social – thirrja 2021",
            "AL-BULQIZE",
            BULQIZE_PLAN,
            "1.2.1.2",
            2021,
            2_700_000,
            2_700_000,
        ),
        ("Fondi Social – thirrja 2026", "AL-PUKE", PUKE_PLAN, "1.1.1.1", 2026, 4_000_000, None),
    ):
        municipality = Area.objects.filter(code=code).first()
        if municipality is None or fund is None:
            continue
        if FundingApplication.objects.filter(municipality=municipality, call=call).exists():
            counts.unchanged += 1
            continue
        services.application_save(
            actor=None,
            municipality=municipality,
            values={
                "fund": fund,
                "call": call,
                "call_opens": date(year - 1, 10, 1),
                "call_closes": date(year - 1, 11, 15),
                "activity": _activity(plan_id, number),
                "source": "social_fund",
                "currency": "ALL",
                "requested": Decimal(requested),
                "outcome": "awarded" if awarded else "pending",
                "awarded": Decimal(awarded) if awarded else None,
            },
        )
        counts.created += 1


def demo_load() -> DemoReport:
    counts = {
        kind: UpsertCounts()
        for kind in ("reviews", "funders", "projects", "service contracts", "fund applications")
    }
    _reviews_load(counts["reviews"])
    organizations = _organizations(counts["funders"])
    _projects_load(organizations, counts["projects"])
    _contracts_load(organizations, counts["service contracts"])
    _applications_load(organizations, counts["fund applications"])
    return DemoReport(counts=counts)
