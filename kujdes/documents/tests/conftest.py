"""Figures for Bulqizë, so that the report has every kind of table and all three charts: the
population of two censuses by administrative unit, sex and age, two groups in need (one
figure provisional, one source illustrative), the units' outlines, three budget years and
social workers with a vacancy."""

from decimal import Decimal

import pytest

from kujdes.planning.models import BudgetYear, Programme, Structure
from kujdes.planning.services import budget_year_save, structure_save
from kujdes.territory.models import AgeBand, Sex
from kujdes.territory.services import (
    ObservationRow,
    age_band_upsert,
    boundary_set,
    observations_upsert,
    source_upsert,
    variable_upsert,
)
from tests.personas import Cast

MUNICIPALITY = "AL-BULQIZE"
ZERQAN = "AL-BULQIZE-ZERQAN"
FUSHE = "AL-BULQIZE-FUSHE-BULQIZE"
# (earlier census, later census) per area
POPULATION = {ZERQAN: (8177, 7240), FUSHE: (3342, 6285), MUNICIPALITY: (11519, 13525)}
# later census: (female, male) per age band
STRUCTURE = {
    ZERQAN: {"0-14": (700, 760), "15-64": (2300, 2420), "65+": (560, 500)},
    FUSHE: {"0-14": (610, 650), "15-64": (2000, 2115), "65+": (470, 440)},
    MUNICIPALITY: {"0-14": (1310, 1410), "15-64": (4300, 4535), "65+": (1030, 940)},
}
DISABILITIES = {ZERQAN: 212, FUSHE: 148, MUNICIPALITY: 360}
ELDERLY_ALONE = {ZERQAN: 96, FUSHE: 61, MUNICIPALITY: 157}


def _square(west: float, south: float) -> dict[str, object]:
    ring = [[west, south], [west + 0.1, south], [west + 0.1, south + 0.1], [west, south + 0.1]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def _row(
    variable: str,
    area: str,
    year: int,
    value: int,
    *,
    sex: str = Sex.TOTAL,
    band: str = AgeBand.TOTAL,
    source: str = "INSTAT-CENSUS",
    provisional: bool = False,
) -> ObservationRow:
    return ObservationRow(variable, area, year, sex, band, source, Decimal(value), provisional)


def figures_create(cast: Cast) -> None:
    source_upsert(
        actor=None,
        code="INSTAT-CENSUS",
        name="Population and Housing Census",
        publisher="INSTAT",
        url="https://www.instat.gov.al/",
    )
    source_upsert(
        actor=None,
        code="DEMO-NEEDS",
        name="Illustrative needs",
        publisher="Kujdes demo",
        is_illustrative=True,
    )
    variable_upsert(
        actor=None, code="POPULATION", name_sq="Popullsia", name_en="Population", unit="persons"
    )
    variable_upsert(
        actor=None,
        code="PERSONS_WITH_DISABILITIES",
        name_sq="Persona me aftësi të kufizuara",
        name_en="Persons with disabilities",
        unit="persons",
        is_sensitive=True,
        position=10,
    )
    variable_upsert(
        actor=None,
        code="ELDERLY_LIVING_ALONE",
        name_sq="Të moshuar që jetojnë vetëm",
        name_en="Elderly people living alone",
        unit="persons",
        is_sensitive=True,
        position=20,
    )
    age_band_upsert(code=AgeBand.TOTAL, name_sq="Të gjitha moshat", name_en="All ages", position=0)
    age_band_upsert(code="0-14", name_sq="0–14", name_en="0–14", upper=14, position=1)
    age_band_upsert(code="15-64", name_sq="15–64", name_en="15–64", lower=15, upper=64, position=2)
    age_band_upsert(code="65+", name_sq="65+", name_en="65+", lower=65, position=3)
    rows = [
        _row("POPULATION", area, year, value)
        for area, counts in POPULATION.items()
        for year, value in zip((2011, 2023), counts, strict=True)
    ]
    rows += [
        _row("POPULATION", area, 2023, value, sex=sex, band=band)
        for area, bands in STRUCTURE.items()
        for band, by_sex in bands.items()
        for sex, value in zip((Sex.FEMALE, Sex.MALE), by_sex, strict=True)
    ]
    rows += [
        _row("PERSONS_WITH_DISABILITIES", area, 2024, value, provisional=True)
        for area, value in DISABILITIES.items()
    ]
    rows += [
        _row("ELDERLY_LIVING_ALONE", area, 2024, value, source="DEMO-NEEDS")
        for area, value in ELDERLY_ALONE.items()
    ]
    observations_upsert(rows=rows, actor=None, origin="tests")
    boundary_set(area=cast.areas[ZERQAN], geometry=_square(20.30, 41.45), source="tests")
    boundary_set(area=cast.areas[FUSHE], geometry=_square(20.40, 41.45), source="tests")
    municipality = cast.areas[MUNICIPALITY]
    # The cast has 2024 already (12,600,000 ALL of 701,000,000) and the directorate.
    for year, total, care in ((2022, "690000000", "11800000"), (2023, "695000000", "12100000")):
        budget_year_save(
            actor=None,
            municipality=municipality,
            values={
                "year": year,
                "stage": BudgetYear.Stage.EXECUTED,
                "currency": "ALL",
                "municipal_total": Decimal(total),
            },
            lines={Programme.SICKNESS_DISABILITY: Decimal(care)},
        )
    structure_save(
        actor=None,
        municipality=municipality,
        values={
            "kind": Structure.Kind.SOCIAL_WORKER,
            "unit": cast.areas[ZERQAN],
            "staff_required": 2,
            "staff_in_post": 1,
        },
    )


@pytest.fixture
def bulqize(cast: Cast) -> Cast:
    """The cast, with Bulqizë's figures."""
    figures_create(cast)
    return cast
