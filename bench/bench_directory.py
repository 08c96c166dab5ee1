"""The public directory search and the HSDS list endpoint under load, against one hand-written
SQL query for the same search.

Data: 10,000 services of 1,000 organizations in 1,000 areas (100 municipalities of 9
administrative units each) plus 10 national lines, generated with a fixed seed and written
with `bulk_create` (search texts folded as the services module folds them).

The app runs under gunicorn with DEBUG off, as in production (`collectstatic` first, then
`gunicorn kujdes.wsgi`; database connections kept for 60 s as .env.example advises). Clients
are separate processes, each with one HTTP connection (reopened after every answer, since sync
workers close it), asking for gzip as browsers do.

(a) the search page `/directory/?place=…` with a mix of places, target groups, languages and
    words, under BENCH_CLIENTS (8) clients for BENCH_SECONDS (30) seconds;
(b) the HSDS list `/api/hsds/services?page=<random>` the same way;
(c) one client: the page over HTTP and one hand-written SQL query (psycopg, same database)
    returning the same page of 20 services with everything a result card shows, over the same
    query mix; the ratio of the medians;
(d) queries per page, in process, for pages of 0, 1, a few and 20 results.
"""

import concurrent.futures
import gzip
import http.client
import json
import multiprocessing
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
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
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kujdes.directory.models import (
    LANGUAGE_SUFFIXES,
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
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "30"))
WARM_UP_SECONDS = min(3.0, SECONDS)
# Single-client timings (c): this many queries of the mix, each once through each path.
SINGLE_QUERIES = int(os.environ.get("BENCH_SINGLE_QUERIES", "300"))
# Sync workers: the app is CPU-bound (templates, forms, ORM), and behind nginx, which buffers
# slow clients, sync workers are gunicorn's documented fit. 2 × cores + 1 is gunicorn's rule
# of thumb; on a 2-core machine that is 5.
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "sync")
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
CONN_MAX_AGE = "60"
SEARCH_PATH = "/directory/"
HSDS_PATH = "/api/hsds/services"
HEADERS = {"Accept-Encoding": "gzip", "Accept-Language": "sq", "User-Agent": "kujdes-bench"}

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


def _search_text(service: Service, organization: Organization) -> str:
    """What `services._search_text_refresh` stores."""
    parts = [
        getattr(service, f"{text}_{suffix}")
        for text in ("name", "description")
        for suffix in LANGUAGE_SUFFIXES
    ]
    parts += [getattr(organization, f"name_{suffix}") for suffix in LANGUAGE_SUFFIXES]
    return " | ".join(fold(part) for part in parts if part)


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
        service.search_text = _search_text(service, organization)
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


# ── The server ───────────────────────────────────────────────────────────────────────────────


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_environment() -> dict[str, str]:
    return os.environ | {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "DATABASE_CONN_MAX_AGE": CONN_MAX_AGE,
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }


def static_collect(environment: dict[str, str]) -> None:
    """`collectstatic` as on a release, with the production storage."""
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"]
    subprocess.run(command, cwd=ROOT, env=environment, check=True)


