"""Data for bench_assessment: a generated national data set (a country, 12 regions, 61
municipalities, 370 administrative units; 40 variables × 10 years × sex × 9 age bands on every
unit and municipality, about 4.65 million observations), a directory of about 5 services per
municipality with people served and funding for 2 years, and square outlines for every unit and
municipality. The hand-written SQL that reads the same figures is in assessment_sql.py.

Everything is generated from a fixed seed. Areas, reference rows, boundaries and the directory
go through the services or `bulk_create` as in bench_directory; the observations go through
psycopg's COPY, with the table's secondary indexes and foreign keys dropped for the load and
put back afterwards (adding a foreign key back checks every row in one pass). The data set is
deleted again at the end of the benchmark, so the other benchmarks start from an empty
observation table and directory as before.
"""

import csv
import math
import random
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from kujdes.directory.models import (
    BeneficiaryCount,
    Currency,
    Funding,
    FundingSource,
    Licence,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceType,
    TargetGroup,
)
from kujdes.directory.services import taxonomies_load
from kujdes.planning.assessment.data import POPULATION, need_groups
from kujdes.territory.demo import DATA_DIR
from kujdes.territory.models import AgeBand, Area, AreaBoundary, Observation, Source, Variable
from kujdes.territory.services import (
    AreaRow,
    age_band_upsert,
    areas_upsert,
    source_upsert,
    variable_upsert,
)

SEED = 20240615
COUNTRY = "BA"  # not BN: bench_directory and bench_import build their own country BN
REGIONS = 12
MUNICIPALITIES = 61
UNITS = 370  # 3 to 9 per municipality
UNITS_MIN, UNITS_MAX = 3, 9
YEARS = range(2015, 2025)
VARIABLES = 40
SOURCE = "BENCH-ASSESSMENT"
SERVICES_PER_MUNICIPALITY = (3, 7)  # about 5
NATIONAL_SERVICES = 2  # serving the whole country, kept by the country
SERVICE_YEARS = (2023, 2024)
ORIGIN = "bench_assessment"

# 0-14, 15-24, 25-34, 35-44, 45-54, 55-64, 65-74, 75+: the 8 bands of age_bands.csv.
POPULATION_PROFILE = (17, 14, 14, 13, 13, 13, 10, 6)
# variable → (per 1,000 residents, age profile, share of women); the real variables of
# kujdes/territory/data/variables.csv. ROMA_AND_EGYPTIANS' rate is drawn per unit.
PROFILES: dict[str, tuple[float, tuple[int, ...], float]] = {
    "HOUSEHOLDS": (280, (0, 3, 15, 20, 20, 18, 14, 10), 0.3),
    "PERSONS_WITH_DISABILITIES": (25, (8, 8, 9, 11, 14, 17, 18, 15), 0.5),
    "FAMILIES_ON_ECONOMIC_AID": (12, (0, 5, 20, 25, 22, 15, 8, 5), 0.45),
    "ELDERLY_LIVING_ALONE": (9, (0, 0, 0, 0, 0, 5, 40, 55), 0.65),
    "CHILDREN_WITHOUT_PARENTAL_CARE": (0.8, (80, 20, 0, 0, 0, 0, 0, 0), 0.5),
    "DOMESTIC_VIOLENCE_CASES": (1.8, (10, 20, 25, 22, 12, 7, 3, 1), 0.85),
    "ROMA_AND_EGYPTIANS": (0, POPULATION_PROFILE, 0.5),
}
SYLLABLES = ["ka", "vë", "ro", "li", "për", "ma", "dra", "shë", "ko", "ni", "tu", "ra", "bu"]
SYLLABLES += ["qi", "zë", "ça", "gji", "lu", "mi", "sa", "de", "llo", "rë", "ti", "fu", "ne"]
UNIT_SUFFIXES = ["Qendër", "Veri", "Jug", "Lindje", "Perëndim", "Fushë", "Mal", "Lumë", "Kodër"]

