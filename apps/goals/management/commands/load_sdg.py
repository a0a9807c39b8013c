"""`manage.py load_sdg [PATH]`: create or update the UN catalogue from a data/sdg-style directory."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.goals.catalogue import default_path, load_catalogue


class Command(BaseCommand):
    help = "Load or update the UN Sustainable Development Goals, targets and indicators."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", nargs="?", default=None, help=f"Directory with en/ and nb_NO/ (default: {default_path()})"
        )

    def handle(self, *args: Any, path: str | None = None, **options: Any) -> None:
        try:
            summary = load_catalogue(path)
        except (FileNotFoundError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"UN catalogue loaded. {summary}"))
