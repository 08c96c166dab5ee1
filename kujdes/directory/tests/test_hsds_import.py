"""Importing HSDS 3.0 datasets: the official examples go in and come back out of the API with
every field Kujdes keeps; a second import changes nothing; a bad file is refused whole, each
problem named by its JSON path."""

import copy
import json
import uuid
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from kujdes.audit.models import AuditEvent
from kujdes.directory.hsds import HsdsImportReport, HsdsProblem, hsds_import
from kujdes.directory.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    SpokenLanguage,
)
from kujdes.directory.tests.hsds_schema import example, example_json, schema_errors
from tests.personas import (
    LOCATION_SHELTER,
    ORGANIZATION_BULQIZE,
    SERVICE_PUKE,
    SERVICE_SHELTER,
    SHELTER_ADDRESS,
    Cast,
)

API = "/api/hsds"
EXAMPLE_SERVICE = "ac148810-d857-441c-9679-408f346de14b"
EXAMPLE_ORGANIZATION = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
EXAMPLE_LOCATION = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
EXAMPLE_LINK = "e94c9f38-1e8f-4564-91d4-d53501ab1765"


def imported(cast: Cast, data: bytes) -> HsdsImportReport:
    with translation.override("en"):
        return hsds_import(data=data, area=cast.areas["AL-BULQIZE"], actor=cast.planner)


def counts(report: HsdsImportReport) -> list[tuple[int, int, int]]:
    return [
        (kind.created, kind.updated, kind.unchanged)
        for kind in (report.organizations, report.locations, report.services)
    ]


def answer(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def snapshot() -> list[Any]:
    """Everything an import may write."""
    return [
        sorted(Organization.objects.values_list("pk", "version", "name_sq")),
        sorted(Location.objects.values_list("pk", "name_sq", "address")),
        sorted(Service.objects.values_list("pk", "version", "name_sq")),
        sorted(ServiceAtLocation.objects.values_list("pk", "service_id", "location_id")),
        sorted(Phone.objects.values_list("pk", "number")),
        sorted(Schedule.objects.values_list("pk", "weekdays")),
        sorted(SpokenLanguage.objects.values_list("code", flat=True)),
        AuditEvent.objects.count(),
    ]


# ── What Kujdes keeps of each HSDS object ────────────────────────────────────────────────────

SERVICE_FIELDS = (
    *("id", "name", "description", "url", "email", "status", "application_process"),
    *("fees_description", "eligibility_description", "minimum_age", "maximum_age"),
)
ORGANIZATION_FIELDS = ("id", "name", "description", "email", "website")


def kept_organization(organization: dict[str, Any]) -> dict[str, Any]:
    kept = {key: organization.get(key) for key in ORGANIZATION_FIELDS}
    if "locations" in organization:
        kept["locations"] = [kept_location(location) for location in organization["locations"]]
    if "services" in organization:
        kept["services"] = [kept_service(service) for service in organization["services"]]
    return kept


def kept_location(location: dict[str, Any]) -> dict[str, Any]:
    kept = {key: location.get(key) for key in ("id", "name", "latitude", "longitude")}
    if "addresses" in location:
        address = location["addresses"][0]
        kept["address"] = [address[key] for key in ("address_1", "city", "postal_code")]
    return kept


def kept_service(service: dict[str, Any]) -> dict[str, Any]:
    kept = {key: service.get(key) for key in SERVICE_FIELDS}
    if "organization" in service:
        organization = service["organization"]
        kept["organization"] = {key: organization.get(key) for key in ORGANIZATION_FIELDS}
    if "phones" in service:
        kept["phones"] = [
            (
                phone["id"],
                phone["number"],
                phone.get("description"),
                [language["code"] for language in phone["languages"]],
            )
            for phone in service["phones"]
        ]
    if "schedules" in service:
        kept["schedules"] = [
            (hours["id"], hours["byday"], hours["opens_at"], hours["closes_at"])
            for hours in service["schedules"]
        ]
    if "languages" in service:
        kept["languages"] = [language["code"] for language in service["languages"]]
    if "service_at_locations" in service:
        kept["service_at_locations"] = [
            (link["id"], kept_location(link["location"]))
            for link in service["service_at_locations"]
        ]
    return kept


def restricted(value: Any, like: Any) -> Any:
    """`value` with only the keys `like` has: the fields the example gives."""
    if isinstance(value, dict) and isinstance(like, dict):
        return {key: restricted(value[key], like[key]) for key in like if key in value}
    if isinstance(value, list) and isinstance(like, list) and len(value) == len(like):
        return [restricted(mine, theirs) for mine, theirs in zip(value, like, strict=True)]
    return value


def kept_service_at_location(link: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": link["id"],
        "location": kept_location(link["location"]),
        "service": kept_service(link["service"]),
    }


# ── The official examples ────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("name", "created", "url", "schema", "kept"),
    [
        (
            "service_full.json",
            [(1, 0, 0), (1, 0, 0), (1, 0, 0)],
            f"services/{EXAMPLE_SERVICE}",
            "compiled/service.json",
            kept_service,
        ),
        (
            "organization_full.json",
            [(1, 0, 0), (1, 0, 0), (1, 0, 0)],
            f"organizations/{EXAMPLE_ORGANIZATION}?full_service=true",
            "compiled/organization.json",
            kept_organization,
        ),
        (
            "service_at_location_full.json",
            [(1, 0, 0), (1, 0, 0), (1, 0, 0)],
            f"service_at_locations/{EXAMPLE_LINK}",
            "compiled/service_at_location.json",
            kept_service_at_location,
        ),
        (
            "service_list.json",
            [(1, 0, 0), (0, 0, 0), (1, 0, 0)],
            f"services?organization_id={EXAMPLE_ORGANIZATION}",
            "compiled/service_list.json",
            kept_service,
        ),
        (
            "organization_list.json",
            [(1, 0, 0), (0, 0, 0), (0, 0, 0)],
            "organizations?search=Example",
            "compiled/organization_list.json",
            kept_organization,
        ),
        (
            "service_at_location_list.json",
            [(1, 0, 0), (1, 0, 0), (1, 0, 0)],
            f"service_at_locations?organization_id={EXAMPLE_ORGANIZATION}",
            "compiled/service_at_location_list.json",
            kept_service_at_location,
        ),
    ],
)
def test_it_imports_an_official_example_and_gives_back_every_field_it_keeps(
    cast: Cast,
    client: Client,
    name: str,
    created: list[tuple[int, int, int]],
    url: str,
    schema: str,
    kept: Any,
) -> None:
    report = imported(cast, example(name))
    assert (report.errors, counts(report)) == ([], created)
    document = example_json(name)
    exported = answer(client, f"{API}/{url}")
    if "contents" in document:
        [given], [exported] = document["contents"], exported["contents"]
    else:
        given = document
    assert schema_errors(exported, schema) == []
    assert restricted(kept(exported), kept(given)) == kept(given)


