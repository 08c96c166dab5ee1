from django.urls import path

from kujdes.monitoring.views import iati, national, public, reports

app_name = "progress"
urlpatterns = [
    path("", national.national, name="national"),
    path("national.csv", national.national_csv, name="national_csv"),
    path("<str:code>/iati.xml", iati.iati_xml, name="iati"),
    path("<str:code>/<uuid:plan_id>/", public.plan_progress_page, name="plan_progress"),
    path(
        "<str:code>/<uuid:plan_id>/<int:year>/reports/<uuid:report_id>/",
        reports.public_report_download,
        name="report_download",
    ),
]
