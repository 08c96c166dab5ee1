"""What anyone may read of a plan's delivery: its published reviews, the projects that
implement it with their funders, and the indicators' actual values against their targets,
with every count of people that could point at someone suppressed."""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Subquery, Sum

from kujdes.lib.charts import whole
from kujdes.lib.suppression import PublicValue, suppress
from kujdes.monitoring.models import IndicatorActual, Project, ProjectFunding, ProjectReach, Review
from kujdes.monitoring.selectors.access import reviews_published
from kujdes.monitoring.selectors.figures import actual_public, indicators_counting_people
from kujdes.monitoring.selectors.rollup import (
    RollUp,
    SheetRow,
    progress_sheet,
    review_rollup,
)
from kujdes.planning.models import Indicator, Plan
from kujdes.planning.selectors import PlanTree, plan_tree


@dataclass
class IndicatorCourse:
    """An indicator's target and published actual value for each year of the plan."""

    indicator: Indicator
    targets: dict[int, Decimal | None]
    actuals: dict[int, PublicValue]

    @property
    def target_series(self) -> list[Decimal | int | None]:
        """The targets of the plan's years, as a chart draws them."""
        return [whole(value) for value in self.targets.values()]

    @property
    def actual_series(self) -> list[Decimal | int | None]:
        """The published actuals of the plan's years (None where hidden or not measured)."""
        return [
            whole(self.actuals[year].value) if year in self.actuals else None
            for year in self.targets
        ]


@dataclass
class PublicProject:
    project: Project
    reached: PublicValue


@dataclass
class PublicProgress:
    reviews: list[Review]
    review: Review | None
    rollup: RollUp | None
    sheet: list[SheetRow]
    indicators: list[IndicatorCourse]
    projects: list[PublicProject] = field(default_factory=list)


def plan_progress(plan: Plan, year: int | None = None) -> PublicProgress:
    """The plan's progress at its published review of `year` (the latest when None); a fixed
    number of queries. Raises Review.DoesNotExist for a year not published."""
    reviews = list(reviews_published(plan))
    review = None
    if year is not None:
        review = next((r for r in reviews if r.year == year), None)
        if review is None:
            raise Review.DoesNotExist
    elif reviews:
        review = reviews[0]
    tree: PlanTree = plan_tree(plan)
    rollup = review_rollup(review) if review is not None else None
    sheet: list[SheetRow] = []
    if review is not None and rollup is not None:
        notes = dict(review.progress.values_list("activity_id", "note"))
        sheet = progress_sheet(tree, rollup, notes, review.year)
    counting = indicators_counting_people(tree.indicators)
    published = {r.pk: r.year for r in reviews}
    actuals: dict[uuid.UUID, dict[int, Decimal]] = {}
    for indicator_id, review_id, value in IndicatorActual.objects.filter(
        review_id__in=published
    ).values_list("indicator_id", "review_id", "value"):
        actuals.setdefault(indicator_id, {})[published[review_id]] = value
    courses = []
    for indicator in tree.indicators:
        targets = {t.year: t.value for t in indicator.targets.all()}
        courses.append(
            IndicatorCourse(
                indicator,
                {year_: targets.get(year_) for year_ in plan.years},
                {
                    year_: actual_public(value, indicator.pk in counting)
                    for year_, value in actuals.get(indicator.pk, {}).items()
                },
            )
        )
    projects = (
        Project.objects.filter(activities__measure__objective__plan=plan)
        .distinct()
        .select_related("implementer")
        .prefetch_related(
            Prefetch("funding", queryset=ProjectFunding.objects.select_related("funder"))
        )
        # A subquery: summed over the join with the activities, a project that implements
        # two of them would count its people twice.
        .annotate(
            reached=Subquery(
                ProjectReach.objects.filter(project=OuterRef("pk"))
                .values("project")
                .annotate(total=Sum("people"))
                .values("total")
            )
        )
    )
    return PublicProgress(
        reviews=reviews,
        review=review,
        rollup=rollup,
        sheet=sheet,
        indicators=courses,
        projects=[PublicProject(p, suppress(p.reached)) for p in projects],
    )