def test_it_keeps_the_examples_exactly_as_given(cast: Cast, client: Client) -> None:
    imported(cast, example("service_full.json"))
    service = answer(client, f"{API}/services/{EXAMPLE_SERVICE}")
    assert kept_service(service) == {
        "id": EXAMPLE_SERVICE,
        "name": "Community Counselling",
        "description": (
            "Counselling Services provided by trained professionals. Suitable for people with "
            "mental health conditions such as anxiety, depression, or eating disorders as well "
            "as people experiencing difficult life events and circumstances. "
        ),
        "url": "http://example.com/counselling",
        "email": "email@example.com",
        "status": "active",
        "application_process": (
            "If you are an NHS patient please ask your GP for a referral letter, we will then "
            "be in touch with you directly. If you are not an NHS patient you should ring our "
            "reception to arrange an appointment"
        ),
        "fees_description": (
            "Non-NHS patients are expected to pay for their counselling sessions. We charge a "
            "flat rate per hour of counselling. The current rate is £50 per hour. Please see "
            "our website for up to date prices."
        ),
        "eligibility_description": (
            "This service is intended for all people aged 12 and over who require counselling "
            "services in the MyCity area"
        ),
        "minimum_age": 12,
        "maximum_age": 100,
        "organization": {
            "id": EXAMPLE_ORGANIZATION,
            "name": "Example Organization Inc.",
            "description": (
                "Example Org is a non-profit organization dedicated to providing services to "
                "qualified beneficiaries"
            ),
            "email": "email@example.com",
            "website": "http://example.com",
        },
        "phones": [
            (
                "1554f2e2-a373-45db-a3fa-9fc48a61c15e",
                '"+44 1234 234567"',
                "Our main reception phone number. The phones will be available from 0800 (8am) "
                "until 1800 (6pm) local time. There may be some slight delays in answering your "
                "call if we are busy.",
                ["ur"],
            )
        ],
        "schedules": [("48102e86-bb50-41c4-8f1e-e269368c41d1", "TH,FR", "10:00:00", "18:00:00")],
        "languages": ["ur"],
        "service_at_locations": [
            (
                EXAMPLE_LINK,
                {
                    "id": EXAMPLE_LOCATION,
                    "name": "MyCity Civic Center",
                    "latitude": 100,
                    "longitude": 101,
                    "address": ["1-30 Main Street", "MyCity", "ABC 1234"],
                },
            )
        ],
    }
    organization = Organization.objects.get(pk=EXAMPLE_ORGANIZATION)
    assert (organization.area.code, organization.kind) == ("AL-BULQIZE", "ngo")
    assert Service.objects.get(pk=EXAMPLE_SERVICE).area.code == "AL-BULQIZE"
    assert SpokenLanguage.objects.get(code="ur").name_en == "Urdu"


