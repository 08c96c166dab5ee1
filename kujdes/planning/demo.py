"""The demo's A6 and A7 for Bulqizë: structures, staff and three years of budget.

No public source gives them per administrative unit, so they are illustrative, marked so on
every page and in every document. The shape follows Law 121/2016 (a social services
directorate, a child protection unit, a needs-assessment and referral unit, social workers in
the administrative units) and the COFOG-10 programmes of Albanian municipal budgets.
"""

from decimal import Decimal
from typing import Any

from kujdes.directory.models import ServiceType, TargetGroup
from kujdes.planning import services
from kujdes.planning.models import BudgetYear, Measure, Objective, Plan, Programme, Structure
from kujdes.territory.demo import DemoReport
from kujdes.territory.models import Area
from kujdes.territory.services import UpsertCounts

BULQIZE = "AL-BULQIZE"
# Written in Albanian, as the municipality writes its own entries (the structures' names too).
ILLUSTRATIVE_SOURCE = "Kujdes: shifra ilustruese për demonstrim, jo buxheti i bashkisë"

# (kind, unit code or "", name, legal basis, required, in post)
STRUCTURES = [
    (
        Structure.Kind.DIRECTORATE,
        "",
        "Drejtoria e Shërbimeve Sociale",
        "Ligji 121/2016, neni 27",
        4,
        3,
    ),
    (
        Structure.Kind.CHILD_PROTECTION_UNIT,
        "",
        "Njësia për Mbrojtjen e Fëmijës",
        "Ligji 18/2017",
        2,
        1,
    ),
    (
        Structure.Kind.NEEDS_ASSESSMENT_UNIT,
        "",
        "Njësia e Vlerësimit të Nevojave dhe Referimit (NVNR)",
        "Ligji 121/2016, neni 28",
        3,
        2,
    ),
    (Structure.Kind.SOCIAL_WORKER, "AL-BULQIZE-BULQIZE", "", "Ligji 121/2016", 2, 2),
    (Structure.Kind.SOCIAL_WORKER, "AL-BULQIZE-ZERQAN", "", "Ligji 121/2016", 1, 1),
    (Structure.Kind.SOCIAL_WORKER, "AL-BULQIZE-FUSHE-BULQIZE", "", "Ligji 121/2016", 1, 1),
    (Structure.Kind.SOCIAL_WORKER, "AL-BULQIZE-SHUPENZE", "", "Ligji 121/2016", 1, 1),
    (Structure.Kind.SOCIAL_WORKER, "AL-BULQIZE-GJORICE", "", "Ligji 121/2016", 1, 0),
    (Structure.Kind.SOCIAL_WORKER, "AL-BULQIZE-OSTREN", "", "Ligji 121/2016", 1, 0),
]

# year → (municipal total, {programme: amount}), in lek
BUDGETS = {
    2022: (
        Decimal("612000000"),
        {
            Programme.SICKNESS_DISABILITY: Decimal("9800000"),
            Programme.FAMILY_CHILDREN: Decimal("4100000"),
            Programme.SOCIAL_EXCLUSION: Decimal("6200000"),
        },
    ),
    2023: (
        Decimal("655000000"),
        {
            Programme.SICKNESS_DISABILITY: Decimal("11400000"),
            Programme.OLD_AGE: Decimal("1500000"),
            Programme.FAMILY_CHILDREN: Decimal("4600000"),
            Programme.SOCIAL_EXCLUSION: Decimal("6900000"),
        },
    ),
    2024: (
        Decimal("701000000"),
        {
            Programme.SICKNESS_DISABILITY: Decimal("12600000"),
            Programme.OLD_AGE: Decimal("2400000"),
            Programme.FAMILY_CHILDREN: Decimal("7000000"),
            Programme.SOCIAL_EXCLUSION: Decimal("7300000"),
        },
    ),
}


