"""Users and their roles, each role held over a subtree of areas."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PLANNER = "planner", _("social-services planner")
    CASE_WORKER = "case_worker", _("case worker")
    SUPERVISOR = "supervisor", _("supervisor")
    PROVIDER_STAFF = "provider_staff", _("service provider staff")
    ADVISORY_MEMBER = "advisory_member", _("advisory-group member")
    NATIONAL_VIEWER = "national_viewer", _("national viewer")
    ADMINISTRATOR = "administrator", _("administrator")


class User(AbstractUser):
    """A person who signs in. What they may do comes from their memberships, not from flags."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Membership(models.Model):
    """`user` holds `role` over `area` and everything below it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    area = models.ForeignKey("territory.Area", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "area"], name="membership_unique")
        ]
        verbose_name = _("membership")

    def __str__(self) -> str:
        return f"{self.user.username}: {self.role} @ {self.area.code}"
