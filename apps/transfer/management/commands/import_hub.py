"""`manage.py import_hub <path> [--slug new]`: import an archive as a new hub, all or nothing."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from apps.transfer.archive import ArchiveError
from apps.transfer.importer import import_archive


class Command(BaseCommand):
    help = "Import a hub archive (zip) as a new hub."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path")
        parser.add_argument(
            "--slug", default="", help="Address of the new hub (default: the archive's, numbered if taken)."
        )

    def handle(self, *args: Any, path: str, slug: str, **options: Any) -> None:
        try:
            with open(path, "rb") as source:
                result = import_archive(source, slug=slug or None)
        except FileNotFoundError as error:
            raise CommandError(f"No file {path!r}.") from error
        except ArchiveError as error:
            raise CommandError(error.message) from error
        rows = sum(result.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported as /{result.hub.slug}/ ({result.hub.name}): {rows} rows; "
                f"{result.matched_users} people matched, {result.created_users} created (inactive)."
            )
        )
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(warning))
