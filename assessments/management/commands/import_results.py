"""Load published assessment results from a CSV file (all rows or none)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from assessments.results_import import RESULTS_CSV_FORMAT
from assessments.services import ResultsImportError, published_results_import


class Command(BaseCommand):
    help = "Load published results from a CSV file.\n\n" + RESULTS_CSV_FORMAT

    def add_arguments(self, parser):
        parser.add_argument("csv_file", help="Path of the CSV file of published results.")
        parser.add_argument(
            "--user",
            help="Username recorded in the audit trail as the importer (default: the system).",
        )

    def handle(self, *args, csv_file: str, user: str | None = None, **options):
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"There is no user {user!r}.")
        path = Path(csv_file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        try:
            created = published_results_import(actor=actor, text=text, source=path.name)
        except ResultsImportError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Loaded {len(created)} published results."))
