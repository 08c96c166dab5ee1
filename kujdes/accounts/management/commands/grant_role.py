from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kujdes.accounts.models import Role, User
from kujdes.accounts.services import membership_grant
from kujdes.territory.models import Area


class Command(BaseCommand):
    help = "Give a user a role over an area and everything below it (e.g. the first administrator)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("area_code", help="e.g. AL for all of Albania, AL-BULQIZE")

    def handle(self, *args: Any, username: str, role: str, area_code: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}; create it first with createsuperuser.")
        area = Area.objects.filter(code=area_code).first()
        if area is None:
            raise CommandError(f"No area with the code {area_code!r}.")
        membership_grant(actor=None, user=user, role=role, area=area)
        self.stdout.write(f"{username} is {role} over {area.name_sq} ({area.code}).")
