"""`manage.py load_demo`: the demo data set of every app, in the order of INSTALLED_APPS (areas,
figures, boundaries and users first, then the directory, …). Safe to rerun."""

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kujdes.territory.demo import BULQIZE, DEMO_PASSWORD, DEMO_USERS, DemoDataError, DemoReport


def demo_load_all() -> DemoReport:
    """Call `demo_load()` of every Kujdes app that has a `demo` module; all or nothing."""
    report = DemoReport()
    with transaction.atomic():
        for config in apps.get_app_configs():
            if config.name.startswith("kujdes.") and find_spec(f"{config.name}.demo"):
                report.counts |= import_module(f"{config.name}.demo").demo_load().counts
    return report


class Command(BaseCommand):
    help = "Load the demo data set; a second run changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = demo_load_all()
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
        self.stdout.write(f"Find help in Bulqizë: /directory/?place={BULQIZE}")
