"""Creating and editing services with their phones and opening hours; optimistic locking when
two people edit the same service."""

from datetime import time
from typing import Any

from django.test import Client

from kujdes.audit.models import AuditEvent
from kujdes.directory.models import Organization, Phone, Schedule, Service, ServiceType
from kujdes.directory.tests.test_manage_support import edit_page, licence_add
from tests.personas import (
    LOCATION_DAY_CENTRE,
    ORGANIZATION_BULQIZE,
    ORGANIZATION_PUKE,
    SERVICE_DAY_CENTRE,
    SERVICE_PUKE,
    SERVICE_SOS_LINE,
    SHELTER_ADDRESS,
    Cast,
)

CREATE = f"/directory/manage/organizations/{ORGANIZATION_BULQIZE}/services/new/"
EDIT = f"/directory/manage/services/{SERVICE_DAY_CENTRE}/"
FORMS = ("form", "phones", "schedules")
EN = {"accept-language": "en"}


def _services_now() -> list[tuple[Any, ...]]:
    return list(Service.objects.order_by("pk").values_list("pk", "version", "name_sq", "capacity"))


def test_it_creates_a_service_with_phones_and_opening_hours(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    data = edit_page(client, CREATE, *FORMS)
    zerqan = cast.areas["AL-BULQIZE-ZERQAN"]
    data |= {
        "area": str(cast.areas["AL-BULQIZE"].pk),
        "name_sq": "Kujdes në shtëpi Zerqan",
        "name_en": "Home care in Zerqan",
        "service_type": str(ServiceType.objects.get(code="AL_COMMUNITY_HOME").pk),
        "status": Service.Status.ACTIVE,
        "capacity": "12",
        "target_groups": ["AL_ELDERLY", "AL_PWD"],
        "languages": ["sq", "rom"],
        "areas_served": [str(zerqan.pk)],
        "locations": [str(LOCATION_DAY_CENTRE)],
        "phones-0-number": "+355 219 20 050",
        "phones-0-kind": Phone.Kind.HELPLINE,
        "phones-0-languages": ["sq"],
        "phones-0-description_sq": "Çdo ditë pune",
        "schedules-0-weekdays": ["MO", "WE", "FR"],
        "schedules-0-opens_at": "09:00",
        "schedules-0-closes_at": "13:30",
    }
    response = client.post(CREATE, data)
    service = Service.objects.get(name_sq="Kujdes në shtëpi Zerqan")
    assert response.status_code == 302
    assert response["Location"] == f"/directory/manage/services/{service.pk}/"
    assert (service.area.code, service.capacity, service.service_type_id) == (
        "AL-BULQIZE",
        12,
        ServiceType.objects.get(code="AL_COMMUNITY_HOME").pk,
    )
    assert sorted(service.target_groups.values_list("code", flat=True)) == ["AL_ELDERLY", "AL_PWD"]
    assert sorted(service.languages.values_list("code", flat=True)) == ["rom", "sq"]
    assert list(service.areas_served.all()) == [zerqan]
    assert list(service.locations.values_list("pk", flat=True)) == [LOCATION_DAY_CENTRE]
    phone = service.phones.get()
    assert (phone.number, phone.kind, phone.description_sq) == (
        "+355 219 20 050",
        Phone.Kind.HELPLINE,
        "Çdo ditë pune",
    )
    assert list(phone.languages.values_list("code", flat=True)) == ["sq"]
    assert [str(hours) for hours in service.schedules.all()] == ["MO,WE,FR 09:00–13:30"]


def test_it_offers_the_organizations_locations_with_the_shelter_marked(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.planner)
    content = client.get(CREATE, headers=EN).content.decode()
    assert f"Strehëz emergjente, {SHELTER_ADDRESS}, Fushë-Bulqizë — confidential address" in (
        content
    )
    assert "Qendra ditore Zerqan, Rruga Kryesore 1, Zerqan</label>" in content


def test_it_saves_an_unchanged_form_keeping_phones_and_hours(cast: Cast, client: Client) -> None:
    phone_ids = list(Phone.objects.filter(service_id=SERVICE_DAY_CENTRE).values_list("pk"))
    hours_ids = list(Schedule.objects.filter(service_id=SERVICE_DAY_CENTRE).values_list("pk"))
    client.force_login(cast.planner)
    data = edit_page(client, EDIT, *FORMS)
    assert client.post(EDIT, data).status_code == 302
    service = Service.objects.get(pk=SERVICE_DAY_CENTRE)
    assert service.version == 2
    assert list(service.phones.values_list("pk")) == phone_ids
    assert list(service.schedules.values_list("pk")) == hours_ids
    assert sorted(service.target_groups.values_list("code", flat=True)) == [
        "AL_CHILDREN",
        "AL_PWD",
    ]
    assert service.capacity == 20


def test_it_removes_a_phone_and_adds_another_in_a_blank_row(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    data = edit_page(client, EDIT, *FORMS)
    data |= {"phones-0-DELETE": "on", "phones-1-number": "0692 000 111"}
    assert client.post(EDIT, data).status_code == 302
    assert list(
        Phone.objects.filter(service_id=SERVICE_DAY_CENTRE).values_list("number", "kind")
    ) == [("0692 000 111", Phone.Kind.ORDINARY)]


def test_it_does_not_take_another_services_phone_by_its_id(cast: Cast, client: Client) -> None:
    sos_phone = Phone.objects.get(service_id=SERVICE_SOS_LINE)
    client.force_login(cast.planner)
    data = edit_page(client, EDIT, *FORMS)
    data |= {"phones-1-id": str(sos_phone.pk), "phones-1-number": "0800 1111"}
    assert client.post(EDIT, data).status_code == 302
    assert Phone.objects.get(pk=sos_phone.pk).service_id == SERVICE_SOS_LINE
    assert list(
        Phone.objects.filter(service_id=SERVICE_DAY_CENTRE).values_list("number", flat=True)
    ) == ["+355 219 20 001", "0800 1111"]


def test_it_refuses_areas_groups_and_hours_the_editor_cannot_give(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.planner)
    before = _services_now()
    data = edit_page(client, EDIT, *FORMS)
    data |= {
        "areas_served": [str(cast.areas["AL-PUKE"].pk)],
        "target_groups": ["RS_PWD"],
        "schedules-1-weekdays": ["SA"],
        "schedules-1-opens_at": "12:00",
        "schedules-1-closes_at": "08:00",
    }
    response = client.post(EDIT, data, headers=EN)
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "areas_served": [
            f"Select a valid choice. {cast.areas['AL-PUKE'].pk} is not one of the available "
            "choices."
        ],
        "target_groups": ["Select a valid choice. RS_PWD is not one of the available choices."],
    }
    assert response.context["schedules"].errors == [
        {},
        {"closes_at": ["It must close after it opens."]},
        {},
    ]
    assert _services_now() == before


def test_it_keeps_areas_served_that_the_editor_does_not_keep(cast: Cast, client: Client) -> None:
    service = Service.objects.get(pk=SERVICE_SOS_LINE)
    service.areas_served.add(cast.areas["AL-PUKE"])
    client.force_login(cast.planner)
    path = f"/directory/manage/services/{SERVICE_SOS_LINE}/"
    data = edit_page(client, path, *FORMS)
    assert data["areas_served"] == [str(cast.areas["AL-BULQIZE"].pk)]
    data["areas_served"] = [str(cast.areas["AL-BULQIZE-ZERQAN"].pk)]
    assert client.post(path, data).status_code == 302
    assert sorted(service.areas_served.values_list("code", flat=True)) == [
        "AL-BULQIZE-ZERQAN",
        "AL-PUKE",
    ]


def test_it_tells_the_second_of_two_editors_and_keeps_both_versions(
    cast: Cast, client: Client
) -> None:
    planner, provider = Client(), Client()
    planner.force_login(cast.planner)
    provider.force_login(cast.insiders["provider_staff"])
    planner_data = edit_page(planner, EDIT, *FORMS)
    provider_data = edit_page(provider, EDIT, *FORMS)
    planner_data["capacity"] = "25"
    assert planner.post(EDIT, planner_data).status_code == 302
    events = AuditEvent.objects.count()

    provider_data |= {"capacity": "30", "description_en": "Therapy and play every weekday."}
    response = provider.post(EDIT, provider_data, headers=EN)

    assert response.status_code == 409
    content = response.content.decode()
    assert (
        "Someone else saved this service while you were editing it. Your changes are below and "
        "have not been saved; the current version is shown beside them."
    ) in content
    # The second editor's input, kept in the form…
    assert 'name="capacity" value="30"' in content
    assert "Therapy and play every weekday.</textarea>" in content
    # …beside what the first one saved.
    assert ("Places", "25") in response.context["saved"]
    assert "<dt>Places</dt><dd>25</dd>" in content
    assert response.context["form"]["version"].value() == "2"
    service = Service.objects.get(pk=SERVICE_DAY_CENTRE)
    assert (service.capacity, service.description_en, service.version) == (25, "", 2)
    assert AuditEvent.objects.count() == events


def test_it_saves_the_second_editors_version_when_they_save_again(
    cast: Cast, client: Client
) -> None:
    other = Client()
    other.force_login(cast.insiders["provider_staff"])
    client.force_login(cast.planner)
    data = edit_page(client, EDIT, *FORMS)
    other_data = edit_page(other, EDIT, *FORMS)
    assert other.post(EDIT, {**other_data, "capacity": "25"}).status_code == 302
    data["capacity"] = "30"
    conflict = client.post(EDIT, data)
    assert conflict.status_code == 409
    again = {**data, "version": conflict.context["form"]["version"].value()}
    assert client.post(EDIT, again).status_code == 302
    assert Service.objects.values_list("capacity", "version").get(pk=SERVICE_DAY_CENTRE) == (
        30,
        3,
    )


def test_it_says_on_the_service_page_when_the_providers_licence_lapsed(
    cast: Cast, client: Client
) -> None:
    licence_add(Organization.objects.get(pk=ORGANIZATION_BULQIZE), valid_to=None, status="revoked")
    client.force_login(cast.planner)
    response = client.get(EDIT, headers=EN)
    assert response.context["licence_state"] == "lapsed"
    assert "The provider's licence is not valid today." in response.content.decode()


def test_it_answers_an_outsider_with_not_found_and_changes_nothing(
    cast: Cast, client: Client
) -> None:
    insider = Client()
    insider.force_login(cast.planner)
    data = edit_page(insider, EDIT, *FORMS)
    before = _services_now()
    client.force_login(cast.outsiders["planner"])
    assert client.get(EDIT).status_code == 404
    assert client.post(EDIT, {**data, "name_sq": "Hacked"}).status_code == 404
    assert client.post(CREATE, {**data, "name_sq": "Hacked"}).status_code == 404
    assert _services_now() == before


def test_it_answers_the_planner_with_not_found_for_another_municipalitys_service(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.planner)
    assert client.get(f"/directory/manage/services/{SERVICE_PUKE}/").status_code == 404
    path = f"/directory/manage/organizations/{ORGANIZATION_PUKE}/services/new/"
    assert client.get(path).status_code == 404


def test_it_shows_opening_hours_as_ticked_days_and_times(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    schedules = client.get(EDIT).context["schedules"]
    assert schedules.initial == [
        {
            "id": Schedule.objects.get(service_id=SERVICE_DAY_CENTRE).pk,
            "weekdays": ["MO", "TU", "WE", "TH", "FR"],
            "opens_at": time(8),
            "closes_at": time(16),
        }
    ]
    assert len(schedules.forms) == 3