def demo_load() -> DemoReport:
    """Create what is missing for Bulqizë; leave what a planner has changed."""
    counts = {"structures": UpsertCounts(), "budget years": UpsertCounts(), "plans": UpsertCounts()}
    municipality = Area.objects.filter(code=BULQIZE).first()
    if municipality is None:
        return DemoReport(counts=counts)
    units = {area.code: area for area in Area.objects.filter(parent=municipality)}
    if Structure.objects.filter(municipality=municipality).exists():
        counts["structures"].unchanged += len(STRUCTURES)
    else:
        for kind, unit, name, legal_basis, required, in_post in STRUCTURES:
            services.structure_save(
                actor=None,
                municipality=municipality,
                values={
                    "kind": kind,
                    "unit": units.get(unit),
                    "name": name,
                    "legal_basis": legal_basis,
                    "staff_required": required,
                    "staff_in_post": in_post,
                    "is_illustrative": True,
                },
            )
            counts["structures"].created += 1
    for year, (total, lines) in BUDGETS.items():
        if BudgetYear.objects.filter(municipality=municipality, year=year).exists():
            counts["budget years"].unchanged += 1
            continue
        services.budget_year_save(
            actor=None,
            municipality=municipality,
            values={
                "year": year,
                "stage": BudgetYear.Stage.EXECUTED,
                "currency": "ALL",
                "municipal_total": total,
                "source": ILLUSTRATIVE_SOURCE,
                "is_illustrative": True,
            },
            lines={str(programme): amount for programme, amount in lines.items()},
        )
        counts["budget years"].created += 1
    demo_plan_load(municipality, counts["plans"])
    return DemoReport(counts=counts)


# ── Part B: Bulqizë's Social Plan 2019–2023 ──────────────────────────────────────────────────

PLAN_TITLE = "Plani Social i Bashkisë Bulqizë 2019–2023"
MUNICIPAL, SOCIAL_FUND, DONOR = "municipal_budget", "social_fund", "donor"

