import pytest
from django.core.management import CommandError, call_command

from kujdes.accounts.models import Membership
from kujdes.audit.models import AuditEvent
from tests.personas import Cast


def test_it_grants_a_role_over_an_area_once(cast: Cast) -> None:
    assert cast.no_role is not None
    call_command("grant_role", "norole", "supervisor", "AL-PUKE")
    call_command("grant_role", "norole", "supervisor", "AL-PUKE")

    assert list(Membership.objects.filter(user=cast.no_role).values_list("role", "area__code")) == [
        ("supervisor", "AL-PUKE")
    ]
    assert AuditEvent.objects.filter(verb="membership.granted", target_key="norole").count() == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nobody", "planner", "AL"], "No user 'nobody'; create it first with createsuperuser."),
        (["norole", "planner", "AL-NOWHERE"], "No area with the code 'AL-NOWHERE'."),
    ],
)
def test_it_refuses_an_unknown_user_or_area(cast: Cast, arguments: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("grant_role", *arguments)
    assert not Membership.objects.filter(user__username="norole").exists()
