"""The services upload page, its templates and the `import_services` command."""

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from kujdes.audit.models import AuditEvent
from kujdes.directory import importers
from kujdes.directory.models import Service
from kujdes.directory.tests.hsds_schema import example
from kujdes.directory.tests.test_import_services_support import row, services_csv
from tests.personas import Cast

URL = "/directory/manage/import/"
NEW_NAME = importers.EXAMPLE["name_sq"]


def upload(client: Client, cast: Cast, data: bytes, area: str = "AL-BULQIZE") -> Any:
    return client.post(
        URL,
        {"area": cast.areas[area].pk, "file": SimpleUploadedFile("services.csv", data)},
        headers={"accept-language": "en"},
    )


def test_it_imports_an_upload_and_shows_the_report(cast: Cast, client: Client) -> None:
    client.force_login(cast.insiders["provider_staff"])
    response = upload(client, cast, services_csv([row()]))
    assert response.status_code == 200
    assert "Imported: 1 created, 0 updated, 0 unchanged." in response.content.decode()
    assert Service.objects.get(name_sq=NEW_NAME).area.code == "AL-BULQIZE"


def test_it_lists_the_problems_by_line_and_column(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    response = upload(client, cast, services_csv([row(), row(name_sq="B", capacity="many")]))
    assert response.status_code == 400
    content = response.content.decode()
    assert "Nothing was imported: the file has 1 problem." in content
    assert '<td class="number">3</td><td>K (capacity)</td><td>not a number: “many”</td>' in content
    assert not Service.objects.filter(name_sq=NEW_NAME).exists()


def test_it_offers_only_the_municipalities_the_user_keeps(cast: Cast, client: Client) -> None:
    client.force_login(cast.outsiders["planner"])
    events = AuditEvent.objects.count()
    response = upload(client, cast, services_csv([row()]))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["area"]
    assert [area.code for area in response.context["form"].fields["area"].queryset] == ["AL-PUKE"]
    assert not Service.objects.filter(name_sq=NEW_NAME).exists()
    assert AuditEvent.objects.count() == events


def test_it_answers_a_case_worker_with_not_found(cast: Cast, client: Client) -> None:
    client.force_login(cast.insiders["case_worker"])
    assert client.get(URL).status_code == 404
    assert upload(client, cast, services_csv([row()])).status_code == 404
    assert client.get(f"{URL}template.csv").status_code == 404
    assert not Service.objects.filter(name_sq=NEW_NAME).exists()


def test_it_sends_an_anonymous_visitor_to_sign_in(cast: Cast, client: Client) -> None:
    response = upload(client, cast, services_csv([row()]))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/sign-in/?next={URL}"
    assert not Service.objects.filter(name_sq=NEW_NAME).exists()


def test_it_links_both_templates(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    content = client.get(URL).content.decode()
    assert f'href="{URL}template.csv"' in content
    assert f'href="{URL}template.xlsx"' in content


def test_it_offers_a_csv_template_with_the_columns_and_an_example(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.planner)
    response = client.get(f"{URL}template.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kujdes-services.csv"'
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(importers.COLUMNS)
    assert lines[1].startswith(",L91234567A,Qendër ditore për të moshuarit,")


def test_it_offers_an_xlsx_template_with_numbers_as_numbers(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    response = client.get(f"{URL}template.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    header, example = sheet.iter_rows(values_only=True)
    assert list(header) == importers.COLUMNS
    values = dict(zip(header, example, strict=True))
    assert (values["capacity"], values["location_latitude"], values["organization"]) == (
        25,
        41.498,
        "L91234567A",
    )


def test_it_answers_an_unknown_template_format_with_not_found(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    assert client.get(f"{URL}template.pdf").status_code == 404


def test_it_imports_a_file_from_the_command_line(cast: Cast, tmp_path: Path) -> None:
    path = tmp_path / "services.csv"
    path.write_bytes(services_csv([row()]))
    out = io.StringIO()
    call_command("import_services", str(path), area="AL-BULQIZE", language="en", stdout=out)
    assert out.getvalue() == "Imported: 1 created, 0 updated, 0 unchanged.\n"
    out = io.StringIO()
    call_command("import_services", str(path), area="AL-BULQIZE", language="en", stdout=out)
    assert out.getvalue() == "Imported: 0 created, 0 updated, 1 unchanged.\n"


def test_it_prints_every_error_and_fails(cast: Cast, tmp_path: Path) -> None:
    path = tmp_path / "services.csv"
    path.write_bytes(services_csv([row(status="open", capacity="-1")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"^2 problems; nothing was imported\.$"):
        call_command("import_services", str(path), area="AL-BULQIZE", language="en", stderr=err)
    assert err.getvalue().splitlines() == [
        "line 2, column J (status): unknown status “open”: use one of active, temporarily "
        "closed, inactive, defunct",
        "line 2, column K (capacity): a negative number: values cannot be below zero",
    ]
    assert not Service.objects.filter(name_sq=NEW_NAME).exists()


def test_it_refuses_an_unknown_area_on_the_command_line(cast: Cast, tmp_path: Path) -> None:
    path = tmp_path / "services.csv"
    path.write_bytes(services_csv([row()]))
    with pytest.raises(CommandError, match=r"^Unknown area code “AL-NOWHERE”\.$"):
        call_command("import_services", str(path), area="AL-NOWHERE", language="en")


def test_it_imports_an_hsds_dataset_uploaded_as_json(cast: Cast, client: Client) -> None:
    client.force_login(cast.planner)
    response = client.post(
        URL,
        {
            "area": cast.areas["AL-BULQIZE"].pk,
            "file": SimpleUploadedFile("service_full.json", example("service_full.json")),
        },
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The HSDS dataset was imported." in html
    assert "Services: 1 created, 0 updated, 0 unchanged." in html
    service = Service.objects.get(pk="ac148810-d857-441c-9679-408f346de14b")
    assert (service.name_sq, service.area.code) == ("Community Counselling", "AL-BULQIZE")


def test_it_lists_the_problems_of_a_bad_hsds_file_and_imports_nothing(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.planner)
    services, events = Service.objects.count(), AuditEvent.objects.count()
    response = client.post(
        URL,
        {
            "area": cast.areas["AL-BULQIZE"].pk,
            "file": SimpleUploadedFile("broken.json", b'{"id": "not-a-uuid", "name": ""'),
        },
        headers={"accept-language": "en"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported: the file has 1 problem." in html
    assert "The file is not JSON: a mistake at line 1, column 32." in html
    assert (Service.objects.count(), AuditEvent.objects.count()) == (services, events)
