"""Shared shape of the three import commands: read a file, load it all or none, report."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from core.csv_import import CsvImportError


class ImportCommand(BaseCommand):
    """Subclasses set `service` (a national.services import) and `format_help`."""

    service = None
    format_help = ""

    def create_parser(self, prog_name, subcommand, **kwargs):
        from argparse import RawDescriptionHelpFormatter

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

    def handle(self, *args, path: str, user: str, **options):
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"No user is called {user!r}.")
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            record = type(self).service(actor=actor, data=file.read_bytes(), source_file=file.name)
        except CsvImportError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(
                f"Nothing was loaded: {len(exc.errors)} problem"
                f"{'s' if len(exc.errors) != 1 else ''} in {file.name}."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {record.rows} rows from {file.name}: {record.created} new, "
                f"{record.updated} replaced."
            )
        )