# The grid the square outlines sit on: municipalities 0.2° wide from 19.2° E, 39.6° N.
GRID_COLUMNS = 8
MUNICIPALITY_DEGREES = 0.2
WEST, SOUTH = 19.2, 39.6


# ── Areas and reference rows ────────────────────────────────────────────────────────────────


def _name(random_numbers: random.Random, taken: set[str]) -> str:
    while True:
        name = "".join(
            random_numbers.choice(SYLLABLES) for _ in range(random_numbers.randint(2, 3))
        ).capitalize()
        if name not in taken:
            taken.add(name)
            return name


def _uuid(random_numbers: random.Random) -> uuid.UUID:
    return uuid.UUID(int=random_numbers.getrandbits(128), version=4)


def unit_counts(random_numbers: random.Random) -> list[int]:
    """Units per municipality, each 3 to 9, 370 in all."""
    counts = [random_numbers.randint(UNITS_MIN, UNITS_MAX) for _ in range(MUNICIPALITIES)]
    while (difference := UNITS - sum(counts)) != 0:
        index = random_numbers.randrange(MUNICIPALITIES)
        step = 1 if difference > 0 else -1
        if UNITS_MIN <= counts[index] + step <= UNITS_MAX:
            counts[index] += step
    return counts


def areas_create(random_numbers: random.Random) -> None:
    """BA, its regions BA-R01…, municipalities BA-M001… (5 or 6 a region) and their units
    BA-M001-1…"""
    taken: set[str] = set()
    rows = [AreaRow(COUNTRY, "", Area.Level.COUNTRY, "Bench Assessment")]
    for region in range(1, REGIONS + 1):
        rows.append(
            AreaRow(
                f"{COUNTRY}-R{region:02}", COUNTRY, Area.Level.REGION, _name(random_numbers, taken)
            )
        )
    for number, units in enumerate(unit_counts(random_numbers), start=1):
        code, name = f"{COUNTRY}-M{number:03}", _name(random_numbers, taken)
        region_code = f"{COUNTRY}-R{(number - 1) % REGIONS + 1:02}"
        rows.append(AreaRow(code, region_code, Area.Level.MUNICIPALITY, name))
        rows += [
            AreaRow(f"{code}-{unit}", code, Area.Level.ADMIN_UNIT, f"{name} {suffix}")
            for unit, suffix in enumerate(UNIT_SUFFIXES[:units], start=1)
        ]
    areas_upsert(rows=rows, actor=None, origin=ORIGIN)


