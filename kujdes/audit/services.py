"""Writing audit events. Services call `event_record` inside their own transaction."""

from typing import Any

from django.utils import timezone

from kujdes.accounts.models import User
from kujdes.audit.models import AuditEvent


def event_record(
    *,
    actor: User | None,
    verb: str,
    target_type: str = "",
    target_key: str = "",
    payload: dict[str, Any] | None = None,
    ip_address: str | None = None,
    actor_label: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor_label or (actor.username if actor is not None else ""),
        verb=verb,
        target_type=target_type,
        target_key=target_key[:200],
        payload=payload or {},
        ip_address=ip_address,
    )
