"""Forms of the reports pages: a correction's reason and a bulk export's filters."""

from django import forms

from core.forms import GovukDateField
from core.idempotency import IdempotencyKeyField
from reports import selectors


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label="Reason for the correction",
        help_text="Published in the report: say what was wrong and what changed.",
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": "Enter the reason for the correction"},
    )


class BulkExportForm(forms.Form):
    region = forms.ChoiceField(label="Region", required=False)
    published_from = GovukDateField(label="Published on or after", required=False)
    published_to = GovukDateField(label="Published on or before", required=False)
    # A double click or a second tab queues one export (core.idempotency).
    idempotency_key = IdempotencyKeyField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "All regions"), *selectors.regions()]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("published_from"), cleaned.get("published_to")
        if start and end and start > end:
            self.add_error(
                "published_to", "The 'published on or before' date must be on or after the other"
            )
        return cleaned
