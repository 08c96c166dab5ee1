"""The public side of planning, open to everyone: each municipality's plans, their status and
adopted documents, and the draft in public consultation with its comment form."""

from django.urls import URLPattern, path

from kujdes.planning.views import plan_documents, public

app_name = "plans"
urlpatterns: list[URLPattern] = [
    path("", public.plan_index, name="plan_index"),
    path("<str:code>/", public.municipality_plans, name="municipality_plans"),
    path("<str:code>/<uuid:plan_id>/", public.plan_page, name="plan_page"),
    path("<str:code>/<uuid:plan_id>/decision/", public.plan_decision, name="plan_decision"),
    path(
        "<str:code>/<uuid:plan_id>/documents/<uuid:document_id>/",
        plan_documents.public_document_download,
        name="document_download",
    ),
]
