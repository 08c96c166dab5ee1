"""A report as plain data and back: adoption keeps the Needs Assessment Report the council
adopted with the plan, so that the plan's documents print it as it was, whatever is corrected
in the statistics later."""

from dataclasses import asdict
from typing import Any

from django.utils.safestring import mark_safe

from kujdes.planning.assessment.report.blocks import (
    Block,
    Cell,
    ChartBlock,
    Paragraph,
    Report,
    Section,
    SourceNote,
    TableBlock,
)


def report_freeze(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data."""
    return asdict(report)


def _block_thaw(data: dict[str, Any]) -> Block:
    if data["kind"] == "table":
        return TableBlock(
            caption=data["caption"],
            header=list(data["header"]),
            rows=[[Cell(**cell) for cell in row] for row in data["rows"]],
            footer=[[Cell(**cell) for cell in row] for row in data["footer"]],
        )
    if data["kind"] == "chart":
        # Our own chart markup, stored by report_freeze, not outside input.
        return ChartBlock(data["caption"], mark_safe(data["svg"]), data["credit"])
    return Paragraph(data["text"])


def report_thaw(data: dict[str, Any]) -> Report:
    return Report(
        title=data["title"],
        municipality_name=data["municipality_name"],
        generated_at=data["generated_at"],
        sections=[
            Section(section["code"], section["title"], [_block_thaw(b) for b in section["blocks"]])
            for section in data["sections"]
        ],
        sources=[SourceNote(**note) for note in data["sources"]],
        has_illustrative=data["has_illustrative"],
        has_provisional=data["has_provisional"],
    )
