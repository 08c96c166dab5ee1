"""Data for bench_directory: the generated directory (10,000 services in 1,000 areas), the
mix of search queries, and the hand-written SQL of the same search."""

import random
import time
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from datetime import time as dt_time
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import psycopg
from django.db import connection

from kujdes.directory.models import (
    Licence,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceType,
    SpokenLanguage,
    TargetGroup,
)
from kujdes.directory.selectors import DirectoryQuery, services_search
from kujdes.directory.services import taxonomies_load
from kujdes.directory.views.public import RESULTS_PER_PAGE
from kujdes.lib.text import fold
from kujdes.territory.models import Area
from kujdes.territory.services import AreaRow, areas_upsert

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"  # not committed; the server's error log goes here
SEED = 20240607
MUNICIPALITIES = 100
UNITS_PER_MUNICIPALITY = 9
ORGANIZATIONS = 1000  # one of them keeps the national lines
SERVICES = 10_000  # in the municipalities
NATIONAL_LINES = 10  # serving the whole country: on every page's urgent list
SEARCH_PATH = "/directory/"
HSDS_PATH = "/api/hsds/services"

SYLLABLES = ["ka", "vë", "ro", "li", "për", "ma", "dra", "shë", "ko", "ni", "tu", "ra", "bu"]
SYLLABLES += ["qi", "zë", "ça", "gji", "lu", "mi", "sa", "de", "llo", "rë", "ti", "fu", "ne"]
UNIT_SUFFIXES = ["Qendër", "Veri", "Jug", "Lindje", "Perëndim", "Fushë", "Mal", "Lumë", "Kodër"]
ORGANIZATION_KINDS = [
    (Organization.Kind.SOCIAL_WORK_CENTRE, "Qendra Sociale"),
    (Organization.Kind.MUNICIPAL_DIRECTORATE, "Drejtoria e Shërbimeve Sociale"),
    (Organization.Kind.PUBLIC_INSTITUTION, "Qendra Komunitare"),
    (Organization.Kind.NGO, "Shoqata"),
    (Organization.Kind.NGO, "Fondacioni"),
    (Organization.Kind.PRIVATE, "Qendra Private"),
]
DESCRIPTIONS = [
    "Këshillim dhe informim për familjet, në zyrë dhe në shtëpi.",
    "Kujdes ditor për fëmijët me aftësi të kufizuara, me transport.",
    "Vizita në shtëpi për të moshuarit që jetojnë vetëm.",
    "Strehim i përkohshëm dhe mbështetje psiko-sociale për gratë e dhunuara.",
    "Ndihmë për aplikimin për ndihmë ekonomike dhe pagesë paaftësie.",
    "Rehabilitim dhe terapi e të folurit për fëmijët deri në 14 vjeç.",
    "Linjë telefonike falas, 24 orë, për çdo rast urgjence.",
    "Aktivitete në komunitet për të rinjtë dhe prindërit.",
]
# Words visitors type, with and without the Albanian letters.
WORDS = ["ditor", "këshillim", "keshillim", "familje", "fëmijë", "shtepi", "emergjences"]
WORDS += ["strehim", "online", "rehabilitim", "moshuar", "sociale", "shoqata"]


# ── Data ─────────────────────────────────────────────────────────────────────────────────────


def _name(random_numbers: random.Random, taken: set[str]) -> str:
    while True:
        syllables = random_numbers.randint(2, 3)
        name = "".join(random_numbers.choice(SYLLABLES) for _ in range(syllables)).capitalize()
        if name not in taken:
            taken.add(name)
            return name


def _uuid(random_numbers: random.Random) -> uuid.UUID:
    return uuid.UUID(int=random_numbers.getrandbits(128), version=4)


