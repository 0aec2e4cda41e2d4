"""Rebuild the search index from the objects themselves."""

from django.core.management.base import BaseCommand

from search import registry, services


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index of every searchable kind (or of the kinds named), "
        "from the objects as they are now. Safe to run at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="Kinds to rebuild; all if none named.")

    def handle(self, *args, **options):
        chosen = [registry.get(name) for name in options["kinds"]] or None
        for kind, count in services.reindex_all(chosen).items():
            self.stdout.write(f"{kind}: {count} documents")
