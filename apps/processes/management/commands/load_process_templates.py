"""Load (or update) the process templates from apps/processes/library/*.yaml, or from DIR."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.processes.loader import TemplateError, load_templates


class Command(BaseCommand):
    help = "Load or update the process templates (YAML files) into the library."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", nargs="?", default=None, help="Folder of *.yaml templates")

    def handle(self, *args: Any, directory: str | None = None, **options: Any) -> None:
        try:
            outcome = load_templates(directory)
        except TemplateError as exc:
            raise CommandError(str(exc)) from exc
        for key, what in sorted(outcome.items()):
            self.stdout.write(f"{key}: {what}")
        self.stdout.write(self.style.SUCCESS(f"{len(outcome)} templates checked."))