def areas_create(random_numbers: random.Random) -> None:
    """The country BN (shared with bench_import, same name), 100 municipalities BN-M001… and
    their 9 administrative units each, BN-M001-1…"""
    taken: set[str] = set()
    rows = [AreaRow("BN", "", Area.Level.COUNTRY, "Bench")]
    for number in range(1, MUNICIPALITIES + 1):
        code, name = f"BN-M{number:03}", _name(random_numbers, taken)
        rows.append(AreaRow(code, "BN", Area.Level.MUNICIPALITY, name))
        rows += [
            AreaRow(f"{code}-{unit}", code, Area.Level.ADMIN_UNIT, f"{name} {suffix}")
            for unit, suffix in enumerate(UNIT_SUFFIXES, start=1)
        ]
    areas_upsert(rows=rows, actor=None, origin="bench")


def directory_create() -> dict[str, Any]:
    started = time.perf_counter()
    random_numbers = random.Random(SEED)
    areas_create(random_numbers)
    taxonomies_load()
    country = Area.objects.get(code="BN")
    municipalities = list(Area.objects.filter(parent=country).order_by("code"))
    units: dict[int, list[Area]] = {area.pk: [] for area in municipalities}
    for unit in Area.objects.filter(parent__in=municipalities).order_by("code"):
        units[unit.parent_id or 0].append(unit)
    centres = {
        area.pk: (random_numbers.uniform(39.8, 42.4), random_numbers.uniform(19.4, 20.9))
        for area in municipalities
    }
    types = list(ServiceType.objects.filter(country="AL"))
    groups = list(TargetGroup.objects.filter(country="AL"))
    languages = list(SpokenLanguage.objects.all())
    albanian = next(language for language in languages if language.code == "sq")
    helpline_type = next(t for t in types if t.code == "AL_PARASOCIAL_INFO_COUNSELLING")
    today = date.today()

    organizations: list[Organization] = []
    licences: list[Licence] = []
    for number in range(ORGANIZATIONS - 1):
        municipality = municipalities[number % MUNICIPALITIES]
        organization_kind, prefix = random_numbers.choice(ORGANIZATION_KINDS)
        organizations.append(
            Organization(
                id=_uuid(random_numbers),
                area=municipality,
                kind=organization_kind,
                name_sq=f"{prefix} {municipality.name_sq} {number // MUNICIPALITIES + 1}",
                email=f"info{number}@example.org",
            )
        )
        if random_numbers.random() < 0.6:
            lapsed = random_numbers.random() < 0.15
            licences.append(
                Licence(
                    id=_uuid(random_numbers),
                    organization=organizations[-1],
                    kind="Licencë për shërbime të kujdesit shoqëror",
                    issuer="Ministria",
                    number=f"L-{number:05}",
                    valid_from=today - timedelta(days=random_numbers.randint(30, 2000)),
                    valid_to=today - timedelta(days=10) if lapsed else None,
                    status=Licence.Status.ACTIVE,
                )
            )
    national = Organization(
        id=_uuid(random_numbers),
        area=country,
        kind=Organization.Kind.PUBLIC_INSTITUTION,
        name_sq="Linjat kombëtare",
    )
    organizations.append(national)
    by_municipality: dict[int, list[Organization]] = {area.pk: [] for area in municipalities}
    for organization in organizations[:-1]:
        by_municipality[organization.area_id].append(organization)

    services: list[Service] = []
    served: list[Any] = []
    targeted: list[Any] = []
    spoken: list[Any] = []
    locations: list[Location] = []
    links: list[ServiceAtLocation] = []
    phones: list[Phone] = []
    schedules: list[Schedule] = []

    def service_add(
        service: Service, organization: Organization, area: Area, location: Location | None
    ) -> None:
        service.organization = organization
        service.search_text = service.folded_text()
        services.append(service)
        served.append(Service.areas_served.through(service_id=service.pk, area_id=area.pk))
        for group in random_numbers.sample(groups, random_numbers.randint(1, 3)):
            targeted.append(
                Service.target_groups.through(service_id=service.pk, targetgroup_id=group.pk)
            )
        chosen = [albanian]
        if random_numbers.random() < 0.5:
            chosen.append(random_numbers.choice([lang for lang in languages if lang != albanian]))
        for language in chosen:
            spoken.append(
                Service.languages.through(service_id=service.pk, spokenlanguage_id=language.pk)
            )
        if location is not None:
            locations.append(location)
            links.append(
                ServiceAtLocation(id=_uuid(random_numbers), service=service, location=location)
            )
        schedules.append(
            Schedule(
                id=_uuid(random_numbers),
                service=service,
                weekdays="MO,TU,WE,TH,FR",
                opens_at=dt_time(8),
                closes_at=dt_time(16),
            )
        )

    for number in range(NATIONAL_LINES):
        service = Service(
            id=_uuid(random_numbers),
            organization=national,
            area=country,
            service_type=helpline_type,
            name_sq=f"Linja kombëtare {116_100 + number}",
            name_en=f"National line {116_100 + number}",
            description_sq=DESCRIPTIONS[6],
        )
        service_add(service, national, country, None)
        kind = Phone.Kind.SOS if number < 3 else Phone.Kind.HELPLINE
        phones.append(
            Phone(
                id=_uuid(random_numbers), service=service, number=f"{116_100 + number}", kind=kind
            )
        )

    for number in range(SERVICES):
        municipality = municipalities[number % MUNICIPALITIES]
        organization = random_numbers.choice(by_municipality[municipality.pk])
        service_type = random_numbers.choice(types)
        unit = random_numbers.choice(units[municipality.pk])
        area = municipality if random_numbers.random() < 0.2 else unit
        status = random_numbers.choices(
            [Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED, Service.Status.INACTIVE],
            weights=[94, 3, 3],
        )[0]
        service = Service(
            id=_uuid(random_numbers),
            organization=organization,
            area=municipality,
            service_type=service_type,
            name_sq=f"{service_type.name_sq} {unit.name_sq}",
            name_sr_latn=f"{service_type.name_sr_latn} {unit.name_sq}",
            name_en=f"{service_type.name_en} {unit.name_sq}",
            description_sq=random_numbers.choice(DESCRIPTIONS),
            status=status,
            capacity=random_numbers.choice([None, 10, 20, 40, 80]),
        )
        latitude, longitude = centres[municipality.pk]
        location = Location(
            id=_uuid(random_numbers),
            organization=organization,
            name_sq=f"Zyra {unit.name_sq}",
            address=f"Rruga {random_numbers.choice(SYLLABLES).capitalize()}, nr. {number % 90}",
            city=unit.name_sq,
            area=unit,
            latitude=Decimal(f"{latitude + random_numbers.uniform(-0.1, 0.1):.6f}"),
            longitude=Decimal(f"{longitude + random_numbers.uniform(-0.1, 0.1):.6f}"),
            is_confidential=random_numbers.random() < 0.1,
        )
        service_add(service, organization, area, location)
        for position in range(random_numbers.randint(1, 2)):
            draw = random_numbers.random()
            kind = Phone.Kind.ORDINARY
            if position == 1 and draw < 0.2:
                kind = Phone.Kind.SOS if draw < 0.1 else Phone.Kind.HELPLINE
            phones.append(
                Phone(
                    id=_uuid(random_numbers),
                    service=service,
                    number=f"0{random_numbers.randint(40, 69)} {random_numbers.randrange(10**6)}",
                    kind=kind,
                    position=position,
                )
            )

    batch = 2000
    Organization.objects.bulk_create(organizations, batch_size=batch)
    Licence.objects.bulk_create(licences, batch_size=batch)
    Location.objects.bulk_create(locations, batch_size=batch)
    Service.objects.bulk_create(services, batch_size=batch)
    Service.areas_served.through.objects.bulk_create(served, batch_size=batch)
    Service.target_groups.through.objects.bulk_create(targeted, batch_size=batch)
    Service.languages.through.objects.bulk_create(spoken, batch_size=batch)
    ServiceAtLocation.objects.bulk_create(links, batch_size=batch)
    Phone.objects.bulk_create(phones, batch_size=batch)
    Schedule.objects.bulk_create(schedules, batch_size=batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "areas": Area.objects.filter(path__startswith="BN/").count(),
        "municipalities": len(municipalities),
        "organizations": Organization.objects.count(),
        "services": Service.objects.count(),
        "public_services": Service.objects.filter(
            status__in=[Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED]
        ).count(),
        "locations": Location.objects.count(),
        "confidential_locations": Location.objects.filter(is_confidential=True).count(),
        "phones": Phone.objects.count(),
        "urgent_phones": Phone.objects.exclude(kind=Phone.Kind.ORDINARY).count(),
        "target_group_links": len(targeted),
        "seconds": round(time.perf_counter() - started, 1),
    }