def _read(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def reference_create() -> list[str]:
    """The variables of variables.csv and filler variables up to 40, the age bands of
    age_bands.csv, and the benchmark's source; returns the variable codes in order."""
    codes = []
    for row in _read("variables.csv"):
        variable_upsert(
            actor=None,
            code=row["code"],
            unit=row["unit"],
            is_sensitive=row["is_sensitive"] == "true",
            position=int(row["position"]),
            name_sq=row["name_sq"],
            name_sr_latn=row["name_sr_latn"],
            name_en=row["name_en"],
        )
        codes.append(row["code"])
    wanted = {POPULATION, *(group.variable for group in need_groups())}
    assert wanted <= set(codes), wanted - set(codes)
    for number in range(1, VARIABLES - len(codes) + 1):
        code = f"BENCH_FILLER_{number:02}"
        variable_upsert(
            actor=None,
            code=code,
            unit=Variable.Unit.PERSONS,
            is_sensitive=number % 2 == 0,
            position=1000 + number,
            name_sq=f"Tregues {number}",
        )
        codes.append(code)
    for row in _read("age_bands.csv"):
        age_band_upsert(
            code=row["code"],
            lower=int(row["lower"]),
            upper=int(row["upper"]) if row["upper"] else None,
            position=int(row["position"]),
            name_sq=row["name_sq"],
            name_sr_latn=row["name_sr_latn"],
            name_en=row["name_en"],
        )
    source_upsert(actor=None, code=SOURCE, name="Generated for the assessment benchmark")
    return codes


# ── Observations ─────────────────────────────────────────────────────────────────────────────


def _poisson(random_numbers: random.Random, mean: float) -> int:
    if mean >= 30:
        return max(0, round(random_numbers.gauss(mean, math.sqrt(mean))))
    limit, count, product = math.exp(-mean), 0, random_numbers.random()
    while product > limit:
        count += 1
        product *= random_numbers.random()
    return count


def allocate(total: int, weights: list[float], random_numbers: random.Random) -> list[int]:
    """`total` split into len(weights) whole counts: drawn one by one when small (so small
    cells of 1 to 4 are common), else in proportion by largest remainder."""
    size = len(weights)
    if total <= 0:
        return [0] * size
    if total <= 60:
        counts = [0] * size
        cumulative = []
        running = 0.0
        for weight in weights:
            running += weight
            cumulative.append(running)
        for index in random_numbers.choices(range(size), cum_weights=cumulative, k=total):
            counts[index] += 1
        return counts
    whole = sum(weights)
    shares = [total * weight / whole for weight in weights]
    counts = [int(share) for share in shares]
    order = sorted(range(size), key=lambda index: counts[index] - shares[index])
    for index in order[: total - sum(counts)]:
        counts[index] += 1
    return counts


# The 27 figures of one area, variable and year: sex T, F, M × age band TOTAL and the 8 bands.
Figures = list[int]


def _figures(cells: list[int]) -> Figures:
    """From the 16 cells (F of the 8 bands, then M) to the 27 figures with their totals."""
    female, male = cells[:8], cells[8:]
    total = [f + m for f, m in zip(female, male, strict=True)]
    return [sum(total), *total, sum(female), *female, sum(male), *male]


def observations_generate(
    random_numbers: random.Random, codes: list[str], units: dict[str, list[str]]
) -> Iterator[tuple[str, dict[str, list[Figures]]]]:
    """Per variable: area code → one list of 27 figures per year, units and municipalities
    (the sums of their units)."""
    all_units = [unit for municipality in sorted(units) for unit in units[municipality]]
    base = {
        unit: math.exp(random_numbers.uniform(math.log(800), math.log(12_000)))
        for unit in all_units
    }
    growth = {unit: random_numbers.uniform(-0.02, 0.01) for unit in all_units}
    structure = {
        unit: [
            share * random_numbers.uniform(0.8, 1.2) * sex
            for sex in (0.51, 0.49)
            for share in POPULATION_PROFILE
        ]
        for unit in all_units
    }
    population: dict[str, list[int]] = {
        unit: [
            min(
                12_000,
                max(
                    800,
                    round(
                        base[unit]
                        * (1 + growth[unit]) ** (year - YEARS[0])
                        * random_numbers.gauss(1, 0.005)
                    ),
                ),
            )
            for year in YEARS
        ]
        for unit in all_units
    }
    for code in codes:
        per_unit: dict[str, list[Figures]] = {}
        if code == POPULATION:
            for unit in all_units:
                per_unit[unit] = [
                    _figures(allocate(total, structure[unit], random_numbers))
                    for total in population[unit]
                ]
        else:
            rate, profile, women = PROFILES.get(code, (0.0, (), 0.5))
            if not profile:  # a filler variable
                rate = random_numbers.uniform(1, 300)
                profile = tuple(random_numbers.randint(0, 20) + 1 for _ in range(8))
            weights = [share * sex for sex in (women, 1 - women) for share in profile]
            for unit in all_units:
                factor = math.exp(random_numbers.gauss(0, 0.35))
                if code == "ROMA_AND_EGYPTIANS":
                    factor = 0 if random_numbers.random() < 0.5 else 1
                    rate = random_numbers.uniform(2, 60)
                per_unit[unit] = [
                    _figures(
                        allocate(
                            _poisson(random_numbers, residents * rate / 1000 * factor),
                            weights,
                            random_numbers,
                        )
                    )
                    for residents in population[unit]
                ]
        figures = dict(per_unit)
        for municipality, its_units in units.items():
            figures[municipality] = [
                [sum(values) for values in zip(*(per_unit[u][y] for u in its_units), strict=True)]
                for y in range(len(YEARS))
            ]
        yield code, figures


def _observation_schema(cursor: Any) -> tuple[list[str], list[str]]:
    """The statements that put back the observation table's foreign keys, unique constraints
    and secondary indexes; the primary key stays."""
    cursor.execute(
        """SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
           WHERE conrelid = 'territory_observation'::regclass AND contype IN ('f', 'u')
           ORDER BY contype DESC, conname"""
    )
    constraints = [
        f'ALTER TABLE territory_observation ADD CONSTRAINT "{name}" {definition}'
        for name, definition in cursor.fetchall()
    ]
    cursor.execute(
        """SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
           WHERE i.indrelid = 'territory_observation'::regclass AND NOT i.indisprimary
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"""
    )
    indexes = [definition for (definition,) in cursor.fetchall()]
    return constraints, indexes


def observations_copy(
    random_numbers: random.Random, codes: list[str], units: dict[str, list[str]]
) -> int:
    """COPY every observation in; returns the number of rows."""
    area_ids = dict(Area.objects.filter(path__startswith=f"{COUNTRY}/").values_list("code", "id"))
    variable_ids = dict(Variable.objects.values_list("code", "id"))
    band_ids = [
        AgeBand.objects.get(code=row["code"]).pk for row in _read("age_bands.csv")
    ]  # TOTAL first, then the 8 bands
    source_id = Source.objects.get(code=SOURCE).pk
    latest = YEARS[-1]
    keys = [
        (sex, band_id) for sex in ("T", "F", "M") for band_id in band_ids
    ]  # the order of Figures
    rows = 0
    with transaction.atomic(), connection.cursor() as cursor:
        constraints, indexes = _observation_schema(cursor)
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute(
            """SELECT conname FROM pg_constraint
               WHERE conrelid = 'territory_observation'::regclass AND contype IN ('f', 'u')"""
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'ALTER TABLE territory_observation DROP CONSTRAINT "{name}"')
        for definition in indexes:
            name = definition.split(" INDEX ", 1)[1].split(" ON ", 1)[0]
            cursor.execute(f"DROP INDEX {name}")
        statement = (
            "COPY territory_observation (variable_id, area_id, year, sex, age_band_id, "
            "source_id, value, provisional) FROM STDIN"
        )
        with cursor.copy(statement) as copy:
            for code, figures in observations_generate(random_numbers, codes, units):
                variable_id = variable_ids[code]
                lines = []
                for area_code in sorted(figures, key=area_ids.__getitem__):
                    area_id = area_ids[area_code]
                    for year, values in zip(YEARS, figures[area_code], strict=True):
                        provisional = "t" if year == latest else "f"
                        prefix = f"{variable_id}\t{area_id}\t{year}\t"
                        suffix = f"\t{source_id}\t"
                        lines += [
                            f"{prefix}{sex}\t{band}{suffix}{value}\t{provisional}\n"
                            for (sex, band), value in zip(keys, values, strict=True)
                        ]
                rows += len(lines)
                copy.write("".join(lines))
        for definition in indexes:
            cursor.execute(definition)
        for definition in constraints:
            cursor.execute(definition)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE territory_observation")
    return rows


# ── Outlines ─────────────────────────────────────────────────────────────────────────────────


def _square(west: float, south: float, size: float) -> dict[str, Any]:
    ring = [
        [round(west, 5), round(south, 5)],
        [round(west + size, 5), round(south, 5)],
        [round(west + size, 5), round(south + size, 5)],
        [round(west, 5), round(south + size, 5)],
        [round(west, 5), round(south, 5)],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def boundaries_create(units: dict[str, list[str]]) -> int:
    """A square for every municipality on a grid, split into a grid of squares for its
    units."""
    areas = {area.code: area for area in Area.objects.filter(path__startswith=f"{COUNTRY}/")}
    rows = []
    for number, municipality in enumerate(sorted(units)):
        west = WEST + (number % GRID_COLUMNS) * MUNICIPALITY_DEGREES
        south = SOUTH + (number // GRID_COLUMNS) * MUNICIPALITY_DEGREES
        rows.append(
            AreaBoundary(
                area=areas[municipality],
                geometry=_square(west, south, MUNICIPALITY_DEGREES),
                source=ORIGIN,
            )
        )
        side = math.ceil(math.sqrt(len(units[municipality])))
        size = MUNICIPALITY_DEGREES / side
        for index, unit in enumerate(units[municipality]):
            rows.append(
                AreaBoundary(
                    area=areas[unit],
                    geometry=_square(
                        west + (index % side) * size, south + (index // side) * size, size
                    ),
                    source=ORIGIN,
                )
            )
    AreaBoundary.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


# ── Directory ────────────────────────────────────────────────────────────────────────────────


def directory_create(random_numbers: random.Random, units: dict[str, list[str]]) -> None:
    """About 5 services a municipality, kept by its 3 organizations (a public one, an NGO, a
    private provider): places, 1 to 3 target groups (mostly the need groups'), served areas
    (1 to 3 units, or the whole municipality), one location (1 in 10 confidential), people
    served and funding for 2 years. Plus national lines serving the whole country."""
    taxonomies_load()
    areas = {area.code: area for area in Area.objects.filter(path__startswith=f"{COUNTRY}/")}
    types = list(ServiceType.objects.filter(country="AL").order_by("code"))
    groups = list(TargetGroup.objects.filter(country="AL").order_by("code"))
    needed = {group.target_group for group in need_groups()}
    need_groups_al = [group for group in groups if group.common_code in needed]
    total_band = AgeBand.objects.get(code=AgeBand.TOTAL)
    today = date.today()
    organizations: list[Organization] = []
    licences: list[Licence] = []
    services: list[Service] = []
    served: list[Any] = []
    targeted: list[Any] = []
    locations: list[Location] = []
    links: list[ServiceAtLocation] = []
    counts: list[BeneficiaryCount] = []
    funding: list[Funding] = []

    def service_add(service: Service, served_areas: list[Area], location_area: Area) -> None:
        service.search_text = service.folded_text()
        services.append(service)
        for area in served_areas:
            served.append(Service.areas_served.through(service_id=service.pk, area_id=area.pk))
        chosen = random_numbers.sample(need_groups_al, random_numbers.randint(1, 2))
        if random_numbers.random() < 0.3:
            chosen.append(random_numbers.choice(groups))
        for group in {group.pk: group for group in chosen}.values():
            targeted.append(
                Service.target_groups.through(service_id=service.pk, targetgroup_id=group.pk)
            )
        location = Location(
            id=_uuid(random_numbers),
            organization=service.organization,
            name_sq=f"Zyra {location_area.name_sq}",
            address=f"Rruga {random_numbers.choice(SYLLABLES).capitalize()} {len(services)}",
            city=location_area.name_sq,
            area=location_area,
            is_confidential=random_numbers.random() < 0.1,
        )
        locations.append(location)
        links.append(
            ServiceAtLocation(id=_uuid(random_numbers), service=service, location=location)
        )
        for year in SERVICE_YEARS:
            people = (
                random_numbers.randint(1, 4)
                if random_numbers.random() < 0.2
                else random_numbers.randint(5, 150)
            )
            women = random_numbers.randint(0, people)
            for sex, count in (("T", people), ("F", women), ("M", people - women)):
                counts.append(
                    BeneficiaryCount(
                        service=service, year=year, sex=sex, age_band=total_band, count=count
                    )
                )
            sources = random_numbers.sample(
                list(FundingSource.values), random_numbers.randint(1, 3)
            )
            for source in sources:
                funding.append(
                    Funding(
                        id=_uuid(random_numbers),
                        service=service,
                        year=year,
                        source=source,
                        amount=Decimal(random_numbers.randrange(50, 2000) * 10_000),
                        currency=Currency.LEK,
                    )
                )

    kinds = [
        (Organization.Kind.SOCIAL_WORK_CENTRE, "Qendra Sociale"),
        (Organization.Kind.NGO, "Shoqata"),
        (Organization.Kind.PRIVATE, "Qendra Private"),
    ]
    for municipality_code in sorted(units):
        municipality = areas[municipality_code]
        own = []
        for kind, prefix in kinds:
            organization = Organization(
                id=_uuid(random_numbers),
                area=municipality,
                kind=kind,
                name_sq=f"{prefix} {municipality.name_sq}",
            )
            own.append(organization)
            organizations.append(organization)
            if random_numbers.random() < 0.6:
                licences.append(
                    Licence(
                        id=_uuid(random_numbers),
                        organization=organization,
                        kind="Licencë për shërbime të kujdesit shoqëror",
                        issuer="Ministria",
                        number=f"L-{len(licences):05}",
                        valid_from=today - timedelta(days=random_numbers.randint(30, 2000)),
                        status=Licence.Status.ACTIVE,
                    )
                )
        its_units = [areas[code] for code in units[municipality_code]]
        for _ in range(random_numbers.randint(*SERVICES_PER_MUNICIPALITY)):
            service_type = random_numbers.choice(types)
            if random_numbers.random() < 0.6:
                served_areas = random_numbers.sample(its_units, random_numbers.randint(1, 3))
            else:
                served_areas = [municipality]
            status = random_numbers.choices(
                [Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED, Service.Status.INACTIVE],
                weights=[90, 5, 5],
            )[0]
            service = Service(
                id=_uuid(random_numbers),
                organization=random_numbers.choice(own),
                area=municipality,
                service_type=service_type,
                name_sq=f"{service_type.name_sq} {served_areas[0].name_sq}",
                status=status,
                capacity=random_numbers.choice([None, 10, 15, 20, 30, 40, 60, 80]),
            )
            location_area = random_numbers.choice(
                [area for area in served_areas if area.level == Area.Level.ADMIN_UNIT] or its_units
            )
            service_add(service, served_areas, location_area)

    country = areas[COUNTRY]
    national = Organization(
        id=_uuid(random_numbers),
        area=country,
        kind=Organization.Kind.PUBLIC_INSTITUTION,
        name_sq="Linjat kombëtare",
    )
    organizations.append(national)
    helpline = next(t for t in types if t.code == "AL_PARASOCIAL_INFO_COUNSELLING")
    first_unit = areas[units[min(units)][0]]
    for number in range(NATIONAL_SERVICES):
        service = Service(
            id=_uuid(random_numbers),
            organization=national,
            area=country,
            service_type=helpline,
            name_sq=f"Linja kombëtare {116_110 + number}",
            capacity=None,
        )
        service_add(service, [country], first_unit)

    batch = 2000
    Organization.objects.bulk_create(organizations, batch_size=batch)
    Licence.objects.bulk_create(licences, batch_size=batch)
    Location.objects.bulk_create(locations, batch_size=batch)
    Service.objects.bulk_create(services, batch_size=batch)
    Service.areas_served.through.objects.bulk_create(served, batch_size=batch)
    Service.target_groups.through.objects.bulk_create(targeted, batch_size=batch)
    ServiceAtLocation.objects.bulk_create(links, batch_size=batch)
    BeneficiaryCount.objects.bulk_create(counts, batch_size=batch)
    Funding.objects.bulk_create(funding, batch_size=batch)


# ── The whole data set, its sizes, and its removal ──────────────────────────────────────────


def units_by_municipality() -> dict[str, list[str]]:
    """Municipality code → its units' codes."""
    units: dict[str, list[str]] = defaultdict(list)
    for area in Area.objects.filter(
        path__startswith=f"{COUNTRY}/", level=Area.Level.ADMIN_UNIT
    ).select_related("parent"):
        assert area.parent is not None
        units[area.parent.code].append(area.code)
    return {code: sorted(its_units) for code, its_units in sorted(units.items())}


TABLES = [
    ("areas", "territory_area"),
    ("area outlines", "territory_areaboundary"),
    ("variables", "territory_variable"),
    ("age bands", "territory_ageband"),
    ("observations", "territory_observation"),
    ("organizations", "directory_organization"),
    ("services", "directory_service"),
    ("services' target groups", "directory_service_target_groups"),
    ("services' areas served", "directory_service_areas_served"),
    ("locations", "directory_location"),
    ("people-served counts", "directory_beneficiarycount"),
    ("funding rows", "directory_funding"),
]


def data_sizes() -> dict[str, Any]:
    with connection.cursor() as cursor:
        rows = {}
        for label, table in TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")
            (rows[label],) = cursor.fetchone()
        cursor.execute("SELECT pg_database_size(current_database())")
        (database_bytes,) = cursor.fetchone()
        cursor.execute(
            "SELECT pg_table_size('territory_observation'), "
            "pg_indexes_size('territory_observation')"
        )
        observation_table, observation_indexes = cursor.fetchone()
    return {
        "rows": rows,
        "database_bytes": database_bytes,
        "observation_table_bytes": observation_table,
        "observation_index_bytes": observation_indexes,
    }


def assessment_data_create() -> dict[str, Any]:
    started = time.perf_counter()
    random_numbers = random.Random(SEED)
    areas_create(random_numbers)
    codes = reference_create()
    units = units_by_municipality()
    assert len(units) == MUNICIPALITIES and sum(map(len, units.values())) == UNITS
    outlines = boundaries_create(units)
    directory_create(random_numbers, units)
    reference_seconds = time.perf_counter() - started
    copy_started = time.perf_counter()
    rows = observations_copy(random_numbers, codes, units)
    copy_seconds = time.perf_counter() - copy_started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "regions": REGIONS,
        "municipalities": len(units),
        "units": sum(map(len, units.values())),
        "units_per_municipality": [min(map(len, units.values())), max(map(len, units.values()))],
        "variables": len(codes),
        "years": [YEARS[0], YEARS[-1]],
        "observations": rows,
        "outlines": outlines,
        "services": Service.objects.filter(area__path__startswith=f"{COUNTRY}/").count(),
        "sizes": data_sizes(),
        "reference_seconds": round(reference_seconds, 1),
        "observation_seconds": round(copy_seconds, 1),
    }


def assessment_data_delete() -> None:
    """Remove the data set: the other benchmarks count observations and services."""
    services = Service.objects.filter(area__path__startswith=f"{COUNTRY}/")
    with transaction.atomic():
        Location.objects.filter(organization__area__path__startswith=f"{COUNTRY}/").delete()
        services.delete()  # with their counts, funding and links
        Organization.objects.filter(area__path__startswith=f"{COUNTRY}/").delete()
        source = Source.objects.get(code=SOURCE)
        if Observation.objects.exclude(source=source).exists():
            Observation.objects.filter(source=source).delete()
        else:
            with connection.cursor() as cursor:
                cursor.execute("TRUNCATE territory_observation")
        source.delete()
        Variable.objects.filter(code__startswith="BENCH_FILLER_").delete()
        AreaBoundary.objects.filter(area__path__startswith=f"{COUNTRY}/").delete()
        for depth in (3, 2, 1, 0):
            Area.objects.filter(path__startswith=f"{COUNTRY}/", depth=depth).delete()
