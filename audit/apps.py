from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The audit trail: who did what to which object, when, with the values before and after.
    Every state-changing service records one event (`audit.services.audit_record`)."""

    name = "audit"
    verbose_name = "Audit trail"
