"""The append-only log of sign-ins and of every change made through services."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# What each verb means, as the audit page shows it; a verb not listed is shown as it is stored.
VERB_LABELS = {
    "sign_in.succeeded": _("signed in"),
    "sign_in.failed": _("sign-in failed"),
    "sign_in.locked_out": _("sign-in refused: too many failures"),
    "sign_out": _("signed out"),
    "user.created": _("user created"),
    "membership.granted": _("role granted"),
    "areas.imported": _("areas imported"),
    "observations.imported": _("statistics imported"),
    "source.created": _("source created"),
    "source.updated": _("source changed"),
    "variable.created": _("variable created"),
    "variable.updated": _("variable changed"),
    "ageband.created": _("age band created"),
    "ageband.updated": _("age band changed"),
    "organization.created": _("organization added to the directory"),
    "organization.updated": _("organization changed"),
    "licence.saved": _("licence saved"),
    "location.saved": _("location saved"),
    "service.created": _("service added to the directory"),
    "service.updated": _("service changed"),
    "service.year_set": _("yearly figures of a service saved"),
    "spoken_language.created": _("language added"),
}


class AppendOnlyError(Exception):
    pass


class AuditEvent(models.Model):
    at = models.DateTimeField(db_index=True)
    # No database constraint: deleting a user must never rewrite the log.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(max_length=150, blank=True)
    verb = models.CharField(max_length=64)
    target_type = models.CharField(max_length=64, blank=True)
    target_key = models.CharField(max_length=200, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["verb", "target_key", "at"], name="audit_verb_target")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.verb} {self.target_key}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events are never deleted.")

    @property
    def verb_label(self) -> str:
        return str(VERB_LABELS.get(self.verb, self.verb))
