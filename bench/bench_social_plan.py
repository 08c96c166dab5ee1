"""The plan as one document, DOCX and PDF, against python-docx and WeasyPrint printing the same
content with no Kujdes logic.

Data (bench/social_plan_data.py, fixed seed): the demo data set (Bulqizë: real census figures,
illustrative needs, services, structures, three budget years: a full Needs Assessment Report
with its tables and three charts) and a plan of Bulqizë over 5 years: 6 strategic objectives,
12 specific objectives, 24 measures, 60 activities with their costs, 36 indicators with 5
targets each, an advisory group of 12 with 6 meetings and 12 decisions, 40 comments.

(a) End to end, as the document task writes it: `social_plan_build(plan, ["sq"])` (reading the
    plan, building Part A live from the statistics, wording Part B and the annexes), then
    `social_plan_docx` or `social_plan_pdf`, from the database to the bytes.
(b) The rendering alone (from the built content to the bytes) against the baseline: the same
    headings, paragraphs, tables and charts written by python-docx through its public API
    (cell text set cell by cell, the "Table Grid" style, charts as PNG through CairoSVG) and by
    WeasyPrint from HTML written with f-strings and a five-line style sheet (no templates, no
    column alignment, no landscape pages, no table of contents). Kujdes and the baseline in
    alternation; the ratio is the median of the runs' ratios.
(c) The Kosovo layout, Albanian then Serbian in one file, timed once each.

Each is run once to warm up, then RUNS (3) times; minimum and median. DEBUG off while timed.
The module runs last (modules run in name order) and leaves the demo data set behind: the
database is dropped after the run.
"""

import io
import os
from collections.abc import Callable
from html import escape
from typing import Any

import cairosvg
from django.test.utils import override_settings
from django.utils import translation
from docx import Document
from docx.shared import Cm
from weasyprint import HTML

from bench.bench_assessment import paired, queries_of, timed
from bench.social_plan_data import COMMENTS, MEETINGS, MEMBERS, social_plan_data_create
from kujdes.documents.docx import chart_size, svg_printable
from kujdes.documents.social_plan import Edition, Heading, social_plan_build
from kujdes.documents.social_plan.docx import social_plan_docx
from kujdes.documents.social_plan.pdf import social_plan_pdf, social_plan_pdf_render
from kujdes.planning.assessment.report import ChartBlock, Paragraph, TableBlock
from kujdes.planning.models import Activity, ActivityCost, Indicator, IndicatorTarget, Plan

RUNS = int(os.environ.get("BENCH_SOCIAL_PLAN_RUNS", "3"))
AIM_DOCX_MS = 5000
AIM_PDF_MS = 15000


def _chapters(edition: Edition) -> list[tuple[int, str, list[Any]]]:
    """(heading level, heading, blocks) of every part and chapter, in order."""
    report = edition.assessment
    return [
        (1, edition.part_a, [Paragraph(edition.assessment_note)]),
        *((2, f"{s.code} {s.title}", list(s.blocks)) for s in report.sections),
        (2, edition.sources, [Paragraph(note.name) for note in report.sources]),
        (1, edition.part_b, []),
        *((2, chapter.title, list(chapter.blocks)) for chapter in edition.plan),
        (1, edition.annexes_title, []),
        *((2, chapter.title, list(chapter.blocks)) for chapter in edition.annexes),
    ]


def baseline_docx(editions: list[Edition]) -> bytes:
    """The same content through python-docx's public API, without Kujdes's layout."""
    document = Document()
    for edition in editions:
        document.add_heading(edition.title, 0)
        for level, title, blocks in _chapters(edition):
            document.add_heading(title, level)
            for block in blocks:
                if isinstance(block, Heading):
                    document.add_heading(block.text, 2 + block.level)
                elif isinstance(block, Paragraph):
                    document.add_paragraph(block.text)
                elif isinstance(block, TableBlock):
                    document.add_paragraph(block.caption)
                    rows = [block.header] + [
                        [cell.text for cell in row] for row in block.rows + block.footer
                    ]
                    table = document.add_table(rows=len(rows), cols=len(block.header))
                    table.style = document.styles["Table Grid"]
                    for row, values in zip(table.rows, rows, strict=True):
                        for cell, value in zip(row.cells, values, strict=True):
                            cell.text = value
                elif isinstance(block, ChartBlock):
                    document.add_paragraph(block.caption)
                    svg = svg_printable(str(block.svg))
                    width, _height = chart_size(svg)
                    png = cairosvg.svg2png(bytestring=svg.encode(), output_width=round(width * 100))
                    document.add_picture(io.BytesIO(png), width=Cm(width))
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