def test_it_lists_what_it_left_out(cast: Cast) -> None:
    report = imported(cast, example("service_list.json"))
    assert report.notices == [
        HsdsProblem(
            "$.contents[0].organization.legal_status",
            "“Limited Company” is not a kind of organization Kujdes knows; a new organization "
            "is recorded as a non-governmental organization.",
        ),
        HsdsProblem(
            "$.contents[0]",
            "Left out, as Kujdes does not keep them: service fields accreditations, alert, "
            "alternate_name, assured_date, assurer_email, fees, interpretation_services, "
            "licenses, program, wait_time.",
        ),
        HsdsProblem(
            "$.contents[0].organization",
            "Left out, as Kujdes does not keep them: organization fields alternate_name, logo, "
            "parent_organization_id, tax_status, uri, year_incorporated.",
        ),
    ]


def test_it_reads_a_list_and_an_object_of_lists(cast: Cast) -> None:
    organization = example_json("organization_list.json")["contents"][0]
    first = service(organization=None, organization_id=organization["id"])
    second = service(organization=None, organization_id=organization["id"])
    as_list = imported(cast, json.dumps([organization, first]).encode())
    as_lists = imported(
        cast, json.dumps({"organizations": [organization], "services": [first, second]}).encode()
    )
    assert (as_list.errors, counts(as_list)) == ([], [(1, 0, 0), (0, 0, 0), (1, 0, 0)])
    assert (as_lists.errors, counts(as_lists)) == ([], [(0, 0, 1), (0, 0, 0), (1, 0, 1)])
    assert sorted(
        Service.objects.filter(organization_id=organization["id"]).values_list("pk", flat=True)
    ) == sorted([uuid.UUID(first["id"]), uuid.UUID(second["id"])])


# ── Twice, and updates ───────────────────────────────────────────────────────────────────────

EXAMPLES = [
    "service_full.json",
    "organization_full.json",
    "service_at_location_full.json",
    "service_list.json",
    "organization_list.json",
    "service_at_location_list.json",
    "location.json",
]


def test_it_changes_nothing_when_the_same_data_is_imported_again(cast: Cast) -> None:
    first = imported(cast, example("service_full.json"))
    before = snapshot()
    again = [imported(cast, example(name)) for name in EXAMPLES]
    assert counts(first) == [(1, 0, 0), (1, 0, 0), (1, 0, 0)]
    assert [counts(report) for report in again] == [
        [(0, 0, 1), (0, 0, 1), (0, 0, 1)],
        [(0, 0, 1), (0, 0, 1), (0, 0, 1)],
        [(0, 0, 1), (0, 0, 1), (0, 0, 1)],
        [(0, 0, 1), (0, 0, 0), (0, 0, 1)],
        [(0, 0, 1), (0, 0, 0), (0, 0, 0)],
        [(0, 0, 1), (0, 0, 1), (0, 0, 1)],
        [(0, 0, 0), (0, 0, 1), (0, 0, 0)],
    ]
    assert [report.errors for report in again] == [[]] * len(EXAMPLES)
    assert snapshot() == before


def test_it_updates_the_records_it_finds_by_id(cast: Cast, client: Client) -> None:
    imported(cast, example("service_full.json"))
    document = example_json("service_full.json")
    document["name"] = "Community Counselling Plus"
    document["phones"][0]["number"] = "+44 1234 000000"
    document["schedules"] = []
    document["organization"]["email"] = "office@example.com"
    report = imported(cast, json.dumps(document).encode())
    assert (report.errors, counts(report)) == ([], [(0, 1, 0), (0, 0, 1), (0, 1, 0)])
    service = answer(client, f"{API}/services/{EXAMPLE_SERVICE}")
    assert (
        service["name"],
        [(phone["id"], phone["number"]) for phone in service["phones"]],
        service["schedules"],
        service["organization"]["email"],
    ) == (
        "Community Counselling Plus",
        [("1554f2e2-a373-45db-a3fa-9fc48a61c15e", "+44 1234 000000")],
        [],
        "office@example.com",
    )
    assert Service.objects.get(pk=EXAMPLE_SERVICE).version == 2


