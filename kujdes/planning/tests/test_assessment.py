"""The figures of A1–A8 for Bulqizë's two test units, checked by hand."""

from decimal import Decimal

import pytest
from django.utils import translation

from kujdes.planning.assessment import assessment_build
from kujdes.planning.assessment.report import Block, TableBlock, report_build
from kujdes.planning.models import GapNote, GapWeights
from kujdes.planning.tests.figures import FUSHE, ZERQAN, figures_create
from kujdes.territory.models import Area, AreaBoundary
from tests.personas import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulqize(cast: Cast) -> Area:
    figures_create()
    return cast.areas["AL-BULQIZE"]


def test_it_gives_each_unit_its_census_change_and_share(bulqize: Area) -> None:
    people = assessment_build(bulqize).demography
    assert (people.earlier_year, people.later_year, people.structure_year) == (2011, 2023, 2023)
    zerqan = next(unit for unit in people.units if unit.area.code == ZERQAN)
    assert (zerqan.earlier.value, zerqan.later.value) == (Decimal(4111), Decimal(3129))
    assert (zerqan.change, zerqan.change_percent) == (Decimal(-982), Decimal("-23.9"))
    # 3129 of 6072 residents
    assert zerqan.share_percent == Decimal("51.5")
    assert (zerqan.female, zerqan.male) == (Decimal(1570), Decimal(1559))
    assert people.municipality.later.value == Decimal(6072)
    assert zerqan.later.source is not None and zerqan.later.source.code == "INSTAT-2023"


def test_it_hides_a_small_count_and_the_one_that_would_give_it_away(bulqize: Area) -> None:
    needs = {need.group.variable: need for need in assessment_build(bulqize).needs}
    violence = needs["DOMESTIC_VIOLENCE_CASES"]
    assert [
        (violence.units[code].value, violence.units[code].shown_as) for code in (ZERQAN, FUSHE)
    ] == [
        (None, "<5"),
        (None, "x"),
    ]
    assert violence.municipality.value == Decimal(9)
    # A rate would give the hidden count back.
    assert violence.rates == {ZERQAN: None, FUSHE: None}
    disability = needs["PERSONS_WITH_DISABILITIES"]
    assert [disability.units[code].value for code in (ZERQAN, FUSHE)] == [
        Decimal(197),
        Decimal(143),
    ]
    assert disability.rates == {ZERQAN: Decimal("63.0"), FUSHE: Decimal("48.6")}
    assert disability.municipality_rate == Decimal("56.0")


def test_it_shares_places_by_published_need_and_flags_units_without_a_service(
    bulqize: Area,
) -> None:
    coverage = assessment_build(bulqize).coverage
    # The day centre's 20 places serve Zerqan only.
    zerqan = coverage[(ZERQAN, "PERSONS_WITH_DISABILITIES")]
    assert (zerqan.places, zerqan.services, zerqan.coverage_percent) == (
        Decimal("20.0"),
        1,
        Decimal(10),
    )
    fushe = coverage[(FUSHE, "PERSONS_WITH_DISABILITIES")]
    assert (fushe.places, fushe.has_service, fushe.coverage_percent) == (
        Decimal("0.0"),
        False,
        Decimal(0),
    )
    # The shelter's 6 places serve the municipality; the two hidden counts enter as the even
    # share of the published total 9, so each unit gets 3 places and no coverage is shown.
    violence = coverage[(ZERQAN, "DOMESTIC_VIOLENCE_CASES")]
    assert (violence.places, violence.services, violence.coverage_percent) == (
        Decimal("3.0"),
        2,
        None,
    )


def test_it_ranks_gaps_by_the_weighted_score_and_the_planners_adjustment(
    bulqize: Area, cast: Cast
) -> None:
    gaps = assessment_build(bulqize).gaps
    fushe = next(
        g
        for g in gaps
        if g.unit.code == FUSHE and g.need.group.variable == "PERSONS_WITH_DISABILITIES"
    )
    # need 48.6 / 63.0 → 77; no service → 100; 16.7 km to Zerqan's day centre → 56
    assert (fushe.need_score, fushe.coverage_score, fushe.distance_km, fushe.distance_score) == (
        Decimal(77),
        Decimal(100),
        Decimal("16.7"),
        Decimal(56),
    )
    assert fushe.computed == Decimal(82)  # (77×40 + 100×40 + 56×20) / 100
    GapWeights.objects.create(municipality=bulqize, need=0, coverage=0, distance=100)
    GapNote.objects.create(
        unit=cast.areas[FUSHE], target_group="PERSONS_WITH_DISABILITIES", adjustment=-10
    )
    fushe = next(
        g
        for g in assessment_build(bulqize).gaps
        if g.unit.code == FUSHE and g.need.group.variable == "PERSONS_WITH_DISABILITIES"
    )
    assert (fushe.computed, fushe.adjustment, fushe.score) == (Decimal(56), -10, Decimal(46))


def test_it_never_puts_a_hidden_count_into_the_report(bulqize: Area) -> None:
    with translation.override("en"):
        report = report_build(assessment_build(bulqize))
    assert [section.code for section in report.sections] == [f"A{n}" for n in range(1, 9)]
    a2 = _first_table(report.sections[1].blocks)
    assert a2.header == [
        "Administrative unit",
        "Persons with disabilities",
        "per 1,000",
        "Domestic violence cases",
        "per 1,000",
    ]
    assert [[cell.text for cell in row] for row in a2.rows] == [
        ["Fushë-Bulqizë", "143", "48.6", "x", "–"],
        ["Zerqan", "197", "63.0", "<5", "–"],
    ]
    a4 = _first_table(report.sections[3].blocks)
    violence = [
        [cell.text for cell in row] for row in a4.rows if row[1].text == "Domestic violence cases"
    ]
    # unit, group, people in need, places, services, places per 100 in need
    assert violence == [
        ["Fushë-Bulqizë", "Domestic violence cases", "x", "3.0", "2", "–"],
        ["Zerqan", "Domestic violence cases", "<5", "3.0", "2", "–"],
    ]


def _first_table(blocks: list[Block]) -> TableBlock:
    return next(block for block in blocks if isinstance(block, TableBlock))


def test_it_draws_no_coverage_map_where_no_unit_has_an_outline(bulqize: Area) -> None:
    """A municipality known only by its own outline (Kosovo's, in the demo) gets no empty
    map, which would leave the documents a picture they cannot print."""
    AreaBoundary.objects.filter(area__code__in=[ZERQAN, FUSHE]).delete()

    with translation.override("en"):
        sections = report_build(assessment_build(bulqize)).sections

    a4 = next(section for section in sections if section.code == "A4")
    assert [block.kind for block in a4.blocks] == ["paragraph", "table", "paragraph"]
