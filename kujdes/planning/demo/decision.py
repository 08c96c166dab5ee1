"""The council's decision on a demo plan, printed as an A4 PDF page marked illustrative: the
file the demo attaches to the plan's adoption, as a planner would upload the signed scan."""

import logging
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape


@dataclass(frozen=True)
class DemoAdoption:
    body: str
    number: str
    decided_on: date
    # The printed decision: the languages it is written in (the first leads), the issuing
    # body's lines above its title, and its text.
    languages: tuple[str, ...]
    heading: tuple[str, ...]
    title: str
    paragraphs: tuple[str, ...]


DECISION_PAGE = """<!DOCTYPE html>
<html lang="{language}"><head><meta charset="utf-8"><title>{title}</title><style>
@page {{ size: A4; margin: 2.5cm 2.2cm; }}
body {{ font-family: "DejaVu Serif", serif; font-size: 11pt; line-height: 1.45; }}
.heading {{ text-align: center; font-weight: bold; margin-bottom: 1.5em; }}
h1 {{ font-size: 13pt; text-align: center; margin: 1em 0; }}
.mark {{ border: 1.5pt solid #a00; color: #a00; padding: 0.4em; text-align: center; }}
</style></head><body>
<p class="mark">{mark}</p>
<div class="heading">{heading}</div>
<h1>{title}</h1>
{paragraphs}
</body></html>"""
ILLUSTRATIVE_MARKS = {
    "sq": "Vendim nr. {number} — ilustrues, për demonstrim. Nuk është vendim i vërtetë.",
    "sr-latn": "Odluka br. {number} — ilustrativno, za demonstraciju. Nije stvarna odluka.",
}


class _WithoutSubsetterNotice(logging.Filter):
    """Drops WeasyPrint's notice that the system lacks HarfBuzz's font subsetter (it falls back
    to fontTools): a note on the machine, repeated for every font of every demo decision."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "HarfBuzz-Subset" not in record.getMessage()


def decision_pdf(adoption: DemoAdoption) -> bytes:
    """The council's decision as an A4 PDF page, marked illustrative."""
    # Imported here: WeasyPrint takes a second to load, and only a first load needs it.
    from weasyprint import HTML

    marks = [ILLUSTRATIVE_MARKS[language] for language in adoption.languages]
    html = DECISION_PAGE.format(
        language=adoption.languages[0],
        mark="<br>".join(escape(mark.format(number=adoption.number)) for mark in marks),
        title=escape(adoption.title),
        heading="<br>".join(escape(line) for line in adoption.heading),
        paragraphs="\n".join(f"<p>{escape(text)}</p>" for text in adoption.paragraphs),
    )
    notice = _WithoutSubsetterNotice()
    logger = logging.getLogger("weasyprint")
    logger.addFilter(notice)
    try:
        pdf: bytes = HTML(string=html).write_pdf()
    finally:
        logger.removeFilter(notice)
    return pdf
