from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground floor: shared plumbing every app may use; it imports no domain app."""

    name = "core"
    verbose_name = "Core"
