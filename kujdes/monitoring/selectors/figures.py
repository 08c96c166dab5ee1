"""What Kujdes's own data says an indicator measured in a year: the statistics' figure its
baseline was taken from, or the people its municipality's services of a type served."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from kujdes.directory.models import BeneficiaryCount, Service
from kujdes.lib.suppression import PublicValue, suppress
from kujdes.planning.models import Indicator, Plan
from kujdes.territory.models import AgeBand, Observation, Sex, Variable


@dataclass(frozen=True)
class IndicatorFigure:
    value: Decimal
    source: str


def indicator_figures(plan: Plan, year: int) -> dict[uuid.UUID, IndicatorFigure]:
    """Indicator → its figure for `year`, where Kujdes holds one; three queries at most."""
    indicators = list(
        plan.indicators.exclude(baseline_figure="", counted_service_type=None).values_list(
            "pk", "baseline_figure", "counted_service_type_id"
        )
    )
    codes = {code for _pk, code, _type in indicators if code}
    # Per variable, the municipality's total: a real source before an illustrative one, final
    # before provisional, as the needs assessment chooses.
    observed: dict[str, IndicatorFigure] = {}
    for code, value, source in (
        Observation.objects.totals()
        .filter(area_id=plan.municipality_id, year=year, variable__code__in=codes)
        .order_by("variable__code", "source__is_illustrative", "provisional", "source__code")
        .values_list("variable__code", "value", "source__name")
    ):
        observed.setdefault(code, IndicatorFigure(value, source))
    types = {type_id for _pk, code, type_id in indicators if type_id and not code}
    served = {
        type_id: IndicatorFigure(Decimal(total), str(_("Kujdes directory: people served")))
        for type_id, total in BeneficiaryCount.objects.filter(
            service__service_type_id__in=types,
            service__area__path__startswith=plan.municipality.path,
            year=year,
            sex=Sex.TOTAL,
            age_band__code=AgeBand.TOTAL,
        )
        .exclude(service__status__in=[Service.Status.INACTIVE, Service.Status.DEFUNCT])
        .values("service__service_type_id")
        .annotate(total=Sum("count"))
        .values_list("service__service_type_id", "total")
    }
    figures: dict[uuid.UUID, IndicatorFigure] = {}
    for pk, code, type_id in indicators:
        figure = observed.get(code) if code else served.get(type_id)
        if figure is not None:
            figures[pk] = figure
    return figures


def indicators_counting_people(indicators: Iterable[Indicator]) -> set[uuid.UUID]:
    """The indicators whose values count people in a way that may point at someone: taken
    from a sensitive statistic, or the people a type of service served. Their values leave
    Kujdes (public page, report, IATI) only through `actual_public`. One query."""
    sensitive = set(Variable.objects.filter(is_sensitive=True).values_list("code", flat=True))
    return {
        indicator.pk
        for indicator in indicators
        if indicator.counted_service_type_id is not None or indicator.baseline_figure in sensitive
    }


def actual_public(value: Decimal, counts_people: bool) -> PublicValue:
    """An indicator's value as it may be published."""
    return suppress(value) if counts_people else PublicValue(value)