def test_it_takes_its_own_export_back_without_a_change(cast: Cast, client: Client) -> None:
    """Kujdes's export holds no confidential location; importing it back must keep the
    shelter's service at its shelter all the same."""
    before = snapshot()
    page = client.get(f"{API}/services?full=true&organization_id={ORGANIZATION_BULQIZE}")
    report = imported(cast, page.content)
    assert (report.errors, counts(report)) == ([], [(0, 0, 1), (0, 0, 1), (0, 0, 3)])
    assert snapshot() == before
    assert ServiceAtLocation.objects.filter(
        service_id=SERVICE_SHELTER, location_id=LOCATION_SHELTER
    ).exists()
    assert Phone.objects.get(service_id=SERVICE_SHELTER).kind == "helpline"


def test_it_writes_audit_events_that_name_no_address(cast: Cast) -> None:
    first_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    imported(cast, example("service_full.json"))
    events = AuditEvent.objects.filter(pk__gt=first_event or 0).order_by("pk")
    assert [(event.verb, event.actor_id) for event in events] == [
        ("spoken_language.created", cast.planner.pk),
        ("organization.created", cast.planner.pk),
        ("location.saved", cast.planner.pk),
        ("service.created", cast.planner.pk),
    ]
    payloads = json.dumps([event.payload for event in events])
    assert "Main Street" not in payloads
    assert "ABC 1234" not in payloads


# ── Bad files ────────────────────────────────────────────────────────────────────────────────

ORGANIZATION = "0b1d4b7e-2a8f-4f3c-9d6e-5a4b3c2d1e0f"
UNKNOWN = "6f3a2c1d-8e7b-4a5c-9d0e-1f2a3b4c5d6e"


def service(**fields: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "name": "Këshillim",
        "status": "active",
        "organization": {"id": ORGANIZATION, "name": "Shoqata", "description": ""},
        **fields,
    }


@pytest.mark.parametrize(
    ("data", "problems"),
    [
        (b"{not json", [("$", "The file is not JSON: a mistake at line 1, column 2.")]),
        ("{}".encode("utf-16"), [("$", "The file is not UTF-8 text.")]),
        (b"42", [("$", "Expected an HSDS object or a list of them.")]),
        (b'["a service"]', [("$[0]", "Expected an object.")]),
        (
            b'{"id": "1", "name": "X"}',
            [
                (
                    "$",
                    "Cannot tell what this is: an HSDS service needs its status, an "
                    "organization its website, services or locations, a service at a location "
                    "its service.",
                )
            ],
        ),
        (
            json.dumps(service(id="ab-12")).encode(),
            [("$.id", "“ab-12” is not a UUID.")],
        ),
        (
            json.dumps(service(name="")).encode(),
            [("$.name", "Required: this may not be empty.")],
        ),
        (
            json.dumps({"services": [service(status="open")]}).encode(),
            [
                (
                    "$.services[0].status",
                    "“open” is not an HSDS status: use one of active, temporarily closed, "
                    "inactive, defunct.",
                )
            ],
        ),
        (
            json.dumps(service(organization=None, organization_id=UNKNOWN)).encode(),
            [("$", f"No organization {UNKNOWN} in the file or in Kujdes.")],
        ),
        (
            json.dumps({"services": {"id": UNKNOWN}}).encode(),
            [("$.services", "Expected a list.")],
        ),
    ],
)
def test_it_refuses_a_bad_file_and_writes_nothing(
    cast: Cast, data: bytes, problems: list[tuple[str, str]]
) -> None:
    before = snapshot()
    report = imported(cast, data)
    assert [(problem.path, problem.message) for problem in report.errors] == problems
    assert counts(report) == [(0, 0, 0), (0, 0, 0), (0, 0, 0)]
    assert snapshot() == before


