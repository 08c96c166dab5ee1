"""Data for bench_social_plan: the demo data set (Bulqizë's real census figures, its
illustrative needs, services, structures and budget: a full Needs Assessment Report), and a
large plan of Bulqizë made through the planning services: 5 years, 6 strategic objectives of 2
specific objectives each, 24 measures answering gaps, 60 costed activities, 36 indicators with
a target every year, an advisory group of 12 with 6 meetings and their decisions, and 40
answered comments of the consultation. Fixed seed."""

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kujdes.directory.models import CommonTargetGroup, FundingSource, Organization, TargetGroup
from kujdes.planning import services
from kujdes.planning.models import AdvisoryMember, Comment, Measure, Objective, Plan
from kujdes.territory.management.commands.load_demo import demo_load_all
from kujdes.territory.models import Area

SEED = 20260301
MUNICIPALITY = "AL-BULQIZE"
YEARS = (2026, 2030)
STRATEGIC, SPECIFIC_EACH, MEASURES_EACH = 6, 2, 2
ACTIVITIES = 60
MEMBERS, MEETINGS, COMMENTS = 12, 6, 40
SOURCES: list[str] = [
    FundingSource.MUNICIPAL_BUDGET,
    FundingSource.SOCIAL_FUND,
    FundingSource.DONOR,
]

THEMES = [
    "kujdesi në shtëpi për të moshuarit që jetojnë vetëm",
    "shërbimet ditore për fëmijët me aftësi të kufizuara",
    "mbrojtja e grave dhe vajzave nga dhuna në familje",
    "përfshirja e familjeve rome dhe egjiptiane në shërbime",
    "mbështetja e familjeve që marrin ndihmë ekonomike",
    "strehimi emergjent dhe kujdesi alternativ për fëmijët",
]
ACTIONS = [
    "Ngritja e ekipit shumëdisiplinor për",
    "Trajnimi i punonjësve socialë për",
    "Kontraktimi i një OJF-je të licencuar për",
    "Fushata informuese në njësitë administrative për",
    "Hartimi i protokollit të referimit për",
    "Pajisja e qendrës me mjete dhe transport për",
]
RESPONSIBLE = [
    "Drejtoria e Shërbimeve Sociale",
    "Njësia e Vlerësimit të Nevojave dhe Referimit",
    "Njësia për Mbrojtjen e Fëmijës",
    "Qendra Komunitare Bulqizë",
]


def _plan_create(random_numbers: random.Random, municipality: Area) -> Plan:
    first, last = YEARS
    plan = services.plan_save(
        actor=None,
        municipality=municipality,
        values={
            "name_sq": f"Plani Social i Bashkisë Bulqizë {first}–{last}",
            "name_en": f"Social Plan of the Municipality of Bulqizë {first}–{last}",
            "kind": Plan.Kind.SOCIAL_PLAN,
            "start_year": first,
            "end_year": last,
            "currency": "ALL",
            "vision_sq": "Një bashki ku çdo person në nevojë merr kujdes pranë shtëpisë.",
            "mission_sq": "\n".join(f"Të përmirësojmë {theme}." for theme in THEMES),
            "principles_sq": "Dinjiteti, barazia, pjesëmarrja, llogaridhënia.",
            "is_illustrative": True,
        },
    )
    units = list(Area.objects.filter(parent=municipality).order_by("code"))
    groups = list(TargetGroup.objects.filter(country="AL").order_by("code"))
    partners = list(Organization.objects.filter(area=municipality).order_by("pk"))
    per_measure = [3] * (ACTIVITIES - 2 * STRATEGIC * SPECIFIC_EACH * MEASURES_EACH)
    per_measure += [2] * (STRATEGIC * SPECIFIC_EACH * MEASURES_EACH - len(per_measure))
    owners: list[Objective | Measure] = []
    measure_index = 0
    for s in range(1, STRATEGIC + 1):
        theme = THEMES[s - 1]
        strategic = services.objective_save(
            actor=None,
            plan=plan,
            values={"number": str(s), "name_sq": f"Përmirësimi i {theme}", "position": s},
        )
        for p in range(1, SPECIFIC_EACH + 1):
            specific = services.objective_save(
                actor=None,
                plan=plan,
                values={
                    "number": f"{s}.{p}",
                    "name_sq": f"Rritja e mbulimit me shërbime për {theme}, faza {p}",
                    "parent": strategic,
                },
            )
            owners.append(specific)
            for m in range(1, MEASURES_EACH + 1):
                number = f"{s}.{p}.{m}"
                gaps = [
                    (unit, random_numbers.choice(CommonTargetGroup.values))
                    for unit in random_numbers.sample(units, min(2, len(units)))
                ]
                measure = services.measure_save(
                    actor=None,
                    objective=specific,
                    values={"number": number, "name_sq": f"Masa {number}: {theme}"},
                    gaps=gaps,
                )
                owners.append(measure)
                for a in range(1, per_measure[measure_index] + 1):
                    choices = (units, groups, partners)
                    _activity_create(random_numbers, measure, f"{number}.{a}", theme, choices)
                measure_index += 1
    for owner in owners:
        baseline = Decimal(random_numbers.randint(5, 200))
        services.indicator_save(
            actor=None,
            plan=plan,
            objective=owner if isinstance(owner, Objective) else None,
            measure=owner if isinstance(owner, Measure) else None,
            values={
                "name_sq": f"Persona të shërbyer nga {owner.number}",
                "unit": "persona",
                "source": "Regjistri i shërbimeve sociale të bashkisë",
                "baseline_value": baseline,
                "baseline_year": first - 1,
            },
            targets={year: baseline + 10 * (year - first + 1) for year in range(first, last + 1)},
        )
    _participation_create(random_numbers, plan, owners)
    return plan