# ── The query mix ────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class SearchQuery:
    place: str  # an area code
    target_group: str = ""
    language: str = ""
    text: str = ""
    page: int = 1

    def path(self) -> str:
        parameters = {
            "place": self.place,
            "target_group": self.target_group,
            "service_type": "",
            "language": self.language,
            "q": self.text,
        }
        if self.page > 1:
            parameters["page"] = str(self.page)
        return f"{SEARCH_PATH}?{urlencode(parameters)}"


def query_mix(count: int = 2000) -> list[SearchQuery]:
    """Place always (a unit three times in four, else a municipality); a target group two
    times in five; a language one time in ten; a word one time in five; page 2 for a third of
    the bare municipality searches (those have over 100 results)."""
    random_numbers = random.Random(SEED + 1)
    municipalities = [f"BN-M{number:03}" for number in range(1, MUNICIPALITIES + 1)]
    common_codes = sorted(
        set(TargetGroup.objects.filter(country="AL").values_list("common_code", flat=True))
    )
    languages = ["sr", "rom", "en", "tr"]
    queries = []
    for _ in range(count):
        municipality = random_numbers.choice(municipalities)
        if random_numbers.random() < 0.75:
            place = f"{municipality}-{random_numbers.randint(1, UNITS_PER_MUNICIPALITY)}"
        else:
            place = municipality
        target_group = random_numbers.choice(common_codes) if random_numbers.random() < 0.4 else ""
        language = random_numbers.choice(languages) if random_numbers.random() < 0.1 else ""
        text = random_numbers.choice(WORDS) if random_numbers.random() < 0.2 else ""
        bare = place == municipality and not (target_group or language or text)
        page = 2 if bare and random_numbers.random() < 0.33 else 1
        queries.append(SearchQuery(place, target_group, language, text, page))
    return queries


