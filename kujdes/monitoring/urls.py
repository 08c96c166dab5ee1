from django.urls import path

from kujdes.monitoring.views import financing, implementation, progress_import, reports, reviews

REVIEW = "<str:code>/plans/<uuid:plan_id>/reviews/<int:year>/"

app_name = "monitoring"
urlpatterns = [
    path("<str:code>/", implementation.implementation, name="implementation"),
    path("<str:code>/projects/new/", implementation.project_edit, name="project_new"),
    path(
        "<str:code>/projects/<uuid:project_id>/",
        implementation.project_edit,
        name="project_edit",
    ),
    path(
        "<str:code>/projects/<uuid:project_id>/reach/",
        implementation.project_reach,
        name="project_reach",
    ),
    path("<str:code>/contracts/new/", implementation.contract_edit, name="contract_new"),
    path(
        "<str:code>/contracts/<uuid:contract_id>/",
        implementation.contract_edit,
        name="contract_edit",
    ),
    path(
        "<str:code>/contracts/<uuid:contract_id>/deliveries/",
        implementation.contract_delivery,
        name="contract_delivery",
    ),
    path("<str:code>/applications/new/", implementation.application_edit, name="application_new"),
    path(
        "<str:code>/applications/<uuid:application_id>/",
        implementation.application_edit,
        name="application_edit",
    ),
    path(
        "<str:code>/plans/<uuid:plan_id>/financing/",
        financing.plan_financing_page,
        name="plan_financing",
    ),
    path("<str:code>/plans/<uuid:plan_id>/reviews/", reviews.review_list, name="review_list"),
    path(REVIEW, reviews.review_detail, name="review_detail"),
    path(f"{REVIEW}progress/", reviews.review_progress, name="review_progress"),
    path(f"{REVIEW}actuals/", reviews.review_actuals, name="review_actuals"),
    path(f"{REVIEW}actuals/fill/", reviews.review_actuals_fill, name="review_actuals_fill"),
    path(f"{REVIEW}spending/", reviews.review_spending_save, name="review_spending"),
    path(f"{REVIEW}conclusions/", reviews.review_conclusions, name="review_conclusions"),
    path(f"{REVIEW}publication/", reviews.review_publication, name="review_publication"),
    path(f"{REVIEW}revision/", reviews.review_revision, name="review_revision"),
    path(f"{REVIEW}progress.xlsx", progress_import.progress_workbook, name="progress_workbook"),
    path(f"{REVIEW}progress/import/", progress_import.progress_import, name="progress_import"),
    path(f"{REVIEW}reports/", reports.report_list, name="report_list"),
    path(f"{REVIEW}reports/<uuid:report_id>/", reports.report_status, name="report_status"),
    path(
        f"{REVIEW}reports/<uuid:report_id>/download/",
        reports.report_download,
        name="report_download",
    ),
]
