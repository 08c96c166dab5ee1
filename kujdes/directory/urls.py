from django.urls import path

from kujdes.directory.views import public, staff

app_name = "directory"

urlpatterns = [
    # ── public ──
    path("", public.service_search, name="service_search"),
    path("services/<uuid:service_id>/", public.service_detail, name="service_detail"),
    # ── staff (manage/) ──
    path("manage/", staff.manage, name="manage"),
    path("manage/organizations/new/", staff.organization_create, name="organization_create"),
    path(
        "manage/organizations/<uuid:organization_id>/",
        staff.organization_edit,
        name="organization_edit",
    ),
    path(
        "manage/organizations/<uuid:organization_id>/licences/new/",
        staff.licence_add,
        name="licence_add",
    ),
    path(
        "manage/organizations/<uuid:organization_id>/licences/<uuid:licence_id>/",
        staff.licence_edit,
        name="licence_edit",
    ),
    path(
        "manage/organizations/<uuid:organization_id>/locations/new/",
        staff.location_add,
        name="location_add",
    ),
    path(
        "manage/organizations/<uuid:organization_id>/locations/<uuid:location_id>/",
        staff.location_edit,
        name="location_edit",
    ),
    path(
        "manage/organizations/<uuid:organization_id>/services/new/",
        staff.service_create,
        name="service_create",
    ),
    path("manage/services/<uuid:service_id>/", staff.service_edit, name="service_edit"),
    path("manage/services/<uuid:service_id>/figures/", staff.service_year, name="service_year"),
    path("manage/import/", staff.service_import, name="import"),
    path(
        "manage/import/template.<slug:file_format>",
        staff.import_template,
        name="import_template",
    ),
]