# ── The same search in one hand-written query ────────────────────────────────────────────────

CARD_SQL = """
WITH matches AS (
    SELECT s.id, s.search_text
    FROM directory_service s
    WHERE s.status IN ('active', 'temporarily closed')
      AND EXISTS (
        SELECT 1 FROM directory_service_areas_served x
        JOIN territory_area a ON a.id = x.area_id
        WHERE x.service_id = s.id AND (a.path = ANY(%(ancestors)s) OR a.path LIKE %(subtree)s))
      {filters}
),
page AS (
    SELECT id FROM matches ORDER BY search_text, id LIMIT %(limit)s OFFSET %(offset)s
)
SELECT
    (SELECT count(*) FROM matches) AS total,
    s.id, s.name_sq, s.status, s.is_illustrative,
    o.name_sq AS organization, o.kind,
    (SELECT CASE WHEN count(*) = 0 THEN 'none'
                 WHEN bool_or(l.status = 'active' AND l.valid_from <= current_date
                              AND (l.valid_to IS NULL OR current_date <= l.valid_to))
                 THEN 'valid' ELSE 'lapsed' END
     FROM directory_licence l WHERE l.organization_id = o.id) AS licence,
    st.name_sq AS service_type,
    (SELECT json_agg(json_build_object('number', p.number, 'kind', p.kind) ORDER BY p.position)
     FROM directory_phone p WHERE p.service_id = s.id) AS phones,
    (SELECT json_agg(g.name_sq ORDER BY g.country, g.position)
     FROM directory_service_target_groups x JOIN directory_targetgroup g ON g.id = x.targetgroup_id
     WHERE x.service_id = s.id) AS target_groups,
    (SELECT json_agg(sl.name_sq ORDER BY sl.position, sl.code)
     FROM directory_service_languages x JOIN directory_spokenlanguage sl
       ON sl.id = x.spokenlanguage_id
     WHERE x.service_id = s.id) AS languages,
    (SELECT json_agg(json_build_object('name', l.name_sq, 'address', l.address, 'city', l.city,
                                       'area', a.name_sq, 'lat', l.latitude, 'lon', l.longitude)
                     ORDER BY l.name_sq)
     FROM directory_serviceatlocation x JOIN directory_location l ON l.id = x.location_id
     JOIN territory_area a ON a.id = l.area_id
     WHERE x.service_id = s.id AND NOT l.is_confidential) AS locations,
    EXISTS (SELECT 1 FROM directory_serviceatlocation x
            JOIN directory_location l ON l.id = x.location_id
            WHERE x.service_id = s.id AND l.is_confidential) AS confidential
FROM page
JOIN directory_service s ON s.id = page.id
JOIN directory_organization o ON o.id = s.organization_id
LEFT JOIN directory_servicetype st ON st.id = s.service_type_id
ORDER BY s.search_text, s.id
"""

