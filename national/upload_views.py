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


def csv_upload_page(
    request, *, allowed: bool, refusal: str, title: str, format_text: str, kind: str,
    load, loaded_message, success_url: str,
):  # fmt: skip
    """The one upload page of every national data set: `allowed` is the policy's answer;
    `load(actor=, data=, source_file=)` is the app's audited all-or-nothing import service;
    `loaded_message(result, file_name)` words what was loaded. A refused file keeps the page,
    with the file field marked in the error summary and every bad line listed."""
    policy.require(allowed, message=refusal)
    row_errors: list[str] = []
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = load(actor=request.user, data=upload.read(), source_file=upload.name)
        except CsvImportError as exc:
            row_errors = exc.shown_errors
            form.add_error(
                "file", "Nothing was loaded: correct the lines listed below and upload it again"
            )
        else:
            messages.success(request, loaded_message(result, upload.name))
            return redirect(success_url)
    spec = {"title": title, "format": format_text}
    return render(
        request,
        "national/upload.html",
        {"form": form, "row_errors": row_errors, "spec": spec, "kind": kind},
    )


def _upload(request, kind: str):
    spec = UPLOADS[kind]
    return csv_upload_page(
        request,
        allowed=policy.can_import_national_data(request.user),
        refusal="Only admins can upload national data.",
        title=spec.title,
        format_text=spec.format,
        kind=kind,
        load=getattr(services, spec.service),
        loaded_message=lambda record, _name: (
            f"{record.rows} rows loaded from {record.source_file}: "
            f"{record.created} new, {record.updated} replaced."
        ),
        success_url="national:outcomes",
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
