"""Delete uploads that were accepted by a form but never saved (run daily, e.g. from cron)."""

import datetime

from django.core.management.base import BaseCommand

from evidence.services import PENDING_UPLOAD_LIFETIME, pending_uploads_purge


class Command(BaseCommand):
    help = "Delete pending uploads older than a day (or --hours) and their stored files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=int(PENDING_UPLOAD_LIFETIME.total_seconds() // 3600),
            help="Age in hours beyond which an unclaimed upload is deleted.",
        )

    def handle(self, *args, hours: int, **options):
        count = pending_uploads_purge(older_than=datetime.timedelta(hours=hours))
        self.stdout.write(f"Deleted {count} unclaimed upload{'s' if count != 1 else ''}.")
