"""Load councils' spending plans by grant condition from a CSV file (all rows or none).

The format is grants.imports.PLANS_FORMAT (shown by --help)."""

from core.import_command import CsvImportCommand
from grants import imports, services


class Command(CsvImportCommand):
    help = "Load spending plans by grant condition from a CSV file (all rows or none)."
    service = staticmethod(services.spending_plans_import)
    format_help = imports.PLANS_FORMAT

    def loaded_message(self, result, file_name: str) -> str:
        return f"Loaded {result} spending plans from {file_name}."
