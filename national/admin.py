"""Admin for the national picture: every change goes through an audited service, and each
data set has an upload page for its CSV file (all rows or none)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

import policy
from core.csv_import import CsvImportError
from national import imports, services
from national.forms import CsvUploadForm
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
    """Adds an 'Upload a CSV file' page (admins only, by the policy)."""

    upload_title = ""
    upload_format = ""
    upload_service = None
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
        extra = {"upload_url": self._upload_url(), "upload_title": self.upload_title}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    def _upload_url(self) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_upload")

    def upload_view(self, request):
        if not policy.can_import_national_data(request.user):
            raise PermissionDenied("Only admins can upload national data.")
        errors: list[str] = []
        if request.method == "POST":
            form = CsvUploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    record = type(self).upload_service(
                        actor=request.user, data=upload.read(), source_file=upload.name
                    )
                except CsvImportError as exc:
                    errors = exc.shown_errors
                else:
                    messages.success(
                        request,
                        f"{record.rows} rows loaded from {record.source_file}: "
                        f"{record.created} new, {record.updated} replaced.",
                    )
                    return redirect(
                        f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"
                    )
        else:
            form = CsvUploadForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": self.upload_title,
            "form": form,
            "errors": errors,
            "format": self.upload_format,
        }
        return TemplateResponse(request, "admin/national/upload.html", context)


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
    ]
    list_filter = ["framework", "framework_version", "higher_is_better"]
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
    upload_format = imports.INDICATORS_FORMAT
    upload_service = staticmethod(services.indicator_values_import)


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
    upload_format = imports.SPEND_FORMAT
    upload_service = staticmethod(services.council_spend_import)


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
    upload_format = imports.WAITING_LISTS_FORMAT
    upload_service = staticmethod(services.waiting_lists_import)


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
