from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data set: synthetic users, assessments, evidence, reviews and national figures,
    loaded by `manage.py seed_demo`. Every app's seeding lives here, not in the app."""

    name = "demo"
    verbose_name = "Demo data"
