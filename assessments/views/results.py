"""The admins' upload of published results."""

from django.contrib import messages
from django.shortcuts import redirect, render

import policy
from assessments import forms, services


def results_import(request):
    """Admins upload a CSV of published results; all rows load or none do."""
    policy.require(policy.can_manage_reference_data(request.user))
    form = forms.ResultsImportForm(request.POST or None, request.FILES or None)
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            created = services.published_results_import(
                actor=request.user, text=form.text, source=form.cleaned_data["file"].name
            )
        except services.ResultsImportError as exc:
            row_errors = exc.errors
            form.add_error("file", f"{exc} Correct the rows listed below and upload it again")
        else:
            messages.success(request, f"Loaded {len(created)} published results.")
            return redirect("national:ratings")
    return render(
        request, "assessments/results_import.html", {"form": form, "row_errors": row_errors}
    )
