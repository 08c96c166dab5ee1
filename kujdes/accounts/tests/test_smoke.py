from django.test import Client

from tests.personas import Cast


def test_it_shows_the_home_page_with_the_municipalities(cast: Cast, client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert [area.code for area in response.context["municipalities"]] == [
        "AL-BULQIZE",
        "AL-PUKE",
    ]