BASELINE_STYLE = """@page { size: A4; margin: 2cm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; font-size: 7.5pt; }
th, td { border: 0.5pt solid #999; padding: 1mm; vertical-align: top; white-space: pre-line; }
thead { display: table-header-group; }"""


def _table_html(block: TableBlock) -> str:
    def row(cells: list[str], tag: str) -> str:
        return "<tr>" + "".join(f"<{tag}>{escape(text)}</{tag}>" for text in cells) + "</tr>"

    body = "".join(row([c.text for c in cells], "td") for cells in block.rows + block.footer)
    return (
        f"<table><caption>{escape(block.caption)}</caption>"
        f"<thead>{row(block.header, 'th')}</thead><tbody>{body}</tbody></table>"
    )


def baseline_html(editions: list[Edition]) -> str:
    parts = [f"<!doctype html><html><head><style>{BASELINE_STYLE}</style></head><body>"]
    for edition in editions:
        parts.append(f"<h1>{escape(edition.title)}</h1>")
        for level, title, blocks in _chapters(edition):
            parts.append(f"<h{level + 1}>{escape(title)}</h{level + 1}>")
            for block in blocks:
                if isinstance(block, Heading):
                    parts.append(f"<h{block.level + 3}>{escape(block.text)}</h{block.level + 3}>")
                elif isinstance(block, Paragraph):
                    parts.append(f"<p>{escape(block.text)}</p>")
                elif isinstance(block, TableBlock):
                    parts.append(_table_html(block))
                elif isinstance(block, ChartBlock):
                    parts.append(f"<figure>{svg_printable(str(block.svg))}</figure>")
    parts.append("</body></html>")
    return "".join(parts)


def baseline_pdf(editions: list[Edition]) -> bytes:
    return HTML(string=baseline_html(editions)).write_pdf()


def _tables(editions: list[Edition]) -> dict[str, int]:
    blocks = [
        block
        for edition in editions
        for _level, _title, chapter_blocks in _chapters(edition)
        for block in chapter_blocks
    ]
    tables = [block for block in blocks if isinstance(block, TableBlock)]
    return {
        "tables": len(tables),
        "table_rows": sum(len(table.rows) + len(table.footer) for table in tables),
        "charts": sum(isinstance(block, ChartBlock) for block in blocks),
    }


def run() -> dict[str, Any]:
    data = social_plan_data_create()
    return measure(data["plan"].pk) | {"units": data["units"]}


Renderer = Callable[[list[Edition]], bytes]


def _format_measure(
    plan: Plan, editions: list[Edition], render: Renderer, baseline: Renderer
) -> dict[str, Any]:
    """End to end, and the rendering alone against the baseline, in alternation."""
    whole, content = timed(lambda: render(social_plan_build(plan, ["sq"])), RUNS)
    ours, theirs, ratio = paired(lambda: render(editions), lambda: baseline(editions), RUNS)
    return {
        "whole": whole,
        "render": ours,
        "baseline": theirs,
        "ratio": round(ratio, 2),
        "bytes": len(content),
        "baseline_bytes": len(baseline(editions)),
    }


def _once(function: Callable[[], bytes]) -> dict[str, float]:
    return timed(function, 1)[0]


