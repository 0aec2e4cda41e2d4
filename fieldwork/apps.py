from django.apps import AppConfig


class FieldworkConfig(AppConfig):
    name = "fieldwork"
    verbose_name = "Fieldwork: case tracking, site visits and evidence sufficiency"
