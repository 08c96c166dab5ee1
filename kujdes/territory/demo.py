"""The demo data set, loaded by `manage.py load_demo` through the services.

Real figures come from the files in `data/` (copied from the project's reference data; their
origin and licence are in `data/README.md`, `data/SOURCE-territory.md` and `data/SOURCE-geo.md`).
Figures no public source gives are generated deterministically under the illustrative source,
so every page has something to show and says that it is illustrative.

Area codes: countries AL, XK, RS; Albanian qarks AL-QARK-<qark> (the plain AL-<qark> is taken by
the municipality of the same name: all 12 qarks share their name with a municipality);
municipalities AL-<municipality>, XK-<Albanian name>, RS-<Serbian name>; Albanian
administrative units <municipality code>-<unit>; Serbian districts RS-PCINJSKI, RS-JABLANICKI.
Every segment is `code_slug` of the name, so codes stay stable as long as the names do.
"""

import csv
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models, transaction

from kujdes.accounts.models import Membership, Role, User
from kujdes.accounts.services import membership_grant, user_create
from kujdes.lib.text import code_slug, fold
from kujdes.territory.models import AgeBand, Area, AreaBoundary, Sex, Source, Variable
from kujdes.territory.services import (
    AreaRow,
    ObservationRow,
    UpsertCounts,
    age_band_upsert,
    areas_upsert,
    boundary_set,
    observations_upsert,
    source_upsert,
    variable_upsert,
)

DATA_DIR = Path(__file__).parent / "data"
# Printed by load_demo for the demo users; a demo data set only, never production accounts.
DEMO_PASSWORD = "kujdes-demo-2026"  # noqa: S105
ORIGIN = "load_demo"
BULQIZE = "AL-BULQIZE"
PUKE = "AL-PUKE"
ILLUSTRATIVE = "KUJDES-ILLUSTRATIVE"
POPULATION = "POPULATION"

# (username, role, area code): one user per role over Bulqizë, plus the wider roles and a
# planner in another municipality.
DEMO_USERS = [
    ("planner", Role.PLANNER, BULQIZE),
    ("caseworker", Role.CASE_WORKER, BULQIZE),
    ("supervisor", Role.SUPERVISOR, BULQIZE),
    ("provider", Role.PROVIDER_STAFF, BULQIZE),
    ("advisory", Role.ADVISORY_MEMBER, BULQIZE),
    ("national", Role.NATIONAL_VIEWER, "AL"),
    ("admin", Role.ADMINISTRATOR, "AL"),
    ("planner.puke", Role.PLANNER, PUKE),
]

# Census sources of the national totals in national_totals.csv, by (country, year).
NATIONAL_SOURCES = {
    ("AL", 2023): "INSTAT-CENSUS-2023",
    ("XK", 2011): "KAS-CENSUS-2011",
    ("XK", 2024): "KAS-CENSUS-2024",
    ("RS", 2022): "RZS-CENSUS-2022",
}
# Serbia's 2022 total is the preliminary figure (national_totals.csv note, SOURCE-territory.md).
PROVISIONAL_NATIONAL = {("RS", 2022)}

# The year the Pukë civil-registry count refers to. The source gives none; the figure appears in
# the municipal profiles published after the 2015 territorial reform (see sources.csv).
CIVIL_REGISTRY_YEAR = 2015

GEO_ATTRIBUTION = "© OpenStreetMap contributors; geoBoundaries (Runfola et al. 2020); ODbL 1.0"
GEO_SOURCES = {
    "AL": f"geoBoundaries gbOpen ALB ADM3 (OSM, Oct 2020). {GEO_ATTRIBUTION}",
    "XK": f"geoBoundaries gbOpen XKX ADM2 (OSM, May 2021). {GEO_ATTRIBUTION}",
}


class DemoDataError(Exception):
    """The reference data does not fit together; nothing was loaded."""


@dataclass
class DemoReport:
    counts: dict[str, UpsertCounts] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(counts.created or counts.updated for counts in self.counts.values())


