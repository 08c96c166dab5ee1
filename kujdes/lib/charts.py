"""Server-rendered SVG charts and maps: pure functions returning safe markup.

Every piece of text goes through format_html, so labels are escaped; the only mark_safe joins
fragments built that way. Charts have a fixed viewBox and scale with CSS (class "chart"); each
has a <title> and a <desc> giving the figures, and the page shows the same figures in a table.
"""

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.numberformat import format as format_digits
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

Number = Decimal | int | float

# Colours with at least 4.5:1 contrast against white, told apart by more than hue alone
# where it matters (the legend names each series).
PALETTE = ("#0b5cad", "#8a4b00", "#2e7d32", "#6b3fa0")
FEMALE, MALE = "#b0417a", "#2b6cb0"
INK, MUTED, LINE = "#1d2330", "#535b6b", "#d5d9e0"
WIDTH = 640
FONT = 12


def number(value: Number, decimals: int | None = None) -> str:
    """The number in the active locale, always grouped by thousands ("7.875" in Albanian)."""
    return format_digits(
        value,
        str(get_format("DECIMAL_SEPARATOR")),
        decimal_pos=decimals,
        # Django's Albanian format sets a separator but no grouping; group by three anyway.
        grouping=get_format("NUMBER_GROUPING") or 3,
        thousand_sep=str(get_format("THOUSAND_SEPARATOR")),
        force_grouping=True,
    )


def whole(value: Decimal | int | None) -> Decimal | int | None:
    """A figure without the decimal places a whole number does not need: 40.00 → 40."""
    if not isinstance(value, Decimal) or value != value.to_integral_value():
        return value
    return value.quantize(Decimal(1))


@dataclass(frozen=True)
class Series:
    """One row of values, one per category; None where no figure is known."""

    name: str
    values: Sequence[Number | None]
    # Marks per value ("p", "◇"), added to the value's tooltip.
    notes: Sequence[str] = ()


def _join(fragments: Iterable[str]) -> SafeString:
    # Safe: every fragment was built by format_html, which escapes what it interpolates.
    return mark_safe("".join(fragments))


def _svg(
    *, chart_id: str, title: str, description: str, height: float, body: Iterable[str]
) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" font-size="{}" font-family="system-ui, sans-serif">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        round(height),
        chart_id,
        chart_id,
        FONT,
        chart_id,
        title,
        chart_id,
        description,
        _join(body),
    )


def _label(category: str, series: Series, index: int, many: bool) -> str:
    value = series.values[index]
    shown = number(value) if value is not None else "—"
    note = series.notes[index] if index < len(series.notes) else ""
    name = f"{category}, {series.name}" if many else category
    return f"{name}: {shown}{' ' + note if note else ''}"


def _description(categories: Sequence[str], series: Sequence[Series]) -> str:
    many = len(series) > 1
    return "; ".join(
        _label(category, one, index, many)
        for index, category in enumerate(categories)
        for one in series
        if one.values[index] is not None
    )


def _legend(series: Sequence[Series], y: float) -> list[SafeString]:
    if len(series) < 2:
        return []
    parts: list[SafeString] = []
    x = 0.0
    for index, one in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                '<text x="{}" y="{}" fill="{}">{}</text>',
                x,
                y,
                colour,
                x + 16,
                y + 10,
                INK,
                one.name,
            )
        )
        x += 28 + len(one.name) * 7
    return parts


def _maximum(series: Sequence[Series]) -> float:
    values = [float(v) for one in series for v in one.values if v is not None]
    return max([*values, 0.0]) or 1.0


def column_chart(
    *, chart_id: str, title: str, categories: Sequence[str], series: Sequence[Series]
) -> SafeString:
    """Vertical bars, one group per category (e.g. a year), one bar per series side by side."""
    top, plot_height, legend = 20, 200, 24 if len(series) > 1 else 0
    height = top + plot_height + 24 + legend
    group = WIDTH / max(len(categories), 1)
    bar = min(48.0, group * 0.8 / max(len(series), 1))
    scale = plot_height / _maximum(series)
    baseline = top + plot_height
    body = [
        format_html(
            '<line x1="0" x2="{}" y1="{}" y2="{}" stroke="{}"/>', WIDTH, baseline, baseline, MUTED
        )
    ]
    for index, category in enumerate(categories):
        left = index * group + (group - bar * len(series)) / 2
        for position, one in enumerate(series):
            value = one.values[index]
            if value is None:
                continue
            bar_height = round(float(value) * scale, 1)
            x = round(left + position * bar, 1)
            body.append(
                format_html(
                    '<g><title>{}</title><rect class="bar" x="{}" y="{}" width="{}" height="{}" '
                    'fill="{}"/><text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text></g>',
                    _label(category, one, index, len(series) > 1),
                    x,
                    round(baseline - bar_height, 1),
                    round(bar - 2, 1),
                    bar_height,
                    PALETTE[position % len(PALETTE)],
                    round(x + bar / 2 - 1, 1),
                    round(max(baseline - bar_height - 4, FONT), 1),
                    INK,
                    number(value),
                )
            )
        body.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
                round(index * group + group / 2, 1),
                baseline + 16,
                INK,
                category,
            )
        )
    body += _legend(series, baseline + 28)
    return _svg(
        chart_id=chart_id,
        title=title,
        description=_description(categories, series),
        height=height,
        body=body,
    )


