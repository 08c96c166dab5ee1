"""The plan document as DOCX, written with the Needs Assessment Report's pieces
(kujdes.documents.docx): a title page, a table of contents (a TOC field that the word
processor fills with page numbers), then each edition: Part A, Part B and the annexes as
Heading 1, their chapters as Heading 2. The action plan and the indicators are on landscape
pages.
"""

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt

from kujdes.documents.docx import (
    MARGIN_CM,
    MUTED,
    PAGE_HEIGHT_CM,
    PAGE_WIDTH_CM,
    TEXT_WIDTH_CM,
    WORD_LANGUAGES,
    block_write,
    document_bytes,
    language_set,
    page_set_up,
    report_write,
)
from kujdes.documents.social_plan.blocks import Chapter, Edition, Heading
from kujdes.planning.assessment.report import ILLUSTRATIVE_MARK, PROVISIONAL_MARK

LANDSCAPE_TEXT_WIDTH_CM = PAGE_HEIGHT_CM - 2 * MARGIN_CM


def _field_char(kind: str) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    character = OxmlElement("w:fldChar")
    character.set(qn("w:fldCharType"), kind)
    run.append(character)
    return run


def _contents_write(document: DocumentObject, editions: list[Edition]) -> None:
    """A TOC field over Heading 1 and 2. Until the word processor updates it (Word asks on
    opening), it shows the headings without page numbers."""
    title = document.add_paragraph(" / ".join(dict.fromkeys(e.contents for e in editions)))
    title.style = document.styles["TOC Heading"]
    entries = [(level, text) for edition in editions for level, _anchor, text in edition.outline()]
    paragraphs = []
    for level, text in entries:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.add_run(text)
        paragraphs.append(paragraph)
    first, last = paragraphs[0]._p, paragraphs[-1]._p
    instruction = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = ' TOC \\o "1-2" \\h \\z \\u '
    instruction.append(text)
    entry = first.r_lst[0]
    for run in (_field_char("begin"), instruction, _field_char("separate")):
        entry.addprevious(run)
    last.append(_field_char("end"))
    _update_fields_on_opening(document)


# The elements that follow w:updateFields in w:settings (its schema fixes their order).
AFTER_UPDATE_FIELDS = {
    qn(f"w:{name}")
    for name in [
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    ]
} | {"{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"}


def _update_fields_on_opening(document: DocumentObject) -> None:
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    following = next((child for child in settings if child.tag in AFTER_UPDATE_FIELDS), None)
    if following is None:
        settings.append(update)
    else:
        following.addprevious(update)


def _title_page(document: DocumentObject, editions: list[Edition]) -> None:
    for edition in editions:
        document.add_paragraph(edition.title, style="Title")
        document.add_paragraph(edition.kind, style="Subtitle")
        document.add_paragraph(edition.subtitle)
        document.add_paragraph(edition.adoption)
    date = document.add_paragraph(editions[0].written_on)
    date.runs[0].font.color.rgb = MUTED
    for notice in dict.fromkeys(n for edition in editions for n in edition.notices):
        document.add_paragraph(notice).runs[0].bold = True


def _orientation_set(document: DocumentObject, *, landscape: bool) -> None:
    """A new page in the orientation asked for (a new DOCX section)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    section.page_width, section.page_height = (height, width) if landscape else (width, height)


def _part_heading(document: DocumentObject, text: str, *, new_page: bool = True) -> None:
    heading = document.add_heading(text, level=1)
    heading.paragraph_format.page_break_before = new_page


def _chapters_write(document: DocumentObject, chapters: list[Chapter]) -> None:
    landscape = False
    for chapter in chapters:
        if chapter.landscape != landscape:
            landscape = chapter.landscape
            _orientation_set(document, landscape=landscape)
        document.add_heading(chapter.title, level=2)
        width = LANDSCAPE_TEXT_WIDTH_CM if landscape else TEXT_WIDTH_CM
        for block in chapter.blocks:
            if isinstance(block, Heading):
                document.add_heading(block.text, level=2 + block.level)
            else:
                block_write(document, block, width)
    if landscape:
        _orientation_set(document, landscape=False)


def _edition_write(document: DocumentObject, edition: Edition) -> None:
    _part_heading(document, edition.part_a)
    document.add_paragraph(edition.assessment_note)
    report = edition.assessment
    if report.has_illustrative:
        document.add_paragraph(
            _(
                "Some figures in this report are illustrative: generated for the "
                "demonstration, not taken from a public source. They are marked %(mark)s."
            )
            % {"mark": ILLUSTRATIVE_MARK}
        )
    if report.has_provisional:
        document.add_paragraph(
            _("Figures marked %(mark)s are provisional: the source may still revise them.")
            % {"mark": PROVISIONAL_MARK}
        )
    report_write(document, report, level=2)
    _part_heading(document, edition.part_b)
    _chapters_write(document, edition.plan)
    # After landscape pages, the portrait section already starts a new page.
    _part_heading(document, edition.annexes_title, new_page=not edition.plan[-1].landscape)
    _chapters_write(document, edition.annexes)


def _runs_language_set(elements: list[BaseOxmlElement], language: str) -> None:
    """Marks every run of the elements as written in `language`, for spelling and
    hyphenation (the document's own language is the first edition's)."""
    code = WORD_LANGUAGES.get(language, language)
    for element in elements:
        for run in element.iter(qn("w:r")):
            properties = run.get_or_add_rPr()
            mark = properties.find(qn("w:lang"))
            if mark is None:
                mark = OxmlElement("w:lang")
                properties.append(mark)
            mark.set(qn("w:val"), code)


def social_plan_docx(editions: list[Edition]) -> bytes:
    document = Document()
    first = editions[0]
    document.core_properties.title = " / ".join(edition.title for edition in editions)
    document.core_properties.subject = first.subtitle
    language_set(document, first.language)
    page_set_up(document.sections[0], first.running_title)
    _title_page(document, editions)
    _contents_write(document, editions)
    for index, edition in enumerate(editions):
        with translation.override(edition.language):
            if index == 0:
                _edition_write(document, edition)
                continue
            # Each further edition has its own section, with its title at the top of the pages.
            body = document.element.body
            start = len(body) - 1
            section = document.add_section(WD_SECTION.NEW_PAGE)
            section.header.is_linked_to_previous = False
            section.header.paragraphs[0].text = ""
            run = section.header.paragraphs[0].add_run(edition.running_title)
            run.font.size, run.font.color.rgb = Pt(8), MUTED
            document.add_paragraph(edition.title, style="Title")
            document.add_paragraph(edition.kind, style="Subtitle")
            _edition_write(document, edition)
            _runs_language_set([*body[start:], section.header._element], edition.language)
    return document_bytes(document)
