"""Admin for grants and their conditions (so later grants fit as data: the Adult Social Care
Discharge Fund, the Market Sustainability and Improvement Fund). Saves and deletes are
validated and audited; plans are entered in the portal or loaded from CSV."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from audit.actions import AuditAction
from audit.services import audit_record
from grants.models import Grant, GrantCondition


class AuditedReferenceAdmin(admin.ModelAdmin):
    @transaction.atomic
    def save_model(self, request, obj, form, change):
        obj.full_clean()
        obj.save()
        audit_record(
            actor=request.user,
            action=AuditAction.PICTURE_REFERENCE_SAVE,
            target=obj,
            changes={name: [None, str(form.cleaned_data.get(name))] for name in form.changed_data},
        )

    @transaction.atomic
    def delete_model(self, request, obj):
        audit_record(actor=request.user, action=AuditAction.PICTURE_REFERENCE_DELETE, target=obj)
        obj.delete()

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ConditionInline(admin.TabularInline):
    model = GrantCondition
    extra = 0


@admin.register(Grant)
class GrantAdmin(AuditedReferenceAdmin):
    list_display = ["code", "name"]
    inlines = [ConditionInline]

    @transaction.atomic
    def save_formset(self, request, form, formset, change):
        instances = formset.save()
        for instance in instances:
            audit_record(
                actor=request.user, action=AuditAction.PICTURE_REFERENCE_SAVE, target=instance
            )
