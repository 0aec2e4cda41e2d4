"""GOV.UK pages for admins to upload the national data sets as CSV files (all rows or none).

Each page shows the file format, re-shows the problems of a refused file in a GOV.UK error
summary (the file field is marked, every bad line listed) and records the load through the
audited import services. The policy decides who may upload (admins only).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect, render

import policy
from core.csv_import import CsvImportError
from national import imports, services
from national.forms import CsvUploadForm


@dataclass(frozen=True)
class UploadKind:
    title: str
    format: str
    service: object


UPLOADS = {
    "indicators": UploadKind(
        "Upload outcome indicator values", imports.INDICATORS_FORMAT, "indicator_values_import"
    ),
    "spend": UploadKind(
        "Upload spend and population", imports.SPEND_FORMAT, "council_spend_import"
    ),
    "waiting-lists": UploadKind(
        "Upload waiting lists", imports.WAITING_LISTS_FORMAT, "waiting_lists_import"
    ),
}


def _upload(request, kind: str):
    spec = UPLOADS[kind]
    policy.require(
        policy.can_import_national_data(request.user),
        message="Only admins can upload national data.",
    )
    row_errors: list[str] = []
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = getattr(services, spec.service)(
                actor=request.user, data=upload.read(), source_file=upload.name
            )
        except CsvImportError as exc:
            row_errors = exc.shown_errors
            form.add_error(
                "file", "Nothing was loaded: correct the lines listed below and upload it again"
            )
        else:
            messages.success(
                request,
                f"{record.rows} rows loaded from {record.source_file}: "
                f"{record.created} new, {record.updated} replaced.",
            )
            return redirect("national:outcomes")
    return render(
        request,
        "national/upload.html",
        {"form": form, "row_errors": row_errors, "spec": spec, "kind": kind},
    )


def indicators_upload(request):
    """Admins upload outcome indicator values (CSV)."""
    return _upload(request, "indicators")


def spend_upload(request):
    """Admins upload spend and population 18+ (CSV)."""
    return _upload(request, "spend")


def waiting_lists_upload(request):
    """Admins upload waiting-list counts (CSV)."""
    return _upload(request, "waiting-lists")
