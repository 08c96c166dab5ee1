"""Who may read and edit a municipality's needs assessment, and the lookups that check it.

The assessment shows only published (suppressed) figures, but it is the planners' working
draft: it is read by the people who hold a role over the municipality, or over an area above
it (national viewers), and edited by its planners and administrators.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kujdes.accounts.models import Role, User
from kujdes.accounts.selectors import areas_for_user, memberships_of
from kujdes.directory.models import CommonTargetGroup, FundingSource
from kujdes.lib.charts import number
from kujdes.planning.assessment.compute import Gap
from kujdes.planning.models import (
    Activity,
    ActivityCost,
    BudgetYear,
    Indicator,
    Measure,
    MeasureGap,
    Objective,
    Plan,
    Structure,
)
from kujdes.territory.models import Area, AreaQuerySet

PlanItem = TypeVar("PlanItem", Objective, Measure, Activity, Indicator)

READING_ROLES = (
    Role.PLANNER,
    Role.CASE_WORKER,
    Role.SUPERVISOR,
    Role.PROVIDER_STAFF,
    Role.ADVISORY_MEMBER,
    Role.NATIONAL_VIEWER,
    Role.ADMINISTRATOR,
)
EDITING_ROLES = (Role.PLANNER, Role.ADMINISTRATOR)


def municipalities_for_reader(user: User) -> AreaQuerySet:
    """The municipalities the user may read the assessment of."""
    paths = [m.area.path for m in memberships_of(user) if m.role in READING_ROLES]
    if not paths:
        return Area.objects.none()
    within = areas_for_user(user, READING_ROLES).filter(level=Area.Level.MUNICIPALITY)
    # A role held over an administrative unit reads its municipality's assessment.
    above = Area.objects.filter(
        level=Area.Level.MUNICIPALITY,
        path__in=[path for p in paths for path in Area(path=p).ancestor_paths()],
    )
    return (within | above).distinct().order_by("name_folded")


def municipality_get_for_reader(user: User, code: str) -> Area:
    municipality = municipalities_for_reader(user).filter(code=code).first()
    if municipality is None:
        raise Http404
    return municipality


def can_edit_assessment(user: User, municipality: Area) -> bool:
    return any(
        membership.role in EDITING_ROLES and municipality.is_within(membership.area)
        for membership in memberships_of(user)
    )


def municipality_get_for_editor(user: User, code: str) -> Area:
    """The municipality if the user may edit its assessment; 404 otherwise (also for readers,
    who cannot tell an existing municipality from a missing one by editing)."""
    municipality = municipality_get_for_reader(user, code)
    if not can_edit_assessment(user, municipality):
        raise Http404
    return municipality


def structure_get_for_editor(user: User, municipality: Area, structure_id: uuid.UUID) -> Structure:
    structure = Structure.objects.filter(pk=structure_id, municipality=municipality).first()
    if structure is None or not can_edit_assessment(user, municipality):
        raise Http404
    return structure


def budget_year_get_for_editor(
    user: User, municipality: Area, budget_year_id: uuid.UUID
) -> BudgetYear:
    budget = BudgetYear.objects.filter(pk=budget_year_id, municipality=municipality).first()
    if budget is None or not can_edit_assessment(user, municipality):
        raise Http404
    return budget


# ── Part B: the plan's budget ────────────────────────────────────────────────────────────────

CENT = Decimal("0.01")
# The key of costs whose activity names no target group.
NO_TARGET_GROUP = ""


@dataclass
class PlanBudget:
    """The plan's costs summed every way the plan document shows them. Each breakdown adds up
    to `total`: an activity for several target groups is shared evenly among them, to the
    cent, the leftover cents going to the groups first in code order."""

    years: list[int]
    total: Decimal
    by_year: dict[int, Decimal]
    # funding source → year → amount
    by_source: dict[str, dict[int, Decimal]]
    # strategic objective → year → amount, in the plan's order
    by_objective: list[tuple[Objective, dict[int, Decimal]]]
    # common target-group code (NO_TARGET_GROUP for none) → amount
    by_target_group: dict[str, Decimal]

    def year_totals(self) -> list[Decimal]:
        return [self.by_year[year] for year in self.years]

    def source_rows(self) -> list[tuple[str, list[Decimal], Decimal]]:
        """(source's name, amount per year, total) for the table of the plan page."""
        return [
            (
                str(FundingSource(source).label),
                [amounts[y] for y in self.years],
                sum(amounts.values(), Decimal(0)),
            )
            for source, amounts in self.by_source.items()
        ]

    def objective_rows(self) -> list[tuple[Objective, list[Decimal], Decimal]]:
        return [
            (objective, [amounts[y] for y in self.years], sum(amounts.values(), Decimal(0)))
            for objective, amounts in self.by_objective
        ]

    def target_group_rows(self) -> list[tuple[str, Decimal]]:
        return [
            (str(CommonTargetGroup(code).label) if code else "", amount)
            for code, amount in self.by_target_group.items()
        ]


def _shares(amount: Decimal, keys: list[str]) -> dict[str, Decimal]:
    """`amount` split evenly among `keys` (sorted), to the cent, adding up exactly."""
    if not keys:
        return {NO_TARGET_GROUP: amount}
    cents = int((amount / CENT).to_integral_value())
    each, left = divmod(cents, len(keys))
    return {key: (each + (index < left)) * CENT for index, key in enumerate(sorted(keys))}


def plan_budget(plan: Plan) -> PlanBudget:
    """Three queries whatever the plan's size."""
    costs = list(
        ActivityCost.objects.filter(activity__measure__objective__plan=plan).values_list(
            "activity_id",
            "year",
            "source",
            "amount",
            "activity__measure__objective__parent_id",
            "activity__measure__objective_id",
        )
    )
    groups: dict[uuid.UUID, set[str]] = defaultdict(set)
    for activity_id, common_code in Activity.target_groups.through.objects.filter(
        activity__measure__objective__plan=plan
    ).values_list("activity_id", "targetgroup__common_code"):
        groups[activity_id].add(common_code)
    objectives = {objective.pk: objective for objective in plan.objectives.all()}
    years = list(plan.years)
    by_year = dict.fromkeys(years, Decimal(0))
    by_source: dict[str, dict[int, Decimal]] = {}
    by_objective = {
        pk: dict.fromkeys(years, Decimal(0))
        for pk, objective in objectives.items()
        if objective.is_strategic
    }
    per_activity: dict[uuid.UUID, Decimal] = defaultdict(Decimal)
    for activity_id, year, source, amount, parent_id, objective_id in costs:
        by_year[year] += amount
        by_source.setdefault(source, dict.fromkeys(years, Decimal(0)))[year] += amount
        by_objective[parent_id or objective_id][year] += amount
        per_activity[activity_id] += amount
    by_target_group: dict[str, Decimal] = defaultdict(Decimal)
    for activity_id, amount in per_activity.items():
        for key, share in _shares(amount, list(groups[activity_id])).items():
            by_target_group[key] += share
    return PlanBudget(
        years=years,
        total=sum(by_year.values(), Decimal(0)),
        by_year=by_year,
        by_source={source: by_source[source] for source in sorted(by_source)},
        by_objective=[(objectives[pk], amounts) for pk, amounts in by_objective.items()],
        by_target_group=dict(sorted(by_target_group.items())),
    )


def plans_of(municipality: Area) -> list[Plan]:
    return list(Plan.objects.filter(municipality=municipality))


def plan_get_for_reader(user: User, code: str, plan_id: uuid.UUID) -> Plan:
    """A plan of a municipality whose assessment the user may read; 404 otherwise."""
    municipality = municipality_get_for_reader(user, code)
    plan = Plan.objects.filter(pk=plan_id, municipality=municipality).first()
    if plan is None:
        raise Http404
    plan.municipality = municipality
    return plan


@dataclass
class PlanTree:
    """The plan's strategic objectives, each with its specific objectives, their measures and
    activities (costs prefetched), and the plan's indicators with their targets."""

    strategic: list[Objective]
    indicators: list[Indicator]

    def activity_lines(self) -> Iterator[tuple[Objective, Measure, Activity]]:
        """Each activity with its specific objective and measure, in the plan's order (the
        action plan's rows)."""
        for strategic in self.strategic:
            for specific in strategic.children.all():
                for measure in specific.measures.all():
                    for activity in measure.activities.all():
                        yield specific, measure, activity


def plan_tree(plan: Plan) -> PlanTree:
    """A fixed number of queries (one per level and list), whatever the plan's size."""
    activities = Activity.objects.prefetch_related(
        "costs", "target_groups", "units", "partners"
    ).select_related("service_type")
    measures = Measure.objects.prefetch_related(
        Prefetch("activities", queryset=activities), "gaps__unit"
    )
    objectives = list(
        plan.objectives.filter(parent=None).prefetch_related(
            Prefetch(
                "children",
                queryset=Objective.objects.prefetch_related(
                    Prefetch("measures", queryset=measures)
                ),
            )
        )
    )
    indicators = list(
        plan.indicators.select_related("objective", "measure").prefetch_related("targets")
    )
    return PlanTree(strategic=objectives, indicators=indicators)


def gaps_unanswered(plan: Plan, gaps: list[Gap]) -> list[Gap]:
    """The ranked A8 gaps that no measure of the plan answers, in rank order."""
    answered = set(
        MeasureGap.objects.filter(measure__objective__plan=plan).values_list(
            "unit_id", "target_group"
        )
    )
    return [gap for gap in gaps if (gap.unit.pk, gap.need.group.target_group) not in answered]


def plan_get_for_editor(user: User, code: str, plan_id: uuid.UUID) -> Plan:
    """A plan of a municipality the user may edit; 404 otherwise, readers included."""
    plan = plan_get_for_reader(user, code, plan_id)
    if not can_edit_assessment(user, plan.municipality):
        raise Http404
    return plan


def plan_item_get(plan: Plan, model: type[PlanItem], item_id: uuid.UUID) -> PlanItem:
    """An objective, measure, activity or indicator of the plan; 404 for any other."""
    within = {
        Objective: "plan",
        Indicator: "plan",
        Measure: "objective__plan",
        Activity: "measure__objective__plan",
    }[model]
    item = model._default_manager.filter(pk=item_id, **{within: plan}).first()
    if item is None:
        raise Http404
    return item


def plan_versions(plan: Plan) -> list[Plan]:
    """Every version of the plan, the first first."""
    return list(Plan.objects.filter(lineage=plan.lineage).order_by("revision"))


@dataclass
class ComparedRow:
    """One item of two versions of a plan, as each describes it ("" where it is missing)."""

    kind: str
    key: str
    earlier: str
    later: str

    @property
    def changed(self) -> bool:
        return self.earlier != self.later

    @property
    def label(self) -> str:
        if self.kind == "plan":
            return str(COMPARED_PLAN_TEXTS[self.key])
        return f"{COMPARED_KINDS[self.kind]} {self.key}"


COMPARED_KINDS = {
    "objective": _("Objective"),
    "measure": _("Measure"),
    "activity": _("Activity"),
    "indicator": _("Indicator"),
}
COMPARED_PLAN_TEXTS = {
    "title": _("Title"),
    "period": _("Period"),
    "vision": _("Vision"),
    "mission": _("Mission"),
    "principles": _("Values and principles"),
}


def _described(plan: Plan) -> dict[tuple[str, str], str]:
    """Every item of the plan as (kind, key) → a line describing it, in the active language."""
    tree = plan_tree(plan)
    items: dict[tuple[str, str], str] = {
        ("plan", "title"): plan.name,
        ("plan", "period"): f"{plan.start_year}–{plan.end_year}",
        ("plan", "vision"): plan.vision,
        ("plan", "mission"): plan.mission,
        ("plan", "principles"): plan.principles,
    }
    for strategic in tree.strategic:
        items[("objective", strategic.number)] = strategic.name
        for specific in strategic.children.all():
            items[("objective", specific.number)] = specific.name
            for measure in specific.measures.all():
                gaps = "; ".join(
                    sorted(
                        f"{gap.unit.name} – {CommonTargetGroup(gap.target_group).label}"
                        for gap in measure.gaps.all()
                    )
                )
                items[("measure", measure.number)] = f"{measure.name} [{gaps}]"
                for activity in measure.activities.all():
                    costs = "; ".join(
                        f"{cost.year} {FundingSource(cost.source).label}: {number(cost.amount)}"
                        for cost in activity.costs.all()
                    )
                    items[("activity", activity.number)] = (
                        f"{activity.name} · {activity.responsible} · "
                        f"{activity.start_year}–{activity.end_year} · {costs}"
                    )
    for indicator in tree.indicators:
        owner = indicator.objective or indicator.measure
        targets = "; ".join(f"{t.year}: {number(t.value)}" for t in indicator.targets.all())
        baseline = (
            f"{number(indicator.baseline_value)} ({indicator.baseline_year or '–'})"
            if indicator.baseline_value is not None
            else "–"
        )
        items[("indicator", f"{owner.number if owner else ''} {indicator.name}")] = (
            f"{indicator.unit} · {baseline} · {targets}"
        )
    return items


def plan_comparison(earlier: Plan, later: Plan) -> list[ComparedRow]:
    """The items of two versions side by side, in the later version's order, then the items
    only the earlier one has."""
    before, after = _described(earlier), _described(later)
    keys = list(after) + [key for key in before if key not in after]
    return [
        ComparedRow(kind, key, before.get((kind, key), ""), after.get((kind, key), ""))
        for kind, key in keys
    ]


@dataclass
class BudgetComparison:
    """The plan's cost per year beside the municipality's social-care budget (A7) in the
    plan's currency: of the same year where one is recorded, and the latest recorded one."""

    # (year, the plan's cost, the social-care budget of that year or None, cost as % of it)
    rows: list[tuple[int, Decimal, Decimal | None, Decimal | None]]
    # (year, social-care budget) of the latest budget year recorded, or None
    latest: tuple[int, Decimal] | None
    # The plan's yearly average cost as a % of the latest budget
    average_share: Decimal | None


def _percent(part: Decimal, whole: Decimal | None) -> Decimal | None:
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"))


def social_care_by_year(municipality: Area, currency: str) -> dict[int, Decimal]:
    """The municipality's social-care budget (A7) per year, in one currency."""
    return {
        year.year: sum((line.amount for line in year.lines.all()), Decimal(0))
        for year in BudgetYear.objects.filter(
            municipality=municipality, currency=currency
        ).prefetch_related("lines")
    }


def plan_cost_against_budget(plan: Plan, budget: PlanBudget) -> BudgetComparison:
    """For an adopted plan, the budget as it stood at adoption."""
    if plan.social_care_frozen is not None:
        social_care = {
            int(year): Decimal(amount) for year, amount in plan.social_care_frozen.items()
        }
    else:
        social_care = social_care_by_year(plan.municipality, plan.currency)
    rows = [
        (
            year,
            budget.by_year[year],
            social_care.get(year),
            _percent(budget.by_year[year], social_care.get(year)),
        )
        for year in budget.years
    ]
    latest = max(social_care.items()) if social_care else None
    average = budget.total / len(budget.years) if budget.years else Decimal(0)
    return BudgetComparison(rows, latest, _percent(average, latest[1]) if latest else None)


# ── The public side ──────────────────────────────────────────────────────────────────────────


def plans_published() -> QuerySet[Plan]:
    """What anyone may read: adopted plans and their way there, and drafts in consultation
    from the day it opens (Plan.is_public, as a query)."""
    not_yet = Q(status=Plan.Status.CONSULTATION) & (
        Q(consultation_opens__isnull=True) | Q(consultation_opens__gt=timezone.localdate())
    )
    return (
        Plan.objects.filter(status__in=Plan.PUBLIC).exclude(not_yet).select_related("municipality")
    )


def plan_get_published(code: str, plan_id: uuid.UUID) -> Plan:
    plan = plans_published().filter(pk=plan_id, municipality__code=code).first()
    if plan is None:
        raise Http404
    return plan


def municipality_get_published(code: str) -> Area:
    """Any municipality: its page says so when it has published nothing."""
    municipality = Area.objects.filter(code=code, level=Area.Level.MUNICIPALITY).first()
    if municipality is None:
        raise Http404
    return municipality
