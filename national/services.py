"""Writes of the national picture: imports, waiting-list entries and threshold changes.

Each is atomic and audited; imports load every row of a file or none (core.csv_import).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from audit.actions import AuditAction
from audit.services import audit_record, diff, snapshot
from core import datacache, errors
from councils.models import Council
from national import imports
from national.models import (
    CouncilSpend,
    DataImport,
    ImportKind,
    IndicatorValue,
    PressureThresholds,
    WaitingListSnapshot,
)

BATCH_SIZE = 1000


class NationalDataError(errors.DomainError):
    """A refusal fit to show a user (a duplicate snapshot, a date in the future)."""


def _validation_message(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _load(
    *,
    actor,
    kind: str,
    model: type[models.Model],
    parsed: imports.Parsed,
    unique_fields: list[str],
    update_fields: list[str],
    source_file: str,
) -> DataImport:
    datacache.data_changed(datacache.NATIONAL_DATA)
    model.objects.bulk_create(
        parsed.objects,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=unique_fields,
        update_fields=update_fields,
    )
    record = DataImport.objects.create(
        kind=kind,
        source_file=source_file[:255],
        rows=len(parsed.objects),
        created=len(parsed.objects) - parsed.existing,
        updated=parsed.existing,
        imported_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action=AuditAction.of_national_import(kind),
        target=record,
        changes={"rows": [None, record.rows], "created": [None, record.created]},
        note=f"{record.rows} rows from {source_file}: {record.created} new, "
        f"{record.updated} replaced.",
    )
    return record


@transaction.atomic
def indicator_values_import(*, actor, data: bytes | str, source_file: str) -> DataImport:
    """Load an indicator values CSV (imports.INDICATORS_FORMAT), all rows or none.

    Raises core.csv_import.CsvImportError listing every bad row. Audited as one event.
    """
    parsed = imports.parse_indicator_values(data, source_file=source_file)
    return _load(
        actor=actor,
        kind=ImportKind.INDICATORS,
        model=IndicatorValue,
        parsed=parsed,
        unique_fields=["indicator", "council", "year"],
        update_fields=["value", "numerator", "denominator", "source_file"],
        source_file=source_file,
    )


@transaction.atomic
def council_spend_import(*, actor, data: bytes | str, source_file: str) -> DataImport:
    """Load a spend and population CSV (imports.SPEND_FORMAT), all rows or none.

    Raises core.csv_import.CsvImportError listing every bad row. Audited as one event.
    """
    parsed = imports.parse_council_spend(data, source_file=source_file)
    return _load(
        actor=actor,
        kind=ImportKind.SPEND,
        model=CouncilSpend,
        parsed=parsed,
        unique_fields=["council", "year"],
        update_fields=["gross_current_expenditure", "population_18_plus", "source_file"],
        source_file=source_file,
    )


@transaction.atomic
def waiting_lists_import(*, actor, data: bytes | str, source_file: str) -> DataImport:
    """Load a waiting-list CSV (imports.WAITING_LISTS_FORMAT), all rows or none.

    Raises core.csv_import.CsvImportError listing every bad row. Audited as one event.
    """
    parsed = imports.parse_waiting_lists(data, source_file=source_file)
    for obj in parsed.objects:
        obj.entered_by = actor if getattr(actor, "is_authenticated", False) else None
    return _load(
        actor=actor,
        kind=ImportKind.WAITING_LISTS,
        model=WaitingListSnapshot,
        parsed=parsed,
        unique_fields=["council", "snapshot_date"],
        update_fields=[*imports.WAITING_COUNT_COLUMNS, "source_file", "entered_by"],
        source_file=source_file,
    )


SNAPSHOT_FIELDS = [
    "council",
    "snapshot_date",
    "awaiting_assessment",
    "waiting_over_six_months",
    "awaiting_service_start",
    "overdue_reviews",
]


@transaction.atomic
def waiting_list_snapshot_create(
    *,
    actor,
    council: Council,
    snapshot_date: datetime.date,
    awaiting_assessment: int,
    waiting_over_six_months: int,
    awaiting_service_start: int,
    overdue_reviews: int,
) -> WaitingListSnapshot:
    """Record one council's waiting-list counts on a date, entered by hand.

    Raises NationalDataError for a date in the future, a second entry for the same council
    and date, or more people over six months than awaiting assessment. Audited.
    """
    if snapshot_date > timezone.localdate():
        raise NationalDataError("The date of the figures must be today or in the past.")
    if WaitingListSnapshot.objects.filter(council=council, snapshot_date=snapshot_date).exists():
        raise NationalDataError(
            f"{council.name} already has waiting-list figures for "
            f"{snapshot_date:%-d %B %Y}. An admin can correct them in the admin."
        )
    entry = WaitingListSnapshot(
        council=council,
        snapshot_date=snapshot_date,
        awaiting_assessment=awaiting_assessment,
        waiting_over_six_months=waiting_over_six_months,
        awaiting_service_start=awaiting_service_start,
        overdue_reviews=overdue_reviews,
        source_file="Entered by form",
        entered_by=actor,
    )
    try:
        entry.full_clean()
    except ValidationError as exc:
        raise NationalDataError(_validation_message(exc)) from exc
    entry.save()
    datacache.data_changed(datacache.NATIONAL_DATA)
    audit_record(
        actor=actor,
        action=AuditAction.NATIONAL_WAITING_LIST_CREATE,
        target=entry,
        changes=diff({}, snapshot(entry, SNAPSHOT_FIELDS)),
    )
    return entry


@transaction.atomic
def reference_data_save(
    *, actor, instance: models.Model, changed_fields: list[str], is_new: bool
) -> models.Model:
    """Save a row changed by an admin in the Django admin (indicator definitions and values,
    spend, waiting lists, pressure thresholds) with full validation, and audit the change.

    Raises django.core.exceptions.ValidationError, which the admin form shows.
    """
    before = {}
    if not is_new:
        previous = type(instance).objects.get(pk=instance.pk)
        before = snapshot(previous, changed_fields)
    if is_new and isinstance(instance, PressureThresholds) and instance.created_by_id is None:
        instance.created_by = actor
    if is_new and isinstance(instance, WaitingListSnapshot) and instance.entered_by_id is None:
        instance.entered_by = actor
        instance.source_file = instance.source_file or "Entered in the admin"
    instance.full_clean()
    instance.save()
    datacache.data_changed(datacache.NATIONAL_DATA)
    audit_record(
        actor=actor,
        action=AuditAction.of_reference_data(
            type(instance).__name__.lower(), "create" if is_new else "change"
        ),
        target=instance,
        changes=diff(before, snapshot(instance, changed_fields)),
    )
    return instance


@transaction.atomic
def reference_data_delete(*, actor, instance: models.Model) -> None:
    """Delete a row from the admin, recording what it held."""
    fields = [f.name for f in instance._meta.concrete_fields if f.name != "id"]
    audit_record(
        actor=actor,
        action=AuditAction.of_reference_data(type(instance).__name__.lower(), "delete"),
        target=instance,
        changes={name: [value, None] for name, value in snapshot(instance, fields).items()},
    )
    instance.delete()
    datacache.data_changed(datacache.NATIONAL_DATA)
