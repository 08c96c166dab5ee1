"""The HSDS 3.0 read API, under /api/hsds/ (namespace "hsds"); its OpenAPI document is at
/api/schema/ and its browsable description at /api/docs/."""

from django.urls import URLPattern, path

from kujdes.directory.api import views

urlpatterns: list[URLPattern] = [
    path("", views.api_description, name="api_description"),
    path("services", views.service_list, name="service_list"),
    path("services/<uuid:service_id>", views.service_detail, name="service_detail"),
    path("organizations", views.organization_list, name="organization_list"),
    path(
        "organizations/<uuid:organization_id>",
        views.organization_detail,
        name="organization_detail",
    ),
    path("service_at_locations", views.service_at_location_list, name="service_at_location_list"),
    path(
        "service_at_locations/<uuid:service_at_location_id>",
        views.service_at_location_detail,
        name="service_at_location_detail",
    ),
    path("locations", views.location_list, name="location_list"),
    path("locations/<uuid:location_id>", views.location_detail, name="location_detail"),
    path("taxonomies", views.taxonomy_list, name="taxonomy_list"),
    path("taxonomies/<uuid:taxonomy_id>", views.taxonomy_detail, name="taxonomy_detail"),
    path("taxonomy_terms", views.taxonomy_term_list, name="taxonomy_term_list"),
    path(
        "taxonomy_terms/<uuid:taxonomy_term_id>",
        views.taxonomy_term_detail,
        name="taxonomy_term_detail",
    ),
]
