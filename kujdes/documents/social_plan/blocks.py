"""What the plan document is made of: the blocks of the Needs Assessment Report, headings
inside a chapter, chapters of Part B and annexes, and editions (the whole document in one
language)."""

from collections.abc import Iterator
from dataclasses import dataclass, field

from kujdes.planning.assessment.report import Block, Report


@dataclass
class Heading:
    """A heading inside a chapter: level 1 under the chapter's, level 2 under that."""

    text: str
    level: int = 1
    kind: str = "heading"


DocumentBlock = Block | Heading


@dataclass
class Chapter:
    """A numbered part of Part B, or an annex."""

    # Unique within an edition: the PDF's link target.
    anchor: str
    title: str
    blocks: list[DocumentBlock]
    # Wide tables (the action plan, the indicators) are printed on landscape pages.
    landscape: bool = False


@dataclass
class Edition:
    """The whole document in one language."""

    language: str
    title: str
    # The kind of plan, the municipality and the period; the state of adoption.
    subtitle: str
    kind: str
    adoption: str
    generated_at: str
    # "Written on 2026-05-02"
    written_on: str
    notices: list[str]
    contents: str
    part_a: str
    assessment: Report
    sources: str
    # Says which report Part A is: as adopted, or as it stands today.
    assessment_note: str
    part_b: str
    plan: list[Chapter]
    annexes_title: str
    annexes: list[Chapter] = field(default_factory=list)

    @property
    def running_title(self) -> str:
        return f"{self.title} · {self.subtitle}"

    def outline(self) -> Iterator[tuple[int, str, str]]:
        """(level, anchor, heading) of the parts (1) and their chapters (2), for the table of
        contents."""
        yield 1, "part-a", self.part_a
        for section in self.assessment.sections:
            yield 2, section.code, f"{section.code} {section.title}"
        yield 2, "sources", self.sources
        yield 1, "part-b", self.part_b
        for chapter in self.plan:
            yield 2, chapter.anchor, chapter.title
        yield 1, "annexes", self.annexes_title
        for chapter in self.annexes:
            yield 2, chapter.anchor, chapter.title
