"""Forms of the fieldwork pages. They parse input; the services decide and save."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from assessments.models import Assessment, QualityStatement
from core.forms import GovukDateField
from core.idempotency import IdempotencyKeyField
from evidence.models import EvidenceDirection
from fieldwork.models import (
    ConsentStatus,
    ContactMethod,
    ContactOutcome,
    ParticipantRole,
    SampleChangeKind,
    SessionKind,
)
from fieldwork.services.cases import DEFAULT_AIM, DEFAULT_SAMPLE_SIZE, STRATA_COLUMNS


def _statements_field(label: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=QualityStatement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=label,
        error_messages={"required": "Select at least one quality statement"},
    )


class _StatementsForm(forms.Form):
    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statements"].queryset = QualityStatement.objects.filter(
            framework_id=assessment.framework_id
        ).order_by("number")


class CaseListForm(forms.Form):
    file = forms.FileField(
        label="Upload the case list (CSV)",
        help_text="Columns: case_reference, age_band, primary_support_reason, service_type, "
        "locality, is_carer. Never names, NHS numbers or dates of birth.",
        error_messages={"required": "Select a CSV file"},
    )


class SampleForm(forms.Form):
    strata = forms.MultipleChoiceField(
        choices=list(STRATA_COLUMNS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Stratify by",
        help_text="The sample is shared between the groups these columns make, in proportion.",
    )
    size = forms.IntegerField(
        min_value=1, max_value=50, initial=DEFAULT_SAMPLE_SIZE, label="Sample size",
        error_messages={"required": "Enter the sample size",
                        "invalid": "The sample size must be a whole number",
                        "min_value": "The sample size must be at least 1",
                        "max_value": "The sample size must be 50 or fewer"},
    )  # fmt: skip
    aim = forms.IntegerField(
        min_value=1, max_value=50, initial=DEFAULT_AIM, label="People to track (aim)",
        error_messages={"required": "Enter how many people you aim to track",
                        "invalid": "The aim must be a whole number",
                        "min_value": "The aim must be at least 1",
                        "max_value": "The aim must be 50 or fewer"},
    )  # fmt: skip
    seed = forms.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, label="Seed (optional)",
        help_text="Leave empty for a new random seed; enter a recorded seed to reproduce a draw.",
        error_messages={"invalid": "The seed must be a whole number",
                        "min_value": "The seed must be at least 1",
                        "max_value": "The seed is too large"},
    )  # fmt: skip
    reason = forms.CharField(
        widget=forms.Textarea, required=False, label="Why are you redrawing the sample?",
        help_text="Needed when a sample has been drawn already.",
    )  # fmt: skip


class SampleChangeForm(forms.Form):
    prefix = "change"
    kind = forms.ChoiceField(choices=SampleChangeKind.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        widget=forms.Textarea, label="Reason",
        error_messages={"required": "Enter the reason"},
    )  # fmt: skip


class ConsentForm(forms.Form):
    prefix = "consent"
    status = forms.ChoiceField(
        choices=[c for c in ConsentStatus.choices if c[0] != ConsentStatus.NOT_ASKED],
        widget=forms.RadioSelect,
        label="Consent",
        error_messages={"required": "Select the consent status"},
    )
    on = GovukDateField(label="Date")


class ContactForm(forms.Form):
    prefix = "contact"
    idempotency_key = IdempotencyKeyField()
    on = GovukDateField(label="Date of the attempt")
    method = forms.ChoiceField(
        choices=ContactMethod.choices, widget=forms.RadioSelect, label="Method",
        error_messages={"required": "Select how you tried to make contact"},
    )  # fmt: skip
    outcome = forms.ChoiceField(
        choices=ContactOutcome.choices, widget=forms.RadioSelect, label="Outcome",
        error_messages={"required": "Select the outcome"},
    )  # fmt: skip
    details = forms.CharField(
        widget=forms.Textarea, required=False, label="Details (optional)",
        help_text="Deleted at the end of the retention period.",
    )  # fmt: skip


class JourneyNoteForm(_StatementsForm):
    prefix = "note"
    idempotency_key = IdempotencyKeyField()
    text = forms.CharField(
        widget=forms.Textarea, label="Journey note",
        help_text="Recorded as people's experience evidence, marked as personal data.",
        error_messages={"required": "Enter the note"},
    )  # fmt: skip
    statements = _statements_field("Quality statements it informs")
    on = GovukDateField(label="Date")
    direction = forms.ChoiceField(
        choices=EvidenceDirection.choices, widget=forms.RadioSelect,
        initial=EvidenceDirection.NEUTRAL, label="Does it point to a strength or a shortfall?",
        error_messages={"required": "Select whether it points to a strength or a shortfall"},
    )  # fmt: skip


class TimeField(forms.CharField):
    """A time of day typed as 24-hour HH:MM (e.g. 14:30)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 5)
        kwargs.setdefault("help_text", "24-hour clock, for example 14:30")
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            return datetime.datetime.strptime(value.strip(), "%H:%M").time()  # noqa: DTZ007
        except ValueError:
            raise forms.ValidationError("Enter a time such as 09:30 or 14:00") from None


