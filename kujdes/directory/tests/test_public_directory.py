"""The public directory: search, service pages, SOS lines, and no confidential address."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kujdes.directory import services
from kujdes.directory.models import Licence, Organization, Phone, Service
from kujdes.directory.selectors import DirectoryQuery, services_search, urgent_phones
from kujdes.territory.models import Area
from tests.personas import (
    LICENCE_PUKE,
    ORGANIZATION_PUKE,
    SERVICE_DAY_CENTRE,
    SERVICE_PUKE,
    SERVICE_SHELTER,
    SERVICE_SOS_LINE,
    SHELTER_ADDRESS,
    SHELTER_COORDINATES,
    Cast,
)


def names(query: DirectoryQuery) -> list[str]:
    return [service.name_sq for service in services_search(query)]


def test_it_finds_the_services_reaching_an_administrative_unit(cast: Cast) -> None:
    zerqan = cast.areas["AL-BULQIZE-ZERQAN"]
    # The day centre serves Zerqan itself; the SOS line and the shelter serve all Bulqizë.
    assert names(DirectoryQuery(place=zerqan)) == [
        "Linja SOS për gratë viktima të dhunës",
        "Qendër ditore për fëmijë me aftësi të kufizuara",
        "Strehim emergjent 72-orësh",
    ]
    assert names(DirectoryQuery(place=cast.areas["AL-BULQIZE-FUSHE-BULQIZE"])) == [
        "Linja SOS për gratë viktima të dhunës",
        "Strehim emergjent 72-orësh",
    ]
    assert names(DirectoryQuery(place=cast.areas["AL-PUKE"])) == [
        "Kujdes në shtëpi për të moshuarit"
    ]


def test_it_includes_services_of_the_units_when_the_place_is_a_municipality(cast: Cast) -> None:
    assert len(names(DirectoryQuery(place=cast.areas["AL-BULQIZE"]))) == 3


def test_it_filters_by_target_group_type_and_language(cast: Cast) -> None:
    zerqan = cast.areas["AL-BULQIZE-ZERQAN"]
    disabilities = DirectoryQuery(place=zerqan, target_group="PERSONS_WITH_DISABILITIES")
    assert names(disabilities) == ["Qendër ditore për fëmijë me aftësi të kufizuara"]
    assert names(DirectoryQuery(service_type="EMERGENCY_SHELTER")) == ["Strehim emergjent 72-orësh"]
    assert names(DirectoryQuery(language="rom")) == ["Linja SOS për gratë viktima të dhunës"]
    assert names(DirectoryQuery(target_group="HOMELESS")) == []


def test_it_searches_free_text_ignoring_diacritics_and_case(cast: Cast) -> None:
    assert names(DirectoryQuery(text="QENDER ditore")) == [
        "Qendër ditore për fëmijë me aftësi të kufizuara"
    ]
    # English names and the provider's name are searched too.
    assert names(DirectoryQuery(text="shelter")) == ["Strehim emergjent 72-orësh"]
    assert names(DirectoryQuery(text="zemra")) == ["Kujdes në shtëpi për të moshuarit"]


def test_it_leaves_out_services_that_closed(cast: Cast) -> None:
    Service.objects.filter(pk=SERVICE_PUKE).update(status=Service.Status.DEFUNCT)
    assert names(DirectoryQuery(place=cast.areas["AL-PUKE"])) == []
    assert Client().get(f"/directory/services/{SERVICE_PUKE}/").status_code == 404


def test_it_shows_the_search_page_with_results_and_the_map(cast: Cast, client: Client) -> None:
    response = client.get(
        "/directory/", {"place": "AL-BULQIZE-ZERQAN", "target_group": "PERSONS_WITH_DISABILITIES"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r'<h2><a href="/directory/services/([0-9a-f-]+)/">', html) == [
        str(SERVICE_DAY_CENTRE)
    ]
    assert "+355 219 20 001" in html
    assert 'id="services-map-data"' in html
    assert "<svg" in html


def test_it_refuses_an_unknown_place_with_a_message_and_shows_everything(
    cast: Cast, client: Client
) -> None:
    response = client.get("/directory/", {"place": "XX-NOWHERE"})
    assert response.status_code == 200
    assert response.context["form"].errors["place"] == [
        "Përzgjidhni një zgjedhje të vlefshme. XX-NOWHERE s’është një nga zgjedhjet e mundshme."
    ]
    assert len(response.context["results"]) == 4


CONFIDENTIAL = [SHELTER_ADDRESS, str(SHELTER_COORDINATES[0]), str(SHELTER_COORDINATES[1])]
CONFIDENTIAL += [str(float(SHELTER_COORDINATES[0])), str(float(SHELTER_COORDINATES[1]))]


@pytest.mark.parametrize("persona", ["anonymous", "case_worker", "planner", "administrator"])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/directory/",
        "/directory/?place=AL-BULQIZE-FUSHE-BULQIZE",
        "/directory/?service_type=EMERGENCY_SHELTER",
        f"/directory/services/{SERVICE_SHELTER}/",
        f"/directory/services/{SERVICE_DAY_CENTRE}/",
    ],
)
def test_it_never_puts_a_confidential_address_on_a_public_page(
    cast: Cast, client: Client, persona: str, path: str
) -> None:
    user = cast.persona(persona)
    if user is not None:
        client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert [secret for secret in CONFIDENTIAL if secret in html] == []


def test_it_says_a_shelter_address_is_confidential(cast: Cast, client: Client) -> None:
    html = client.get(f"/directory/services/{SERVICE_SHELTER}/").content.decode()
    assert "Konfidenciale, për sigurinë e njerëzve që mbron." in html
    assert "+355 219 20 003" in html


def test_it_shows_a_missing_translation_in_albanian_and_says_so(cast: Cast, client: Client) -> None:
    client.cookies["kujdes_language"] = "en"
    html = client.get(f"/directory/services/{SERVICE_DAY_CENTRE}/").content.decode()
    assert "<h1>Day centre for children with disabilities" in html
    assert (
        '<span lang="sq" class="fallback"><p>Terapi dhe aktivitete ditore.</p></span> '
        '<small class="fallback-note">(not translated; in Albanian)</small>'
    ) in html


def test_it_shows_the_page_in_serbian(cast: Cast, client: Client) -> None:
    client.cookies["kujdes_language"] = "sr-latn"
    html = client.get(f"/directory/services/{SERVICE_SOS_LINE}/").content.decode()
    assert "<h1>SOS linija za žene žrtve nasilja" in html


def test_it_shows_national_sos_lines_on_every_page_and_local_ones_by_place(
    cast: Cast, client: Client
) -> None:
    organization = Organization.objects.get(pk=ORGANIZATION_PUKE)
    services.service_create(
        actor=None,
        organization=organization,
        area=cast.areas["AL"],
        data=services.ServiceInput(
            values={"name_sq": "Linja kombëtare"},
            areas_served=[cast.areas["AL"]],
            phones=[services.PhoneInput("116 117", kind=Phone.Kind.SOS)],
        ),
    )
    assert [phone.number for phone in urgent_phones()] == ["116 117"]
    assert [p.number for p in urgent_phones(cast.areas["AL-BULQIZE-ZERQAN"])] == [
        "116 117",
        "0800 1111",
        "+355 219 20 003",
    ]
    for path in ("/", "/areas/", "/accounts/sign-in/", "/directory/"):
        assert urgent_numbers(client.get(path).content.decode()) == ["116117"], path
    html = client.get("/directory/?place=AL-BULQIZE-ZERQAN").content.decode()
    assert urgent_numbers(html) == ["116117", "08001111", "+35521920003"]
    html = client.get(f"/directory/services/{SERVICE_DAY_CENTRE}/").content.decode()
    assert urgent_numbers(html) == ["116117", "08001111", "+35521920003"]


def urgent_numbers(html: str) -> list[str]:
    """The numbers in the SOS box at the top of a page."""
    urgent = html.split('<aside class="urgent"', 1)[1].split("</aside>", 1)[0]
    return re.findall(r'href="tel:([^"]+)"', urgent)


def test_it_shows_a_lapsed_licence(cast: Cast, client: Client) -> None:
    note = "Licenca e ofruesit nuk është e vlefshme sot."
    missing = "Asnjë licencë e regjistruar për këtë ofrues."
    html = client.get(f"/directory/services/{SERVICE_PUKE}/").content.decode()
    assert (note in html, missing in html) == (False, False)
    organization = Organization.objects.get(pk=ORGANIZATION_PUKE)
    licence = Licence.objects.get(pk=LICENCE_PUKE)
    services.licence_save(
        actor=None,
        organization=organization,
        expected_version=organization.version,
        licence=licence,
        values={"valid_to": date.today() - timedelta(days=1)},
    )
    html = client.get(f"/directory/services/{SERVICE_PUKE}/").content.decode()
    assert (note in html, missing in html) == (True, False)
    Licence.objects.filter(pk=LICENCE_PUKE).delete()
    html = client.get(f"/directory/services/{SERVICE_PUKE}/").content.decode()
    assert (note in html, missing in html) == (False, True)


def test_it_runs_a_constant_number_of_queries_on_the_search_page(
    cast: Cast, client: Client
) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get("/directory/", {"place": "AL-BULQIZE"}).status_code == 200
        return len(context.captured_queries)

    before = count()
    organization = Organization.objects.get(pk=ORGANIZATION_PUKE)
    for number in range(5):
        services.service_create(
            actor=None,
            organization=organization,
            area=cast.areas["AL-BULQIZE"],
            data=services.ServiceInput(
                values={"name_sq": f"Shërbim {number}"},
                target_group_codes=["AL_PWD", "AL_ELDERLY"],
                language_codes=["sq", "sr"],
                areas_served=[cast.areas["AL-BULQIZE"]],
                phones=[services.PhoneInput(f"+355 1{number}")],
            ),
        )
    assert count() == before
    assert before == 15


def test_it_lists_the_places_with_services_and_keeps_the_chosen_one(
    cast: Cast, client: Client
) -> None:
    Area.objects.filter(code="AL-PUKE-QERRET").update(name_sq="Qerret <b>&</b>")
    html = client.get("/directory/", {"place": "AL-BULQIZE-ZERQAN"}).content.decode()
    select = html.split('<select name="place"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<optgroup label="([^"]*)">', select) == ["Bulqizë", "Pukë"]
    assert re.findall(r"<option[^>]*>[^<]*</option>", select) == [
        '<option value="">kudo</option>',
        '<option value="AL-BULQIZE">Bulqizë</option>',
        '<option value="AL-BULQIZE-FUSHE-BULQIZE">Fushë-Bulqizë</option>',
        '<option value="AL-BULQIZE-ZERQAN" selected>Zerqan</option>',
        '<option value="AL-PUKE">Pukë</option>',
        '<option value="AL-PUKE-QERRET">Qerret &lt;b&gt;&amp;&lt;/b&gt;</option>',
    ]
