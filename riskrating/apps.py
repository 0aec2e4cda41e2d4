from django.apps import AppConfig


class RiskratingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "riskrating"
    verbose_name = "Public risk rating"
