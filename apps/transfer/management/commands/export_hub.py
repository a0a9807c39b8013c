"""`manage.py export_hub <slug> <path>`: write the hub's archive (docs/hub-archive.md)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from apps.hubs.models import Hub
from apps.transfer.archive import write_archive


class Command(BaseCommand):
    help = "Export one hub to a versioned archive (zip)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("slug")
        parser.add_argument("path")

    def handle(self, *args: Any, slug: str, path: str, **options: Any) -> None:
        hub = Hub.objects.filter(slug=slug).first()
        if hub is None:
            raise CommandError(f"No hub with the address {slug!r}.")
        with open(path, "wb") as out:
            manifest = write_archive(hub, out)
        rows = sum(manifest["counts"].values())
        files = sum(1 for name in manifest["files"] if name.startswith("files/"))
        self.stdout.write(self.style.SUCCESS(f"Exported {hub.slug}: {rows} rows, {files} files → {path}"))
