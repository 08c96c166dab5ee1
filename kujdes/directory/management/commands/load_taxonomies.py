"""`manage.py load_taxonomies`: the service types, target groups and spoken languages of
kujdes/directory/data/. Run on every release; a second run changes nothing."""

from typing import Any

from django.core.management.base import BaseCommand

from kujdes.directory.services import taxonomies_load


class Command(BaseCommand):
    help = "Load or refresh the directory's code lists (service types, target groups, languages)."

    def handle(self, *args: Any, **options: Any) -> None:
        for kind, counts in taxonomies_load().items():
            self.stdout.write(
                f"{kind:<14} {counts.created:>4} created  {counts.updated:>4} updated  "
                f"{counts.unchanged:>4} unchanged"
            )
