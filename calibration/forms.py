"""Forms of the calibration panel and the moderation view (issue 16)."""

from __future__ import annotations

from django import forms

from assessments.forms import ReviewForm
from calibration.models import Membership
from core.forms import GovukDateField
from core.idempotency import IdempotencyKeyField

SCORE_CHOICES = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")]


class PanelForm(ReviewForm):
    meeting_on = GovukDateField(label="Meeting date", required=False)
    chair = forms.ModelChoiceField(
        label="Chair",
        queryset=None,
        required=False,
        help_text="Records the panel's agreed scores and signs the panel off.",
    )

    def __init__(self, *args, chairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs


class MemberForm(ReviewForm):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the member's name"})
    role = forms.CharField(
        max_length=200,
        help_text="For example, Head of Local Authority Assessment, or a partner organisation.",
        error_messages={"required": "Enter the member's role"},
    )
    membership = forms.ChoiceField(
        label="Internal or external",
        choices=Membership.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose internal or external"},
    )
    # A double click or a second tab adds the member once (core.idempotency).
    idempotency_key = IdempotencyKeyField()


class OutcomeForm(ReviewForm):
    agreed_score = forms.TypedChoiceField(
        label="Agreed score",
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the agreed score"},
    )
    reason = forms.CharField(
        label="Reason for any change",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        help_text="Required when the agreed score differs from the proposed one.",
    )

    def __init__(self, *args, proposed: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposed = proposed

    def clean(self):
        data = super().clean()
        score = data.get("agreed_score")
        if score is not None and score != self.proposed and not data.get("reason", "").strip():
            self.add_error("reason", "Give the reason the panel changed the score")
        return data


class RemoveMemberForm(forms.Form):
    """No fields: posting it confirms the removal; a refusal shows in its error summary."""
