"""The plan document as PDF, printed by WeasyPrint from documents/social_plan.html with the
Needs Assessment Report's style sheet and blocks: a cover naming the plan (in both languages
for a bilingual edition), the contents with page numbers, then each edition, every part
starting a page. The action plan and the indicators are printed on landscape pages."""

import re

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from weasyprint.document import Document

from kujdes.documents.pdf import PDF_OPTIONS, PrintedChart, pdf_render, printed
from kujdes.documents.social_plan.blocks import Chapter, Edition
from kujdes.planning.assessment.report import ILLUSTRATIVE_MARK, PROVISIONAL_MARK


def _printed(block: object, prefix: str) -> object:
    """The block as printed; a chart's ids (its title and description) prefixed, so that they
    stay unique when two editions hold the same chart."""
    shown = printed(block)
    if isinstance(shown, PrintedChart):
        svg = str(shown.svg)
        for name in re.findall(r' id="([^"]+)"', svg):
            svg = re.sub(rf'(?<=["\s#]){re.escape(name)}(?=["\s)])', prefix + name, svg)
        # Our own chart markup, already escaped; only the ids changed.
        shown.svg = mark_safe(svg)
    return shown


def _chapters(chapters: list[Chapter], prefix: str) -> list[dict[str, object]]:
    return [
        {
            "anchor": chapter.anchor,
            "title": chapter.title,
            "landscape": chapter.landscape,
            "blocks": [_printed(block, prefix) for block in chapter.blocks],
        }
        for chapter in chapters
    ]


def _edition_html(edition: Edition, *, bilingual: bool) -> SafeString:
    report = edition.assessment
    # Link targets are unique in the file, whichever edition they belong to.
    prefix = f"{edition.language}-"
    context = {
        "edition": edition,
        "bilingual": bilingual,
        "prefix": prefix,
        "sections": [
            {
                "code": section.code,
                "title": section.title,
                "blocks": [_printed(block, prefix) for block in section.blocks],
            }
            for section in report.sections
        ],
        "plan": _chapters(edition.plan, prefix),
        "annexes": _chapters(edition.annexes, prefix),
        "report": report,
        "illustrative_mark": ILLUSTRATIVE_MARK,
        "provisional_mark": PROVISIONAL_MARK,
    }
    with translation.override(edition.language):
        # Our own template, which escapes everything it prints.
        return mark_safe(render_to_string("documents/_social_plan_edition.html", context))


def social_plan_html(editions: list[Edition]) -> str:
    bilingual = len(editions) > 1
    contents = [
        {
            "language": edition.language,
            "title": edition.contents,
            "entries": [
                (level, f"{edition.language}-{anchor}", text)
                for level, anchor, text in edition.outline()
            ],
        }
        for edition in editions
    ]
    return render_to_string(
        "documents/social_plan.html",
        {
            "editions": editions,
            "first": editions[0],
            "bilingual": bilingual,
            "contents": contents,
            "notices": list(dict.fromkeys(n for edition in editions for n in edition.notices)),
            "bodies": [_edition_html(edition, bilingual=bilingual) for edition in editions],
        },
    )


def social_plan_pdf_render(editions: list[Edition]) -> Document:
    return pdf_render(social_plan_html(editions))


def social_plan_pdf(editions: list[Edition]) -> bytes:
    return social_plan_pdf_render(editions).write_pdf(**PDF_OPTIONS)