def _read(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _flag(text: str) -> bool:
    if text not in ("true", "false"):
        raise DemoDataError(f"expected true/false, got {text!r}")
    return text == "true"


def _number(text: str) -> Decimal | None:
    return Decimal(text) if text.strip() else None


# ── Reference data: sources, variables, age bands ────────────────────────────────────────────


def _tally(
    counts: UpsertCounts, model: type[models.Model], code: str, values: dict[str, Any]
) -> None:
    current = model._default_manager.filter(code=code).values(*values).first()
    if current is None:
        counts.created += 1
    elif any(current[name] != value for name, value in values.items()):
        counts.updated += 1
    else:
        counts.unchanged += 1


def _reference_load(report: DemoReport) -> None:
    report.counts["sources"] = counts = UpsertCounts()
    for row in _read("sources.csv"):
        values = {
            "name": row["name"],
            "publisher": row["publisher"],
            "url": row["url"],
            "notes": row["notes"],
            "is_illustrative": _flag(row["is_illustrative"]),
        }
        _tally(counts, Source, row["code"], values)
        source_upsert(actor=None, code=row["code"], **values)

    report.counts["variables"] = counts = UpsertCounts()
    for row in _read("variables.csv"):
        values = {
            "unit": row["unit"],
            "is_sensitive": _flag(row["is_sensitive"]),
            "position": int(row["position"]),
            "name_sq": row["name_sq"],
            "name_sr_latn": row["name_sr_latn"],
            "name_en": row["name_en"],
        }
        _tally(counts, Variable, row["code"], values)
        variable_upsert(actor=None, code=row["code"], **values)

    report.counts["age bands"] = counts = UpsertCounts()
    for row in _read("age_bands.csv"):
        band_values: dict[str, Any] = {
            "lower": int(row["lower"]),
            "upper": int(row["upper"]) if row["upper"] else None,
            "position": int(row["position"]),
            "name_sq": row["name_sq"],
            "name_sr_latn": row["name_sr_latn"],
            "name_en": row["name_en"],
        }
        _tally(counts, AgeBand, row["code"], band_values)
        age_band_upsert(code=row["code"], **band_values)


# ── The area tree ────────────────────────────────────────────────────────────────────────────


@dataclass
class AreaCatalogue:
    """The area rows in load order, and the lookups that join data files to area codes."""

    rows: list[AreaRow] = field(default_factory=list)
    # fold(municipality name) → code, for Albania and Kosovo separately.
    albania_municipalities: dict[str, str] = field(default_factory=dict)
    kosovo_municipalities: dict[str, str] = field(default_factory=dict)
    # (fold(municipality), fold(unit)) → code
    albania_units: dict[tuple[str, str], str] = field(default_factory=dict)
    serbia_municipalities: dict[str, str] = field(default_factory=dict)

    def add(self, row: AreaRow) -> None:
        if any(existing.code == row.code for existing in self.rows):
            raise DemoDataError(f"two areas would get the code {row.code}")
        self.rows.append(row)

    def units_of(self, municipality_code: str) -> list[str]:
        return [row.code for row in self.rows if row.parent_code == municipality_code]


def albania_municipality_code(name: str) -> str:
    return f"AL-{code_slug(name)}"


def area_catalogue() -> AreaCatalogue:
    catalogue = AreaCatalogue()
    qarks: dict[str, str] = {}
    for row in _read("regions.csv"):
        catalogue.add(
            AreaRow(
                row["code"],
                row["parent_code"],
                row["level"],
                row["name_sq"],
                row["name_sr_latn"],
                row["name_en"],
            )
        )
        if row["parent_code"] == "AL":
            qarks[row["csv_name"]] = row["code"]

    # Place names are not translated into English; Serbian forms of Albanian municipality and
    # unit names are not in the data, so Serbian pages show the Albanian name as a fallback.
    for row in _read("albania_municipalities.csv"):
        code = albania_municipality_code(row["municipality"])
        area = _number(row["area_km2"])
        name = row["municipality"]
        catalogue.add(
            AreaRow(code, qarks[row["qark"]], Area.Level.MUNICIPALITY, name, "", name, area)
        )
        catalogue.albania_municipalities[fold(name)] = code
    for row in _read("albania_admin_units.csv"):
        parent = catalogue.albania_municipalities[fold(row["municipality"])]
        name = row["admin_unit"]
        # Homonyms (Fierzë ×3, Qendër, Klos, …) sit in different municipalities; add() fails
        # loudly if two units of one municipality ever slug to the same code.
        code = f"{parent}-{code_slug(name)}"
        catalogue.add(AreaRow(code, parent, Area.Level.ADMIN_UNIT, name, "", name))
        catalogue.albania_units[(fold(row["municipality"]), fold(name))] = code

    for row in _read("kosovo_municipalities.csv"):
        code = f"XK-{code_slug(row['name_sq'])}"
        name = row["name_sq"]
        catalogue.add(
            AreaRow(
                code,
                "XK",
                Area.Level.MUNICIPALITY,
                name,
                row["name_sr"],
                name,
                _number(row["area_km2"]),
            )
        )
        catalogue.kosovo_municipalities[fold(name)] = code

    districts = {
        row["name_sr"]: row["district_code"] for row in _read("serbia_south_districts.csv")
    }
    for row in _read("serbia_south_municipalities.csv"):
        code = f"RS-{code_slug(row['name_sr'])}"
        name_sr = row["name_sr"]
        catalogue.add(
            AreaRow(
                code, districts[name_sr], Area.Level.MUNICIPALITY, row["name_sq"], name_sr, name_sr
            )
        )
        catalogue.serbia_municipalities[name_sr] = code
    return catalogue


# ── Real figures ─────────────────────────────────────────────────────────────────────────────


class _Figures:
    """Observation rows by natural key; the same figure given by two files must agree."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str, int, str, str, str], ObservationRow] = {}

    def add(
        self,
        area_code: str,
        year: int,
        source: str,
        value: Decimal | int,
        *,
        variable: str = POPULATION,
        sex: str = Sex.TOTAL,
        age_band: str = AgeBand.TOTAL,
        provisional: bool = False,
    ) -> None:
        row = ObservationRow(
            variable, area_code, year, sex, age_band, source, Decimal(value), provisional
        )
        key = (variable, area_code, year, sex, age_band, source)
        if key in self.rows and self.rows[key] != row:
            raise DemoDataError(f"two different figures for {key}: {self.rows[key]} and {row}")
        self.rows[key] = row


def census_rows(catalogue: AreaCatalogue) -> list[ObservationRow]:
    figures = _Figures()
    census_al = {2011: "INSTAT-CENSUS-2011", 2023: "INSTAT-CENSUS-2023"}

    for row in _read("national_totals.csv"):
        country, year = row["country"], int(row["year"])
        source = NATIONAL_SOURCES[(country, year)]
        provisional = (country, year) in PROVISIONAL_NATIONAL
        figures.add(country, year, source, Decimal(row["population"]), provisional=provisional)
        if households := _number(row["households"]):
            figures.add(
                country, year, source, households, variable="HOUSEHOLDS", provisional=provisional
            )

    for row in _read("albania_municipalities.csv"):
        code = catalogue.albania_municipalities[fold(row["municipality"])]
        for year, source in census_al.items():
            if value := _number(row[f"population_{year}"]):
                figures.add(code, year, source, value)
    for row in _read("albania_admin_units.csv"):
        if value := _number(row["population_2011"]):
            key = (fold(row["municipality"]), fold(row["admin_unit"]))
            figures.add(catalogue.albania_units[key], 2011, census_al[2011], value)
    for row in _read("albania_bulqize_units.csv"):
        code = catalogue.albania_units[(fold(row["municipality"]), fold(row["admin_unit"]))]
        for year, source in census_al.items():
            figures.add(code, year, source, Decimal(row[f"population_{year}"]))
    for row in _read("albania_puke_units.csv"):
        if not row["admin_unit"]:
            code = catalogue.albania_municipalities[fold(row["municipality"])]
            figures.add(code, 2011, census_al[2011], Decimal(row["population_2011"]))
            # The register count is only in the note; it is shown beside the census, never
            # summed with it.
            match = re.search(r"Civil Registry gives ([\d,]+)", row["note"])
            if match is None:
                raise DemoDataError("albania_puke_units.csv: the civil-registry note has changed")
            registered = Decimal(match.group(1).replace(",", ""))
            figures.add(code, CIVIL_REGISTRY_YEAR, "AL-CIVIL-REGISTRY", registered)
        elif value := _number(row["population_2011"]):
            key = (fold(row["municipality"]), fold(row["admin_unit"]))
            figures.add(catalogue.albania_units[key], 2011, census_al[2011], value)

    for row in _read("kosovo_municipalities.csv"):
        code = catalogue.kosovo_municipalities[fold(row["name_sq"])]
        if _flag(row["population_2011_is_estimate"]):
            # The census was not held in the north; the figure is KAS's end-2014 estimate, so it
            # is filed under that year and source, never as a 2011 census count.
            figures.add(
                code, 2014, "KAS-ESTIMATE-2014", Decimal(row["population_2011"]), provisional=True
            )
        else:
            figures.add(code, 2011, "KAS-CENSUS-2011", Decimal(row["population_2011"]))
        if value := _number(row["population_2024"]):
            provisional = "preliminary" in row["note"].lower()
            figures.add(code, 2024, "KAS-CENSUS-2024", value, provisional=provisional)
        # population_2024_approx is not loaded: rounded "≈" press figures next to exact counts
        # would be read as census results and used in rates (SOURCE-territory.md keeps them out
        # of population_2024 for the same reason).

    for row in _read("serbia_south_municipalities.csv"):
        code = catalogue.serbia_municipalities[row["name_sr"]]
        figures.add(
            code,
            2022,
            "RZS-CENSUS-2022",
            Decimal(row["population_2022"]),
            provisional=_flag(row["provisional"]),
        )
    return list(figures.rows.values())


# ── Illustrative figures ─────────────────────────────────────────────────────────────────────

# Rough age structure (percent per band) used to spread a total; not from any table.
AGE_SHARES = {
    2011: {
        "0-14": 22,
        "15-24": 18,
        "25-34": 13,
        "35-44": 12,
        "45-54": 14,
        "55-64": 10,
        "65-74": 7,
        "75-PLUS": 4,
    },
    2023: {
        "0-14": 15,
        "15-24": 13,
        "25-34": 12,
        "35-44": 12,
        "45-54": 13,
        "55-64": 14,
        "65-74": 12,
        "75-PLUS": 9,
    },
}
# Pukë lost about 44% of its residents between 2011 and 2023 (news item, SOURCE-territory.md);
# the illustrative service figures are scaled to today's size.
PUKE_SHRINKAGE = Decimal("0.56")


def _split(total: int, weights: list[float], rng: random.Random) -> list[int]:
    """`total` spread over cells in proportion to jittered weights, summing exactly to it."""
    jittered = [weight * rng.uniform(0.85, 1.15) for weight in weights]
    scale = total / sum(jittered)
    exact = [weight * scale for weight in jittered]
    cells = [int(value) for value in exact]
    by_remainder = sorted(range(len(cells)), key=lambda index: cells[index] - exact[index])
    for index in by_remainder[: total - sum(cells)]:
        cells[index] += 1
    return cells


def _sex_age_cells(area_code: str, year: int, total: int) -> dict[tuple[str, str], int]:
    rng = random.Random(f"{area_code}:{year}:sex-age")  # noqa: S311 (seeded for repeatability)
    bands = list(AGE_SHARES[year])
    weights = []
    for position, band in enumerate(bands):
        # Women outnumber men more with every older band.
        female = 0.48 + 0.01 * position
        weights += [AGE_SHARES[year][band] * female, AGE_SHARES[year][band] * (1 - female)]
    cells = _split(total, weights, rng)
    keys = [(sex, band) for band in bands for sex in (Sex.FEMALE, Sex.MALE)]
    return dict(zip(keys, cells, strict=True))


def _service_figures(area_code: str, population: int) -> dict[str, tuple[int, int]]:
    """variable → (year, value) for one administrative unit; small units get values 1–4."""
    rng = random.Random(f"{area_code}:services")  # noqa: S311
    households = round(population / rng.uniform(3.2, 3.8))
    return {
        "HOUSEHOLDS": (2023, households),
        "PERSONS_WITH_DISABILITIES": (2024, round(population * rng.uniform(0.045, 0.07))),
        "FAMILIES_ON_ECONOMIC_AID": (2024, round(households * rng.uniform(0.08, 0.16))),
        "ELDERLY_LIVING_ALONE": (2024, round(population * rng.uniform(0.008, 0.02))),
        "CHILDREN_WITHOUT_PARENTAL_CARE": (
            2024,
            max(1, round(population * rng.uniform(3, 12) / 10_000)),
        ),
        "DOMESTIC_VIOLENCE_CASES": (2024, max(1, round(population * rng.uniform(5, 20) / 10_000))),
    }


def illustrative_rows(
    catalogue: AreaCatalogue, census: list[ObservationRow]
) -> list[ObservationRow]:
    real = {
        (row.area_code, row.year): int(row.value)
        for row in census
        if row.variable_code == POPULATION
        and row.sex == Sex.TOTAL
        and row.source_code.startswith("INSTAT")
    }
    figures = _Figures()

    def add_units(
        municipality: str, year: int, unit_totals: dict[str, int], scale: Decimal
    ) -> None:
        sums: dict[tuple[str, str], int] = defaultdict(int)
        service_sums: dict[tuple[str, int], int] = defaultdict(int)
        for unit, total in unit_totals.items():
            for (sex, band), value in _sex_age_cells(unit, year, total).items():
                figures.add(unit, year, ILLUSTRATIVE, value, sex=sex, age_band=band)
                sums[(sex, band)] += value
            for variable, (service_year, value) in _service_figures(
                unit, int(total * scale)
            ).items():
                figures.add(unit, service_year, ILLUSTRATIVE, value, variable=variable)
                service_sums[(variable, service_year)] += value
        # Municipality figures are the sums of their units, as a real table would be.
        for (sex, band), value in sums.items():
            figures.add(municipality, year, ILLUSTRATIVE, value, sex=sex, age_band=band)
        for (variable, service_year), value in service_sums.items():
            figures.add(municipality, service_year, ILLUSTRATIVE, value, variable=variable)

    # Bulqizë: every unit's 2023 cells add up to its real 2023 census total.
    bulqize_units = catalogue.units_of(BULQIZE)
    add_units(BULQIZE, 2023, {unit: real[(unit, 2023)] for unit in bulqize_units}, Decimal(1))

    # Pukë: no unit figures after 2011, and only the town's in 2011. The other units share the
    # rest of the real municipal total; their generated totals are loaded as illustrative.
    puke_units = catalogue.units_of(PUKE)
    known = {unit: real[(unit, 2011)] for unit in puke_units if (unit, 2011) in real}
    unknown = [unit for unit in puke_units if unit not in known]
    rest = real[(PUKE, 2011)] - sum(known.values())
    rng = random.Random(f"{PUKE}:2011:units")  # noqa: S311
    shares = _split(rest, [1.0] * len(unknown), rng)
    generated = dict(zip(unknown, shares, strict=True))
    for unit, total in generated.items():
        figures.add(unit, 2011, ILLUSTRATIVE, total)
    add_units(PUKE, 2011, {**known, **generated}, PUKE_SHRINKAGE)
    return list(figures.rows.values())


# ── Boundaries ───────────────────────────────────────────────────────────────────────────────


def _features(name: str) -> list[dict[str, Any]]:
    with (DATA_DIR / name).open(encoding="utf-8") as file:
        features: list[dict[str, Any]] = json.load(file)["features"]
    return features


def boundary_matches(catalogue: AreaCatalogue) -> list[tuple[str, dict[str, Any], str]]:
    """(area code, geometry, source) for every feature; each feature matches exactly one area
    and no area matches two features, or DemoDataError names the culprit."""
    matches: list[tuple[str, dict[str, Any], str]] = []
    for feature in _features("albania_municipalities.geojson"):
        properties = feature["properties"]
        code = catalogue.albania_municipalities.get(fold(properties["name"]))
        matches.append((_matched(code, properties), feature["geometry"], GEO_SOURCES["AL"]))
    for feature in _features("albania_admin_units.geojson"):
        properties = feature["properties"]
        key = (fold(properties["municipality"]), fold(properties["name"]))
        code = catalogue.albania_units.get(key)
        matches.append((_matched(code, properties), feature["geometry"], GEO_SOURCES["AL"]))
    sr_names = {row.code: row.name_sr_latn for row in catalogue.rows}
    for feature in _features("kosovo_municipalities.geojson"):
        properties = feature["properties"]
        code = catalogue.kosovo_municipalities.get(fold(properties["name"]))
        if code is not None and sr_names[code] != properties["name_sr"]:
            raise DemoDataError(f"Serbian names differ for {code}: {properties['name_sr']!r}")
        matches.append((_matched(code, properties), feature["geometry"], GEO_SOURCES["XK"]))
    codes = [code for code, _geometry, _source in matches]
    if duplicates := sorted({code for code in codes if codes.count(code) > 1}):
        raise DemoDataError(f"several boundaries for {', '.join(duplicates)}")
    return matches


def _matched(code: str | None, properties: dict[str, Any]) -> str:
    if code is None:
        raise DemoDataError(f"no area matches the boundary {properties}")
    return code


def _boundaries_load(catalogue: AreaCatalogue, report: DemoReport) -> None:
    report.counts["boundaries"] = counts = UpsertCounts()
    areas = {area.code: area for area in Area.objects.all()}
    existing = set(AreaBoundary.objects.values_list("area__code", flat=True))
    for code, geometry, source in boundary_matches(catalogue):
        changed = boundary_set(area=areas[code], geometry=geometry, source=source)
        if code not in existing:
            counts.created += 1
        elif changed:
            counts.updated += 1
        else:
            counts.unchanged += 1


# ── Users ────────────────────────────────────────────────────────────────────────────────────


def _users_load(report: DemoReport) -> None:
    report.counts["users"] = users = UpsertCounts()
    report.counts["memberships"] = memberships = UpsertCounts()
    areas = {area.code: area for area in Area.objects.filter(code__in={c for *_, c in DEMO_USERS})}
    for username, role, area_code in DEMO_USERS:
        # user_create is not idempotent, so an existing user is kept as it is (password too).
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(actor=None, username=username, password=DEMO_PASSWORD)
            users.created += 1
        else:
            users.unchanged += 1
        area = areas[area_code]
        if Membership.objects.filter(user=user, role=role, area=area).exists():
            memberships.unchanged += 1
        else:
            membership_grant(actor=None, user=user, role=role, area=area)
            memberships.created += 1


@transaction.atomic
def demo_load() -> DemoReport:
    """Load or refresh the whole demo data set; all or nothing, and a second run changes nothing."""
    report = DemoReport()
    _reference_load(report)
    catalogue = area_catalogue()
    report.counts["areas"] = areas_upsert(rows=catalogue.rows, actor=None, origin=ORIGIN)
    census = census_rows(catalogue)
    report.counts["real figures"] = observations_upsert(
        rows=census, actor=None, origin=f"{ORIGIN}:census"
    )
    report.counts["illustrative figures"] = observations_upsert(
        rows=illustrative_rows(catalogue, census), actor=None, origin=f"{ORIGIN}:illustrative"
    )
    _boundaries_load(catalogue, report)
    _users_load(report)
    return report
