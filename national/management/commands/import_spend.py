"""Load adult social care spend and population 18+ from a CSV file (all rows or none).

The format is national.imports.SPEND_FORMAT (shown by --help).
"""

from core.import_command import CsvImportCommand
from national import imports, services


class Command(CsvImportCommand):
    help = "Load adult social care spend and population 18+ from a CSV file (all rows or none)."
    service = staticmethod(services.council_spend_import)
    format_help = imports.SPEND_FORMAT
