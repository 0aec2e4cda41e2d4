"""Admin for the national picture: every change goes through an audited service, and each
data set links to its GOV.UK upload page for a CSV file (all rows or none)."""

from __future__ import annotations

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path, reverse

from national import services
from national.models import (
    CouncilSpend,
    DataImport,
    IndicatorDefinition,
    IndicatorValue,
    PressureThresholds,
    WaitingListSnapshot,
)


class AuditedAdmin(admin.ModelAdmin):
    """Saves and deletes through national.services, so each is validated and audited."""

    def save_model(self, request, obj, form, change):
        services.reference_data_save(
            actor=request.user,
            instance=obj,
            changed_fields=list(form.changed_data) or [f.name for f in form],
            is_new=not change,
        )

    def delete_model(self, request, obj):
        services.reference_data_delete(actor=request.user, instance=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.reference_data_delete(actor=request.user, instance=obj)


class UploadAdmin(AuditedAdmin):
    """Links its change list to the data set's GOV.UK upload page (national.upload_views);
    the admin's own upload address redirects there, so old links keep working."""

    upload_title = ""
    upload_url_name = ""
    change_list_template = "admin/national/change_list_with_upload.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="{}_{}_upload".format(*info),
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra = {"upload_url": reverse(self.upload_url_name), "upload_title": self.upload_title}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    def upload_view(self, request):
        return redirect(self.upload_url_name)


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(AuditedAdmin):
    list_display = [
        "code",
        "name",
        "framework",
        "framework_version",
        "unit",
        "higher_is_better",
        "outcome_weight",
        "domain",
    ]
    list_filter = ["framework", "framework_version", "higher_is_better", "domain"]
    list_editable = ["outcome_weight"]
    search_fields = ["code", "name"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(UploadAdmin):
    list_display = [
        "indicator",
        "council",
        "year",
        "value",
        "numerator",
        "denominator",
        "source_file",
    ]
    list_filter = ["indicator__framework", "indicator__code", "year"]
    search_fields = ["council__name", "council__gss_code", "indicator__code"]
    list_select_related = ["indicator", "council"]
    autocomplete_fields = ["council"]
    upload_title = "Upload indicator values"
    upload_url_name = "national:upload_indicators"


@admin.register(CouncilSpend)
class CouncilSpendAdmin(UploadAdmin):
    list_display = [
        "council",
        "year",
        "gross_current_expenditure",
        "population_18_plus",
        "spend_per_adult",
        "source_file",
    ]
    list_filter = ["year"]
    search_fields = ["council__name", "council__gss_code"]
    list_select_related = ["council"]
    autocomplete_fields = ["council"]
    upload_title = "Upload spend and population"
    upload_url_name = "national:upload_spend"


@admin.register(WaitingListSnapshot)
class WaitingListSnapshotAdmin(UploadAdmin):
    list_display = [
        "council",
        "snapshot_date",
        "awaiting_assessment",
        "waiting_over_six_months",
        "awaiting_service_start",
        "overdue_reviews",
        "source_file",
    ]
    list_filter = ["snapshot_date"]
    search_fields = ["council__name", "council__gss_code"]
    list_select_related = ["council"]
    autocomplete_fields = ["council"]
    readonly_fields = ["entered_by", "created_at"]
    date_hierarchy = "snapshot_date"
    upload_title = "Upload waiting lists"
    upload_url_name = "national:upload_waiting_lists"


@admin.register(PressureThresholds)
class PressureThresholdsAdmin(AuditedAdmin):
    """Thresholds are versioned: add a row with a new effective date rather than rewriting the
    one that earlier levels were judged by."""

    list_display = [
        "measure",
        "effective_from",
        "level_2_from",
        "level_3_from",
        "level_4_from",
        "created_by",
    ]
    list_filter = ["measure"]
    readonly_fields = ["created_by", "created_at"]


@admin.register(DataImport)
class DataImportAdmin(admin.ModelAdmin):
    """The record of every file loaded; read-only."""

    list_display = [
        "imported_at",
        "kind",
        "source_file",
        "rows",
        "created",
        "updated",
        "imported_by",
    ]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in DataImport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