def server_start(port: int, log: Path) -> subprocess.Popen[bytes]:
    environment = server_environment()
    static_collect(environment)
    command = [sys.executable, "-m", "gunicorn", "kujdes.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)]
    command += ["--worker-class", WORKER_CLASS, "--threads", str(THREADS)]
    command += ["--log-level", "warning", "--error-logfile", str(log)]
    server = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start-up:\n{log.read_text()}")
        try:
            status, _size, _body = fetch(http.client.HTTPConnection("127.0.0.1", port), "/")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server_stop(server)
    raise RuntimeError(f"gunicorn did not answer within 60 s:\n{log.read_text()}")


def server_stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def fetch(
    client: http.client.HTTPConnection, path: str, *, decompress: bool = True
) -> tuple[int, int, bytes]:
    """Status, bytes on the wire and the body of one GET (decompressed unless told not to)."""
    client.request("GET", path, headers=HEADERS)
    response = client.getresponse()
    body = response.read()
    size = len(body)
    if decompress and response.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return response.status, size, body


# ── The load ─────────────────────────────────────────────────────────────────────────────────


def _client(port: int, paths: list[str], seed: int, start: float, seconds: float) -> list[Any]:
    """One client in its own process: requests back to back from `start` (wall clock) for
    `seconds`; (seconds taken, status, bytes) per request, status 0 for a failed connection."""
    random_numbers = random.Random(seed)
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    samples = []
    while time.time() < start:
        time.sleep(0.001)
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        path = random_numbers.choice(paths)
        began = time.perf_counter()
        try:
            status, size, _body = fetch(client, path, decompress=False)
        except (OSError, http.client.HTTPException):
            status, size = 0, 0
            client.close()
        samples.append((time.perf_counter() - began, status, size))
    client.close()
    return samples


def load(
    port: int, paths: list[str], seconds: float, seed: int, server: int, dsn: str
) -> dict[str, Any]:
    """CLIENTS processes for `seconds`, started together; with the CPU time the server's
    processes (gunicorn master `server` and workers, their PostgreSQL backends) spent."""
    connections.close_all()  # nothing of Django's crosses the fork
    context = multiprocessing.get_context("fork")
    before = cpu_snapshot(server, dsn)
    with concurrent.futures.ProcessPoolExecutor(CLIENTS, mp_context=context) as pool:
        start = time.time() + 0.5
        futures = [
            pool.submit(_client, port, paths, seed + number, start, seconds)
            for number in range(CLIENTS)
        ]
        samples = [sample for future in futures for sample in future.result()]
        elapsed = time.time() - start
    after = cpu_snapshot(server, dsn)
    figures = summary(samples, elapsed)
    for side in ("app", "database"):
        used = sum(cpu - before[side].get(pid, 0.0) for pid, cpu in after[side].items())
        figures[f"{side}_cpu_ms_per_request"] = round(used * 1000 / max(1, len(samples)), 1)
    return figures


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int | str) -> list[str]:
    """The fields of /proc/<pid>/stat after the command name: state, ppid, …"""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_snapshot(server: int, dsn: str) -> dict[str, dict[int, float]]:
    """CPU seconds so far of gunicorn's processes and of the database's client backends. A
    backend that closes between two snapshots (after DATABASE_CONN_MAX_AGE) is missed."""
    app = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int(_stat(entry.name)[1]) == server:
                app.append(int(entry.name))
        except OSError:
            continue
    with psycopg.connect(dsn) as database:
        rows = database.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        ).fetchall()
    snapshot: dict[str, dict[int, float]] = {"app": {}, "database": {}}
    for side, pids in (("app", [server, *app]), ("database", [row[0] for row in rows])):
        for pid in pids:
            try:
                fields = _stat(pid)
            except OSError:
                continue
            snapshot[side][pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return snapshot


def percentile(values: list[float], fraction: float) -> float:
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))]


def summary(samples: list[Any], elapsed: float) -> dict[str, Any]:
    times = [sample[0] * 1000 for sample in samples]
    ok = [sample for sample in samples if sample[1] == 200]
    statuses: dict[str, int] = {}
    for sample in samples:
        if sample[1] != 200:
            statuses[str(sample[1])] = statuses.get(str(sample[1]), 0) + 1
    return {
        "requests": len(samples),
        "seconds": round(elapsed, 2),
        "requests_per_second": round(len(ok) / elapsed, 1),
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "p99_ms": round(percentile(times, 0.99), 1),
        "max_ms": round(max(times), 1),
        "errors": len(samples) - len(ok),
        "error_statuses": statuses,
        "mean_bytes": round(statistics.fmean(s[2] for s in ok)) if ok else 0,
    }


# ── Single client, and queries per page ──────────────────────────────────────────────────────


