"""Recording audit events. Services call `audit_record` inside their transaction."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from audit.actions import AuditAction
from audit.models import AuditEvent


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value, for before/after records."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(_plain(item) for item in value)
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields` on `instance`, as plain values (FKs by their label)."""
    values: dict[str, Any] = {}
    for name in fields:
        value = getattr(instance, name)
        if hasattr(value, "all") and callable(value.all):  # a many-to-many manager
            value = [str(item) for item in value.all()]
        values[name] = _plain(value)
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as {field: [before, after]}."""
    return {
        name: [before.get(name), after.get(name)]
        for name in after
        if before.get(name) != after.get(name)
    }


def audit_record(
    *,
    actor,
    action: AuditAction,
    target: models.Model,
    changes: dict[str, list[Any]] | None = None,
    assessment=None,
    note: str = "",
) -> AuditEvent:
    """Append one audit event. Call inside the service's transaction so both land or neither.

    `action` is an `AuditAction` (a plain string is accepted only if it is one of its values:
    ValueError otherwise, so the trail never holds a name outside the one vocabulary).
    """
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=AuditAction(action).value,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        assessment=assessment,
        changes=changes or {},
        note=note,
    )


def audit_redact(*, model: type[models.Model], ids: Iterable[int], fields: Iterable[str],
                 replacement: str) -> int:  # fmt: skip
    """Blank the recorded values of `fields` in the audit events of these objects.

    The audit trail is append-only except for this: personal data whose retention period has
    ended (e.g. fieldwork's case notes) must not live on in the before/after values of the
    events that recorded it. The event, who and when stay; only the values are replaced.
    Returns how many events changed (the caller records the purge itself)."""
    fields = set(fields)
    events = list(
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(model),
            target_id__in=[str(pk) for pk in ids],
        )
    )
    changed = []
    for event in events:
        hit = fields & set(event.changes)
        if not hit:
            continue
        for name in hit:
            event.changes[name] = [
                None if value is None else replacement for value in event.changes[name]
            ]
        changed.append(event)
    # bulk_update does not call save(), which refuses to change a recorded event.
    AuditEvent.objects.bulk_update(changed, ["changes"])
    return len(changed)
