"""Statistics for the assessment tests: Bulqizë's two units of the cast with their real census
population, and counts of two groups in need chosen so that suppression has work to do."""

from decimal import Decimal
from typing import Any

from kujdes.territory.models import Area, Sex
from kujdes.territory.services import (
    ObservationRow,
    age_band_upsert,
    boundary_set,
    observations_upsert,
    source_upsert,
    variable_upsert,
)

CENSUS_2011, CENSUS_2023, ADMINISTRATIVE = "INSTAT-2011", "INSTAT-2023", "SOCIAL-REGISTER"
ZERQAN, FUSHE = "AL-BULQIZE-ZERQAN", "AL-BULQIZE-FUSHE-BULQIZE"
POPULATION = {ZERQAN: {2011: 4111, 2023: 3129}, FUSHE: {2011: 3342, 2023: 2943}}
# Persons with disabilities, and domestic-violence cases: Zerqan's 3 is a small count, so
# Fushë-Bulqizë's 6 must be hidden too, or the total 9 would give it away.
DISABILITY = {ZERQAN: 197, FUSHE: 143}
VIOLENCE = {ZERQAN: 3, FUSHE: 6}
# Women and men of the two age bands in 2023, per unit.
STRUCTURE = {
    ZERQAN: {
        ("F", "0-64"): 1290,
        ("M", "0-64"): 1330,
        ("F", "65-PLUS"): 280,
        ("M", "65-PLUS"): 229,
    },
    FUSHE: {("F", "0-64"): 1205, ("M", "0-64"): 1240, ("F", "65-PLUS"): 262, ("M", "65-PLUS"): 236},
}


def square(lon: float, lat: float, size: float = 0.05) -> dict[str, Any]:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def _row(
    variable: str, area: str, year: int, value: int, source: str, **extra: Any
) -> ObservationRow:
    return ObservationRow(
        variable_code=variable,
        area_code=area,
        year=year,
        sex=extra.get("sex", Sex.TOTAL),
        age_band_code=extra.get("band", "TOTAL"),
        source_code=source,
        value=Decimal(value),
    )


def figures_create() -> None:
    source_upsert(actor=None, code=CENSUS_2011, name="INSTAT Census 2011", publisher="INSTAT")
    source_upsert(actor=None, code=CENSUS_2023, name="INSTAT Census 2023", publisher="INSTAT")
    source_upsert(actor=None, code=ADMINISTRATIVE, name="Social register", publisher="Bashkia")
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
        position=30,
    )
    variable_upsert(
        actor=None,
        code="DOMESTIC_VIOLENCE_CASES",
        name_sq="Raste të dhunës në familje",
        name_en="Domestic violence cases",
        unit="cases",
        is_sensitive=True,
        position=70,
    )
    age_band_upsert(code="TOTAL", name_sq="Të gjitha moshat", name_en="All ages")
    age_band_upsert(code="0-64", name_sq="0–64 vjeç", name_en="0–64 years", upper=64, position=1)
    age_band_upsert(
        code="65-PLUS", name_sq="65 e lart", name_en="65 and over", lower=65, position=2
    )
    rows = []
    for code, years in POPULATION.items():
        rows += [
            _row("POPULATION", code, year, value, CENSUS_2011 if year == 2011 else CENSUS_2023)
            for year, value in years.items()
        ]
        rows += [
            _row("POPULATION", code, 2023, value, CENSUS_2023, sex=sex, band=band)
            for (sex, band), value in STRUCTURE[code].items()
        ]
        rows.append(_row("PERSONS_WITH_DISABILITIES", code, 2024, DISABILITY[code], ADMINISTRATIVE))
        rows.append(_row("DOMESTIC_VIOLENCE_CASES", code, 2024, VIOLENCE[code], ADMINISTRATIVE))
    for year, source in ((2011, CENSUS_2011), (2023, CENSUS_2023)):
        rows.append(
            _row(
                "POPULATION", "AL-BULQIZE", year, sum(p[year] for p in POPULATION.values()), source
            )
        )
    rows.append(
        _row(
            "PERSONS_WITH_DISABILITIES",
            "AL-BULQIZE",
            2024,
            sum(DISABILITY.values()),
            ADMINISTRATIVE,
        )
    )
    rows.append(
        _row("DOMESTIC_VIOLENCE_CASES", "AL-BULQIZE", 2024, sum(VIOLENCE.values()), ADMINISTRATIVE)
    )
    observations_upsert(rows=rows, actor=None, origin="tests")
    areas = {area.code: area for area in Area.objects.filter(code__startswith="AL-BULQIZE")}
    boundary_set(area=areas[ZERQAN], geometry=square(20.30, 41.45), source="tests")
    boundary_set(area=areas[FUSHE], geometry=square(20.10, 41.45), source="tests")
    boundary_set(area=areas["AL-BULQIZE"], geometry=square(20.10, 41.45, 0.25), source="tests")
