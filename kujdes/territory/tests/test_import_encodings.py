import pytest

from kujdes.territory import importers
from kujdes.territory.models import Area
from kujdes.territory.tests.test_import_support import AREA_HEADER, csv_bytes
from tests.personas import Cast

# ë and ç are in both Windows code pages; č, đ only in Windows-1250.
NAMES_EVERYWHERE = ("Qendër Çëlës", "Šiže Žaš", "Qendër")
NAMES_CENTRAL = ("Fushë Čađ", "Čačak Đurđevo", "Gjoricë")


def area_file(names: tuple[str, str, str], encoding: str) -> bytes:
    row = ["AL-BULQIZE-NEW", "AL-BULQIZE", "admin_unit", *names, ""]
    return csv_bytes([AREA_HEADER, row], delimiter=";", encoding=encoding)


@pytest.mark.parametrize(
    ("encoding", "names"),
    [
        ("utf-8", NAMES_CENTRAL),
        ("utf-8-sig", NAMES_CENTRAL),
        ("cp1250", NAMES_CENTRAL),
        ("cp1250", NAMES_EVERYWHERE),
        ("cp1252", NAMES_EVERYWHERE),
    ],
)
def test_it_reads_the_letters_of_every_encoding(
    cast: Cast, encoding: str, names: tuple[str, str, str]
) -> None:
    data = area_file(names, encoding)
    report = importers.import_upload(kind="areas", data=data, filename="a.csv", actor=cast.planner)
    assert (report.errors, report.created) == ([], 1)
    area = Area.objects.get(code="AL-BULQIZE-NEW")
    assert (area.name_sq, area.name_sr_latn, area.name_en) == names


def test_it_reads_a_byte_order_mark_as_no_part_of_the_first_column(cast: Cast) -> None:
    data = area_file(NAMES_CENTRAL, "utf-8-sig")
    assert data.startswith(b"\xef\xbb\xbfcode;")
    report = importers.import_upload(kind="areas", data=data, filename="a.csv", actor=cast.planner)
    assert report.errors == []
