"""The plan's content (Part B): the plan, its objectives, measures, activities and indicators."""

import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kujdes.accounts.models import User
from kujdes.audit.services import event_record
from kujdes.directory.models import CommonTargetGroup, FundingSource, Organization, TargetGroup
from kujdes.planning.models import (
    Activity,
    ActivityCost,
    Indicator,
    IndicatorTarget,
    Measure,
    MeasureGap,
    Objective,
    Plan,
)
from kujdes.planning.services.common import (
    AMOUNT_NEGATIVE,
    TARGET_GROUP_UNKNOWN,
    YEAR_OUT_OF_RANGE,
    InvalidInput,
    admin_unit_check,
    changes_apply,
    locked_bump,
)
from kujdes.territory.models import Area

# ── Part B: the plan ─────────────────────────────────────────────────────────────────────────

PLAN_FROZEN = _(
    "This plan has been submitted and can no longer be changed; changes after adoption make a "
    "new version."
)
PLAN_KIND_OF_COUNTRY = _("This kind of plan is not one this municipality's country adopts.")
PERIOD_BACKWARDS = _("The last year cannot come before the first.")
PERIOD_EXCLUDES_ENTRIES = _(
    "Activities, costs or targets of the plan fall outside this period; change them first."
)
NOT_A_MUNICIPALITY = _("Plans are made by a municipality.")
CURRENCY_OF_COSTS = _(
    "The plan's activities are costed in its currency; a new currency would change what every "
    "amount means. Change the currency before costing the activities."
)
NUMBER_TAKEN = _("Another objective of this plan has this number.")
PARENT_NOT_STRATEGIC = _("A specific objective belongs to a strategic objective of the same plan.")
PARENT_HAS_CHILDREN = _("This objective has specific objectives, so it stays strategic.")
MEASURE_NEEDS_SPECIFIC = _("Measures belong to a specific objective.")
OUTSIDE_PLAN_PERIOD = _("Give years within the plan's period.")
OUTSIDE_ACTIVITY_PERIOD = _("A cost falls in a year the activity does not run.")
TARGET_GROUP_OF_COUNTRY = _("Choose target groups from this country's list.")
SERVICE_TYPE_OF_COUNTRY = _("Choose a service type from this country's typology.")
SOURCE_UNKNOWN = _("Choose a funding source from the list.")
INDICATOR_OF_ONE = _("An indicator measures one objective or one measure of this plan.")

# The kinds of plan each country's law asks of its municipalities (DESIGN.md, country packs).
PLAN_KINDS = {
    "AL": {Plan.Kind.SOCIAL_PLAN},
    "XK": {Plan.Kind.MUNICIPAL_STRATEGY},
    "RS": {Plan.Kind.ACTION_PLAN},
}
NAMES = ("name_sq", "name_sr_latn", "name_en")
PLAN_FIELDS = (
    *NAMES,
    "kind",
    "start_year",
    "end_year",
    "currency",
    *(
        f"{text}_{suffix}"
        for text in ("vision", "mission", "principles")
        for suffix in ("sq", "sr_latn", "en")
    ),
    # Only the demo sets it; the forms leave it alone.
    "is_illustrative",
)


def editable_check(plan: Plan) -> None:
    """Refuse a change to a plan that is no longer a draft or in consultation. The plan's row
    is read again and locked until the change commits, so that a change and a step of the
    life cycle (submission) never cross."""
    status = Plan.objects.select_for_update().values_list("status", flat=True).get(pk=plan.pk)
    if status not in Plan.EDITABLE:
        raise InvalidInput(PLAN_FROZEN)


def plan_event(actor: User | None, verb: str, plan: Plan, key: Any, **payload: Any) -> None:
    event_record(
        actor=actor,
        verb=verb,
        target_type=verb.split(".", 1)[0],
        target_key=str(key),
        payload={"municipality": plan.municipality.code, "plan": str(plan.pk), **payload},
    )


def _years_check(start: int, end: int, within: range | None, field: str) -> None:
    if not (1990 <= start <= 2100 and 1990 <= end <= 2100):
        raise InvalidInput(YEAR_OUT_OF_RANGE, field)
    if end < start:
        raise InvalidInput(PERIOD_BACKWARDS, "end_year")
    if within is not None and (start not in within or end not in within):
        raise InvalidInput(OUTSIDE_PLAN_PERIOD, field)


