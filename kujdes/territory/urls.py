from django.urls import path

from kujdes.territory import views

app_name = "territory"
urlpatterns = [
    path("", views.area_list, name="area_list"),
    path("import/", views.import_upload, name="import"),
    path(
        "import/template/<slug:kind>.<slug:file_format>",
        views.import_template,
        name="import_template",
    ),
    path("<str:code>/", views.area_detail, name="area_detail"),
    path("<str:code>/compare/", views.area_compare, name="area_compare"),
]
