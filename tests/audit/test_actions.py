"""Audit action names are one vocabulary (audit.actions.AuditAction) used by every record."""

import pytest
from django.contrib import admin

from assessments import workflow
from audit.actions import AuditAction
from audit.models import AuditEvent
from audit.services import audit_record
from national.admin import AuditedAdmin
from national.models import ImportKind


def test_every_workflow_step_has_its_action():
    for name in workflow.ACTIONS:
        assert AuditAction.of_workflow_step(name).value == f"assessment.{name}"


def test_every_national_import_has_its_action():
    for kind in ImportKind:
        assert AuditAction.of_national_import(kind).value == f"national.import_{kind}"


def test_every_audited_admin_model_has_create_change_and_delete_actions():
    audited = [
        model for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, AuditedAdmin)
    ]  # fmt: skip
    assert audited
    for model in audited:
        for verb in ("create", "change", "delete"):
            assert AuditAction.of_reference_data(model._meta.model_name, verb)


def test_a_name_outside_the_vocabulary_is_refused(db, admin_user):
    before = AuditEvent.objects.count()  # the framework's recorded corrections are there
    with pytest.raises(ValueError):
        audit_record(actor=admin_user, action="evidence.shred", target=admin_user)
    assert AuditEvent.objects.count() == before
    event = audit_record(actor=admin_user, action=AuditAction.TOKEN_CREATE, target=admin_user)
    assert event.action == "token.create"
