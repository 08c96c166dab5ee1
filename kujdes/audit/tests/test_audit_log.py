import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from kujdes.audit.models import AppendOnlyError, AuditEvent
from kujdes.audit.services import event_record
from tests.personas import Cast


def test_it_records_who_did_what(cast: Cast) -> None:
    event = event_record(
        actor=cast.planner,
        verb="plan.adopted",
        target_type="plan",
        target_key="P-1",
        payload={"decision": "12/2026"},
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor_id, stored.actor_label, stored.verb, stored.target_key) == (
        cast.planner.pk,
        "planner.bulqize",
        "plan.adopted",
        "P-1",
    )
    assert stored.payload == {"decision": "12/2026"}


def test_it_never_changes_or_deletes_an_event_through_the_model(cast: Cast) -> None:
    event = event_record(actor=cast.planner, verb="something.done")
    event.verb = "something.else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).verb == "something.done"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_it_has_the_database_refuse_updates_and_deletes(cast: Cast) -> None:
    event = event_record(actor=cast.planner, verb="something.done")
    for statement in ("UPDATE", "DELETE"):
        with pytest.raises(DatabaseError), transaction.atomic():
            if statement == "UPDATE":
                AuditEvent.objects.filter(pk=event.pk).update(verb="rewritten")
            else:
                AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).verb == "something.done"


def test_it_keeps_the_log_when_a_user_is_deleted(cast: Cast) -> None:
    event = event_record(actor=cast.no_role, verb="something.done")
    assert cast.no_role is not None
    cast.no_role.delete()
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor_id, stored.actor_label) == (event.actor_id, "norole")


def test_it_shows_the_log_to_administrators_only(cast: Cast, client: Client) -> None:
    event_record(actor=cast.planner, verb="plan.adopted", target_key="P-7")
    client.force_login(cast.planner)
    assert client.get("/audit/").status_code == 404

    assert cast.administrator is not None
    client.force_login(cast.administrator)
    response = client.get("/audit/")
    assert response.status_code == 200
    assert response.context["page"][0].verb == "plan.adopted"
    assert "P-7" in response.content.decode()


def test_it_hides_the_log_from_an_administrator_of_one_municipality(
    cast: Cast, client: Client
) -> None:
    assert cast.municipal_administrator is not None
    client.force_login(cast.municipal_administrator)
    client.cookies["kujdes_language"] = "en"

    assert client.get("/audit/").status_code == 404
    home = client.get("/").content.decode()
    assert 'href="/audit/"' not in home
    assert 'href="/areas/import/"' in home


def test_it_shows_menu_entries_only_to_those_who_may_follow_them(
    cast: Cast, client: Client
) -> None:
    client.force_login(cast.insiders["case_worker"])
    home = client.get("/").content.decode()
    assert 'href="/audit/"' not in home
    assert 'href="/areas/import/"' not in home

    assert cast.administrator is not None
    client.force_login(cast.administrator)
    home = client.get("/").content.decode()
    assert 'href="/audit/"' in home
    assert 'href="/areas/import/"' in home


def test_it_names_each_event_in_the_readers_language(cast: Cast, client: Client) -> None:
    event_record(
        actor=cast.planner,
        verb="observations.imported",
        target_key="figures.csv",
        payload={"created": 3, "updated": 0},
    )
    assert cast.administrator is not None
    client.force_login(cast.administrator)
    client.cookies["kujdes_language"] = "en"
    content = client.get("/audit/").content.decode()
    assert "<td>statistics imported <code>observations.imported</code></td>" in content
    assert "<td>created: 3; updated: 0</td>" in content