def _activity_create(
    random_numbers: random.Random,
    measure: Measure,
    number: str,
    theme: str,
    choices: tuple[list[Area], list[TargetGroup], list[Organization]],
) -> None:
    units, groups, partners = choices
    first, last = YEARS
    start = random_numbers.randint(first, last - 1)
    end = random_numbers.randint(start, last)
    sources = random_numbers.sample(SOURCES, random_numbers.choice([1, 1, 2]))
    costs = {
        (year, source): Decimal(random_numbers.randrange(200_000, 3_000_000, 1_000))
        for year in range(start, end + 1)
        for source in sources
    }
    services.activity_save(
        actor=None,
        measure=measure,
        values={
            "number": number,
            "name_sq": f"{random_numbers.choice(ACTIONS)} {theme}",
            "responsible": random_numbers.choice(RESPONSIBLE),
            "start_year": start,
            "end_year": end,
            "creates_new_service": random_numbers.random() < 0.3,
            "contracted_to_ngo": random_numbers.random() < 0.2,
        },
        partners=random_numbers.sample(partners, min(len(partners), random_numbers.randint(0, 2))),
        target_groups=random_numbers.sample(groups, random_numbers.randint(1, 3)),
        units=random_numbers.sample(units, random_numbers.randint(0, min(3, len(units)))),
        costs=costs,
    )


def _participation_create(
    random_numbers: random.Random, plan: Plan, owners: list[Objective | Measure]
) -> None:
    sectors = AdvisoryMember.Sector.values
    members = [
        services.advisory_member_save(
            actor=None,
            municipality=plan.municipality,
            values={
                "name": f"Anëtar {index:02}",
                "organization": f"Organizata {index:02}",
                "sector": sectors[index % len(sectors)],
                "is_illustrative": True,
            },
        )
        for index in range(1, MEMBERS + 1)
    ]
    for index in range(MEETINGS):
        meeting = services.meeting_save(
            actor=None,
            plan=plan,
            values={
                "held_on": date(YEARS[0] - 1, 3, 1) + timedelta(days=30 * index),
                "place": "Salla e Këshillit Bashkiak, Bulqizë",
                "agenda": "1. Objektivat dhe masat\n2. Plani i veprimit\n3. Buxheti",
            },
            attendees=random_numbers.sample(members, random_numbers.randint(6, MEMBERS)),
        )
        for _decision in range(2):
            items = random_numbers.sample(owners, 3)
            services.decision_save(
                actor=None,
                meeting=meeting,
                text="Grupi miratoi ndryshimet e propozuara në masat dhe aktivitetet.",
                objectives=[item for item in items if isinstance(item, Objective)],
                measures=[item for item in items if isinstance(item, Measure)],
            )
    # The consultation's record as stored once it is over (the comment form is benchmarked
    # elsewhere): a third from organizations, the rest from citizens, all answered.
    answers = Comment.Answer.values
    Comment.objects.bulk_create(
        Comment(
            plan=plan,
            about=f"Masa {random_numbers.choice(owners).number}",
            text="Propozoj që shërbimi të shtrihet edhe në fshatrat e largëta të njësisë.",
            author_name=f"Qytetar {index}",
            organization="Shoqata Zemra" if index % 3 == 0 else "",
            sender_key=f"bench-{index}",
            answer=answers[index % len(answers)],
            reason="" if index % 3 == 0 else "Përfshihet pjesërisht në masën e ardhshme.",
            answered_at=timezone.now(),
        )
        for index in range(COMMENTS)
    )


def social_plan_data_create() -> dict[str, Any]:
    """The demo data set and the benchmark's plan; the plan and the sizes."""
    demo_load_all()
    municipality = Area.objects.get(code=MUNICIPALITY)
    plan = _plan_create(random.Random(SEED), municipality)
    return {"plan": plan, "units": municipality.children.count()}
