from django.apps import AppConfig


class NationalConfig(AppConfig):
    name = "national"
    verbose_name = "National picture: indicators, spend and waiting lists"
