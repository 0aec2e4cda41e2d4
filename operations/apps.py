from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What the people running the service need: the health check, the worker heartbeat,
    request ids in the logs."""

    name = "operations"
    verbose_name = "Operations"