class SessionForm(forms.Form):
    idempotency_key = IdempotencyKeyField()
    kind = forms.ChoiceField(
        choices=SessionKind.choices, widget=forms.RadioSelect, label="Type of session",
        error_messages={"required": "Select the type of session"},
    )  # fmt: skip
    title = forms.CharField(
        max_length=200, label="Title",
        error_messages={"required": "Enter a title",
                        "max_length": "Title must be 200 characters or fewer"},
    )  # fmt: skip
    day = GovukDateField(label="Date")
    starts_at = TimeField(label="Start time", error_messages={"required": "Enter the start time"})
    ends_at = TimeField(label="End time", error_messages={"required": "Enter the end time"})
    participant_roles = forms.MultipleChoiceField(
        choices=ParticipantRole.choices, widget=forms.CheckboxSelectMultiple,
        label="Who takes part", error_messages={"required": "Select who will take part"},
    )  # fmt: skip
    with_experts_by_experience = forms.BooleanField(
        required=False, label="With Experts by Experience"
    )
    assessors = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label="Assessors present",
        error_messages={"required": "Select the assessors who will be there"},
    )  # fmt: skip
    location = forms.CharField(max_length=200, required=False, label="Location")
    video_link = forms.URLField(
        max_length=500, required=False, label="Video link", assume_scheme="https",
        error_messages={"invalid": "Enter a video link that starts with https://"},
    )  # fmt: skip
    invite_council = forms.BooleanField(
        required=False, initial=True, label="Email the council's leads an invitation"
    )

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.models import User

        self.fields["assessors"].queryset = User.objects.filter(
            pk__in=assessment.team_user_ids()
        ).order_by("full_name", "username")
        self.fields["assessors"].label_from_instance = lambda user: user.display_name

    def datetimes(self) -> tuple[datetime.datetime, datetime.datetime]:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        return (
            datetime.datetime.combine(data["day"], data["starts_at"], tzinfo=zone),
            datetime.datetime.combine(data["day"], data["ends_at"], tzinfo=zone),
        )


class SessionNotesForm(_StatementsForm):
    notes = forms.CharField(
        widget=forms.Textarea, label="Notes of the session",
        error_messages={"required": "Enter the notes"},
    )  # fmt: skip
    statements = _statements_field("Quality statements they inform")
    direction = forms.ChoiceField(
        choices=EvidenceDirection.choices, widget=forms.RadioSelect,
        initial=EvidenceDirection.NEUTRAL, label="Do they point to a strength or a shortfall?",
        error_messages={"required": "Select whether they point to a strength or a shortfall"},
    )  # fmt: skip


class OverrideForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea,
        label="Why can the assessment go to quality assurance without this evidence?",
        help_text="Shown in the assessment's timeline and to quality assurance.",
        error_messages={"required": "Enter the reason"},
    )