# (number, Albanian, English, [specific objectives]); a specific objective is (number,
# Albanian, English, [measures]); a measure is (number, Albanian, English, [gaps as (unit
# code, common target group)], [activities]); an activity is (number, Albanian, English,
# responsible, years, service type, target groups, unit codes, new service, NGO, costs as
# {(year, source): amount in ALL}).
PLAN_TREE: list[Any] = [
    (
        "1",
        "Shërbime në komunitet për personat me aftësi të kufizuara dhe të moshuarit",
        "Community services for persons with disabilities and elderly people",
        [
            (
                "1.1",
                "Kujdes në shtëpi në njësitë malore",
                "Home care in the mountain units",
                [
                    (
                        "1.1.1",
                        "Shtrirja e kujdesit në shtëpi në Zerqan, Trebisht dhe Ostren",
                        "Home care extended to Zerqan, Trebisht and Ostren",
                        [
                            ("AL-BULQIZE-ZERQAN", "PERSONS_WITH_DISABILITIES"),
                            ("AL-BULQIZE-TREBISHT", "ELDERLY"),
                            ("AL-BULQIZE-OSTREN", "ELDERLY"),
                        ],
                        [
                            (
                                "1.1.1.1",
                                "Ekip i lëvizshëm i kujdesit në shtëpi",
                                "A mobile home-care team",
                                "Drejtoria e Shërbimeve Sociale",
                                (2020, 2023),
                                "AL_COMMUNITY_HOME",
                                ["AL_PWD", "AL_ELDERLY"],
                                ["AL-BULQIZE-ZERQAN", "AL-BULQIZE-TREBISHT", "AL-BULQIZE-OSTREN"],
                                True,
                                True,
                                {
                                    **{
                                        (year, MUNICIPAL): Decimal(1200000)
                                        for year in range(2020, 2024)
                                    },
                                    **{
                                        (year, SOCIAL_FUND): Decimal(1800000)
                                        for year in range(2021, 2024)
                                    },
                                    (2020, DONOR): Decimal(2500000),
                                },
                            ),
                        ],
                    ),
                ],
            ),
            (
                "1.2",
                "Qendër ditore për të moshuarit në Bulqizë",
                "A day centre for elderly people in Bulqizë",
                [
                    (
                        "1.2.1",
                        "Hapja dhe funksionimi i qendrës ditore",
                        "Opening and running the day centre",
                        [("AL-BULQIZE-BULQIZE", "ELDERLY")],
                        [
                            (
                                "1.2.1.1",
                                "Rikonstruksioni i mjediseve të qendrës",
                                "Refurbishing the centre's rooms",
                                "Drejtoria e Planifikimit dhe Zhvillimit",
                                (2019, 2020),
                                None,
                                ["AL_ELDERLY"],
                                ["AL-BULQIZE-BULQIZE"],
                                False,
                                False,
                                {
                                    (2019, MUNICIPAL): Decimal(3500000),
                                    (2020, DONOR): Decimal(4000000),
                                },
                            ),
                            (
                                "1.2.1.2",
                                "Shërbimi ditor për 30 të moshuar",
                                "Day service for 30 elderly people",
                                "Drejtoria e Shërbimeve Sociale",
                                (2021, 2023),
                                "AL_COMMUNITY_DAY",
                                ["AL_ELDERLY"],
                                ["AL-BULQIZE-BULQIZE"],
                                True,
                                False,
                                {
                                    **{
                                        (year, MUNICIPAL): Decimal(2100000)
                                        for year in range(2021, 2024)
                                    },
                                    **{
                                        (year, SOCIAL_FUND): Decimal(900000)
                                        for year in range(2021, 2024)
                                    },
                                },
                            ),
                        ],
                    ),
                ],
            ),
        ],
    ),
    (
        "2",
        "Mbrojtja e fëmijëve dhe e viktimave të dhunës në familje",
        "Protection of children and of victims of domestic violence",
        [
            (
                "2.1",
                "Përgjigje e shpejtë ndaj dhunës në familje",
                "A quick response to domestic violence",
                [
                    (
                        "2.1.1",
                        "Strehim emergjent 72-orësh dhe referim",
                        "72-hour emergency shelter and referral",
                        [("AL-BULQIZE-FUSHE-BULQIZE", "VICTIMS_OF_VIOLENCE")],
                        [
                            (
                                "2.1.1.1",
                                "Funksionimi i strehimit emergjent 72-orësh",
                                "Running the 72-hour emergency shelter",
                                "Njësia e Vlerësimit të Nevojave dhe Referimit",
                                (2019, 2023),
                                "AL_COMMUNITY_EMERGENCY_72H",
                                ["AL_VICTIMS_VIOLENCE", "AL_CHILD_SPECIAL_PROTECTION"],
                                [],
                                True,
                                True,
                                {(year, MUNICIPAL): Decimal(1500000) for year in range(2019, 2024)},
                            ),
                            (
                                "2.1.1.2",
                                "Trajnimi i punonjësve për rastet e dhunës",
                                "Training staff for cases of violence",
                                "Njësia për Mbrojtjen e Fëmijës",
                                (2019, 2021),
                                None,
                                ["AL_VICTIMS_VIOLENCE"],
                                [],
                                False,
                                False,
                                {(year, DONOR): Decimal(600000) for year in range(2019, 2022)},
                            ),
                        ],
                    ),
                ],
            ),
        ],
    ),
]
# (objective or measure number, Albanian, English, unit, source, baseline, baseline year, targets)
PLAN_INDICATORS = [
    (
        "1",
        "Persona që marrin kujdes në shtëpi",
        "People receiving home care",
        "persona",
        "Drejtoria e Shërbimeve Sociale",
        Decimal(31),
        2018,
        {2020: Decimal(45), 2021: Decimal(60), 2022: Decimal(75), 2023: Decimal(90)},
    ),
    (
        "2.1.1",
        "Raste të dhunës në familje të strehuara brenda 24 orëve (%)",
        "Domestic-violence cases sheltered within 24 hours (%)",
        "%",
        "Njësia e Vlerësimit të Nevojave dhe Referimit",
        Decimal(40),
        2018,
        {year: Decimal(50 + 10 * (year - 2019)) for year in range(2019, 2024)},
    ),
]