@transaction.atomic
def plan_save(
    *,
    actor: User | None,
    municipality: Area,
    plan: Plan | None = None,
    expected_version: int | None = None,
    values: dict[str, Any],
    plan_id: uuid.UUID | None = None,
) -> Plan:
    """Start a plan of the municipality, or change its title, kind, period, currency, vision,
    mission and principles while it is a draft or in consultation."""
    given = {name: values[name] for name in PLAN_FIELDS if name in values}
    if municipality.level != Area.Level.MUNICIPALITY:
        raise InvalidInput(NOT_A_MUNICIPALITY)
    if plan is not None:
        if plan.municipality_id != municipality.pk:
            raise ValueError("The plan belongs to another municipality.")
        editable_check(plan)
    kind = given.get("kind", plan.kind if plan else "")
    if kind not in PLAN_KINDS.get(municipality.country_code, set()):
        raise InvalidInput(PLAN_KIND_OF_COUNTRY, "kind")
    start = given.get("start_year", plan.start_year if plan else 0)
    end = given.get("end_year", plan.end_year if plan else 0)
    _years_check(start, end, None, "start_year")
    if plan is None:
        plan_id = plan_id or uuid.uuid4()
        plan = Plan.objects.create(id=plan_id, lineage=plan_id, municipality=municipality, **given)
        verb, changed = "plan.created", list(given)
    else:
        # Costs lie within their activity's years, so the activities and targets suffice.
        outside = (
            Activity.objects.filter(measure__objective__plan=plan)
            .exclude(start_year__gte=start, end_year__lte=end)
            .exists()
            or IndicatorTarget.objects.filter(indicator__plan=plan)
            .exclude(year__gte=start, year__lte=end)
            .exists()
        )
        if outside:
            raise InvalidInput(PERIOD_EXCLUDES_ENTRIES, "start_year")
        costed = ActivityCost.objects.filter(activity__measure__objective__plan=plan).exists()
        if given.get("currency", plan.currency) != plan.currency and costed:
            raise InvalidInput(CURRENCY_OF_COSTS, "currency")
        changed = changes_apply(plan, given, expected_version)
        verb = "plan.updated"
    plan_event(actor, verb, plan, plan.pk, fields=changed, version=plan.version)
    return plan


@transaction.atomic
def objective_save(
    *,
    actor: User | None,
    plan: Plan,
    objective: Objective | None = None,
    expected_version: int | None = None,
    values: dict[str, Any],
) -> Objective:
    """Add or change a strategic objective (no `parent`) or a specific one (whose `parent` is
    a strategic objective of the same plan)."""
    editable_check(plan)
    given = {
        name: values[name] for name in (*NAMES, "number", "position", "parent") if name in values
    }
    parent = given.get("parent", objective.parent if objective else None)
    if parent is not None and (parent.plan_id != plan.pk or not parent.is_strategic):
        raise InvalidInput(PARENT_NOT_STRATEGIC, "parent")
    if objective is not None:
        if objective.plan_id != plan.pk:
            raise ValueError("The objective belongs to another plan.")
        if parent is not None and objective.children.exists():
            raise InvalidInput(PARENT_HAS_CHILDREN, "parent")
    number = given.get("number", objective.number if objective else "")
    taken = Objective.objects.filter(plan=plan, number=number)
    if objective is not None:
        taken = taken.exclude(pk=objective.pk)
    if taken.exists():
        raise InvalidInput(NUMBER_TAKEN, "number")
    if objective is None:
        objective = Objective.objects.create(plan=plan, **given)
        verb, changed = "objective.created", list(given)
    else:
        changed = changes_apply(objective, given, expected_version)
        verb = "objective.updated"
    plan_event(actor, verb, plan, objective.pk, number=objective.number, fields=changed)
    return objective


@transaction.atomic
def measure_save(
    *,
    actor: User | None,
    objective: Objective,
    measure: Measure | None = None,
    expected_version: int | None = None,
    values: dict[str, Any],
    gaps: Iterable[tuple[Area, str]],
) -> Measure:
    """Add or change a measure of a specific objective; `gaps` (administrative unit, common
    target group) replace the A8 gaps it answers, so an update names them all."""
    plan = objective.plan
    editable_check(plan)
    if objective.is_strategic:
        raise InvalidInput(MEASURE_NEEDS_SPECIFIC, "objective")
    wanted = set(gaps)
    for unit, group in wanted:
        admin_unit_check(unit, plan.municipality, "gaps")
        if group not in CommonTargetGroup.values:
            raise InvalidInput(TARGET_GROUP_UNKNOWN, "gaps")
    given = {name: values[name] for name in (*NAMES, "number", "position") if name in values}
    if measure is None:
        measure = Measure.objects.create(objective=objective, **given)
        verb, changed = "measure.created", list(given)
    else:
        if measure.objective.plan_id != plan.pk:
            raise ValueError("The measure belongs to another plan.")
        given["objective"] = objective
        changed = changes_apply(measure, given, expected_version)
        verb = "measure.updated"
    MeasureGap.objects.filter(measure=measure).delete()
    MeasureGap.objects.bulk_create(
        MeasureGap(measure=measure, unit=unit, target_group=group)
        for unit, group in sorted(wanted, key=lambda gap: (gap[0].code, gap[1]))
    )
    gap_keys = sorted(f"{unit.code}:{group}" for unit, group in wanted)
    plan_event(actor, verb, plan, measure.pk, fields=changed, gaps=gap_keys)
    return measure


ACTIVITY_FIELDS = (
    *NAMES,
    "number",
    "position",
    "responsible",
    "start_year",
    "end_year",
    "service_type",
    "creates_new_service",
    "contracted_to_ngo",
)


