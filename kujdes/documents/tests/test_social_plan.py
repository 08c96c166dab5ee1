"""The plan as one document: Part A (the Needs Assessment Report, as adopted once the plan is
adopted), Part B (vision to monitoring) and the annexes, the same in the DOCX and the PDF; in
one language, or in Albanian and Serbian for a Kosovo plan. No commenter is ever named."""

import io
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from kujdes.documents.social_plan import Edition, social_plan_build
from kujdes.documents.social_plan.blocks import Chapter, Heading
from kujdes.documents.social_plan.docx import social_plan_docx
from kujdes.documents.social_plan.pdf import social_plan_html, social_plan_pdf_render
from kujdes.documents.tests.plan_content import (
    CITIZEN_NAME,
    IN_MARCH,
    MEMBER_COMMENT_NAME,
    PlanContent,
    kosovo_plan,
    plan_adopted,
    plan_content_create,
)
from kujdes.planning.assessment.report import Paragraph, TableBlock
from kujdes.planning.models import Plan
from kujdes.planning.services import comment_submit, decision_save, meeting_save
from kujdes.territory.models import Sex
from kujdes.territory.services import ObservationRow, observations_upsert
from tests.personas import Cast


@pytest.fixture
def content(bulqize: Cast) -> PlanContent:
    return plan_content_create(bulqize)


def _edition(plan: Plan, language: str = "en") -> Edition:
    [edition] = social_plan_build(plan, [language])
    return edition


def _texts(block: object) -> list[list[str]]:
    assert isinstance(block, TableBlock)
    return [[cell.text for cell in row] for row in block.rows + block.footer]


def _chapter(edition: Edition, anchor: str) -> Chapter:
    [chapter] = [c for c in [*edition.plan, *edition.annexes] if c.anchor == anchor]
    return chapter


def _outline(blocks: Sequence[object]) -> list[str]:
    """Headings, paragraphs and table captions, in order."""
    return [
        getattr(block, "text", "") or getattr(block, "caption", "")
        for block in blocks
        if isinstance(block, Heading | Paragraph | TableBlock)
    ]


def _residents(edition: Edition) -> list[list[str]]:
    """Part A's first table: the residents of each administrative unit."""
    return _texts(
        next(b for b in edition.assessment.sections[0].blocks if isinstance(b, TableBlock))
    )


def _docx(editions: list[Edition]) -> docx.document.Document:
    return docx.Document(io.BytesIO(social_plan_docx(editions)))


def test_part_b_says_what_the_plan_holds(content: PlanContent) -> None:
    edition = _edition(content.plan)

    assert [chapter.title for chapter in edition.plan] == [
        "B1 Vision, mission, values and principles",
        "B2 Objectives and measures",
        "B3 Action plan",
        "B4 Indicators",
        "B5 Budget",
        "B6 Monitoring and review",
    ]
    assert _outline(_chapter(edition, "B1").blocks) == [
        "Vision",
        "A municipality where everyone in need is cared for close to home.",
        "Mission",
        # No English text: the Albanian original, saying so.
        "Të ofrojmë shërbime pranë njerëzve.",
        "Të bashkëpunojmë me OJF-të. (not translated; in Albanian)",
        "Values and principles",
        "Dinjiteti, barazia, pjesëmarrja. (not translated; in Albanian)",
    ]
    objectives = _chapter(edition, "B2").blocks
    assert _outline(objectives) == [
        "Strategic objective 1: Community care",
        "Specific objective 1.1: Services at home",
        "Strategic objective 2: Protection",
        "Specific objective 2.1: Emergency shelter",
    ]
    assert _texts(objectives[1]) == [
        ["1.1.1 Home care", "Fushë-Bulqizë – persons with disabilities; Zerqan – elderly people"]
    ]
    assert _texts(objectives[3]) == [["2.1.1 72-hour shelter", "–"]]


def test_the_action_plan_has_every_activity_with_its_costs(content: PlanContent) -> None:
    chapter = _chapter(_edition(content.plan), "B3")

    assert chapter.landscape
    community, protection = chapter.blocks
    assert isinstance(community, TableBlock)
    assert community.caption == "Strategic objective 1: Community care"
    assert community.header == [
        "Activity",
        "Responsible",
        "Timeframe",
        "Partners",
        "Target groups",
        "Administrative units",
        "Cost per year and funding source (ALL)",
        "New service or contracted to an NGO",
    ]
    assert _texts(community) == [
        [
            "1.1.1.1 Home-care team",
            "Drejtoria e Shërbimeve Sociale",
            "2026–2028",
            "Bulqizë Social Services Centre",
            "Elderly people in need",
            "Zerqan",
            "Municipal budget\n2026: 1,000,000.00\n2027: 1,200,000.00\n"
            "Donor\n2026: 500,000.00\nTotal: 2,700,000.00",
            "New service; to be contracted to an NGO",
        ],
        [
            "1.1.1.2 Trajnim i kujdestarëve",
            "–",
            "2027",
            "–",
            "–",
            "whole municipality",
            "Social Fund (conditional transfer)\n2027: 250,000.50",
            "–",
        ],
        ["Total", "", "", "", "", "", "2,950,000.50", ""],
    ]
    assert _texts(protection)[0][2:7] == [
        "2028",
        "–",
        "Victims of violence (including domestic violence); Abused women",
        "Fushë-Bulqizë; Zerqan",
        "Municipal budget\n2028: 300,000.00",
    ]


