"""The public directory: search and service pages. No confidential address reaches these: the
selectors they use leave confidential locations out whoever is signed in."""

import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kujdes.directory.forms import DirectorySearchForm
from kujdes.directory.models import Service
from kujdes.directory.selectors import (
    DirectoryQuery,
    map_outlines,
    place_choices,
    service_get_public,
    services_search,
    services_with_public_details,
    urgent_phones,
)
from kujdes.lib.charts import MapPoint, Shape, area_map
from kujdes.territory.models import Area

RESULTS_PER_PAGE = 20


def service_search(request: HttpRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None, places=place_choices())
    query = form.query() if form.is_valid() else DirectoryQuery()
    services = services_with_public_details(services_search(query))
    page = Paginator(services, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    results: list[Service] = list(page.object_list)
    parameters = request.GET.copy()
    parameters.pop("page", None)
    context = {
        "form": form,
        "query": query,
        "page": page,
        "results": results,
        "page_parameters": parameters.urlencode(),
        "urgent_phones": urgent_phones(query.place),
        "map": _services_map(results, query.place, title=_("Where the services are")),
    }
    return render(request, "directory/search.html", context)


def service_detail(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    service = service_get_public(service_id)
    context = {
        "service": service,
        "urgent_phones": urgent_phones(service.area),
        "map": _services_map([service], service.area, title=_("Where to find the service")),
    }
    return render(request, "directory/service_detail.html", context)


def _services_map(
    services: Sequence[Service], place: Area | None, *, title: str
) -> dict[str, Any] | None:
    """The outline of the place (or the services' municipality) with the public locations:
    an SVG for everyone, and the same data for Leaflet where JavaScript runs."""
    markers = [
        MapPoint(
            label=f"{service.name} — {location.name}",
            longitude=float(location.longitude),
            latitude=float(location.latitude),
            href=reverse("directory:service_detail", args=[service.pk]),
        )
        for service in services
        for location in service.public_locations  # type: ignore[attr-defined]
        if location.latitude is not None and location.longitude is not None
    ]
    outline_place = place or (services[0].area if len(services) == 1 else None)
    outlines = map_outlines(outline_place) if outline_place else []
    shapes = [Shape(label=b.area.name, geometry=b.geometry) for b in outlines]
    if not markers and not shapes:
        return None
    return {
        "svg": area_map(chart_id="services-map", title=title, shapes=shapes, markers=markers),
        "data": {
            "outlines": [b.geometry for b in outlines],
            "points": [
                {"label": m.label, "lat": m.latitude, "lon": m.longitude, "href": m.href}
                for m in markers
            ],
            "tiles": settings.DIRECTORY_TILE_URL,
            "attribution": settings.DIRECTORY_TILE_ATTRIBUTION,
        },
        "with_outline": bool(outlines),
    }
