"""Load outcome indicator values from a CSV file (all rows or none).

The format is national.imports.INDICATORS_FORMAT (shown by --help).
"""

from core.import_command import CsvImportCommand
from national import imports, services


class Command(CsvImportCommand):
    help = "Load outcome indicator values from a CSV file (all rows or none)."
    service = staticmethod(services.indicator_values_import)
    format_help = imports.INDICATORS_FORMAT
