from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from kujdes.audit.models import AuditEvent
from kujdes.territory.models import Observation
from kujdes.territory.tests.test_import_support import observations_csv, statistics_create
from tests.personas import PASSWORD, Cast

URL = "/areas/import/"
BULQIZE_ROWS = [
    ["POPULATION", "AL-BULQIZE", "2023", "T", "TOTAL", "CENSUS-2023", "28000", ""],
    ["POPULATION", "AL-BULQIZE-ZERQAN", "2023", "T", "TOTAL", "CENSUS-2023", "20x3", ""],
]


def upload(client: Client, rows: list[list[str]], language: str = "sq") -> Any:
    data = observations_csv(rows)
    return client.post(
        URL,
        {"kind": "observations", "file": SimpleUploadedFile("figures.csv", data)},
        headers={"accept-language": language},
    )


def test_it_imports_an_upload_and_shows_the_report(cast: Cast, client: Client) -> None:
    statistics_create()
    client.login(username=cast.planner.username, password=PASSWORD)
    response = upload(client, BULQIZE_ROWS[:1])
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.errors, report.created, report.updated, report.unchanged) == ([], 1, 0, 0)
    assert Observation.objects.count() == 1


def test_it_shows_a_table_of_problems_in_the_users_language(cast: Cast, client: Client) -> None:
    statistics_create()
    client.login(username=cast.planner.username, password=PASSWORD)
    response = upload(client, BULQIZE_ROWS, language="sq")
    assert response.status_code == 400
    content = response.content.decode()
    assert response["Content-Language"] == "sq"
    assert '<td class="number">3</td><td>G (value)</td>' in content
    with translation.override("en"):
        response = upload(client, BULQIZE_ROWS, language="en")
    assert [
        (error.line, error.column, error.message) for error in response.context["report"].errors
    ] == [(3, "G (value)", "not a number: “20x3”")]
    assert Observation.objects.count() == 0


def test_it_refuses_bulqize_rows_from_the_puke_planner(cast: Cast, client: Client) -> None:
    statistics_create()
    events_before = AuditEvent.objects.count()
    client.login(username=cast.outsiders["planner"].username, password=PASSWORD)
    response = upload(client, BULQIZE_ROWS[:1], language="en")
    assert response.status_code == 400
    assert [
        (error.line, error.column, error.message) for error in response.context["report"].errors
    ] == [(2, "B (area)", "unknown area code “AL-BULQIZE”")]
    assert Observation.objects.count() == 0
    assert AuditEvent.objects.count() == events_before


def test_it_sends_an_anonymous_visitor_to_sign_in(cast: Cast, client: Client) -> None:
    statistics_create()
    response = upload(client, BULQIZE_ROWS[:1])
    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=/areas/import/"
    assert Observation.objects.count() == 0


def test_it_answers_a_case_worker_with_not_found(cast: Cast, client: Client) -> None:
    statistics_create()
    client.login(username=cast.insiders["case_worker"].username, password=PASSWORD)
    assert client.get(URL).status_code == 404
    assert upload(client, BULQIZE_ROWS[:1]).status_code == 404
    assert Observation.objects.count() == 0


def test_it_links_the_four_templates(cast: Cast, client: Client) -> None:
    client.login(username=cast.planner.username, password=PASSWORD)
    content = client.get(URL).content.decode()
    for kind in ("areas", "observations"):
        for file_format in ("csv", "xlsx"):
            assert f'href="/areas/import/template/{kind}.{file_format}"' in content


def test_it_lists_the_first_problems_and_counts_the_rest(cast: Cast, client: Client) -> None:
    statistics_create()
    client.force_login(cast.planner)
    bad_rows = [
        ["POPULATION", "AL-BULQIZE", str(1900 + index % 200), "T", "TOTAL", "CENSUS-2023", "x", ""]
        for index in range(502)
    ]
    response = upload(client, bad_rows, language="en")
    assert response.status_code == 400
    assert len(response.context["report"].errors) == 502
    content = response.content.decode()
    assert content.count("<td>G (value)</td>") == 500
    assert "… and 2 more problems, not listed here. Correct the ones above first." in content
    assert Observation.objects.count() == 0