def single_client(
    port: int, queries: list[SearchQuery], paths: dict[str, str], dsn: str
) -> dict[str, Any]:
    """The page over HTTP and the hand-written query, one at a time over the same queries."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    page_ms, sql_ms = [], []
    for query in queries[:20]:  # warm the connection and the statement cache
        fetch(client, query.path())
    for query in queries:
        began = time.perf_counter()
        status, _size, _body = fetch(client, query.path(), decompress=False)
        page_ms.append((time.perf_counter() - began) * 1000)
        assert status == 200, (status, query)
    client.close()
    with psycopg.connect(dsn) as database:
        statements = [card_sql(query, paths) for query in queries]
        for sql, parameters in statements[:20]:
            database.execute(sql, parameters).fetchall()
        for sql, parameters in statements:
            began = time.perf_counter()
            database.execute(sql, parameters).fetchall()
            sql_ms.append((time.perf_counter() - began) * 1000)
    page_median, sql_median = statistics.median(page_ms), statistics.median(sql_ms)
    return {
        "queries": len(queries),
        "page_median_ms": round(page_median, 2),
        "page_p95_ms": round(percentile(page_ms, 0.95), 2),
        "sql_median_ms": round(sql_median, 2),
        "sql_p95_ms": round(percentile(sql_ms, 0.95), 2),
        "ratio": round(page_median / sql_median, 2),
    }


def in_process(paths: list[tuple[str, str]], repeat: int = 1) -> list[dict[str, Any]]:
    """Per page, in this process with the test client: results shown, queries, and the time
    of the whole request against the time its queries took (median of `repeat` runs)."""
    client = Client(headers={"accept-language": "sq"})
    rows = []
    for label, path in paths:
        client.get(path)  # templates compiled, caches warm
        runs = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                response = client.get(path)
                total = (time.perf_counter() - began) * 1000
            times = [float(query["time"]) * 1000 for query in captured.captured_queries]
            slowest = max(captured.captured_queries, key=lambda query: float(query["time"]))
            table = re.search(r'FROM "(\w+)"', slowest["sql"])
            slowest_query = (max(times), table.group(1) if table else slowest["sql"][:40])
            runs.append((total, sum(times), len(times), response, slowest_query))
        total, sql, count, response, slowest_query = sorted(runs, key=lambda run: run[0])[
            len(runs) // 2
        ]
        shown = None
        if response.status_code == 200 and path.startswith(SEARCH_PATH):
            shown = response.content.decode().count('<article class="service-card')
        elif response.status_code == 200:
            shown = len(json.loads(response.content).get("contents", []))
        rows.append(
            {
                "label": label,
                "path": path,
                "status": response.status_code,
                "shown": shown,
                "queries": count,
                "request_ms": round(total, 1),
                "sql_ms": round(sql, 1),
                "slowest_query_ms": round(slowest_query[0], 1),
                "slowest_query_from": slowest_query[1],
                "bytes": len(response.content),
            }
        )
    return rows


def query_count_pages(queries: list[SearchQuery]) -> list[tuple[str, str]]:
    """Search pages of 0, 1, a few and 20 results."""
    areas = {area.pk: area for area in Area.objects.filter(path__startswith="BN/")}
    one = None
    for service in Service.objects.filter(status=Service.Status.ACTIVE).order_by("pk")[:200]:
        unit = areas[service.areas_served.get().pk]
        words = f"{service.name_sq} {service.organization.name_sq}"
        if services_search(DirectoryQuery(place=unit, text=words)).count() == 1:
            one = SearchQuery(unit.code, text=fold(words))
            break
    assert one is not None
    few = next(q for q in queries if q.target_group and not q.text and q.place.count("-") == 2)
    many = next(q for q in queries if q.page == 1 and q.place.count("-") == 1 and not q.text)
    second = next(q for q in queries if q.page == 2)
    return [
        ("no result", SearchQuery(one.place, text="zzzz").path()),
        ("one result", one.path()),
        ("a unit and a target group", few.path()),
        ("a municipality", many.path()),
        ("a municipality, page 2", second.path()),
    ]


# ── HSDS ─────────────────────────────────────────────────────────────────────────────────────


def hsds_pages(port: int) -> tuple[int, list[str]]:
    """The status of the HSDS list's first page, and every page's path (none unless it answers
    with an HSDS envelope)."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    status, _size, body = fetch(client, HSDS_PATH)
    client.close()
    try:
        envelope = json.loads(body) if status == 200 else None
    except ValueError:
        envelope = None
    if not isinstance(envelope, dict):
        return status, []
    pages = envelope.get("total_pages")
    if not pages:
        size = len(envelope.get("contents", [])) or 1
        pages = -(-int(envelope.get("total_items", size)) // size)
    return status, [f"{HSDS_PATH}?page={page}" for page in range(1, int(pages) + 1)]


# ── The run ──────────────────────────────────────────────────────────────────────────────────


def run() -> dict[str, Any]:
    data = directory_create()
    queries = query_mix()
    paths = dict(Area.objects.filter(path__startswith="BN/").values_list("code", "path"))
    dsn = os.environ["DATABASE_URL"]
    sql_check(queries[:200], paths, dsn)
    counted = query_count_pages(queries)
    result: dict[str, Any] = {
        "data": data,
        "server": {
            "workers": WORKERS,
            "worker_class": WORKER_CLASS,
            "threads": THREADS,
            "conn_max_age": int(CONN_MAX_AGE),
        },
        "clients": CLIENTS,
        "seconds": SECONDS,
    }
    port = free_port()
    DATA.mkdir(exist_ok=True)
    log = DATA / "gunicorn.log"
    server = server_start(port, log)
    try:
        search_paths = [query.path() for query in queries]
        load(port, search_paths, WARM_UP_SECONDS, SEED, server.pid, dsn)
        result["search"] = load(port, search_paths, SECONDS, SEED + 100, server.pid, dsn)
        result["single"] = single_client(port, queries[:SINGLE_QUERIES], paths, dsn)
        hsds_status, hsds_paths = hsds_pages(port)
        result["hsds_status"] = hsds_status
        if hsds_paths:
            result["hsds_pages"] = len(hsds_paths)
            load(port, hsds_paths, WARM_UP_SECONDS, SEED + 200, server.pid, dsn)
            result["hsds"] = load(port, hsds_paths, SECONDS, SEED + 300, server.pid, dsn)
            last = hsds_paths[-1]
            counted += [
                ("HSDS, page 1", hsds_paths[0]),
                ("HSDS, last page", last),
                ("HSDS, page 1 of 1 per page", f"{HSDS_PATH}?page=1&per_page=1"),
            ]
    finally:
        server_stop(server)
    result["queries_per_page"] = in_process(counted, repeat=5)
    return result


def markdown(result: dict[str, Any]) -> str:
    data, server, single = result["data"], result["server"], result["single"]
    search, hsds = result["search"], result.get("hsds")
    rows = [("(a) search page `/directory/?place=…`", search)]
    if hsds:
        rows.append((f"(b) HSDS list `{HSDS_PATH}?page=<1…{result['hsds_pages']}>`", hsds))
    table = [
        "| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | gzip bytes "
        "| CPU ms/request: app + PostgreSQL |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    cores = os.cpu_count() or 1
    capacity = []
    for label, figures in rows:
        app, database = figures["app_cpu_ms_per_request"], figures["database_cpu_ms_per_request"]
        table.append(
            f"| {label} | {figures['requests']:,} | {figures['requests_per_second']:,.1f} | "
            f"{figures['p50_ms']:.1f} | {figures['p95_ms']:.1f} | {figures['p99_ms']:.1f} | "
            f"{figures['max_ms']:.1f} | {figures['errors']} | {figures['mean_bytes']:,} | "
            f"{app:.1f} + {database:.1f} |"
        )
        if app + database:
            most = cores * 1000 / (app + database)
            capacity.append(
                f"{label.split(' `')[0]} at most ≈ {most:,.0f} req/s, so "
                f"{result['clients']} clients back to back wait ≈ "
                f"{result['clients'] * 1000 / most:,.0f} ms a request"
            )
    if not hsds:
        table.append(
            f"| (b) HSDS list `{HSDS_PATH}` | not measured: the endpoint answered "
            f"{result['hsds_status']} | | | | | | | | |"
        )
    if capacity:
        table += [
            "",
            f"The CPU time the server's processes spent per request (from /proc) bounds what "
            f"the {cores} cores of this machine can serve, whatever else runs on it: "
            + "; ".join(capacity)
            + f". A p95 under 50 ms with {result['clients']} clients needs about "
            f"{cores * 50 / result['clients']:.0f} ms of CPU a request or less.",
        ]
    counts = [
        "| page | results | queries | request ms | SQL ms | slowest query ms (from) | bytes |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result["queries_per_page"]:
        shown = "—" if row["shown"] is None else row["shown"]
        counts.append(
            f"| {row['label']} | {shown} | {row['queries']} | {row['request_ms']:.1f} | "
            f"{row['sql_ms']:.1f} | {row['slowest_query_ms']:.1f} "
            f"(`{row['slowest_query_from']}`) | {row['bytes']:,} |"
        )
    search_rows = [r for r in result["queries_per_page"] if r["path"].startswith(SEARCH_PATH)]
    with_results = sorted({row["queries"] for row in search_rows if row["shown"]})
    without = sorted({row["queries"] for row in search_rows if not row["shown"]})
    hsds_counts = sorted(
        {r["queries"] for r in result["queries_per_page"] if r["path"].startswith(HSDS_PATH)}
    )
    threads = f" of {server['threads']} threads" if server["threads"] > 1 else ""
    aims = [
        f"p95 under 50 ms with no error, {label.split(' `')[0]}: "
        + ("met" if figures["p95_ms"] < 50 and not figures["errors"] else "**not met**")
        + f" (p95 {figures['p95_ms']:.1f} ms, {figures['errors']} errors)."
        for label, figures in rows
    ]
    if not hsds:
        aims.append(f"HSDS list: not measured (`{HSDS_PATH}` answered {result['hsds_status']}).")
    aims.append(
        "Search page within 8 × the raw SQL: "
        + ("met" if single["ratio"] <= 8 else "**not met**")
        + f" ({single['ratio']:.1f} ×)."
    )
    aims.append(
        "Constant queries per search page: "
        + ("met" if len(with_results) == 1 else "**not met**")
        + f" ({', '.join(map(str, with_results))} for every page with results"
        + (f", {', '.join(map(str, without))} for a page without" if without else "")
        + ")."
    )
    if hsds_counts:
        aims.append(
            "Constant queries per HSDS page: "
            + ("met" if len(hsds_counts) == 1 else "**not met**")
            + f" ({', '.join(map(str, hsds_counts))} whatever the page and its size)."
        )
    return "\n".join(
        [
            "## Public directory search and HSDS list (`bench/bench_directory.py`)",
            "",
            f"{data['services']:,} services ({data['public_services']:,} public) of "
            f"{data['organizations']:,} organizations in {data['areas']:,} areas "
            f"({data['municipalities']} municipalities of {UNITS_PER_MUNICIPALITY} "
            f"administrative units each, and the country); {data['locations']:,} locations "
            f"({data['confidential_locations']:,} confidential), {data['phones']:,} phones "
            f"({data['urgent_phones']:,} SOS lines or helplines), generated with a fixed seed "
            f"in {data['seconds']:.0f} s. {NATIONAL_LINES} of the services are national "
            "lines serving the whole country.",
            "",
            f"The app runs under gunicorn ({server['workers']} {server['worker_class']} "
            f"workers{threads}; by default 2 × cores + 1 sync workers, gunicorn's rule of "
            "thumb: the pages are CPU-bound, and behind nginx, which buffers slow clients, "
            "sync workers are gunicorn's documented fit) with DEBUG off, "
            f"`collectstatic` done and database connections kept for "
            f"{server['conn_max_age']} s, on the same machine as PostgreSQL and the clients. "
            f"{result['clients']} clients, each a process with its own HTTP connection, send "
            f"requests back to back for {result['seconds']:.0f} s (after a warm-up) and ask "
            "for gzip as browsers do; any status but 200 counts as an error. Search queries: "
            "a place always (an administrative unit three times in four, else a "
            "municipality), a target group two times in five, a language one time in ten, a "
            "word one time in five, page 2 of a third of the bare municipality searches.",
            "",
            *table,
            "",
            f"One client, the first {single['queries']} queries of the same mix: the search "
            f"page over HTTP takes {single['page_median_ms']:.1f} ms (median; p95 "
            f"{single['page_p95_ms']:.1f} ms); one hand-written SQL query (psycopg, the same "
            "database) that returns the same page of 20 services, their count and everything "
            f"a result card shows takes {single['sql_median_ms']:.2f} ms (p95 "
            f"{single['sql_p95_ms']:.2f} ms): **{single['ratio']:.1f} ×**. The page also "
            "builds the search form's place list, the urgent lines and the map, which the "
            "SQL query leaves out.",
            "",
            "Queries per page (in process with Django's test client, median of 5 requests; "
            "bytes uncompressed):",
            "",
            *counts,
            "",
            "Aims:",
            "",
            *(f"- {aim}" for aim in aims),
        ]
    )