def test_it_reports_every_problem_of_a_file_with_its_path(cast: Cast) -> None:
    good = service()
    bad = service(
        id="nope",
        name=7,
        email="not-an-email",
        url="example",
        minimum_age=3.5,
        maximum_age=-1,
        phones=[{"id": str(uuid.uuid4()), "number": ""}, {"number": "+355 1"}],
        schedules=[
            {"id": str(uuid.uuid4()), "byday": "MO,XX", "opens_at": "8", "closes_at": "16:00"}
        ],
        languages=[{"id": str(uuid.uuid4()), "code": "albanian"}],
        service_at_locations=[{"id": str(uuid.uuid4())}],
    )
    document = {"total_items": 2, "contents": [good, bad]}
    before = snapshot()
    report = imported(cast, json.dumps(document).encode())
    assert [(problem.path, problem.message) for problem in report.errors] == [
        ("$.contents[1].id", "“nope” is not a UUID."),
        ("$.contents[1].name", "Expected text."),
        ("$.contents[1].url", "“example” is not a web address (http:// or https://)."),
        ("$.contents[1].email", "“not-an-email” is not an email address."),
        (
            "$.contents[1].minimum_age",
            "An age is a whole number of years from 0 to 150; “3.5” is not.",
        ),
        (
            "$.contents[1].maximum_age",
            "An age is a whole number of years from 0 to 150; “-1” is not.",
        ),
        ("$.contents[1].phones[0].number", "Required: this may not be empty."),
        ("$.contents[1].phones[1].id", "Required: give the id (a UUID)."),
        (
            "$.contents[1].schedules[0].opens_at",
            "“8” is not a time of day such as 08:00 or 16:30:00.",
        ),
        (
            "$.contents[1].languages[0].code",
            "“albanian” is not an ISO 639 language code.",
        ),
        (
            "$.contents[1].service_at_locations[0]",
            "A service at a location needs its location or its location_id.",
        ),
    ]
    assert snapshot() == before


def test_it_refuses_a_record_another_municipality_keeps(cast: Cast) -> None:
    before = snapshot()
    data = json.dumps(service(id=str(SERVICE_PUKE), name="Taken over")).encode()
    report = imported(cast, data)
    assert [(problem.path, problem.message) for problem in report.errors] == [
        ("$", "Kept by Pukë, not Bulqizë (service); import it there.")
    ]
    assert snapshot() == before


def test_it_refuses_an_area_the_user_may_not_edit(cast: Cast) -> None:
    data = json.dumps(service()).encode()
    with translation.override("en"):
        outsider = hsds_import(
            data=data, area=cast.areas["AL-BULQIZE"], actor=cast.outsiders["planner"]
        )
        country = hsds_import(data=data, area=cast.areas["AL"], actor=None)
    assert outsider.errors == [HsdsProblem("$", "You may not edit the directory of Bulqizë.")]
    assert country.errors == [
        HsdsProblem("$", "Records are filed under a municipality; Shqipëri is not one.")
    ]
    assert not Service.objects.filter(name_sq="Këshillim").exists()


def test_it_never_moves_a_confidential_location_into_the_open(cast: Cast) -> None:
    """An import may change a shelter's record by its id, but never makes it public."""
    location = {
        "id": str(LOCATION_SHELTER),
        "location_type": "physical",
        "organization_id": str(ORGANIZATION_BULQIZE),
        "name": "Strehëz",
    }
    report = imported(cast, json.dumps(location).encode())
    assert (report.errors, counts(report)) == ([], [(0, 0, 0), (0, 1, 0), (0, 0, 0)])
    shelter = Location.objects.get(pk=LOCATION_SHELTER)
    assert (shelter.name_sq, shelter.address, shelter.is_confidential) == (
        "Strehëz",
        SHELTER_ADDRESS,
        True,
    )


# ── The command ──────────────────────────────────────────────────────────────────────────────


def test_it_imports_a_file_from_the_command_line(cast: Cast, tmp_path: Path) -> None:
    path = tmp_path / "services.json"
    path.write_bytes(example("service_list.json"))
    out = StringIO()
    call_command("import_hsds", str(path), area="AL-BULQIZE", language="en", stdout=out)
    assert out.getvalue().splitlines()[-3:] == [
        "Organizations: 1 created, 0 updated, 0 unchanged.",
        "Locations: 0 created, 0 updated, 0 unchanged.",
        "Services: 1 created, 0 updated, 0 unchanged.",
    ]
    assert Service.objects.filter(pk=EXAMPLE_SERVICE).exists()


def test_it_prints_every_problem_and_fails(cast: Cast, tmp_path: Path) -> None:
    document = copy.deepcopy(example_json("service_full.json"))
    document["status"] = "open"
    document["phones"][0]["id"] = "x"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    err = StringIO()
    with pytest.raises(CommandError, match=r"^2 problems; nothing was imported\.$"):
        call_command(
            "import_hsds",
            str(path),
            area="AL-BULQIZE",
            language="en",
            stdout=StringIO(),
            stderr=err,
        )
    assert err.getvalue().splitlines() == [
        "$.status: “open” is not an HSDS status: use one of active, temporarily closed, "
        "inactive, defunct.",
        "$.phones[0].id: “x” is not a UUID.",
    ]
    assert not Service.objects.filter(pk=EXAMPLE_SERVICE).exists()