def demo_plan_load(municipality: Area, counts: UpsertCounts) -> None:
    """Bulqizë's Social Plan 2019–2023 as a draft, with objectives, measures answering gaps of
    the assessment, costed activities and indicators (illustrative)."""
    if Plan.objects.filter(municipality=municipality, name_sq=PLAN_TITLE).exists():
        counts.unchanged += 1
        return
    plan = services.plan_save(
        actor=None,
        municipality=municipality,
        values={
            "name_sq": PLAN_TITLE,
            "name_en": "Social Plan of the Municipality of Bulqizë 2019–2023",
            "kind": Plan.Kind.SOCIAL_PLAN,
            "start_year": 2019,
            "end_year": 2023,
            "currency": "ALL",
            "vision_sq": "Një bashki ku çdo person në nevojë merr kujdes pranë shtëpisë.",
            "vision_en": "A municipality where everyone in need is cared for close to home.",
            "is_illustrative": True,
        },
    )
    areas = {area.code: area for area in Area.objects.subtree(municipality)}
    types = {kind.code: kind for kind in ServiceType.objects.filter(country="AL")}
    groups = {group.code: group for group in TargetGroup.objects.filter(country="AL")}
    owners: dict[str, Objective | Measure] = {}
    for position, (number, name_sq, name_en, specifics) in enumerate(PLAN_TREE):
        strategic = services.objective_save(
            actor=None,
            plan=plan,
            values={"number": number, "name_sq": name_sq, "name_en": name_en, "position": position},
        )
        owners[number] = strategic
        for number, name_sq, name_en, measures in specifics:
            specific = services.objective_save(
                actor=None,
                plan=plan,
                values={
                    "number": number,
                    "name_sq": name_sq,
                    "name_en": name_en,
                    "parent": strategic,
                },
            )
            for number, name_sq, name_en, gaps, activities in measures:
                measure = services.measure_save(
                    actor=None,
                    objective=specific,
                    values={"number": number, "name_sq": name_sq, "name_en": name_en},
                    gaps=[(areas[code], group) for code, group in gaps if code in areas],
                )
                owners[number] = measure
                for (
                    number, name_sq, name_en, responsible, (start, end), kind,
                    target_groups, units, new_service, ngo, costs,
                ) in activities:  # fmt: skip
                    services.activity_save(
                        actor=None,
                        measure=measure,
                        values={
                            "number": number,
                            "name_sq": name_sq,
                            "name_en": name_en,
                            "responsible": responsible,
                            "start_year": start,
                            "end_year": end,
                            "service_type": types.get(kind) if kind else None,
                            "creates_new_service": new_service,
                            "contracted_to_ngo": ngo,
                        },
                        partners=[],
                        target_groups=[groups[code] for code in target_groups if code in groups],
                        units=[areas[code] for code in units if code in areas],
                        costs=costs,
                    )
    for number, name_sq, name_en, unit, source, baseline, baseline_year, targets in PLAN_INDICATORS:
        owner = owners[number]
        services.indicator_save(
            actor=None,
            plan=plan,
            objective=owner if isinstance(owner, Objective) else None,
            measure=owner if isinstance(owner, Measure) else None,
            values={
                "name_sq": name_sq,
                "name_en": name_en,
                "unit": unit,
                "source": source,
                "baseline_value": baseline,
                "baseline_year": baseline_year,
            },
            targets=targets,
        )
    counts.created += 1
