"""The public read pages of areas and statistics: the list with search, an area's profile and
the comparison of a municipality with its administrative units."""

import gzip
import math
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from kujdes.territory.models import Area, Sex
from kujdes.territory.services import (
    AreaRow,
    ObservationRow,
    age_band_upsert,
    areas_upsert,
    boundary_set,
    observations_upsert,
    source_upsert,
    variable_upsert,
)
from tests.personas import Cast

CENSUS, REGISTRY, DEMO = "INSTAT-CENSUS", "CIVIL-REGISTRY", "DEMO"
CSS = Path(__file__).resolve().parents[2] / "static" / "kujdes" / "kujdes.css"

# Census population of two of Bulqizë's units and of the whole municipality (INSTAT).
UNITS = {
    "AL-BULQIZE-FUSHE-BULQIZE": {2011: 3342, 2023: 2943},
    "AL-BULQIZE-ZERQAN": {2011: 4111, 2023: 3129},
}
MUNICIPALITY = {2011: 31210, 2023: 26826}


def _row(
    variable: str, area: str, year: int, value: int, source: str = CENSUS, **extra: Any
) -> ObservationRow:
    return ObservationRow(
        variable_code=variable,
        area_code=area,
        year=year,
        sex=extra.pop("sex", Sex.TOTAL),
        age_band_code=extra.pop("band", "TOTAL"),
        source_code=source,
        value=Decimal(value),
        **extra,
    )


def _reference_data() -> None:
    source_upsert(actor=None, code=CENSUS, name="INSTAT census")
    source_upsert(actor=None, code=REGISTRY, name="Civil registry")
    source_upsert(actor=None, code=DEMO, name="Demo generator", is_illustrative=True)
    variable_upsert(
        actor=None, code="POPULATION", name_sq="Popullsia", name_en="Population", unit="persons"
    )
    age_band_upsert(code="TOTAL", name_sq="Të gjitha moshat", name_en="All ages")


def _bulqize(*, units: int = 0, years: tuple[int, ...] = (), variables: int = 1) -> None:
    """Bulqizë with its two units, census 2011 and 2023, a provisional registry figure, a
    pyramid, households (illustrative) and domestic-violence cases (sensitive). `units`,
    `years` and `variables` add more of each, to compare query counts."""
    _reference_data()
    areas_upsert(
        rows=[
            AreaRow(f"AL-BULQIZE-EXTRA-{n}", "AL-BULQIZE", Area.Level.ADMIN_UNIT, f"Njësia {n}")
            for n in range(units)
        ],
        actor=None,
        origin="tests",
    )
    variable_upsert(
        actor=None,
        code="HOUSEHOLDS",
        name_sq="Familje",
        name_en="Households",
        unit="households",
        position=1,
    )
    variable_upsert(
        actor=None,
        code="DOMESTIC_VIOLENCE",
        name_sq="Raste të dhunës në familje",
        name_en="Domestic-violence cases",
        unit="cases",
        is_sensitive=True,
        position=2,
    )
    for n in range(variables - 1):
        variable_upsert(
            actor=None, code=f"EXTRA_{n}", name_sq=f"Tregues {n}", unit="persons", position=3
        )
    bands = [("0-14", 0, 14), ("15-64", 15, 64), ("65+", 65, None)]
    for position, (code, lower, upper) in enumerate(bands, start=1):
        age_band_upsert(code=code, name_sq=code, lower=lower, upper=upper, position=position)
    rows = [_row("POPULATION", "AL-BULQIZE", year, value) for year, value in MUNICIPALITY.items()]
    rows += [
        _row("POPULATION", code, year, value)
        for code, by_year in UNITS.items()
        for year, value in by_year.items()
    ]
    rows.append(_row("POPULATION", "AL-BULQIZE", 2023, 30125, REGISTRY, provisional=True))
    for (code, _lower, _upper), women, men in zip(
        bands, (2900, 9100, 1500), (3000, 8800, 1526), strict=True
    ):
        rows.append(_row("POPULATION", "AL-BULQIZE", 2023, women, sex=Sex.FEMALE, band=code))
        rows.append(_row("POPULATION", "AL-BULQIZE", 2023, men, sex=Sex.MALE, band=code))
    rows.append(_row("HOUSEHOLDS", "AL-BULQIZE", 2023, 7012, DEMO))
    rows += [
        _row("DOMESTIC_VIOLENCE", "AL-BULQIZE", year, value, DEMO)
        for year, value in ((2021, 0), (2022, 12), (2023, 3))
    ]
    rows += [
        _row("POPULATION", f"AL-BULQIZE-EXTRA-{n}", year, 1000 + n)
        for n in range(units)
        for year in (2011, 2023, *years)
    ]
    rows += [_row("POPULATION", "AL-BULQIZE", year, 27000, REGISTRY) for year in years]
    rows += [_row(f"EXTRA_{n}", "AL-BULQIZE", 2023, 10 + n) for n in range(variables - 1)]
    observations_upsert(rows=rows, actor=None, origin="tests")