def test_the_indicators_have_their_baseline_and_yearly_targets(content: PlanContent) -> None:
    chapter = _chapter(_edition(content.plan), "B4")

    [table] = chapter.blocks
    assert isinstance(table, TableBlock)
    assert table.header == [
        "Indicator",
        "Of",
        "Unit of measure",
        "Source",
        "Baseline (year)",
        "2026",
        "2027",
        "2028",
    ]
    # The objective's indicator before the measure's; no English name: the Albanian one.
    assert _texts(table) == [
        ["Njësi me shërbim në shtëpi", "Objective 1", "njësi", "–", "–", "–", "2", "–"],
        [
            "Elderly people served",
            "Measure 1.1.1",
            "persona",
            "Regjistri i shërbimeve",
            "10 (2025)",
            "20",
            "–",
            "35.5",
        ],
    ]


def test_the_budget_adds_up_every_way_and_meets_the_social_care_budget(
    content: PlanContent,
) -> None:
    blocks = _chapter(_edition(content.plan), "B5").blocks

    sources, objectives, groups, shared, against, latest = blocks
    assert _texts(sources) == [
        ["Donor", "500,000.00", "0.00", "0.00", "500,000.00"],
        ["Municipal budget", "1,000,000.00", "1,200,000.00", "300,000.00", "2,500,000.00"],
        ["Social Fund (conditional transfer)", "0.00", "250,000.50", "0.00", "250,000.50"],
        ["Total", "1,500,000.00", "1,450,000.50", "300,000.00", "3,250,000.50"],
    ]
    assert _texts(objectives) == [
        ["1 Community care", "1,500,000.00", "1,450,000.50", "0.00", "2,950,000.50"],
        ["2 Protection", "0.00", "0.00", "300,000.00", "300,000.00"],
        ["Total", "1,500,000.00", "1,450,000.50", "300,000.00", "3,250,000.50"],
    ]
    assert _texts(groups) == [
        ["No target group named", "250,000.50"],
        ["Elderly people", "2,700,000.00"],
        ["Victims of violence", "300,000.00"],
        ["Total", "3,250,000.50"],
    ]
    assert isinstance(shared, Paragraph)
    # Bulqizë has a social-care budget for 2022–2024 only (12,600,000 ALL in 2024).
    assert isinstance(against, TableBlock)
    assert against.caption == "The plan's cost beside the social-care budget (A7, ALL)"
    assert _texts(against) == [
        ["2026", "1,500,000.00", "–", "–"],
        ["2027", "1,450,000.50", "–", "–"],
        ["2028", "300,000.00", "–", "–"],
    ]
    assert isinstance(latest, Paragraph)
    assert latest.text == (
        "The latest social-care budget recorded (2024) is 12,600,000.00; the plan costs on "
        "average 8.6 % of it a year."
    )


def test_the_annexes_record_the_group_and_the_consultation_without_names(
    content: PlanContent,
) -> None:
    edition = _edition(content.plan)

    assert [chapter.title for chapter in edition.annexes] == [
        "Annex 1. The adoption decision",
        "Annex 2. The advisory group",
        "Annex 3. The consultation record",
    ]
    assert _outline(_chapter(edition, "annex-1").blocks) == ["The plan is not adopted yet."]
    group = _chapter(edition, "annex-2").blocks
    assert _outline(group) == [
        "Members",
        "Members of the advisory group",
        "Meetings",
        "Meeting of 2026-02-10, Bashkia Bulqizë",
        "Agenda: 1. Objektivat; 2. Buxheti",
        "Present: Drita Hoxha; Gëzim Lala",
        "Decisions of the meeting of 2026-02-10",
    ]
    assert _texts(group[1]) == [
        ["Drita Hoxha", "Qendra Sociale Bulqizë", "Civil society"],
        ["Gëzim Lala (no longer a member)", "Bashkia Bulqizë", "Municipality"],
    ]
    assert _texts(group[-1]) == [
        ["Trajnimi shtyhet për vitin 2027.", "Objective 1.1; Activity 1.1.1.2"]
    ]
    record = _chapter(edition, "annex-3").blocks
    assert _outline(record)[:2] == [
        "The public consultation ran from 2026-03-01 to 2026-03-31.",
        "3 comments were received; the record names organizations only.",
    ]
    assert isinstance(record[2], TableBlock)
    assert record[2].header == ["No.", "About", "From", "Comment", "Answer", "Reason"]
    assert _texts(record[2]) == [
        ["1", "Masa 1.1.1", "Shoqata Zemra", "Shtoni Ostrenin.", "Accepted", "–"],
        [
            "2",
            "Buxheti",
            "citizen",
            "Kostoja është e lartë.\nUlni kostot.",
            "Rejected",
            "Kostot janë llogaritur sipas standardeve.",
        ],
        [
            "3",
            "–",
            "advisory-group member",
            "Strehëza duhet të hapet më herët.",
            "not answered yet",
            "–",
        ],
    ]


