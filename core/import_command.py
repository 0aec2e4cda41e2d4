"""The one shape of every CSV import command: read a file, load it all or none through the
app's audited import service, list each problem by line, report what was loaded.

A command subclasses `CsvImportCommand`, names its `service` (called with actor, data and
source_file) and `format_help` (shown by --help), and may word its `loaded_message`."""

from __future__ import annotations

from argparse import RawDescriptionHelpFormatter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.csv_import import CsvImportError


class CsvImportCommand(BaseCommand):
    service = None
    format_help = ""

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", RawDescriptionHelpFormatter)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.epilog = self.format_help
        return parser

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file to load.")
        parser.add_argument(
            "--user",
            default="",
            help="Username recorded in the audit trail as having made the import.",
        )

    def loaded_message(self, result, file_name: str) -> str:
        """What was loaded; `result` is what the service returned (an import record with
        rows, created and updated, unless the subclass says otherwise)."""
        return (
            f"Loaded {result.rows} rows from {file_name}: {result.created} new, "
            f"{result.updated} replaced."
        )

    def handle(self, *args, path: str, user: str, **options):
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"No user is called {user!r}.")
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            result = type(self).service(actor=actor, data=file.read_bytes(), source_file=file.name)
        except CsvImportError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(
                f"Nothing was loaded: {len(exc.errors)} problem"
                f"{'s' if len(exc.errors) != 1 else ''} in {file.name}."
            ) from exc
        self.stdout.write(self.style.SUCCESS(self.loaded_message(result, file.name)))
