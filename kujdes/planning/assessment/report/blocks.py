"""What a report is made of: sections of paragraphs, tables and charts, and cells with their
source notes and marks; and the small helpers every section uses."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.safestring import SafeString

from kujdes.directory.models import CommonTargetGroup
from kujdes.lib.charts import (
    number,
)
from kujdes.planning.assessment.compute import (
    Shown,
)
from kujdes.territory.models import Source

OSM_CREDIT = "© OpenStreetMap contributors"
# The marks the area pages use too (territory/_marks_notice.html).
ILLUSTRATIVE_MARK, PROVISIONAL_MARK = "◇", "p"
# Coverage classes of the map: places per 100 people in need.
COVERAGE_CLASSES = (
    (None, "#d5d9e0"),
    (0, "#b2182b"),
    (10, "#ef8a62"),
    (25, "#fddbc7"),
    (50, "#92c5de"),
    (100, "#2166ac"),
)


@dataclass
class Cell:
    text: str
    # Source note number, shown as a link to the list of sources.
    note: int | None = None
    # ILLUSTRATIVE_MARK and/or PROVISIONAL_MARK
    marks: str = ""
    numeric: bool = True
    href: str = ""
    # A cell the reader should notice: a unit with no service, a vacancy.
    flagged: bool = False


@dataclass
class TableBlock:
    caption: str
    header: list[str]
    rows: list[list[Cell]]
    footer: list[list[Cell]] = field(default_factory=list)
    kind: str = "table"


@dataclass
class ChartBlock:
    caption: str
    svg: SafeString
    credit: str = ""
    kind: str = "chart"


@dataclass
class Paragraph:
    text: str
    kind: str = "paragraph"


Block = TableBlock | ChartBlock | Paragraph


@dataclass
class Section:
    code: str
    title: str
    blocks: list[Block]


@dataclass
class SourceNote:
    number: int
    name: str
    publisher: str
    url: str
    year: int | None
    illustrative: bool
    provisional: bool


@dataclass
class Report:
    title: str
    municipality_name: str
    generated_at: str
    sections: list[Section]
    sources: list[SourceNote]
    # Whether any figure is illustrative or provisional, so that the reader is told first.
    has_illustrative: bool = False
    has_provisional: bool = False


class _Notes:
    """Numbers the sources (with their year) in the order the report first cites them."""

    def __init__(self) -> None:
        self.notes: dict[tuple[int, int | None, bool], SourceNote] = {}

    def cite(self, source: Source | None, year: int | None, provisional: bool) -> int | None:
        if source is None:
            return None
        key = (source.pk, year, provisional)
        if key not in self.notes:
            self.notes[key] = SourceNote(
                number=len(self.notes) + 1,
                name=source.name,
                publisher=source.publisher,
                url=source.url,
                year=year,
                illustrative=source.is_illustrative,
                provisional=provisional,
            )
        return self.notes[key].number


def _text(value: Decimal | int | None, decimals: int | None = None) -> str:
    return "–" if value is None else number(value, decimals)


def _figure(shown: Shown, notes: _Notes) -> Cell:
    marks = (
        ILLUSTRATIVE_MARK if shown.source is not None and shown.source.is_illustrative else ""
    ) + (PROVISIONAL_MARK if shown.provisional else "")
    text = shown.shown_as if shown.value is None and shown.shown_as else _text(shown.value)
    return Cell(text, notes.cite(shown.source, shown.year, shown.provisional), marks)


def _label(text: str, href: str = "") -> Cell:
    return Cell(text, numeric=False, href=href)


def _percent(value: Decimal | None) -> str:
    return "–" if value is None else f"{number(value, 1)} %"


def _group_name(code: str) -> str:
    return str(CommonTargetGroup(code).label) if code in CommonTargetGroup.values else code
