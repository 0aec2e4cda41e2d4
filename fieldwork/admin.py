"""Fieldwork rows are changed through the pages and the API (audited services); the admin
only lists the override records and purges for reference, read-only."""

from django.contrib import admin

from fieldwork.models import PeoplesExperienceOverride, RetentionPurge


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PeoplesExperienceOverride)
class OverrideAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "recorded_by", "recorded_at"]


@admin.register(RetentionPurge)
class RetentionPurgeAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "purged_at"]
