from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """Backup and restore of every row and private file as one archive (`backup_data`,
    `restore_data`). It names the project's apps, so it lives above them, not in core."""

    name = "backups"
    verbose_name = "Backups"
