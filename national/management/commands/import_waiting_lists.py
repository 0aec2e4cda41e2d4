"""Load waiting-list counts from a CSV file (all rows or none).

The format is national.imports.WAITING_LISTS_FORMAT (shown by --help).
"""

from core.import_command import CsvImportCommand
from national import imports, services


class Command(CsvImportCommand):
    help = "Load waiting-list counts from a CSV file (all rows or none)."
    service = staticmethod(services.waiting_lists_import)
    format_help = imports.WAITING_LISTS_FORMAT