# How many characters of a category's name fit in a bar chart's label column.
BAR_LABEL_CHARS = 22


def bar_label(name: str) -> str:
    """A category's name cut to fit beside its bar."""
    return name if len(name) <= BAR_LABEL_CHARS else name[: BAR_LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(
    *, chart_id: str, title: str, categories: Sequence[str], series: Sequence[Series]
) -> SafeString:
    """Horizontal bars, one row per category (e.g. an administrative unit), series stacked
    one under the other within the row."""
    label_width, bar, gap = 170, 14, 8
    row = bar * len(series) + gap
    legend = 24 if len(series) > 1 else 0
    height = row * len(categories) + legend + 4
    plot = WIDTH - label_width - 70
    scale = plot / _maximum(series)
    body = []
    for index, category in enumerate(categories):
        top = index * row
        body.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                label_width - 6,
                top + row / 2 + 2,
                INK,
                category,
            )
        )
        for position, one in enumerate(series):
            value = one.values[index]
            if value is None:
                continue
            length = round(float(value) * scale, 1)
            y = top + position * bar
            body.append(
                format_html(
                    '<g><title>{}</title><rect class="bar" x="{}" y="{}" width="{}" height="{}" '
                    'fill="{}"/><text x="{}" y="{}" fill="{}">{}</text></g>',
                    _label(category, one, index, len(series) > 1),
                    label_width,
                    y,
                    length,
                    bar - 2,
                    PALETTE[position % len(PALETTE)],
                    round(label_width + length + 4, 1),
                    y + bar - 4,
                    INK,
                    number(value),
                )
            )
    body += _legend(series, height - legend + 4)
    return _svg(
        chart_id=chart_id,
        title=title,
        description=_description(categories, series),
        height=height,
        body=body,
    )


def population_pyramid(
    *,
    chart_id: str,
    title: str,
    bands: Sequence[str],
    female: Sequence[Number | None],
    male: Sequence[Number | None],
) -> SafeString:
    """Women to the left, men to the right, youngest band at the bottom."""
    female_name, male_name = _("Women"), _("Men")
    centre, half, row, top = WIDTH / 2, WIDTH / 2 - 50, 18, 20
    # Room for the band names between the two halves ("65 years and over").
    label_space = min(4 + 3.5 * max((len(band) for band in bands), default=0), 110)
    height = top + row * len(bands) + 8
    scale = (half - label_space) / _maximum(
        [Series(name="", values=female), Series(name="", values=male)]
    )
    body = [
        format_html(
            '<text x="{}" y="14" text-anchor="end" fill="{}">{}</text>'
            '<text x="{}" y="14" fill="{}">{}</text>',
            centre - label_space,
            FEMALE,
            female_name,
            centre + label_space,
            MALE,
            male_name,
        )
    ]
    description = []
    for index, band in enumerate(bands):
        y = top + (len(bands) - 1 - index) * row
        body.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
                centre,
                y + row - 5,
                INK,
                band,
            )
        )
        for value, colour, name, side in (
            (female[index], FEMALE, female_name, -1),
            (male[index], MALE, male_name, 1),
        ):
            if value is None:
                continue
            length = round(float(value) * scale, 1)
            start = centre + side * label_space
            x = start - length if side < 0 else start
            text_x = x - 4 if side < 0 else x + length + 4
            label = f"{band}, {name}: {number(value)}"
            description.append(label)
            body.append(
                format_html(
                    '<g><title>{}</title><rect class="bar" x="{}" y="{}" width="{}" '
                    'height="{}" fill="{}"/><text x="{}" y="{}" text-anchor="{}" fill="{}">{}'
                    "</text></g>",
                    label,
                    round(x, 1),
                    y + 1,
                    length,
                    row - 3,
                    colour,
                    round(text_x, 1),
                    y + row - 5,
                    "end" if side < 0 else "start",
                    INK,
                    number(value),
                )
            )
    return _svg(
        chart_id=chart_id,
        title=title,
        description="; ".join(description),
        height=height,
        body=body,
    )


