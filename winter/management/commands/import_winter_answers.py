"""Load councils' winter pressures answers from a CSV file (all rows or none).

The format is winter.services.ANSWERS_FORMAT (shown by --help)."""

from core.import_command import CsvImportCommand
from winter import services


class Command(CsvImportCommand):
    help = "Load winter pressures answers from a CSV file (all rows or none)."
    service = staticmethod(services.responses_import)
    format_help = services.ANSWERS_FORMAT

    def loaded_message(self, result, file_name: str) -> str:
        return f"Loaded {result} councils' answers from {file_name}."
