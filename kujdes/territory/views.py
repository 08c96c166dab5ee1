from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kujdes.accounts.selectors import can_import
from kujdes.lib.http import AuthenticatedRequest
from kujdes.territory import importers
from kujdes.territory.forms import AreaSearchForm, ImportForm
from kujdes.territory.models import Area
from kujdes.territory.selectors import (
    area_comparison,
    area_get_public,
    area_profile,
    area_search,
)


def area_list(request: HttpRequest) -> HttpResponse:
    form = AreaSearchForm(request.GET or None)
    text = level = ""
    if form.is_valid():
        text, level = form.cleaned_data["q"], form.cleaned_data["level"]
    if not text and not level:
        # With nothing asked, the list a visitor most likely wants: the municipalities.
        level = Area.Level.MUNICIPALITY
    areas = area_search(text=text, level=level)
    return render(request, "territory/area_list.html", {"form": form, "areas": areas})


def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    area = area_get_public(code=code)
    return render(request, "territory/area_detail.html", {"profile": area_profile(area)})


def area_compare(request: HttpRequest, code: str) -> HttpResponse:
    area = area_get_public(code=code)
    page = area_comparison(area)
    if not page.comparison.children:
        raise Http404
    return render(request, "territory/area_compare.html", {"area": area, "page": page})


@login_required
def import_upload(request: AuthenticatedRequest) -> HttpResponse:
    if not can_import(request.user):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = importers.import_upload(
            kind=form.cleaned_data["kind"],
            data=upload.read(),
            filename=upload.name,
            actor=request.user,
        )
        status = 200 if report.ok else 400
    elif request.method == "POST":
        status = 400
    context = {
        "form": form,
        "report": report,
        "first_year": importers.FIRST_YEAR,
        "last_year": importers.LAST_YEAR,
    }
    return render(request, "territory/import.html", context, status=status)


def import_template(request: HttpRequest, kind: str, file_format: str) -> HttpResponse:
    if kind not in importers.KINDS or file_format not in ("csv", "xlsx"):
        raise Http404
    content, content_type = importers.template_file(kind=kind, file_format=file_format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="kujdes-{kind}.{file_format}"'
    return response
