"""Forms for the findings, the summary and the factual accuracy check."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from assessments.forms import ReviewForm
from assessments.models import QualityStatement
from core import uploads
from core.forms import GovukDateField, MultipleFileField
from core.idempotency import IdempotencyKeyField
from reviews.models import ChallengeDecision, ChallengeKind, ConfirmationKind, Direction

MAX_CHALLENGE_FILES = 5


class SummaryForm(ReviewForm):
    summary = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=20000,
        help_text="The overall summary the report opens with.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class FindingForm(ReviewForm):
    people_told_us = forms.CharField(
        label="What people told us", widget=forms.Textarea, required=False, max_length=20000
    )
    strengths = forms.CharField(widget=forms.Textarea, required=False, max_length=20000)
    areas_for_development = forms.CharField(
        label="Areas for development", widget=forms.Textarea, required=False, max_length=20000
    )
    direction = forms.ChoiceField(
        label="Is the council moving in the right direction?",
        choices=Direction.choices,
        widget=forms.RadioSelect,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def finding_values(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[name]
            for name in ("people_told_us", "strengths", "areas_for_development", "direction")
        }


class ChallengeForm(ReviewForm):
    SUMMARY = "summary"

    on = forms.ChoiceField(label="What are you challenging?")
    kind = forms.ChoiceField(
        label="Type of challenge", choices=ChallengeKind.choices, widget=forms.RadioSelect
    )
    text_challenged = forms.CharField(
        label="Text you are challenging",
        widget=forms.Textarea,
        max_length=5000,
        help_text="Copy the words from the draft.",
        error_messages={"required": "Enter the text you are challenging"},
    )
    proposed_correction = forms.CharField(
        label="Your proposed correction",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter your proposed correction"},
    )
    evidence_note = forms.CharField(
        label="Supporting evidence",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        help_text="A reference the team can check (a document, page or link), or attach a file "
        "below. Required for a factually inaccurate statement; optional otherwise. Facts must "
        "be as at the time of the assessment.",
    )
    files = MultipleFileField(
        label="Supporting documents (optional)",
        required=False,
        help_text=f"Up to {MAX_CHALLENGE_FILES} files: {uploads.ALLOWED_DESCRIPTION}.",
    )
    # A double click or a second tab sends one challenge, and one email (core.idempotency).
    idempotency_key = IdempotencyKeyField()

    # A file kept from an earlier failed post of this form counts as supporting evidence; the
    # view sets this from core.uploads.kept_files before validating.
    has_kept_files = False

    def __init__(self, *args, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = {str(statement.pk): statement for statement in statements}
        self.fields["on"].choices = [
            ("", "Choose"),
            (self.SUMMARY, "The summary"),
            *[(key, str(statement)) for key, statement in self.statements.items()],
        ]
        self.fields["on"].error_messages["required"] = "Choose what you are challenging"
        self.fields["kind"].error_messages["required"] = "Choose the type of challenge"

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_CHALLENGE_FILES:
            raise ValidationError(f"Attach no more than {MAX_CHALLENGE_FILES} files")
        errors = []
        for uploaded in files:
            try:
                uploads.validate_upload(uploaded)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return files

    def clean(self):
        data = super().clean()
        if (
            data.get("kind") == ChallengeKind.FACTUAL
            and not (data.get("evidence_note") or "").strip()
            and not data.get("files")
            and not self.has_kept_files
            and "files" not in self.errors
        ):
            self.add_error(
                "evidence_note",
                "A factually inaccurate statement needs supporting evidence: give a reference "
                "or attach a file",
            )
        return data

    @property
    def statement(self) -> QualityStatement | None:
        on = self.cleaned_data["on"]
        return None if on == self.SUMMARY else self.statements[on]


class DecisionForm(ReviewForm):
    decision = forms.ChoiceField(
        choices=[
            (ChallengeDecision.ACCEPTED, "Accepted: the draft will be changed"),
            (ChallengeDecision.NOT_ACCEPTED, "Not accepted"),
        ],
        widget=forms.RadioSelect,
        label="Decision",
        error_messages={"required": "Choose a decision"},
    )
    change_made = forms.CharField(
        label="Change made (if accepted)",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        help_text="Recorded and shown to the council.",
    )
    reason = forms.CharField(
        label="Reason (if not accepted)", widget=forms.Textarea, required=False, max_length=5000
    )
    new_score = forms.TypedChoiceField(
        label="Change the statement's score (if accepted)",
        choices=[("", "Keep the score"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="The change made is recorded as the reason; the rating is recomputed and "
        "the council sees the old and new score.",
    )

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == ChallengeDecision.ACCEPTED and not data.get("change_made", "").strip():
            self.add_error("change_made", "Describe the change made")
        if decision == ChallengeDecision.NOT_ACCEPTED and not data.get("reason", "").strip():
            self.add_error("reason", "Give the reason the challenge is not accepted")
        return data


class DeadlineExtensionForm(ReviewForm):
    new_due_on = GovukDateField(label="New deadline", help_text="For example, 27 3 2026")
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Give the reason for the extension"},
    )


# ---- issue 16: confirmation, early publication, publication pauses -------------------------


class ConfirmationForm(ReviewForm):
    kind = forms.ChoiceField(
        label="What do you confirm?",
        choices=ConfirmationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you confirm"},
    )


class PublicationOverrideForm(ReviewForm):
    reason = forms.CharField(
        label="Why publish before the end of the factual accuracy check?",
        widget=forms.Textarea,
        max_length=5000,
        help_text="Recorded and shown on the assessment.",
        error_messages={"required": "Give the reason for publishing early"},
    )


class PublicationPauseForm(ReviewForm):
    name = forms.CharField(
        label="Name of the period",
        max_length=200,
        help_text="For example, the pre-election period for the local elections.",
        error_messages={"required": "Enter the name of the period"},
    )
    starts_on = GovukDateField(label="First day")
    ends_on = GovukDateField(label="Last day")
    councils = forms.ModelMultipleChoiceField(
        label="Councils (leave empty for all councils)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # A double click or a second tab adds the pause once (core.idempotency).
    idempotency_key = IdempotencyKeyField()

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["councils"].queryset = councils

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The last day must be on or after the first day")
        return data


class PauseEndForm(forms.Form):
    """No fields: posting it confirms ending the pause; a refusal shows in its error summary."""
