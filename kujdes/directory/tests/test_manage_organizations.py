"""Creating and editing organizations, their licences and their locations, each scoped to the
editor's areas and guarded by the organization's version."""

from decimal import Decimal

import pytest
from django.test import Client

from kujdes.audit.models import AuditEvent
from kujdes.directory.models import Licence, Location, Organization
from kujdes.directory.tests.test_manage_support import edit_page, form_data, licence_add
from tests.personas import (
    LOCATION_PUKE,
    LOCATION_SHELTER,
    ORGANIZATION_BULQIZE,
    ORGANIZATION_PUKE,
    SHELTER_ADDRESS,
    Cast,
)

MANAGE = "/directory/manage/organizations/"
EDIT = f"{MANAGE}{ORGANIZATION_BULQIZE}/"
EN = {"accept-language": "en"}


def test_it_creates_an_organization_in_the_planners_municipality(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.planner)
    response = client.post(
        f"{MANAGE}new/",
        {
            "area": cast.areas["AL-BULQIZE"].pk,
            "kind": Organization.Kind.NGO,
            "name_sq": "Shoqata Ndihmë për Familjen",
            "name_en": "Help for the Family",
            "registration_number": "K12345678B",
            "website": "ndihme.example.org",
        },
    )
    organization = Organization.objects.get(registration_number="K12345678B")
    assert response.status_code == 302
    assert response["Location"] == f"{MANAGE}{organization.pk}/"
    assert (organization.area.code, organization.name_en, organization.website) == (
        "AL-BULQIZE",
        "Help for the Family",
        "https://ndihme.example.org",
    )
    assert AuditEvent.objects.filter(
        verb="organization.created", target_key=str(organization.pk), actor=cast.planner
    ).exists()