def _square(lon: float, lat: float, size: float = 0.05) -> dict[str, Any]:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def _cell_row(html: str, header: str) -> str:
    """The table row whose row header starts with the text."""
    match = re.search(rf'<tr><th scope="row">(?:<a [^>]*>)?{re.escape(header)}.*?</tr>', html, re.S)
    assert match, header
    return match.group(0)


def _cells(row: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def test_it_shows_the_profile_with_population_by_source_and_the_units(
    cast: Cast, client: Client
) -> None:
    _bulqize()
    response = client.get("/areas/AL-BULQIZE/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Bulqizë <small>" in html
    assert re.search(r'aria-current="page">Bulqizë</li>', html)
    assert "469,38 km²" in html
    # Census and civil registry side by side for 2023, the registry figure provisional.
    assert _cells(_cell_row(html, "2011")) == ["31.210", "INSTAT census", "—", ""]
    assert _cells(_cell_row(html, "2023")) == [
        "26.826",
        "INSTAT census",
        "30.125 p",
        "Civil registry",
    ]
    # The contained units with both censuses and their share of the municipality in 2023.
    assert _cells(_cell_row(html, "Zerqan")) == ["4.111", "3.129", "11,7 %"]
    assert _cells(_cell_row(html, "Fushë-Bulqizë")) == ["3.342", "2.943", "11,0 %"]
    assert 'href="/areas/AL-BULQIZE/compare/"' in html


def test_it_draws_the_trend_and_the_pyramid_as_accessible_svg(cast: Cast, client: Client) -> None:
    _bulqize()
    html = client.get("/areas/AL-BULQIZE/", HTTP_COOKIE="kujdes_language=en").content.decode()

    trend = re.search(r'<svg[^>]*aria-labelledby="population-trend-title.*?</svg>', html, re.S)
    assert trend
    assert trend.group(0).count('<rect class="bar"') == 2
    assert "<title>2011: 31,210 (INSTAT census)</title>" in trend.group(0)
    assert "<title>2023: 26,826 (INSTAT census)</title>" in trend.group(0)
    assert '<title id="population-trend-title">Population of Bulqizë by year</title>' in html
    pyramid = re.search(r'<svg[^>]*aria-labelledby="population-pyramid-title.*?</svg>', html, re.S)
    assert pyramid
    assert pyramid.group(0).count('<rect class="bar"') == 6
    assert "<title>65+, Women: 1,500</title>" in pyramid.group(0)
    assert _cells(_cell_row(html, "15-64")) == ["9,100", "8,800", "17,900"]
    assert 'role="img"' in trend.group(0)
    assert "<script" not in html


def test_it_marks_illustrative_figures_and_explains_the_mark(cast: Cast, client: Client) -> None:
    _bulqize()
    html = client.get("/areas/AL-BULQIZE/").content.decode()

    assert 'class="notice illustrative"' in html
    assert _cells(_cell_row(html, "Familje")) == ["—", "—", "7.012 ◇", "Demo generator"]


def test_it_hides_a_small_sensitive_count(cast: Cast, client: Client) -> None:
    _bulqize()
    html = client.get("/areas/AL-BULQIZE/", HTTP_COOKIE="kujdes_language=en").content.decode()

    row = _cell_row(html, "Domestic-violence cases")
    assert _cells(row) == ["0 ◇", "12 ◇", "&lt;5 ◇", "Demo generator"]
    assert ">3<" not in row and " 3 " not in row
    assert "hidden to protect the people counted" in html


@pytest.mark.parametrize(
    ("language", "name", "region", "level"),
    [
        ("sq", "Bulqizë", "Dibër", "Municipality"),
        ("sr-latn", "Bulqiza", "Dibra", "Municipality"),
        ("en", "Bulqizë", "Dibër", "Municipality"),
    ],
)
def test_it_renders_the_profile_in_each_language(
    cast: Cast, client: Client, language: str, name: str, region: str, level: str
) -> None:
    _bulqize()
    client.cookies["kujdes_language"] = language
    html = client.get("/areas/AL-BULQIZE/").content.decode()

    assert f'<html lang="{language}">' in html
    assert f"<h1>{name} <small>" in html
    assert f'<a href="/areas/AL-QARK-DIBER/">{region}</a>' in html


def test_it_compares_the_municipality_with_its_units(cast: Cast, client: Client) -> None:
    _bulqize()
    boundary_set(area=cast.areas["AL-BULQIZE-ZERQAN"], geometry=_square(20.3, 41.5), source="OSM")
    boundary_set(
        area=cast.areas["AL-BULQIZE-FUSHE-BULQIZE"], geometry=_square(20.4, 41.5), source="OSM"
    )
    html = client.get("/areas/AL-BULQIZE/compare/").content.decode()

    assert _cells(_cell_row(html, "Zerqan")) == ["4.111", "3.129", "-982", "-23,9 %", "11,7 %"]
    assert _cells(_cell_row(html, "Fushë-Bulqizë")) == [
        "3.342",
        "2.943",
        "-399",
        "-11,9 %",
        "11,0 %",
    ]
    assert _cells(_cell_row(html, "Bulqizë")) == [
        "31.210",
        "26.826",
        "-4.384",
        "-14,0 %",
        "100,0 %",
    ]
    chart = re.search(r'<svg[^>]*aria-labelledby="comparison-chart-title.*?</svg>', html, re.S)
    assert chart
    assert chart.group(0).count('<rect class="bar"') == 4
    assert "<title>Zerqan, 2023: 3.129</title>" in chart.group(0)
    units_map = re.search(r'<svg[^>]*aria-labelledby="units-map-title.*?</svg>', html, re.S)
    assert units_map
    assert units_map.group(0).count("<path ") == 2
    assert "<title>Zerqan</title>" in units_map.group(0)
    assert "© OpenStreetMap contributors" in html


def test_it_answers_404_comparing_an_area_without_contained_areas(
    cast: Cast, client: Client
) -> None:
    assert client.get("/areas/AL-BULQIZE-ZERQAN/compare/").status_code == 404


def test_it_draws_the_boundary_of_the_area_with_the_credit(cast: Cast, client: Client) -> None:
    boundary_set(area=cast.areas["AL-BULQIZE"], geometry=_square(20.3, 41.5), source="OSM")
    client.cookies["kujdes_language"] = "en"
    html = client.get("/areas/AL-BULQIZE/").content.decode()

    assert '<title id="boundary-map-title">Map of Bulqizë</title>' in html
    assert "© OpenStreetMap contributors" in html
    assert "No population figure is known for this area." in html


def test_it_shows_an_area_without_contained_areas_without_a_comparison_link(
    cast: Cast, client: Client
) -> None:
    html = client.get("/areas/AL-BULQIZE-ZERQAN/").content.decode()

    assert "/compare/" not in html
    assert "© OpenStreetMap" not in html


@pytest.mark.parametrize("size", [0, 1])
def test_it_reads_the_profile_in_a_constant_number_of_queries(
    cast: Cast, client: Client, django_assert_num_queries: Any, size: int
) -> None:
    _bulqize(units=4 * size, years=(2015, 2018, 2021)[: 3 * size], variables=1 + 3 * size)
    if size:
        boundary_set(area=cast.areas["AL-BULQIZE"], geometry=_square(20.3, 41.5), source="OSM")

    # Six reads for the profile, one for the SOS lines every page shows.
    with django_assert_num_queries(6 + 1):
        assert client.get("/areas/AL-BULQIZE/").status_code == 200


@pytest.mark.parametrize("size", [0, 1])
def test_it_compares_in_a_constant_number_of_queries(
    cast: Cast, client: Client, django_assert_num_queries: Any, size: int
) -> None:
    _bulqize(units=4 * size, years=(2015, 2018)[: 2 * size])
    if size:
        boundary_set(
            area=cast.areas["AL-BULQIZE-ZERQAN"], geometry=_square(20.3, 41.5), source="OSM"
        )

    with django_assert_num_queries(5 + 1):  # and the SOS lines
        assert client.get("/areas/AL-BULQIZE/compare/").status_code == 200


def _circle(lon: float, lat: float, points: int = 80) -> dict[str, Any]:
    ring = [
        [
            round(lon + 0.04 * math.cos(2 * math.pi * i / points), 5),
            round(lat + 0.03 * math.sin(2 * math.pi * i / points), 5),
        ]
        for i in range(points)
    ]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def test_it_keeps_the_biggest_pages_under_100_kb_compressed(cast: Cast, client: Client) -> None:
    """Tirana-sized: 24 units with outlines and ten years of figures each."""
    _bulqize(units=22, years=tuple(range(2014, 2022)), variables=6)
    for n, area in enumerate(Area.objects.filter(parent__code="AL-BULQIZE")):
        boundary_set(
            area=area, geometry=_circle(19.8 + 0.08 * (n % 6), 41.3 + 0.06 * (n // 6)), source="OSM"
        )
    boundary_set(
        area=cast.areas["AL-BULQIZE"], geometry=_circle(20.0, 41.4, points=400), source="OSM"
    )
    css = len(CSS.read_bytes())

    for url in ("/areas/AL-BULQIZE/", "/areas/AL-BULQIZE/compare/"):
        content = client.get(url).content
        assert b"AL-BULQIZE-EXTRA-21" in content
        assert len(gzip.compress(content)) + css < 100_000, url


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bulqize", ["AL-BULQIZE", "AL-BULQIZE-FUSHE-BULQIZE"]),
        ("cerrik", ["AL-CERRIK"]),
        ("Djakovica", ["XK-GJAKOVE"]),
        ("dakovica", ["XK-GJAKOVE"]),
        ("ĐAKOVICA", ["XK-GJAKOVE"]),
    ],
)
def test_it_finds_areas_ignoring_diacritics(
    cast: Cast, client: Client, query: str, expected: list[str]
) -> None:
    areas_upsert(
        rows=[
            AreaRow("AL-CERRIK", "AL", Area.Level.MUNICIPALITY, "Cërrik"),
            AreaRow("XK", "", Area.Level.COUNTRY, "Kosovë", "Kosovo", "Kosovo"),
            AreaRow("XK-GJAKOVE", "XK", Area.Level.MUNICIPALITY, "Gjakovë", "Đakovica", "Gjakova"),
        ],
        actor=None,
        origin="tests",
    )
    response = client.get("/areas/", {"q": query})

    assert [area.code for area in response.context["areas"]] == expected


def test_it_lists_the_municipalities_by_default_in_the_active_language(
    cast: Cast, client: Client
) -> None:
    with translation.override("sr-latn"):
        client.cookies["kujdes_language"] = "sr-latn"
        html = client.get("/areas/").content.decode()

    assert '<a href="/areas/AL-BULQIZE/">Bulqiza</a>' in html
    assert '<a href="/areas/AL-PUKE/">Puka</a>' in html
    assert "Zerqan" not in html
