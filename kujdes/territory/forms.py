from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kujdes.territory import importers
from kujdes.territory.models import Area


class AreaSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("any level")), *Area.Level.choices],
    )


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=importers.KIND_CHOICES)
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Download a template below to see the expected columns."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(megabytes)d MB."),
                params={"megabytes": settings.IMPORT_MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        return upload
