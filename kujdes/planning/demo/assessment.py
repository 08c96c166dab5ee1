"""The demo's A6 and A7 for Bulqizë: structures, staff and three years of budget.

No public source gives them per administrative unit, so they are illustrative, marked so on
every page and in every document. The shape follows Law 121/2016 (a social services
directorate, a child protection unit, a needs-assessment and referral unit, social workers in
the administrative units) and the COFOG-10 programmes of Albanian municipal budgets.
"""

from decimal import Decimal

from kujdes.planning import services
from kujdes.planning.models import BudgetYear, Programme, Structure
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


def assessment_load(municipality: Area, counts: dict[str, UpsertCounts]) -> None:
    """Create Bulqizë's structures and budget years where missing; leave what a planner has
    changed."""
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
