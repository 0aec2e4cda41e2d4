"""Forms of the action plan (issue 16)."""

from __future__ import annotations

from django import forms

from actionplans.models import ActionStatus
from assessments.forms import ReviewForm
from core.forms import GovukDateField
from core.idempotency import IdempotencyKeyField


class ActionForm(ReviewForm):
    statement = forms.TypedChoiceField(
        label="Which finding does it answer?", coerce=int, empty_value=None, required=False
    )
    action = forms.CharField(
        label="Action", widget=forms.Textarea, max_length=5000,
        error_messages={"required": "Describe the action"},
    )  # fmt: skip
    owner = forms.CharField(
        label="Owner", max_length=200, help_text="A role or a name.",
        error_messages={"required": "Say who owns the action"},
    )  # fmt: skip
    due_on = GovukDateField(label="Due date")
    # A double click or a second tab adds one action (core.idempotency).
    idempotency_key = IdempotencyKeyField()

    def __init__(self, *args, statements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement"].choices = [("", "The report as a whole")] + [
            (str(s.number), str(s)) for s in statements
        ]


class ActionUpdateForm(ReviewForm):
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices,
                               widget=forms.RadioSelect)  # fmt: skip
    note = forms.CharField(
        label="Progress note", widget=forms.Textarea, max_length=5000, required=False
    )
