"""`manage.py load_demo`: the demo data set (areas, figures, boundaries, users). Safe to rerun."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kujdes.territory.demo import BULQIZE, DEMO_PASSWORD, DEMO_USERS, DemoDataError, demo_load


class Command(BaseCommand):
    help = "Load the demo data set; a second run changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = demo_load()
        except DemoDataError as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        width = max(len(kind) for kind in report.counts)
        for kind, counts in report.counts.items():
            self.stdout.write(
                f"{kind:<{width}}  {counts.created:>5} created  {counts.updated:>5} updated  "
                f"{counts.unchanged:>5} unchanged"
            )
        if report.changed:
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo data already up to date; nothing changed."))

        self.stdout.write("")
        self.stdout.write(f"{'username':<14}{'password':<19}{'role':<18}area")
        for username, role, area_code in DEMO_USERS:
            self.stdout.write(f"{username:<14}{DEMO_PASSWORD:<19}{role.value:<18}{area_code}")
        self.stdout.write("")
        self.stdout.write(f"Bulqizë's profile: /areas/{BULQIZE}/")
