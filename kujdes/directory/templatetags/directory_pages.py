"""Content that people wrote, in the reader's language or visibly in the original."""

from django import template
from django.db.models import Model
from django.utils import timezone
from django.utils.dates import WEEKDAYS as DJANGO_WEEKDAYS
from django.utils.html import format_html, linebreaks
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kujdes.directory.models import WEEKDAYS, Organization, Schedule, translated

register = template.Library()


@register.simple_tag
def text(instance: Model, field: str, paragraphs: bool = False) -> SafeString:
    """`field` of the instance in the reader's language. A missing translation shows the
    Albanian original, marked as such and with its `lang`, so screen readers and readers know."""
    content = translated(instance, field)
    if not content.text:
        return SafeString("")
    body = linebreaks(content.text) if paragraphs else content.text
    if not content.is_fallback:
        return format_html("{}", body) if not paragraphs else SafeString(body)
    return format_html(
        '<span lang="{}" class="fallback">{}</span> <small class="fallback-note">({})</small>',
        content.html_lang,
        SafeString(body) if paragraphs else body,
        _("not translated; in Albanian"),
    )


@register.filter
def licence_state(organization: Organization) -> str:
    return organization.licence_state(timezone.localdate())


# HSDS weekday codes → Django's translated day names.
WEEKDAY_NAMES = dict(zip(WEEKDAYS, DJANGO_WEEKDAYS.values(), strict=True))


@register.filter
def weekday_names(schedule: Schedule) -> str:
    """ "Monday–Friday" for a run of days, else the days listed."""
    days = schedule.weekday_list()
    order = list(WEEKDAY_NAMES)
    indexes = [order.index(day) for day in days if day in WEEKDAY_NAMES]
    if len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"{WEEKDAY_NAMES[days[0]]}–{WEEKDAY_NAMES[days[-1]]}"
    return ", ".join(str(WEEKDAY_NAMES[day]) for day in days if day in WEEKDAY_NAMES)
