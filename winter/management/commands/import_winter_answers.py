"""Load councils' winter pressures answers from a CSV file (all rows or none).

The format is winter.services.ANSWERS_FORMAT (shown by --help)."""

from argparse import RawDescriptionHelpFormatter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from core.csv_import import CsvImportError
from winter import services


class Command(BaseCommand):
    help = "Load winter pressures answers from a CSV file (all rows or none)."

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", RawDescriptionHelpFormatter)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.epilog = services.ANSWERS_FORMAT
        return parser

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file to load.")
        parser.add_argument("--user", default="", help="Username recorded in the audit trail.")

    def handle(self, *args, path: str, user: str, **options):
        actor = User.objects.filter(username=user).first() if user else None
        if user and actor is None:
            raise CommandError(f"No user is called {user!r}.")
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            loaded = services.responses_import(
                actor=actor, data=file.read_bytes(), source_file=file.name
            )
        except CsvImportError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(f"Nothing was loaded: {len(exc.errors)} problem(s).") from exc
        self.stdout.write(
            self.style.SUCCESS(f"Loaded {loaded} councils' answers from {file.name}.")
        )
