"""Load outcome indicator values from a CSV file (all rows or none).

The format is national.imports.INDICATORS_FORMAT (shown by --help).
"""

from national import imports, services
from national.management.commands._import_base import ImportCommand


class Command(ImportCommand):
    help = "Load outcome indicator values from a CSV file (all rows or none)."
    service = staticmethod(services.indicator_values_import)
    format_help = imports.INDICATORS_FORMAT
