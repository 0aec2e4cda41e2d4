from django.apps import AppConfig


class HicConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "hic"
    verbose_name = "High Impact Changes self-assessments"
