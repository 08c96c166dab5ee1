"""Figures, marks and charts for the area pages: the template side of selectors.AreaProfile and
selectors.AreaComparison. The charts themselves are pure functions in kujdes.lib.charts."""

from decimal import Decimal
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kujdes.lib import charts
from kujdes.territory.selectors import Comparison, Figure, PopulationTrend, Pyramid

register = template.Library()


@register.filter
def number(value: Decimal | int | None) -> str:
    return "—" if value is None else charts.number(value)


@register.filter
def signed_number(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + charts.number(value)


@register.filter
def percent(value: Decimal | None, signed: bool = False) -> str:
    if value is None:
        return "—"
    return ("+" if signed and value > 0 else "") + charts.number(value, decimals=1) + " %"


def _marks(figure: Figure) -> str:
    return " ".join(
        mark for mark, on in (("p", figure.provisional), ("◇", figure.illustrative)) if on
    )


@register.simple_tag
def figure(figure: Figure | None, source: bool = False) -> SafeString:
    """The value in the active locale, or what a suppressed value shows, then its marks."""
    if figure is None:
        return SafeString("—")
    if figure.value is None:
        shown = format_html(
            '<abbr title="{}">{}</abbr>',
            _("a small count, hidden to protect the people counted"),
            figure.shown_as,
        )
    else:
        shown = format_html("{}", charts.number(figure.value))
    if figure.provisional:
        shown = format_html(
            '{} <abbr class="mark" title="{}">p</abbr>', shown, _("provisional figure")
        )
    if figure.illustrative:
        shown = format_html(
            '{} <abbr class="mark" title="{}">◇</abbr>', shown, _("illustrative figure")
        )
    if source:
        shown = format_html('{} <span class="source">({})</span>', shown, figure.source.name)
    return shown


@register.simple_tag
def trend_chart(trend: PopulationTrend, name: str) -> SafeString:
    """The main figure of each year; the table beside it gives every source."""
    figures = trend.main_figures()
    series = charts.Series(
        name=_("Residents"),
        values=[figure.value if figure else None for figure in figures],
        notes=[f"{_marks(f)} ({f.source.name})".lstrip() if f else "" for f in figures],
    )
    return charts.column_chart(
        chart_id="population-trend",
        title=_("Population of %(name)s by year") % {"name": name},
        categories=[str(row.year) for row in trend.rows],
        series=[series],
    )


@register.simple_tag
def pyramid_chart(pyramid: Pyramid, name: str) -> SafeString:
    return charts.population_pyramid(
        chart_id="population-pyramid",
        title=_("Population of %(name)s by sex and age, %(year)s (%(source)s)")
        % {"name": name, "year": pyramid.year, "source": pyramid.source.name},
        bands=[row.band.name for row in pyramid.rows],
        female=[row.female.value if row.female else None for row in pyramid.rows],
        male=[row.male.value if row.male else None for row in pyramid.rows],
    )


@register.simple_tag
def comparison_chart(comparison: Comparison, chart_id: str = "comparison-chart") -> SafeString:
    series = [
        charts.Series(
            name=str(year),
            values=[
                cell.value if (cell := row.population[index]) else None
                for row in comparison.children
            ],
            notes=[
                _marks(cell) if (cell := row.population[index]) else ""
                for row in comparison.children
            ],
        )
        for index, year in enumerate(comparison.years)
    ]
    return charts.bar_chart(
        chart_id=chart_id,
        title=_("Population of the areas in %(name)s by year")
        % {"name": comparison.area.area.name},
        categories=[row.area.name for row in comparison.children],
        series=series,
    )


@register.simple_tag
def boundary_map(geometry: dict[str, Any], name: str) -> SafeString:
    return charts.area_map(
        chart_id="boundary-map",
        title=_("Map of %(name)s") % {"name": name},
        shapes=[charts.Shape(label=name, geometry=geometry)],
    )


@register.simple_tag
def units_map(comparison: Comparison, boundaries: dict[str, dict[str, Any]]) -> SafeString:
    shapes = [
        charts.Shape(
            label=row.area.name,
            geometry=boundaries[row.area.code],
            href=reverse("territory:area_detail", args=[row.area.code]),
        )
        for row in comparison.children
        if row.area.code in boundaries
    ]
    return charts.area_map(
        chart_id="units-map",
        title=_("Map of the areas in %(name)s") % {"name": comparison.area.area.name},
        shapes=shapes,
        labelled=True,
    )
