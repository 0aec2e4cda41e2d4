"""Load the real published results bundled in assessments/data/ (rows already loaded are
skipped, so every deployment runs it after `migrate`)."""

from django.core.management.base import BaseCommand, CommandError

from assessments.reference_results import reference_results_load
from assessments.services import ResultsImportError


class Command(BaseCommand):
    help = (
        "Load CQC's published local authority assessment results and the 2023 pilots from "
        "assessments/data/ (idempotent: rows already loaded are skipped)."
    )

    def handle(self, *args, **options):
        try:
            reports = reference_results_load()
        except ResultsImportError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(str(exc)) from exc
        for report in reports:
            self.stdout.write(
                f"{report.file}: {report.rows} rows, {report.loaded} loaded, "
                f"{report.already} already loaded."
            )