def test_the_docx_has_the_parts_a_table_of_contents_and_landscape_tables(
    content: PlanContent,
) -> None:
    editions = social_plan_build(content.plan, ["en"])
    with translation.override("en"):
        document = _docx(editions)

    def styled(name: str) -> list[str]:
        return [p.text for p in document.paragraphs if p.style is not None and p.style.name == name]

    assert styled("Title") == ["Social Plan of Bulqizë 2026–2028"]
    assert styled("Heading 1") == [
        "Part A: Needs Assessment Report",
        "Part B: The plan",
        "Annexes",
    ]
    report = editions[0].assessment
    assert styled("Heading 2") == [
        *(f"{section.code} {section.title}" for section in report.sections),
        "Sources",
        *(chapter.title for chapter in editions[0].plan),
        *(chapter.title for chapter in editions[0].annexes),
    ]
    assert styled("Heading 3")[:3] == ["Vision", "Mission", "Values and principles"]
    # A TOC field over Heading 1 and 2, which Word updates on opening.
    body = document.element.body.xml
    assert re.findall(r'w:fldCharType="(\w+)"|<w:instrText[^>]*>([^<]*)<', body) == [
        ("begin", ""),
        ("", ' TOC \\o "1-2" \\h \\z \\u '),
        ("separate", ""),
        ("end", ""),
    ]
    settings = [child.tag.split("}")[1] for child in document.settings.element]
    assert settings.index("updateFields") == settings.index("compat") - 1
    assert styled("TOC Heading") == ["Contents"]
    # The action plan and the indicators on landscape pages, the rest portrait.
    assert [section.orientation for section in document.sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    action_plan = next(
        table for table in document.tables if table.rows[0].cells[0].text == "Activity"
    )
    assert [cell.text for cell in action_plan.rows[1].cells][:3] == [
        "1.1.1.1 Home-care team",
        "Drejtoria e Shërbimeve Sociale",
        "2026–2028",
    ]
    # Every table's header repeats on each page; no row is split across two.
    for table in document.tables:
        rows = table._tbl.tr_lst
        flags = [row.get_or_add_trPr() for row in rows]
        assert flags[0].find(qn("w:tblHeader")) is not None
        assert all(flag.find(qn("w:cantSplit")) is not None for flag in flags)
    text = "\n".join(p.text for p in document.paragraphs) + body
    for name in (CITIZEN_NAME, MEMBER_COMMENT_NAME):
        assert name not in text


def test_it_reads_a_fixed_number_of_queries_and_never_the_commenters_names(
    bulqize: Cast, content: PlanContent
) -> None:
    def queries() -> list[str]:
        # The plan as the document task reads it.
        plan = Plan.objects.select_related("municipality").get(pk=content.plan.pk)
        with CaptureQueriesContext(connection) as captured:
            social_plan_build(plan, ["en"])
        return [query["sql"] for query in captured.captured_queries]

    few = queries()
    meeting = meeting_save(
        actor=None,
        plan=content.plan,
        values={"held_on": date(2026, 2, 20), "place": "Zerqan", "agenda": "Buxheti"},
        attendees=[content.drita],
    )
    decision_save(actor=None, meeting=meeting, text="Miratohet.", objectives=[])
    comment_submit(
        plan=content.plan, text="Po.", author_name="Besa", sender_key="another", now=IN_MARCH
    )
    many = queries()

    assert len(many) == len(few)
    assert not any("author_name" in sql for sql in many)


def test_an_adopted_plan_prints_the_report_kept_at_adoption(
    bulqize: Cast, content: PlanContent
) -> None:
    plan = plan_adopted(bulqize, content)
    # Zerqan's 2023 population corrected after adoption.
    observations_upsert(
        rows=[
            ObservationRow(
                "POPULATION",
                "AL-BULQIZE-ZERQAN",
                2023,
                Sex.TOTAL,
                "TOTAL",
                "INSTAT-CENSUS",
                Decimal(7300),
            )
        ],
        actor=None,
        origin="tests",
    )
    plan.refresh_from_db()

    edition = _edition(plan)

    assert _residents(edition)[1][:3] == ["Zerqan", "8,177", "7,240"]
    assert edition.adoption == (
        "Adopted by Këshilli Bashkiak Bulqizë, decision no. 45 of 2026-04-20."
    )
    assert edition.assessment_note == (
        "The Needs Assessment Report as it stood when the plan was adopted "
        f"({plan.assessment_frozen['en']['generated_at']})."  # type: ignore[index]
    )
    assert _outline(_chapter(edition, "annex-1").blocks) == [
        "Adopted by: Këshilli Bashkiak Bulqizë",
        "Decision number: 45",
        "Date of the decision: 2026-04-20",
    ]
    # The draft of the next version reads today's figures.
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    plan.refresh_from_db()
    assert _residents(_edition(plan))[1][:3] == ["Zerqan", "8,177", "7,300"]


def test_an_illustrative_plan_says_so_on_its_title_page(content: PlanContent) -> None:
    Plan.objects.filter(pk=content.plan.pk).update(is_illustrative=True)
    content.plan.refresh_from_db()
    editions = social_plan_build(content.plan, ["en"])

    notice = (
        "This plan was entered for the demonstration of Kujdes; its figures are illustrative, "
        "not the municipality's."
    )
    with translation.override("en"):
        paragraphs = [p.text for p in _docx(editions).paragraphs]
    assert paragraphs.index(notice) < paragraphs.index("Contents")
    html = social_plan_html(editions)
    assert html.index(f'<p class="notice">{escape(notice)}</p>') < html.index('class="contents"')


def test_the_pdf_prints_the_contents_with_pages_and_the_action_plan_in_landscape(
    content: PlanContent,
) -> None:
    editions = social_plan_build(content.plan, ["en"])
    html = social_plan_html(editions)

    assert '<html lang="en">' in html
    assert re.findall(r'<li class="level-1"><a href="#(en-[\w-]+)">', html) == [
        "en-part-a",
        "en-part-b",
        "en-annexes",
    ]
    assert '<li class="level-2"><a href="#en-B3">B3 Action plan</a></li>' in html
    assert '<section class="chapter landscape" id="en-B3">' in html
    assert html.count("<thead>") == html.count("<table")
    for name in (CITIZEN_NAME, MEMBER_COMMENT_NAME):
        assert name not in html

    pages = social_plan_pdf_render(editions).pages
    landscape = [page.width > page.height for page in pages]
    # Cover, Part A over several pages, then Part B with one landscape stretch.
    assert len(pages) >= 12
    assert landscape.count(True) >= 1
    first, last = landscape.index(True), len(landscape) - landscape[::-1].index(True)
    assert all(landscape[first:last])


def test_a_kosovo_plan_is_written_in_albanian_then_serbian_in_one_file(cast: Cast) -> None:
    plan = kosovo_plan()
    editions = social_plan_build(plan, ["sq", "sr-latn"])
    with translation.override("sq"):
        part_a_sq = translation.gettext("Part A: Needs Assessment Report")
    with translation.override("sr-latn"):
        part_a_sr = translation.gettext("Part A: Needs Assessment Report")

    document = _docx(editions)

    titles = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Title"
    ]
    # The title page names both; each edition starts with its own.
    assert titles == [
        "Strategjia komunale e Graçanicës 2026–2028",
        "Opštinska strategija Gračanice 2026–2028",
        "Opštinska strategija Gračanice 2026–2028",
    ]
    headings = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"
    ]
    assert headings[0] == "A1 Demografia"
    assert "A1 Demografija" in headings
    assert headings.index("A1 Demografija") == len(headings) // 2
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs.index("Kujdes për të gjithë.") < paragraphs.index("Briga za sve.")
    # The Serbian half is marked as Serbian for spelling and hyphenation.
    serbian = document.paragraphs[paragraphs.index("Briga za sve.")].runs[0]
    assert serbian._r.get_or_add_rPr().xpath("./w:lang/@w:val") == ["sr-Latn-RS"]
    assert document.core_properties.language == "sq"

    html = social_plan_html(editions)
    assert '<div class="edition" lang="sq">' in html
    assert '<div class="edition" lang="sr-latn">' in html
    assert '<section class="part" id="sq-part-a">' in html
    assert '<section class="part" id="sr-latn-part-a">' in html
    assert part_a_sq in html and part_a_sr in html
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
