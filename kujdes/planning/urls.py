from django.urls import path

from kujdes.planning.views import documents, editing, page, plans

app_name = "planning"
urlpatterns = [
    path("", page.municipality_list, name="municipality_list"),
    path("<str:code>/", page.assessment, name="assessment"),
    path("<str:code>/structures/", editing.structure_list, name="structure_list"),
    path(
        "<str:code>/structures/<uuid:structure_id>/", editing.structure_edit, name="structure_edit"
    ),
    path("<str:code>/budget/", editing.budget_list, name="budget_list"),
    path("<str:code>/budget/<uuid:budget_year_id>/", editing.budget_edit, name="budget_edit"),
    path("<str:code>/gaps/", editing.gap_weights, name="gap_weights"),
    path("<str:code>/gaps/<str:unit_code>/<str:target_group>/", editing.gap_note, name="gap_note"),
    path("<str:code>/plans/", plans.plan_list, name="plan_list"),
    path("<str:code>/plans/<uuid:plan_id>/", plans.plan_detail, name="plan_detail"),
    path(
        "<str:code>/plans/<uuid:plan_id>/action-plan.xlsx",
        plans.plan_action_plan,
        name="plan_action_plan",
    ),
    path("<str:code>/documents/", documents.document_list, name="document_list"),
    path(
        "<str:code>/documents/<uuid:document_id>/",
        documents.document_status,
        name="document_status",
    ),
    path(
        "<str:code>/documents/<uuid:document_id>/download/",
        documents.document_download,
        name="document_download",
    ),
]
