"""Forms of the national picture: waiting-list entry and CSV uploads."""

from __future__ import annotations

from django import forms

from core.forms import GovukDateField
from councils.models import Council

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _count(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=0,
        error_messages={
            "required": f"Enter the number of {label.lower()}",
            "invalid": f"The number of {label.lower()} must be a whole number, like 120",
            "min_value": f"The number of {label.lower()} must be 0 or more",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )


class WaitingListForm(forms.Form):
    council = forms.ModelChoiceField(
        queryset=Council.objects.order_by("name"),
        to_field_name="gss_code",
        empty_label="Choose a council",
        error_messages={"required": "Choose the council", "invalid_choice": "Choose the council"},
    )
    snapshot_date = GovukDateField(label="Date of the figures", help_text="For example, 31 3 2025")
    awaiting_assessment = _count("People awaiting assessment")
    waiting_over_six_months = _count(
        "People waiting over six months", "Of those awaiting assessment."
    )
    awaiting_service_start = _count(
        "People awaiting a service to start",
        "Assessed, and waiting for a service or direct payment to start.",
    )
    overdue_reviews = _count("Overdue reviews")

    def clean(self):
        data = super().clean()
        awaiting = data.get("awaiting_assessment")
        over_six = data.get("waiting_over_six_months")
        if awaiting is not None and over_six is not None and over_six > awaiting:
            self.add_error(
                "waiting_over_six_months",
                "People waiting over six months cannot be more than people awaiting assessment",
            )
        return data


class CsvUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        error_messages={
            "required": "Choose a CSV file",
            "empty": "The file is empty",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The file must be a CSV file (ending .csv)")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 10 MB")
        return upload