@dataclass(frozen=True)
class Shape:
    """One area on a map: a GeoJSON Polygon or MultiPolygon in longitude/latitude."""

    label: str
    geometry: dict[str, Any]
    href: str = ""
    # The shape's colour on a choropleth map; the plain map colour when empty.
    fill: str = ""


@dataclass(frozen=True)
class MapPoint:
    """A marked place on a map, in longitude/latitude."""

    label: str
    longitude: float
    latitude: float
    href: str = ""


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _ring_area(ring: Sequence[tuple[float, float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2


def _centroid(ring: Sequence[tuple[float, float]]) -> tuple[float, float]:
    area = _ring_area(ring)
    if not area:
        return ring[0]
    pairs = list(itertools.pairwise(ring))
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (6 * area)
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (6 * area)
    return cx, cy


def area_map(
    *,
    chart_id: str,
    title: str,
    shapes: Sequence[Shape],
    labelled: bool = False,
    markers: Sequence[MapPoint] = (),
    legend: Sequence[tuple[str, str]] = (),
) -> SafeString:
    """The shapes (and markers) drawn with an equirectangular projection: longitude scaled by
    the cosine of the middle latitude, which is accurate enough at the size of a municipality.
    `legend` lists (colour, label) pairs drawn below the map, for a choropleth."""
    rings = [
        [(float(lon), float(lat)) for lon, lat, *_rest in ring]
        for shape in shapes
        for polygon in _polygons(shape.geometry)
        for ring in polygon
    ]
    points = [point for ring in rings for point in ring]
    points += [(marker.longitude, marker.latitude) for marker in markers]
    if not points:
        return SafeString("")
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    stretch = math.cos(math.radians((south + north) / 2))
    span_x, span_y = max((east - west) * stretch, 1e-9), max(north - south, 1e-9)
    margin = 4
    scale = (WIDTH - 2 * margin) / span_x
    height = min(span_y * scale + 2 * margin, WIDTH)
    scale = min(scale, (height - 2 * margin) / span_y)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (
            round(margin + (lon - west) * stretch * scale, 1),
            round(margin + (north - lat) * scale, 1),
        )

    body = []
    labels = []
    for shape in shapes:
        subpaths, largest, largest_area = [], [(0.0, 0.0)], -1.0
        for polygon in _polygons(shape.geometry):
            for ring in polygon:
                projected = [project(float(p[0]), float(p[1])) for p in ring]
                # Drop points that fall on the same tenth of a unit as the one before.
                kept = [p for i, p in enumerate(projected) if i == 0 or p != projected[i - 1]]
                subpaths.append("M" + "L".join(f"{x:g} {y:g}" for x, y in kept) + "Z")
                if abs(_ring_area(kept)) > largest_area:
                    largest, largest_area = kept, abs(_ring_area(kept))
        outline = format_html(
            '<path d="{}" fill="{}" stroke="{}" stroke-width="1.2" '
            'fill-rule="evenodd"><title>{}</title></path>',
            "".join(subpaths),
            shape.fill or "#dbe7f5",
            INK,
            shape.label,
        )
        body.append(
            format_html('<a href="{}">{}</a>', shape.href, outline) if shape.href else outline
        )
        if labelled:
            x, y = _centroid(largest)
            labels.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" font-size="16" fill="{}" '
                    'stroke="#fff" stroke-width="3" paint-order="stroke">{}</text>',
                    round(x, 1),
                    round(y, 1),
                    INK,
                    shape.label,
                )
            )
    for marker in markers:
        x, y = project(marker.longitude, marker.latitude)
        dot = format_html(
            '<circle cx="{}" cy="{}" r="7" fill="{}" stroke="#fff" stroke-width="2">'
            "<title>{}</title></circle>",
            x,
            y,
            PALETTE[1],
            marker.label,
        )
        labels.append(format_html('<a href="{}">{}</a>', marker.href, dot) if marker.href else dot)
    for index, (colour, text) in enumerate(legend):
        y = height + 8 + index * 22
        labels.append(
            format_html(
                '<rect x="{}" y="{}" width="18" height="14" fill="{}" stroke="{}"/>'
                '<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>',
                margin,
                y,
                colour,
                INK,
                margin + 26,
                y + 12,
                FONT + 2,
                INK,
                text,
            )
        )
    height += 8 + 22 * len(legend) if legend else 0
    description = ", ".join([shape.label for shape in shapes] + [m.label for m in markers])
    return _svg(
        chart_id=chart_id,
        title=title,
        description=description,
        height=height,
        body=body + labels,
    )
