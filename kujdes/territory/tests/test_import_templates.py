import io

import openpyxl
import pytest
from django.test import Client

from kujdes.territory import importers
from kujdes.territory.models import Area
from tests.personas import Cast


def test_it_offers_a_csv_template_with_the_columns_and_an_example(client: Client) -> None:
    response = client.get("/areas/import/template/observations.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kujdes-observations.csv"'
    assert response.content.decode("utf-8-sig").splitlines() == [
        "variable,area,year,sex,age_band,source,value,provisional",
        "POPULATION,AL-BULQIZE,2023,F,TOTAL,CENSUS-2023,1234,0",
    ]


def test_it_offers_an_xlsx_template_with_numbers_as_numbers(client: Client) -> None:
    response = client.get("/areas/import/template/areas.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        importers.COLUMNS["areas"],
        [
            "AL-BULQIZE-ZERQAN-KLENJE",
            "AL-BULQIZE-ZERQAN",
            "settlement",
            "Klenjë",
            "Klenje",
            "Klenjë",
            12.5,
        ],
    ]


@pytest.mark.parametrize("path", ["people.csv", "areas.pdf"])
def test_it_answers_an_unknown_template_with_not_found(client: Client, path: str) -> None:
    assert client.get(f"/areas/import/template/{path}").status_code == 404


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_it_reads_its_own_area_templates_back(cast: Cast, file_format: str) -> None:
    data, _content_type = importers.template_file(kind="areas", file_format=file_format)
    report = importers.import_upload(
        kind="areas", data=data, filename=f"t.{file_format}", actor=cast.planner
    )
    assert (report.errors, report.created) == ([], 1)
    assert Area.objects.get(code="AL-BULQIZE-ZERQAN-KLENJE").path == (
        "AL/AL-QARK-DIBER/AL-BULQIZE/AL-BULQIZE-ZERQAN/AL-BULQIZE-ZERQAN-KLENJE/"
    )