def measure(plan_id: Any) -> dict[str, Any]:
    plan = Plan.objects.select_related("municipality").get(pk=plan_id)
    result: dict[str, Any] = {
        "municipality": plan.municipality.code,
        "years": len(plan.years),
        "rows": {
            "strategic objectives": plan.objectives.filter(parent=None).count(),
            "specific objectives": plan.objectives.exclude(parent=None).count(),
            "activities": Activity.objects.filter(measure__objective__plan=plan).count(),
            "activity costs": ActivityCost.objects.filter(
                activity__measure__objective__plan=plan
            ).count(),
            "indicators": Indicator.objects.filter(plan=plan).count(),
            "indicator targets": IndicatorTarget.objects.filter(indicator__plan=plan).count(),
            "advisory members": MEMBERS,
            "meetings": MEETINGS,
            "comments": COMMENTS,
        },
    }
    with translation.override("sq"), override_settings(DEBUG=False):
        result["build"], editions = timed(lambda: social_plan_build(plan, ["sq"]), RUNS)
        result["docx"] = _format_measure(plan, editions, social_plan_docx, baseline_docx)
        result["pdf"] = _format_measure(plan, editions, social_plan_pdf, baseline_pdf)
        both = ["sq", "sr-latn"]
        result["bilingual"] = {
            "docx": _once(lambda: social_plan_docx(social_plan_build(plan, both))),
            "pdf": _once(lambda: social_plan_pdf(social_plan_build(plan, both))),
        }
        result["pages"] = len(social_plan_pdf_render(editions).pages)
        result["bilingual_pages"] = len(social_plan_pdf_render(social_plan_build(plan, both)).pages)
        result["baseline_pages"] = len(HTML(string=baseline_html(editions)).render().pages)
    result["content"] = _tables(editions)
    result["queries"] = queries_of(lambda: social_plan_build(plan, ["sq"]))
    return result


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def markdown(result: dict[str, Any]) -> str:
    rows = result["rows"]
    content = result["content"]
    build = result["build"]

    def line(name: str, label: str) -> str:
        figures = result[name]
        whole, ours, theirs = figures["whole"], figures["render"], figures["baseline"]
        return (
            f"| {label} | {whole['min_ms']:,.0f} | {whole['median_ms']:,.0f} | "
            f"{ours['median_ms']:,.0f} | {theirs['median_ms']:,.0f} | **{figures['ratio']:.2f} ×** "
            f"| {figures['bytes']:,} | {figures['baseline_bytes']:,} |"
        )

    bilingual = result["bilingual"]
    docx_ms, pdf_ms = result["docx"]["whole"]["median_ms"], result["pdf"]["whole"]["median_ms"]
    return "\n".join(
        [
            "## The Social Plan as DOCX and PDF (`bench/bench_social_plan.py`)",
            "",
            f"The demo's {result['municipality']} ({result['units']} administrative units; "
            "real census figures, illustrative needs, its services, structures and budget) with "
            f"a generated plan over {result['years']} years (fixed seed, "
            "bench/social_plan_data.py): "
            + ", ".join(f"{count:,} {label}" for label, count in rows.items())
            + f". The document holds {content['tables']} tables ({content['table_rows']:,} rows) "
            f"and {content['charts']} charts; the PDF has {result['pages']} pages (the baseline's "
            f"{result['baseline_pages']}).",
            "",
            "End to end: `social_plan_build(plan, ['sq'])` then the renderer, from the database "
            "to the bytes, as the document task writes it (Part A built live from the "
            f"statistics). Of which building the content: {build['median_ms']:,.0f} ms (median; "
            f"{result['queries']['queries']} queries, {result['queries']['sql_ms']:,.1f} ms in "
            "them). Rendering: from the built content to the bytes; the baseline renders the "
            "same headings, paragraphs, tables and charts with python-docx's public API (cell "
            "by cell, 'Table Grid') or WeasyPrint from f-string HTML with a five-line style "
            "sheet, without Kujdes's layout (column widths and alignment, header rows repeated "
            "in the DOCX, rows kept whole, landscape pages, the table of contents, running "
            "titles and page numbers). Kujdes and the baseline in alternation, "
            f"{result['docx']['render']['runs']} runs after a warm-up; the ratio is the median "
            "of the runs' ratios.",
            "",
            "| format | end to end min ms | end to end median ms | rendering median ms "
            "| baseline median ms | rendering / baseline | bytes | baseline bytes |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            line("docx", "DOCX"),
            line("pdf", "PDF"),
            "",
            "The Kosovo layout (the whole document in Albanian, then in Serbian, one file), end "
            f"to end, one run: DOCX {bilingual['docx']['min_ms']:,.0f} ms, PDF "
            f"{bilingual['pdf']['min_ms']:,.0f} ms ({result['bilingual_pages']} pages).",
            "",
            "Aims:",
            "",
            f"- DOCX under {AIM_DOCX_MS / 1000:.0f} s: {_met(docx_ms < AIM_DOCX_MS)} "
            f"({docx_ms / 1000:.2f} s).",
            f"- PDF under {AIM_PDF_MS / 1000:.0f} s: {_met(pdf_ms < AIM_PDF_MS)} "
            f"({pdf_ms / 1000:.2f} s).",
        ]
    )