TARGET_GROUP_SQL = """AND EXISTS (
        SELECT 1 FROM directory_service_target_groups x
        JOIN directory_targetgroup g ON g.id = x.targetgroup_id
        WHERE x.service_id = s.id AND g.common_code = %(target_group)s)"""
LANGUAGE_SQL = """AND EXISTS (
        SELECT 1 FROM directory_service_languages x
        JOIN directory_spokenlanguage sl ON sl.id = x.spokenlanguage_id
        WHERE x.service_id = s.id AND sl.code = %(language)s)"""


def card_sql(query: SearchQuery, paths: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """The hand-written query for a search: the page of services with what a card shows."""
    path = paths[query.place]
    codes = path.strip("/").split("/")
    parameters: dict[str, Any] = {
        "ancestors": ["/".join(codes[: index + 1]) + "/" for index in range(len(codes))],
        "subtree": path + "%",
        "limit": RESULTS_PER_PAGE,
        "offset": (query.page - 1) * RESULTS_PER_PAGE,
    }
    filters = []
    if query.target_group:
        filters.append(TARGET_GROUP_SQL)
        parameters["target_group"] = query.target_group
    if query.language:
        filters.append(LANGUAGE_SQL)
        parameters["language"] = query.language
    for number, word in enumerate(fold(query.text).split()):
        filters.append(f"AND s.search_text LIKE %(word{number})s")
        parameters[f"word{number}"] = f"%{word}%"
    sql = CARD_SQL.format(filters="\n      ".join(filters))
    return sql, parameters


def sql_check(queries: list[SearchQuery], paths: dict[str, str], dsn: str) -> None:
    """The hand-written query finds the same services, in the same order, as the ORM."""
    areas = {area.code: area for area in Area.objects.filter(path__startswith="BN/")}
    with psycopg.connect(dsn) as database:
        for query in queries:
            sql, parameters = card_sql(query, paths)
            rows = database.execute(sql, parameters).fetchall()
            found = services_search(
                DirectoryQuery(
                    place=areas[query.place],
                    target_group=query.target_group,
                    language=query.language,
                    text=query.text,
                )
            )
            start = (query.page - 1) * RESULTS_PER_PAGE
            expected = list(found.values_list("pk", flat=True)[start : start + RESULTS_PER_PAGE])
            assert [row[1] for row in rows] == expected, query
            assert not rows or rows[0][0] == found.count(), query
