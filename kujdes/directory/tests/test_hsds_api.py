"""The public HSDS 3.0 read API: shapes valid against the official schemas, one language per
request, pages, filters, a constant number of queries, and never a confidential location."""

import json
import uuid
from datetime import time
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from kujdes.directory import services as directory
from kujdes.directory.hsds import TAXONOMIES, hsds_uuid
from kujdes.directory.models import (
    Funding,
    FundingSource,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceType,
    TargetGroup,
)
from kujdes.directory.tests.hsds_schema import schema_errors
from tests.personas import (
    LOCATION_DAY_CENTRE,
    LOCATION_PUKE,
    LOCATION_SHELTER,
    ORGANIZATION_BULQIZE,
    ORGANIZATION_PUKE,
    SERVICE_DAY_CENTRE,
    SERVICE_PUKE,
    SERVICE_SHELTER,
    SERVICE_SOS_LINE,
    SHELTER_ADDRESS,
    SHELTER_COORDINATES,
    Cast,
)

API = "/api/hsds"


def answer(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def term(code: str) -> ServiceType | TargetGroup:
    return ServiceType.objects.filter(code=code).first() or TargetGroup.objects.get(code=code)


def link_id(service: uuid.UUID, location: uuid.UUID) -> str:
    return str(ServiceAtLocation.objects.get(service_id=service, location_id=location).pk)


# ── Shapes ───────────────────────────────────────────────────────────────────────────────────


def test_it_lists_services_in_the_hsds_page_envelope(cast: Cast, client: Client) -> None:
    page = answer(client, f"{API}/services")
    assert {key: value for key, value in page.items() if key != "contents"} == {
        "total_items": 4,
        "total_pages": 1,
        "page_number": 1,
        "size": 50,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    assert [service["id"] for service in page["contents"]] == [
        str(SERVICE_PUKE),
        str(SERVICE_SOS_LINE),
        str(SERVICE_DAY_CENTRE),
        str(SERVICE_SHELTER),
    ]
    for service in page["contents"]:
        assert schema_errors(service, "compiled/service_list.json") == []


def test_it_gives_a_service_fully_nested_in_the_requested_language(
    cast: Cast, client: Client
) -> None:
    directory.service_year_set(
        actor=None,
        service=Service.objects.get(pk=SERVICE_DAY_CENTRE),
        expected_version=None,
        year=2024,
        beneficiaries={},
        funding=[
            directory.FundingInput(FundingSource.MUNICIPAL_BUDGET, Decimal("1200000"), "ALL"),
            directory.FundingInput(FundingSource.DONOR, Decimal("5000.50"), "EUR", "UNDP"),
        ],
    )
    service = answer(client, f"{API}/services/{SERVICE_DAY_CENTRE}?lang=en")
    assert schema_errors(service, "compiled/service.json") == []
    phone = Phone.objects.get(service_id=SERVICE_DAY_CENTRE)
    hours = Schedule.objects.get(service_id=SERVICE_DAY_CENTRE)
    funding = {row.source: str(row.pk) for row in Funding.objects.all()}
    own = {key: value for key, value in service.items() if key != "last_modified"}
    assert own | {"attributes": []} == {
        "id": str(SERVICE_DAY_CENTRE),
        "organization_id": str(ORGANIZATION_BULQIZE),
        "name": "Day centre for children with disabilities",
        # Not translated: the Albanian original.
        "description": "Terapi dhe aktivitete ditore.",
        "status": "active",
        "eligibility_description": "Fëmijë 3–18 vjeç me aftësi të kufizuara.",
        "organization": {
            "id": str(ORGANIZATION_BULQIZE),
            "name": "Bulqizë Social Services Centre",
            "description": "",
            "tax_id": "L91234567A",
            "legal_status": "Centre for Social Work",
        },
        "phones": [
            {
                "id": str(phone.pk),
                "service_id": str(SERVICE_DAY_CENTRE),
                "number": "+355 219 20 001",
                "type": "voice",
                "languages": [],
            }
        ],
        "schedules": [
            {
                "id": str(hours.pk),
                "service_id": str(SERVICE_DAY_CENTRE),
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR",
                "opens_at": "08:00:00",
                "closes_at": "16:00:00",
            }
        ],
        "service_areas": [
            {
                "id": str(hsds_uuid("service_area", SERVICE_DAY_CENTRE, "AL-BULQIZE-ZERQAN")),
                "service_id": str(SERVICE_DAY_CENTRE),
                "name": "Zerqan",
            }
        ],
        "service_at_locations": [
            {
                "id": link_id(SERVICE_DAY_CENTRE, LOCATION_DAY_CENTRE),
                "service_id": str(SERVICE_DAY_CENTRE),
                "location_id": str(LOCATION_DAY_CENTRE),
                "location": {
                    "id": str(LOCATION_DAY_CENTRE),
                    "location_type": "physical",
                    "organization_id": str(ORGANIZATION_BULQIZE),
                    "name": "Qendra ditore Zerqan",
                    "latitude": 41.498,
                    "longitude": 20.356,
                    "addresses": [
                        {
                            "id": str(hsds_uuid("address", LOCATION_DAY_CENTRE)),
                            "location_id": str(LOCATION_DAY_CENTRE),
                            "address_1": "Rruga Kryesore 1",
                            "city": "Zerqan",
                            "region": "Zerqan",
                            "state_province": "",
                            "postal_code": "",
                            "country": "AL",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        "languages": [
            {
                "id": str(hsds_uuid("language", SERVICE_DAY_CENTRE, "sq")),
                "name": "Albanian",
                "code": "sq",
            }
        ],
        "funding": [
            {
                "id": funding["donor"],
                "service_id": str(SERVICE_DAY_CENTRE),
                "source": "donor 2024 (UNDP): 5,000.50 EUR",
            },
            {
                "id": funding["municipal_budget"],
                "service_id": str(SERVICE_DAY_CENTRE),
                "source": "municipal budget 2024: 1,200,000 ALL",
            },
        ],
        "attributes": [],
    }
    community, day = term("AL_COMMUNITY"), term("AL_COMMUNITY_DAY")
    assert service["attributes"][0] == {
        "id": str(hsds_uuid("attribute", SERVICE_DAY_CENTRE, day.hsds_id)),
        "link_id": str(SERVICE_DAY_CENTRE),
        "link_type": "service_type",
        "link_entity": "service",
        "taxonomy_term_id": str(day.hsds_id),
        "taxonomy_term": {
            "id": str(day.hsds_id),
            "code": "AL_COMMUNITY_DAY",
            "name": "Day and half-day service",
            "description": "VKM nr. 518, datë 4.9.2018, pika 2(b)",
            "parent_id": str(community.hsds_id),
            "taxonomy": "Kujdes service types, Albania",
            "taxonomy_id": str(hsds_uuid("taxonomy", "service_type", "AL")),
            "language": "en",
        },
    }
    assert [
        (attribute["link_type"], attribute["taxonomy_term"]["code"])
        for attribute in service["attributes"][1:]
    ] == [("target_group", "AL_CHILDREN"), ("target_group", "AL_PWD")]


@pytest.mark.parametrize("language", ["sr_latn", "sr-latn", "sr-Latn"])
def test_it_answers_in_serbian_and_falls_back_to_albanian(
    cast: Cast, client: Client, language: str
) -> None:
    response = client.get(f"{API}/services/{SERVICE_SOS_LINE}?lang={language}")
    service = response.json()
    assert (response["Content-Language"], service["name"], service["organization"]["name"]) == (
        "sr-latn",
        "SOS linija za žene žrtve nasilja",
        "Qendra e Shërbimeve Sociale Bulqizë",
    )
    assert service["attributes"][0]["taxonomy_term"]["language"] == "sr"


def test_it_answers_in_albanian_by_default(cast: Cast, client: Client) -> None:
    response = client.get(f"{API}/services/{SERVICE_SOS_LINE}", HTTP_ACCEPT_LANGUAGE="en")
    assert (response["Content-Language"], response.json()["name"]) == (
        "sq",
        "Linja SOS për gratë viktima të dhunës",
    )


def test_it_gives_organizations_with_their_public_locations_and_services(
    cast: Cast, client: Client
) -> None:
    page = answer(client, f"{API}/organizations")
    assert [organization["id"] for organization in page["contents"]] == [
        str(ORGANIZATION_BULQIZE),
        str(ORGANIZATION_PUKE),
    ]
    for organization in page["contents"]:
        assert schema_errors(organization, "compiled/organization_list.json") == []
    for query in ("", "?full_service=true"):
        organization = answer(client, f"{API}/organizations/{ORGANIZATION_BULQIZE}{query}")
        assert schema_errors(organization, "compiled/organization.json") == []
        assert [location["id"] for location in organization["locations"]] == [
            str(LOCATION_DAY_CENTRE)
        ]
        assert [service["id"] for service in organization["services"]] == [
            str(SERVICE_SOS_LINE),
            str(SERVICE_DAY_CENTRE),
            str(SERVICE_SHELTER),
        ]
    full = answer(client, f"{API}/organizations/{ORGANIZATION_BULQIZE}?full_service=true")
    assert [len(service["phones"]) for service in full["services"]] == [1, 1, 1]
    for query in ("full=true", "full_service=true"):
        for organization in answer(client, f"{API}/organizations?{query}")["contents"]:
            assert schema_errors(organization, "compiled/organization.json") == []


def test_it_gives_services_at_locations_but_not_at_a_confidential_one(
    cast: Cast, client: Client
) -> None:
    page = answer(client, f"{API}/service_at_locations")
    assert [(link["service_id"], link["location_id"]) for link in page["contents"]] == [
        (str(SERVICE_PUKE), str(LOCATION_PUKE)),
        (str(SERVICE_DAY_CENTRE), str(LOCATION_DAY_CENTRE)),
    ]
    for link in page["contents"]:
        assert schema_errors(link, "compiled/service_at_location_list.json") == []
    for link in answer(client, f"{API}/service_at_locations?full=true")["contents"]:
        assert schema_errors(link, "compiled/service_at_location.json") == []
    detail = answer(
        client, f"{API}/service_at_locations/{link_id(SERVICE_DAY_CENTRE, LOCATION_DAY_CENTRE)}"
    )
    assert schema_errors(detail, "compiled/service_at_location.json") == []
    assert detail["location"]["addresses"][0]["address_1"] == "Rruga Kryesore 1"
    shelter = link_id(SERVICE_SHELTER, LOCATION_SHELTER)
    assert client.get(f"{API}/service_at_locations/{shelter}").status_code == 404


def test_it_gives_locations_but_not_a_confidential_one(cast: Cast, client: Client) -> None:
    page = answer(client, f"{API}/locations")
    assert [location["id"] for location in page["contents"]] == [
        str(LOCATION_DAY_CENTRE),
        str(LOCATION_PUKE),
    ]
    for location in page["contents"]:
        assert schema_errors(location, "location.json") == []
    assert schema_errors(answer(client, f"{API}/locations/{LOCATION_PUKE}"), "location.json") == []
    assert client.get(f"{API}/locations/{LOCATION_SHELTER}").status_code == 404
    puke = answer(client, f"{API}/locations?organization_id={ORGANIZATION_PUKE}")
    assert [location["name"] for location in puke["contents"]] == ["Zyra Qerret"]


def test_it_gives_the_service_types_and_target_groups_as_taxonomies(
    cast: Cast, client: Client
) -> None:
    page = answer(client, f"{API}/taxonomies?lang=en")
    assert [taxonomy["name"] for taxonomy in page["contents"]] == [
        "Kujdes service types, Albania",
        "Kujdes service types, Serbia",
        "Kujdes service types, Kosovo",
        "Kujdes target groups, Albania",
        "Kujdes target groups, Serbia",
        "Kujdes target groups, Kosovo",
    ]
    for taxonomy in page["contents"]:
        assert schema_errors(taxonomy, "taxonomy.json") == []
    albanian_types = TAXONOMIES[0]
    detail = answer(client, f"{API}/taxonomies/{albanian_types.id}?lang=en")
    assert (detail["id"], detail["name"]) == (
        str(albanian_types.id),
        "Kujdes service types, Albania",
    )
    terms = answer(client, f"{API}/taxonomy_terms?per_page=200")
    assert terms["total_items"] == ServiceType.objects.count() + TargetGroup.objects.count()
    for taxonomy_term in terms["contents"]:
        assert schema_errors(taxonomy_term, "taxonomy_term.json") == []
    children = answer(client, f"{API}/taxonomy_terms?parent_id={term('AL_COMMUNITY').hsds_id}")
    assert [child["code"] for child in children["contents"]] == list(
        ServiceType.objects.filter(parent__code="AL_COMMUNITY").values_list("code", flat=True)
    )
    top = answer(client, f"{API}/taxonomy_terms?top_only=true&taxonomy_id={albanian_types.id}")
    assert [row["code"] for row in top["contents"]] == list(
        ServiceType.objects.filter(country="AL", parent=None).values_list("code", flat=True)
    )
    day = term("AL_COMMUNITY_DAY")
    detail = answer(client, f"{API}/taxonomy_terms/{day.hsds_id}")
    assert (detail["code"], detail["name"]) == ("AL_COMMUNITY_DAY", "Shërbim ditor dhe gjysmëditor")
    assert client.get(f"{API}/taxonomy_terms/{uuid.uuid4()}").status_code == 404


def test_it_describes_itself(cast: Cast, client: Client) -> None:
    assert answer(client, f"{API}/") == {
        "version": "3.0",
        "openapi_url": "http://testserver/api/schema/",
    }


# ── Pages and filters ────────────────────────────────────────────────────────────────────────


def test_it_pages_with_page_and_per_page(cast: Cast, client: Client) -> None:
    page = answer(client, f"{API}/services?page=2&per_page=3")
    assert {key: value for key, value in page.items() if key != "contents"} == {
        "total_items": 4,
        "total_pages": 2,
        "page_number": 2,
        "size": 3,
        "first_page": False,
        "last_page": True,
        "empty": False,
    }
    assert [service["id"] for service in page["contents"]] == [str(SERVICE_SHELTER)]
    beyond = answer(client, f"{API}/services?page=9&per_page=3")
    assert (beyond["empty"], beyond["contents"]) == (True, [])


def test_it_caps_the_page_size(cast: Cast, client: Client) -> None:
    assert answer(client, f"{API}/services?per_page=100000")["size"] == 200


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("page=0", {"page": ["Ensure this value is greater than or equal to 1."]}),
        ("per_page=many", {"per_page": ["A valid integer is required."]}),
        ("lang=de", {"lang": ['"de" is not a valid choice.']}),
        ("organization_id=7", {"organization_id": ["Must be a valid UUID."]}),
    ],
)
def test_it_refuses_a_bad_query(cast: Cast, client: Client, query: str, errors: Any) -> None:
    response = client.get(f"{API}/services?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.json()) == (400, errors)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("search=SOS", [SERVICE_SOS_LINE]),
        ("search=qender ditore", [SERVICE_DAY_CENTRE]),
        (f"organization_id={ORGANIZATION_PUKE}", [SERVICE_PUKE]),
        ("modified_after=2100-01-01T00:00:00Z", []),
    ],
)
def test_it_filters_services(
    cast: Cast, client: Client, query: str, expected: list[uuid.UUID]
) -> None:
    page = answer(client, f"{API}/services?{query}")
    assert [service["id"] for service in page["contents"]] == [str(key) for key in expected]


def test_it_filters_services_by_taxonomy_term_and_taxonomy(cast: Cast, client: Client) -> None:
    def found(query: str) -> list[str]:
        return [service["id"] for service in answer(client, f"{API}/services?{query}")["contents"]]

    assert found(f"taxonomy_term_id={term('AL_PWD').hsds_id}") == [str(SERVICE_DAY_CENTRE)]
    # A parent type finds its sub-types' services.
    assert found(f"taxonomy_term_id={term('AL_COMMUNITY').hsds_id}") == [
        str(SERVICE_PUKE),
        str(SERVICE_DAY_CENTRE),
        str(SERVICE_SHELTER),
    ]
    serbian_types = hsds_uuid("taxonomy", "service_type", "RS")
    assert found(f"taxonomy_id={serbian_types}") == []
    links = answer(client, f"{API}/service_at_locations?organization_id={ORGANIZATION_PUKE}")
    assert [link["service_id"] for link in links["contents"]] == [str(SERVICE_PUKE)]


# ── Queries ──────────────────────────────────────────────────────────────────────────────────


def more_services(cast: Cast, count: int) -> None:
    """More Pukë services, each with everything a full record nests."""
    puke = cast.areas["AL-PUKE"]
    organization = Organization.objects.get(pk=ORGANIZATION_PUKE)
    for number in range(count):
        location = directory.location_save(
            actor=None,
            organization=organization,
            expected_version=None,
            values={"name_sq": f"Zyra {number}", "address": "Rruga", "area": puke},
        )
        service = directory.service_create(
            actor=None,
            organization=organization,
            area=puke,
            data=directory.ServiceInput(
                values={"name_sq": f"Shërbim {number}", "service_type": term("AL_COMMUNITY_DAY")},
                target_group_codes=["AL_ELDERLY", "AL_PWD"],
                language_codes=["sq", "sr"],
                areas_served=[puke],
                locations=[location],
                phones=[directory.PhoneInput("+355 1", language_codes=["sq"])],
                schedules=[directory.ScheduleInput("MO", time(8), time(12))],
            ),
        )
        directory.service_year_set(
            actor=None,
            service=service,
            expected_version=None,
            year=2024,
            beneficiaries={},
            funding=[directory.FundingInput(FundingSource.DONOR, Decimal(1), "EUR")],
        )


# A list, the page holding one record that has everything the list nests (Django skips the
# query for a nested list when no record has the list above it), and the queries it takes.
LISTS = [
    ("services", "page=1", 2),
    ("services?full=true", "page=3", 10),
    ("organizations", "page=1", 2),
    ("organizations?full=true", "page=1", 4),
    ("organizations?full_service=true", "page=1", 12),
    ("service_at_locations", "page=1", 2),
    ("service_at_locations?full=true", "page=2", 11),
    ("locations", "page=1", 2),
    ("taxonomies", "page=1", 0),
    ("taxonomy_terms", "page=1", 2),
]


@pytest.mark.parametrize(("url", "page", "queries"), LISTS)
def test_it_reads_a_list_with_the_same_queries_for_one_record_or_many(
    cast: Cast,
    client: Client,
    django_assert_num_queries: DjangoAssertNumQueries,
    url: str,
    page: str,
    queries: int,
) -> None:
    separator = "&" if "?" in url else "?"
    with django_assert_num_queries(queries):
        one = answer(client, f"{API}/{url}{separator}{page}&per_page=1")
    more_services(cast, 5)
    with django_assert_num_queries(queries):
        many = answer(client, f"{API}/{url}")
    assert len(one["contents"]) == 1
    assert len(many["contents"]) > 1


def test_it_reads_a_full_service_with_a_fixed_number_of_queries(
    cast: Cast, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(9):
        answer(client, f"{API}/services/{SERVICE_DAY_CENTRE}")


# ── Confidential locations ───────────────────────────────────────────────────────────────────


def every_answer(client: Client) -> list[str]:
    """The text of every list, every record in it and every document the API serves."""
    texts = []
    for url in (
        "/api/schema/",
        "/api/schema/?format=json",
        "/api/docs/",
        f"{API}/",
        f"{API}/taxonomies",
        f"{API}/taxonomy_terms?per_page=200",
    ):
        response = client.get(url)
        assert response.status_code == 200
        texts.append(response.content.decode())
    lists = {
        "services": ["", "?full=true"],
        "organizations": ["", "?full=true", "?full_service=true"],
        "service_at_locations": ["", "?full=true"],
        "locations": [""],
    }
    for kind, queries in lists.items():
        for query in queries:
            for language in ("sq", "sr_latn", "en"):
                separator = "&" if query else "?"
                page = client.get(f"{API}/{kind}{query}{separator}lang={language}&per_page=200")
                texts.append(page.content.decode())
                for record in page.json()["contents"]:
                    detail = client.get(f"{API}/{kind}/{record['id']}?full_service=true")
                    texts.append(detail.content.decode())
    return texts


@pytest.mark.parametrize("persona", ["anonymous", "case_worker", "administrator"])
def test_it_never_shows_a_confidential_location(cast: Cast, client: Client, persona: str) -> None:
    user = cast.persona(persona)
    if user is not None:
        client.force_login(user)
    secrets = [SHELTER_ADDRESS, *(str(coordinate) for coordinate in SHELTER_COORDINATES)]
    secrets += [str(float(coordinate)) for coordinate in SHELTER_COORDINATES]
    secrets.append(str(LOCATION_SHELTER))
    texts = every_answer(client)
    assert len(texts) == 90
    assert [secret for secret in secrets for text in texts if secret in text] == []
    # The shelter's service itself is public; only its place is not.
    shelter = json.loads(client.get(f"{API}/services/{SERVICE_SHELTER}").content)
    assert (shelter["name"], shelter["service_at_locations"]) == (
        "Strehim emergjent 72-orësh",
        [],
    )
    assert Location.objects.filter(pk=LOCATION_SHELTER, address=SHELTER_ADDRESS).exists()


# ── The OpenAPI document ─────────────────────────────────────────────────────────────────────


def test_it_serves_its_openapi_document_and_swagger_ui_without_a_cdn(
    cast: Cast, client: Client
) -> None:
    document = answer(client, "/api/schema/?format=json")
    assert sorted(document["paths"]) == [
        "/api/hsds/",
        "/api/hsds/locations",
        "/api/hsds/locations/{location_id}",
        "/api/hsds/organizations",
        "/api/hsds/organizations/{organization_id}",
        "/api/hsds/service_at_locations",
        "/api/hsds/service_at_locations/{service_at_location_id}",
        "/api/hsds/services",
        "/api/hsds/services/{service_id}",
        "/api/hsds/taxonomies",
        "/api/hsds/taxonomies/{taxonomy_id}",
        "/api/hsds/taxonomy_terms",
        "/api/hsds/taxonomy_terms/{taxonomy_term_id}",
    ]
    services = document["paths"]["/api/hsds/services"]["get"]
    assert services["operationId"] == "getPaginatedListOfServices"
    assert [parameter["name"] for parameter in services["parameters"]] == [
        "full",
        "lang",
        "modified_after",
        "organization_id",
        "page",
        "per_page",
        "search",
        "taxonomy_id",
        "taxonomy_term_id",
    ]
    assert document["components"]["schemas"]["Service"]["required"] == [
        "attributes",
        "funding",
        "id",
        "languages",
        "last_modified",
        "name",
        "organization",
        "organization_id",
        "phones",
        "schedules",
        "service_areas",
        "service_at_locations",
        "status",
    ]
    page = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert "://" not in page.replace("http://testserver", "")