def test_it_offers_only_the_editors_own_municipality(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    response = client.get(f"{MANAGE}new/")
    assert [area.code for area in response.context["form"].fields["area"].queryset] == [
        "AL-BULQIZE"
    ]
    count = Organization.objects.count()
    response = client.post(
        f"{MANAGE}new/",
        {"area": cast.areas["AL-PUKE"].pk, "kind": Organization.Kind.NGO, "name_sq": "X"},
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["area"]
    assert Organization.objects.count() == count


def test_it_saves_an_edit_and_moves_the_version_on(cast: Cast, client: Client) -> None:
    client.force_login(cast.insiders["provider_staff"])
    data = edit_page(client, EDIT, "form")
    assert data["version"] == "1"
    data["email"] = "qss@bulqize.gov.al"
    response = client.post(EDIT, data, headers=EN)
    assert response.status_code == 302
    organization = Organization.objects.get(pk=ORGANIZATION_BULQIZE)
    assert (organization.email, organization.version) == ("qss@bulqize.gov.al", 2)
    assert [str(m) for m in client.get(EDIT, headers=EN).context["messages"]] == [
        "The organization was saved."
    ]


def test_it_keeps_the_second_editors_input_when_the_first_saved_meanwhile(
    cast: Cast, client: Client
) -> None:
    first, second = Client(), Client()
    first.force_login(cast.planner)
    second.force_login(cast.insiders["provider_staff"])
    first_data = edit_page(first, EDIT, "form")
    second_data = edit_page(second, EDIT, "form")
    first_data["name_en"] = "Social Services Centre of Bulqizë"
    assert first.post(EDIT, first_data).status_code == 302
    second_data["name_en"] = "Bulqizë Centre for Social Services"
    response = second.post(EDIT, second_data, headers=EN)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else saved this organization" in content
    assert 'value="Bulqizë Centre for Social Services"' in content
    assert "<dd>Social Services Centre of Bulqizë</dd>" in content
    assert response.context["form"]["version"].value() == "2"
    organization = Organization.objects.get(pk=ORGANIZATION_BULQIZE)
    assert (organization.name_en, organization.version) == ("Social Services Centre of Bulqizë", 2)
    # Saving again, knowingly, keeps the second editor's name.
    assert second.post(EDIT, {**second_data, "version": "2"}).status_code == 302
    assert Organization.objects.get(pk=ORGANIZATION_BULQIZE).name_en == (
        "Bulqizë Centre for Social Services"
    )


@pytest.mark.parametrize(
    "path",
    [
        f"{MANAGE}{ORGANIZATION_PUKE}/",
        f"{MANAGE}{ORGANIZATION_PUKE}/licences/new/",
        f"{MANAGE}{ORGANIZATION_PUKE}/locations/new/",
        f"{MANAGE}{ORGANIZATION_PUKE}/locations/{LOCATION_PUKE}/",
        f"{MANAGE}{ORGANIZATION_BULQIZE}/locations/{LOCATION_PUKE}/",
    ],
)
def test_it_answers_not_found_outside_the_editors_areas_and_changes_nothing(
    cast: Cast, client: Client, path: str
) -> None:
    client.force_login(cast.planner)
    events = AuditEvent.objects.count()
    assert client.get(path).status_code == 404
    response = client.post(path, {"version": "1", "kind": "ngo", "name_sq": "Hacked", "area": "1"})
    assert response.status_code == 404
    assert Organization.objects.get(pk=ORGANIZATION_PUKE).name_sq == "Shoqata Zemra Pukë"
    assert Location.objects.get(pk=LOCATION_PUKE).name_sq == "Zyra Qerret"
    assert AuditEvent.objects.count() == events


def test_it_adds_a_licence_and_shows_it_valid_today(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    response = client.post(
        f"{EDIT}licences/new/",
        {
            "version": "1",
            "kind": "Licencë për shërbime komunitare",
            "issuer": "MShMS",
            "number": "LIC-77",
            "valid_from": "2024-01-01",
            "valid_to": "",
            "status": Licence.Status.ACTIVE,
        },
    )
    assert response.status_code == 302
    licence = Licence.objects.get(organization_id=ORGANIZATION_BULQIZE)
    assert (licence.number, licence.valid_to) == ("LIC-77", None)
    page = client.get(EDIT, headers=EN)
    assert page.context["licence_state"] == "valid"
    assert page.context["licences"] == [(licence, True)]


def test_it_refuses_a_licence_that_ends_before_it_begins(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    response = client.post(
        f"{EDIT}licences/new/",
        {
            "version": "1",
            "kind": "Licencë",
            "issuer": "MShMS",
            "number": "LIC-78",
            "valid_from": "2024-01-01",
            "valid_to": "2023-12-31",
            "status": Licence.Status.ACTIVE,
        },
        headers=EN,
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "valid_to": ["The licence cannot end before it begins."]
    }
    assert not Licence.objects.filter(number="LIC-78").exists()


def test_it_suspends_a_licence_on_its_page(cast: Cast, client: Client) -> None:
    organization = Organization.objects.get(pk=ORGANIZATION_BULQIZE)
    licence = licence_add(organization, valid_to=None)
    client.force_login(cast.planner)
    path = f"{EDIT}licences/{licence.pk}/"
    data = edit_page(client, path, "form")
    assert (data["number"], data["valid_from"], data["version"]) == ("LIC-001", "2020-01-01", "2")
    data["status"] = Licence.Status.SUSPENDED
    assert client.post(path, data).status_code == 302
    assert Licence.objects.get(pk=licence.pk).status == Licence.Status.SUSPENDED
    assert client.get(EDIT).context["licence_state"] == "lapsed"


def test_it_refuses_a_licence_edit_begun_before_another_save(cast: Cast, client: Client) -> None:
    organization = Organization.objects.get(pk=ORGANIZATION_BULQIZE)
    licence = licence_add(organization, valid_to=None)
    client.force_login(cast.planner)
    path = f"{EDIT}licences/{licence.pk}/"
    data = edit_page(client, path, "form")
    licence_add(organization, valid_to=None, number="LIC-002")
    data["number"] = "LIC-001-A"
    response = client.post(path, data, headers=EN)
    assert response.status_code == 409
    assert "Someone else saved this organization" in response.content.decode()
    assert ("Number", "LIC-001") in response.context["saved"]
    assert Licence.objects.get(pk=licence.pk).number == "LIC-001"


def test_it_adds_a_confidential_location_in_one_of_the_units(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    response = client.post(
        f"{EDIT}locations/new/",
        {
            "version": "1",
            "name_sq": "Shtëpia e sigurt",
            "address": "Rruga e Fshehtë 3",
            "area": cast.areas["AL-BULQIZE-ZERQAN"].pk,
            "latitude": "41.5",
            "longitude": "20.25",
            "is_confidential": "on",
        },
    )
    assert response.status_code == 302
    location = Location.objects.get(name_sq="Shtëpia e sigurt")
    assert (location.is_confidential, location.latitude, location.area.code) == (
        True,
        Decimal("41.500000"),
        "AL-BULQIZE-ZERQAN",
    )


def test_it_refuses_a_location_outside_the_editors_areas_or_half_placed(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.planner)
    response = client.post(
        f"{EDIT}locations/new/",
        {
            "version": "1",
            "name_sq": "Zyra",
            "area": cast.areas["AL-PUKE-QERRET"].pk,
            "latitude": "41.5",
        },
        headers=EN,
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "area": ["Select a valid choice. That choice is not one of the available choices."],
        "longitude": ["Give both latitude and longitude, or neither."],
    }
    assert not Location.objects.filter(name_sq="Zyra").exists()


def test_it_shows_the_shelters_address_to_the_editor_and_edits_it(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.insiders["provider_staff"])
    path = f"{EDIT}locations/{LOCATION_SHELTER}/"
    response = client.get(path, headers=EN)
    content = response.content.decode()
    assert f'value="{SHELTER_ADDRESS}"' in content
    assert "This address is confidential" in content
    data = form_data(response, "form")
    data["address"] = "Rruga Sekrete 9"
    assert client.post(path, data).status_code == 302
    location = Location.objects.get(pk=LOCATION_SHELTER)
    assert (location.address, location.is_confidential) == ("Rruga Sekrete 9", True)