@transaction.atomic
def activity_save(
    *,
    actor: User | None,
    measure: Measure,
    activity: Activity | None = None,
    expected_version: int | None = None,
    values: dict[str, Any],
    partners: Iterable[Organization],
    target_groups: Iterable[TargetGroup],
    units: Iterable[Area],
    costs: dict[tuple[int, str], Decimal],
) -> Activity:
    """Add or change an activity. Its partners, target groups, units and `costs` ((year,
    funding source) → amount in the plan's currency) replace the ones it had, so an update
    names them all."""
    plan = measure.objective.plan
    editable_check(plan)
    given = {name: values[name] for name in ACTIVITY_FIELDS if name in values}
    start = given.get("start_year", activity.start_year if activity else 0)
    end = given.get("end_year", activity.end_year if activity else 0)
    _years_check(start, end, plan.years, "start_year")
    country = plan.municipality.country_code
    service_type = given.get("service_type", activity.service_type if activity else None)
    if service_type is not None and service_type.country != country:
        raise InvalidInput(SERVICE_TYPE_OF_COUNTRY, "service_type")
    groups, places = list(target_groups), list(units)
    if any(group.country != country for group in groups):
        raise InvalidInput(TARGET_GROUP_OF_COUNTRY, "target_groups")
    for unit in places:
        admin_unit_check(unit, plan.municipality, "units")
    for (year, source), amount in costs.items():
        if source not in FundingSource.values:
            raise InvalidInput(SOURCE_UNKNOWN, "costs")
        if year < start or year > end:
            raise InvalidInput(OUTSIDE_ACTIVITY_PERIOD, "costs")
        if amount < 0:
            raise InvalidInput(AMOUNT_NEGATIVE, "costs")
    if activity is None:
        activity = Activity.objects.create(measure=measure, **given)
        verb, changed = "activity.created", list(given)
    else:
        if activity.measure.objective.plan_id != plan.pk:
            raise ValueError("The activity belongs to another plan.")
        given["measure"] = measure
        changed = changes_apply(activity, given, expected_version)
        verb = "activity.updated"
    activity.partners.set(partners)
    activity.target_groups.set(groups)
    activity.units.set(places)
    ActivityCost.objects.filter(activity=activity).delete()
    ActivityCost.objects.bulk_create(
        ActivityCost(activity=activity, year=year, source=source, amount=amount)
        for (year, source), amount in sorted(costs.items())
        if amount
    )
    total = sum(costs.values(), Decimal(0))
    plan_event(
        actor, verb, plan, activity.pk, number=activity.number, fields=changed, total=str(total)
    )
    return activity


INDICATOR_FIELDS = (
    *NAMES,
    "unit",
    "source",
    "baseline_value",
    "baseline_year",
    "baseline_figure",
    "counted_service_type",
)


@transaction.atomic
def indicator_save(
    *,
    actor: User | None,
    plan: Plan,
    indicator: Indicator | None = None,
    expected_version: int | None = None,
    values: dict[str, Any],
    objective: Objective | None = None,
    measure: Measure | None = None,
    targets: dict[int, Decimal],
) -> Indicator:
    """Add or change an indicator of one objective or one measure of the plan; `targets`
    (year → value) replace its yearly targets."""
    editable_check(plan)
    owners = [owner for owner in (objective, measure) if owner is not None]
    plans = {
        objective.plan_id if objective else None,
        measure.objective.plan_id if measure else None,
    }
    if len(owners) != 1 or plan.pk not in plans:
        raise InvalidInput(INDICATOR_OF_ONE)
    if any(year not in plan.years for year in targets):
        raise InvalidInput(OUTSIDE_PLAN_PERIOD, "targets")
    given = {name: values[name] for name in INDICATOR_FIELDS if name in values}
    given["objective"], given["measure"] = objective, measure
    if indicator is None:
        indicator = Indicator.objects.create(plan=plan, **given)
        verb, changed = "indicator.created", list(given)
    else:
        if indicator.plan_id != plan.pk:
            raise ValueError("The indicator belongs to another plan.")
        changed = changes_apply(indicator, given, expected_version)
        verb = "indicator.updated"
    IndicatorTarget.objects.filter(indicator=indicator).delete()
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(indicator=indicator, year=year, value=value)
        for year, value in sorted(targets.items())
    )
    plan_event(
        actor,
        verb,
        plan,
        indicator.pk,
        fields=changed,
        targets={str(year): str(value) for year, value in sorted(targets.items())},
    )
    return indicator


def item_plan(item: Objective | Measure | Activity | Indicator) -> Plan:
    """The plan an item of it belongs to."""
    if isinstance(item, Objective | Indicator):
        return item.plan
    if isinstance(item, Measure):
        return item.objective.plan
    return item.measure.objective.plan


@transaction.atomic
def plan_item_delete(
    *,
    actor: User | None,
    item: Objective | Measure | Activity | Indicator,
    expected_version: int,
) -> None:
    """Remove an objective (with everything under it), a measure (with its activities and
    indicators), an activity or an indicator from a plan that can still change."""
    plan = item_plan(item)
    editable_check(plan)
    locked_bump(type(item), item.pk, expected_version)
    kind = type(item).__name__.lower()
    number, key = getattr(item, "number", ""), item.pk
    item.delete()
    plan_event(actor, f"{kind}.deleted", plan, key, number=number)
