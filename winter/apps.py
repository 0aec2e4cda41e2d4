from django.apps import AppConfig


class WinterConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "winter"
    verbose_name = "Winter pressures surveys"
