from django.urls import path, register_converter

from kujdes.planning.views import (
    advisory,
    documents,
    editing,
    page,
    plan_documents,
    plan_items,
    plan_steps,
    plans,
)


class PlanItemKind:
    """The kinds of item the plan's item pages edit; other words stay free for other pages."""

    regex = "objectives|measures|activities|indicators"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PlanItemKind, "plan_item")

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
    path(
        "<str:code>/plans/<uuid:plan_id>/documents/",
        plan_documents.plan_document_list,
        name="plan_document_list",
    ),
    path(
        "<str:code>/plans/<uuid:plan_id>/documents/<uuid:document_id>/",
        plan_documents.plan_document_status,
        name="plan_document_status",
    ),
    path(
        "<str:code>/plans/<uuid:plan_id>/documents/<uuid:document_id>/download/",
        plan_documents.plan_document_download,
        name="plan_document_download",
    ),
    path("<str:code>/plans/<uuid:plan_id>/edit/", plan_items.plan_edit, name="plan_edit"),
    path(
        "<str:code>/plans/<uuid:plan_id>/<plan_item:kind>/new/",
        plan_items.plan_item_new,
        name="plan_item_new",
    ),
    path(
        "<str:code>/plans/<uuid:plan_id>/<plan_item:kind>/<uuid:item_id>/",
        plan_items.plan_item_edit,
        name="plan_item_edit",
    ),
    path("<str:code>/plans/<uuid:plan_id>/steps/", plan_steps.plan_steps, name="plan_steps"),
    path(
        "<str:code>/plans/<uuid:plan_id>/comments/",
        plan_steps.plan_comments,
        name="plan_comments",
    ),
    path("<str:code>/plans/<uuid:plan_id>/compare/", plan_steps.plan_compare, name="plan_compare"),
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
    path("<str:code>/advisory-group/", advisory.advisory_group, name="advisory_group"),
    path(
        "<str:code>/advisory-group/<uuid:member_id>/",
        advisory.advisory_member_edit,
        name="advisory_member_edit",
    ),
    path("<str:code>/plans/<uuid:plan_id>/meetings/", advisory.meeting_list, name="meeting_list"),
    path(
        "<str:code>/plans/<uuid:plan_id>/meetings/<uuid:meeting_id>/",
        advisory.meeting_edit,
        name="meeting_edit",
    ),
]
