"""Load a backup into an empty, migrated database: `manage.py restore_data backup.tar.gz`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.services import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore an archive made by backup_data into an empty database (checksums verified)."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options):
        if not archive.exists():
            raise CommandError(f"No such file: {archive}")
        try:
            manifest = backup_restore(archive_path=archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {manifest['rows']} rows and {len(manifest['files'])} files; "
                "row counts and file checksums match the backup."
            )
        )
