"""The Needs Assessment Report as DOCX and PDF: the same sections, tables, figures, charts and
sources as the report, in the language it is written in."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from django.utils import translation
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph

from kujdes.documents.docx import assessment_docx, svg_printable
from kujdes.documents.pdf import assessment_html, assessment_pdf_render
from kujdes.planning.assessment import assessment_build
from kujdes.planning.assessment.report import (
    Cell,
    ChartBlock,
    Report,
    TableBlock,
    report_build,
)
from tests.personas import Cast


def _report(cast: Cast, language: str) -> Report:
    with translation.override(language):
        return report_build(assessment_build(cast.areas["AL-BULQIZE"]))


def _docx(report: Report, language: str) -> docx.document.Document:
    with translation.override(language):
        content = assessment_docx(report)
    return docx.Document(io.BytesIO(content))


def _tables(report: Report) -> list[TableBlock]:
    return [
        block
        for section in report.sections
        for block in section.blocks
        if isinstance(block, TableBlock)
    ]


def _charts(report: Report) -> list[ChartBlock]:
    return [
        block
        for section in report.sections
        for block in section.blocks
        if isinstance(block, ChartBlock)
    ]


def _expected(cell: Cell) -> str:
    """The cell as the document prints it: the figure, then its marks and source raised."""
    raised = "\u2009".join(part for part in (cell.marks, str(cell.note or "")) if part)
    return cell.text + ("\u2009" + raised if raised else "")


def _style(paragraph: DocxParagraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def _rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.mark.parametrize(
    ("language", "zerqan"),
    [("sq", ["8.177\u20091", "7.240\u20092"]), ("en", ["8,177\u20091", "7,240\u20092"])],
)
def test_it_prints_every_section_and_table_of_the_report(
    bulqize: Cast, language: str, zerqan: list[str]
) -> None:
    report = _report(bulqize, language)
    document = _docx(report, language)

    title = [p.text for p in document.paragraphs if _style(p) in ("Title", "Subtitle")]
    assert title == [report.title, f"Bulqizë · {report.generated_at}"]
    headings = [p.text for p in document.paragraphs if _style(p) == "Heading 1"]
    with translation.override(language):
        sources = translation.gettext("Sources")
    assert headings == [f"{s.code} {s.title}" for s in report.sections] + [sources]
    assert [heading.split()[0] for heading in headings[:-1]] == [f"A{n}" for n in range(1, 9)]
    # Written in the language asked for, figures included.
    assert document.core_properties.language == language
    assert _rows(document.tables[0])[2][1:3] == zerqan

    blocks = _tables(report)
    assert len(document.tables) == len(blocks)
    for block, table in zip(blocks, document.tables, strict=True):
        rows = _rows(table)
        assert rows[0] == block.header
        assert rows[1:] == [[_expected(c) for c in row] for row in block.rows + block.footer]
        # The header repeats on every page the table runs over, and is bold.
        properties = table.rows[0]._tr.trPr
        assert properties is not None
        assert properties.find(qn("w:tblHeader")) is not None
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
        # Totals are bold; figures are right-aligned.
        for row in table.rows[len(table.rows) - len(block.footer) :]:
            assert all(run.bold for cell in row.cells for run in cell.paragraphs[0].runs)
        for cell, target in zip(
            block.rows[0] if block.rows else [], table.rows[1].cells, strict=False
        ):
            alignment = target.paragraphs[0].alignment
            assert (alignment == WD_ALIGN_PARAGRAPH.RIGHT) == cell.numeric


def test_it_prints_the_figures_of_bulqize_with_their_sources_and_marks(bulqize: Cast) -> None:
    report = _report(bulqize, "en")
    document = _docx(report, "en")
    captions = [block.caption for block in _tables(report)]

    residents = _rows(document.tables[0])
    assert residents[0] == [
        "Administrative unit",
        "2011",
        "2023",
        "Change",
        "Change (%)",
        "Share of the municipality",
    ]
    assert residents[2] == ["Zerqan", "8,177\u20091", "7,240\u20092", "-937", "-11.5 %", "53.5 %"]
    assert residents[3] == [
        "Bulqizë",
        "11,519\u20091",
        "13,525\u20092",
        "+2,006",
        "17.4 %",
        "100.0 %",
    ]
    needs = _rows(document.tables[2])
    # Provisional (p) and illustrative (◇) figures, each with its source number.
    assert needs[2] == ["Zerqan", "212\u2009p\u20093", "29.3", "96\u2009◇\u20094", "13.3"]
    zerqan = document.tables[2].rows[2].cells[1].paragraphs[0].runs
    assert [(run.text, run.font.superscript) for run in zerqan] == [
        ("212", None),
        ("\u2009p\u20093", True),
    ]
    structures = document.tables[captions.index("Structures and staff")]
    assert _rows(structures)[2][:5] == [
        "social workers of an administrative unit",
        "Zerqan",
        "2",
        "1",
        "1",
    ]
    # The vacancy is flagged.
    assert structures.rows[2].cells[4].paragraphs[0].runs[0].bold is True


def test_it_draws_the_charts_and_lists_the_sources(bulqize: Cast) -> None:
    report = _report(bulqize, "en")
    document = _docx(report, "en")

    charts = _charts(report)
    assert [re.findall(r'<title id="([\w-]+)-title"', chart.svg) for chart in charts] == [
        ["a1-pyramid"],
        ["a4-coverage"],
        ["a7-budget"],
    ]
    assert len(document.inline_shapes) == 3
    assert all(13.5 <= shape.width.cm <= 16.01 for shape in document.inline_shapes)
    texts = [p.text for p in document.paragraphs]
    assert texts.count("© OpenStreetMap contributors") == 1
    credit = texts.index("© OpenStreetMap contributors")
    # Right under the map: caption, picture, credit.
    assert texts[credit - 2] == charts[1].caption
    assert document.paragraphs[credit - 1]._p.xpath(".//pic:pic")
    # The sources, numbered as cited, and what the marks mean.
    sources = texts[texts.index("Sources") + 1 :]
    assert sources[:4] == [
        "1\tPopulation and Housing Census, INSTAT, 2011. https://www.instat.gov.al/",
        "2\tPopulation and Housing Census, INSTAT, 2023. https://www.instat.gov.al/",
        "3\tPopulation and Housing Census, INSTAT, 2024 (provisional). https://www.instat.gov.al/",
        "4\tIllustrative needs, Kujdes demo, 2024 (illustrative)",
    ]
    assert sources[4:] == [
        "A small raised number after a figure is its source in this list.",
        "◇ illustrative: generated for the demonstration, not taken from a public source.",
        "p provisional: the source may still revise the figure.",
        "Figures in bold in a table's body need attention: no service, a vacancy.",
    ]


def test_it_draws_label_halos_under_the_labels() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text x="1" y="2" '
        'fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke">Zerqan</text></svg>'
    )

    assert svg_printable(svg) == (
        '<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg">'
        '<text x="1" y="2" fill="#fff" stroke="#fff" stroke-width="3" aria-hidden="true">'
        'Zerqan</text><text x="1" y="2" fill="#000">Zerqan</text></svg>'
    )


@pytest.mark.parametrize("language", ["sq", "en"])
def test_the_printed_html_has_every_section_chart_and_source(bulqize: Cast, language: str) -> None:
    report = _report(bulqize, language)
    with translation.override(language):
        html = assessment_html(report)

    assert f'<html lang="{language}">' in html
    titles = re.findall(r"<h2>(A\d [^<]+)</h2>", html)
    assert titles == [f"{s.code} {s.title}" for s in report.sections]
    assert html.count("<svg ") == 3
    assert html.count("<table") == len(_tables(report))
    assert "© OpenStreetMap contributors" in html
    for note in report.sources:
        assert f'<li id="source-{note.number}" value="{note.number}">{note.name}' in html


def test_it_prints_the_pdf_over_several_pages(bulqize: Cast) -> None:
    report = _report(bulqize, "sq")
    with translation.override("sq"):
        pages = assessment_pdf_render(report)

    # A cover with the contents, a page or more per section, the sources.
    assert len(pages.pages) >= 10
    assert pages.write_pdf().startswith(b"%PDF")


def test_it_fetches_nothing_while_printing(bulqize: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "urllib.request.OpenerDirector.open",
        lambda self, url, *args, **kwargs: opened.append(str(url)),
    )
    monkeypatch.setattr(
        "kujdes.documents.pdf.assessment_html",
        lambda report: (
            '<html><head><link rel="stylesheet" href="https://example.org/a.css"></head>'
            '<body><img src="http://example.org/a.png"><img src="file:///etc/hostname">'
            "<p>Bulqizë</p></body></html>"
        ),
    )

    pages = assessment_pdf_render(_report(bulqize, "en"))

    assert len(pages.pages) == 1
    assert opened == []


@pytest.mark.slow
def test_it_opens_in_libreoffice(bulqize: Cast, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    path = tmp_path / "report.docx"
    with translation.override("sq"):
        path.write_bytes(assessment_docx(_report(bulqize, "sq")))

    subprocess.run(  # noqa: S603
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )

    converted = (tmp_path / "report.pdf").read_bytes()
    assert converted.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", converted)) > 1
