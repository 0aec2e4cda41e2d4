"""Forms of the reports pages: a correction's reason and a bulk export's filters."""

from django import forms

from core.forms import GovukDateField
from core.idempotency import IdempotencyKeyField
from reports import selectors
from reports.models import CorrectionKind


class CorrectionForm(forms.Form):
    """One change to the published data (issue 16): a finding's text, the summary, or a
    score; the corrected version's annex lists it with the reason."""

    kind = forms.ChoiceField(
        label="What does the correction change?",
        choices=CorrectionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the correction changes"},
    )
    statement = forms.TypedChoiceField(
        label="Quality statement (for a finding or a score)",
        coerce=int,
        empty_value=None,
        required=False,
    )
    field = forms.ChoiceField(
        label="Part of the finding (for a finding)",
        choices=[("", "Choose"), ("people_told_us", "What people told us"),
                 ("strengths", "Strengths"), ("areas_for_development", "Areas for development")],
        required=False,
    )  # fmt: skip
    new_value = forms.CharField(
        label="Corrected text, or the new score (1 to 4)",
        widget=forms.Textarea,
        max_length=20000,
        error_messages={"required": "Enter the corrected text or score"},
    )
    reason = forms.CharField(
        label="Reason for the correction",
        help_text="Published in the report: say what was wrong and what changed.",
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": "Enter the reason for the correction"},
    )

    def __init__(self, *args, statements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement"].choices = [("", "Choose")] + [
            (str(s.number), str(s)) for s in statements
        ]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (CorrectionKind.FINDING, CorrectionKind.SCORE) and not data.get("statement"):
            self.add_error("statement", "Choose the quality statement")
        if kind == CorrectionKind.FINDING and not data.get("field"):
            self.add_error("field", "Choose which part of the finding to correct")
        if kind == CorrectionKind.SCORE and (data.get("new_value") or "").strip() not in (
            "1", "2", "3", "4",
        ):  # fmt: skip
            self.add_error("new_value", "Enter the new score, from 1 to 4")
        return data


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
