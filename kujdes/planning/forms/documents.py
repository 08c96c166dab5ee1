"""Forms of the document pages: the language and format a document is asked for in."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kujdes.documents.models import AssessmentDocument, PlanDocument
from kujdes.documents.services import plan_document_languages
from kujdes.planning.models import Plan


def active_language() -> str:
    """The reader's language as Kujdes names it, the first a document is offered in."""
    try:
        return translation.get_supported_language_variant(translation.get_language() or "")
    except LookupError:
        return settings.LANGUAGE_CODE


class DocumentRequestForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    format = forms.ChoiceField(label=_("Format"), choices=AssessmentDocument.Format.choices)


def language_choices(plan: Plan) -> list[tuple[str, str]]:
    names = {code: str(name) for code, name in settings.LANGUAGES}
    names[PlanDocument.BILINGUAL] = str(
        _("Albanian and Serbian (Latin) in one file, one after the other")
    )
    return [(code, names[code]) for code in plan_document_languages(plan)]


class PlanDocumentRequestForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    format = forms.ChoiceField(label=_("Format"), choices=PlanDocument.Format.choices)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language: Any = self.fields["language"]
        language.choices = language_choices(plan)
