"""The assessment page: who may open it, what it shows, its filters and its queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kujdes.accounts.models import Role
from kujdes.directory import services as directory
from kujdes.directory.models import Organization, ServiceType
from kujdes.planning.tests.figures import FUSHE, ZERQAN, figures_create
from kujdes.territory.models import Area
from kujdes.territory.services import AreaRow, ObservationRow, areas_upsert, observations_upsert
from tests.personas import Cast

pytestmark = pytest.mark.django_db
PAGE = "/planning/AL-BULQIZE/"


@pytest.fixture
def figures(cast: Cast) -> Cast:
    figures_create()
    return cast


def _english(client: Client) -> Client:
    client.cookies["kujdes_language"] = "en"
    return client


@pytest.mark.parametrize("role", [Role.PLANNER, Role.ADVISORY_MEMBER, Role.CASE_WORKER])
def test_it_shows_every_section_to_the_municipalitys_people(
    client: Client, figures: Cast, role: str
) -> None:
    client.force_login(figures.insiders[role])
    page = _english(client).get(PAGE).content.decode()
    for heading in [
        "A1 Demographics",
        "A2 Groups in need",
        "A3 Existing services",
        "A4 Distribution of services across the territory",
        "A5 Financing of current services",
        "A6 Structures required by law and their staff",
        "A7 Municipal budget for social care",
        "A8 Gaps and priorities",
    ]:
        assert f'id="{heading[:2]}">{heading}</h2>' in page
    assert "© OpenStreetMap contributors" in page
    assert 'id="source-1">INSTAT Census 2011, INSTAT, 2011' in page
    # Editing links only for the planner.
    assert ('href="/planning/AL-BULQIZE/budget/"' in page) is (role == Role.PLANNER)


def test_it_shows_a_small_count_only_as_hidden(client: Client, figures: Cast) -> None:
    client.force_login(figures.insiders[Role.ADVISORY_MEMBER])
    page = _english(client).get(PAGE).content.decode()
    a2 = page.split('id="A2"', 1)[1]
    row = a2.split('<th scope="row">Zerqan</th>', 1)[1].split("</tr>", 1)[0]
    assert '<td class="number">197<sup>' in row
    assert '<td class="number">&lt;5<sup>' in row


def test_it_answers_404_to_people_of_another_municipality(client: Client, figures: Cast) -> None:
    client.force_login(figures.outsiders[Role.PLANNER])
    assert client.get(PAGE).status_code == 404
    assert figures.no_role is not None
    client.force_login(figures.no_role)
    assert client.get(PAGE).status_code == 404


def test_it_narrows_to_a_group_and_a_unit(client: Client, figures: Cast) -> None:
    client.force_login(figures.planner)
    page = _english(client).get(f"{PAGE}?group=VICTIMS_OF_VIOLENCE&unit={ZERQAN}").content.decode()
    a2 = page.split('id="A2"', 1)[1].split('id="A3"', 1)[0]
    assert "Domestic violence cases" in a2 and "Persons with disabilities" not in a2
    assert '<th scope="row">Zerqan</th>' in a2 and "Fushë-Bulqizë" not in a2
    # An unknown filter value is ignored, not an error.
    everything = client.get(f"{PAGE}?group=NOPE&unit=AL-PUKE")
    assert everything.status_code == 200
    assert "Fushë-Bulqizë" in everything.content.decode().split('id="A2"', 1)[1]


def _more(cast: Cast) -> None:
    """Three more units with figures and two more services."""
    areas_upsert(
        rows=[
            AreaRow(f"AL-BULQIZE-X{n}", "AL-BULQIZE", Area.Level.ADMIN_UNIT, f"X{n}")
            for n in range(3)
        ],
        actor=None,
        origin="tests",
    )
    observations_upsert(
        rows=[
            ObservationRow(
                variable, f"AL-BULQIZE-X{n}", year, "T", "TOTAL", "SOCIAL-REGISTER", Decimal(value)
            )
            for n in range(3)
            for variable, year, value in (
                ("POPULATION", 2023, 900),
                ("PERSONS_WITH_DISABILITIES", 2024, 40),
            )
        ],
        actor=None,
        origin="tests",
    )
    organization = Organization.objects.get(area=cast.areas["AL-BULQIZE"])
    for n in range(2):
        directory.service_create(
            actor=None,
            organization=organization,
            area=cast.areas["AL-BULQIZE"],
            data=directory.ServiceInput(
                values={
                    "service_type": ServiceType.objects.get(code="AL_COMMUNITY_HOME"),
                    "name_sq": f"Shërbim {n}",
                    "capacity": 10,
                },
                target_group_codes=["AL_PWD"],
                areas_served=[cast.areas[FUSHE]],
            ),
        )


def test_it_runs_the_same_queries_whatever_the_size(client: Client, figures: Cast) -> None:
    client.force_login(figures.planner)
    client.get(PAGE)
    with CaptureQueriesContext(connection) as small:
        assert client.get(PAGE).status_code == 200
    _more(figures)
    with CaptureQueriesContext(connection) as large:
        page = client.get(PAGE)
    assert "X2" in page.content.decode()
    assert _counted(large) == _counted(small) == 26


def _counted(queries: CaptureQueriesContext) -> int:
    """Queries of the page; the session middleware may save the session on any request."""
    return sum(
        "django_session" not in query["sql"] and "SAVEPOINT" not in query["sql"]
        for query in queries.captured_queries
    )
