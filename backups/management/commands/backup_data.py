"""Dump all data and attached files into one archive: `manage.py backup_data backup.tar.gz`."""

from pathlib import Path

from django.core.management.base import BaseCommand

from backups.services import backup_create


class Command(BaseCommand):
    help = "Write every row and every private file (attachments, reports) to a .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options):
        manifest = backup_create(archive_path=archive)
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {manifest['rows']} rows and {len(manifest['files'])} files "
                f"to {archive}."
            )
        )
