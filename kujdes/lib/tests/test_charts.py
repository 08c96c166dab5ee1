import re

from django.utils import translation

from kujdes.lib.charts import (
    Series,
    Shape,
    area_map,
    bar_chart,
    column_chart,
    number,
    population_pyramid,
)


def test_it_formats_numbers_in_the_active_locale_grouped_by_thousands() -> None:
    with translation.override("sq"):
        assert number(31210) == "31.210"
        assert number(12.25, decimals=1) in {"12,2", "12,3"}
    with translation.override("sr-latn"):
        assert number(1234567) == "1.234.567"
    with translation.override("en"):
        assert number(31210) == "31,210"


def test_it_draws_one_bar_per_value_with_its_figure_as_title() -> None:
    with translation.override("en"):
        svg = column_chart(
            chart_id="trend",
            title="Population",
            categories=["2011", "2023"],
            series=[Series(name="Census", values=[4111, 3129], notes=["", "p"])],
        )

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 640 ')
    assert 'role="img" aria-labelledby="trend-title trend-desc"' in svg
    assert svg.count('<rect class="bar"') == 2
    assert re.findall(r"<g><title>(.*?)</title>", svg) == ["2011: 4,111", "2023: 3,129 p"]
    assert '<desc id="trend-desc">2011: 4,111; 2023: 3,129 p</desc>' in svg


def test_it_escapes_every_label() -> None:
    svg = bar_chart(
        chart_id="units",
        title='<script>alert("t")</script>',
        categories=["<b>Zerqan</b>"],
        series=[Series(name="2011 & after", values=[5]), Series(name="2023", values=[None])],
    )

    assert "<script" not in svg and "<b>" not in svg
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;" in svg
    assert "&lt;b&gt;Zerqan&lt;/b&gt;, 2011 &amp; after: 5" in svg
    assert svg.count('<rect class="bar"') == 1
    # The legend names both series.
    assert ">2011 &amp; after</text>" in svg and ">2023</text>" in svg


def test_it_draws_a_bar_for_each_sex_and_age_band() -> None:
    with translation.override("en"):
        svg = population_pyramid(
            chart_id="pyramid",
            title="By sex and age",
            bands=["0-14", "15-64", "65+"],
            female=[10, 20, None],
            male=[11, 21, 5],
        )

    assert svg.count('<rect class="bar"') == 5
    assert re.findall(r"<g><title>(.*?)</title>", svg) == [
        "0-14, Women: 10",
        "0-14, Men: 11",
        "15-64, Women: 20",
        "15-64, Men: 21",
        "65+, Men: 5",
    ]


def test_it_projects_a_map_scaling_longitude_by_the_cosine_of_latitude() -> None:
    # One degree of longitude at 60° is half a degree of latitude: two degrees wide is square.
    square = {
        "type": "Polygon",
        "coordinates": [[[0, 59.5], [2, 59.5], [2, 60.5], [0, 60.5], [0, 59.5]]],
    }
    islands = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[2, 59.5], [2.5, 59.5], [2.5, 60], [2, 59.5]]],
            [[[2, 60], [2.2, 60], [2.2, 60.2], [2, 60]]],
        ],
    }
    svg = area_map(
        chart_id="map",
        title="Map",
        shapes=[
            Shape(label="Square", geometry=square, href="/areas/A/"),
            Shape(label="<Islands>", geometry=islands),
        ],
    )

    assert 'viewBox="0 0 640 ' in svg
    assert svg.count("<path ") == 2
    assert '<a href="/areas/A/"><path d="M4 ' in svg
    assert "<title>&lt;Islands&gt;</title>" in svg
    only_square = area_map(
        chart_id="m", title="Map", shapes=[Shape(label="Square", geometry=square)]
    )
    assert 'viewBox="0 0 640 640"' in only_square
    assert 'd="M4 636L636 636L636 4L4 4L4 636Z"' in only_square


def test_it_draws_nothing_without_a_geometry() -> None:
    assert (
        area_map(chart_id="m", title="Map", shapes=[Shape(label="x", geometry={"type": "Point"})])
        == ""
    )
