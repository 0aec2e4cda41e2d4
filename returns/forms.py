"""Forms of the council portal. They parse input; the services decide and save."""

from __future__ import annotations

from django import forms

from assessments.models import Assessment, EvidenceCategory, QualityStatement
from core.forms import GovukDateField, MultipleFileField
from core.idempotency import IdempotencyKeyField
from evidence.models import EvidenceDirection
from returns.models import AnswerStatus
from returns.services.common import TEXT_MAX_CHARS


class OnceForm(forms.Form):
    """A form with a hidden idempotency key (core.idempotency): a repeated post of a create
    creates nothing twice, and files kept after a failed post are keyed to it."""

    idempotency_key = IdempotencyKeyField()


class LinkField(forms.CharField):
    """A web address as text (validated by the service: http or https only)."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            max_length=500,
            label=kwargs.pop("label", "Link to a published page (optional)"),
            help_text="Starting with https:// or http://. We show it as text and never open it.",
            error_messages={"max_length": "The link must be 500 characters or fewer"},
            **kwargs,
        )

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "spellcheck": "false"}


class IssueReturnForm(OnceForm):
    due_on = GovukDateField(label="Due date")


class AnswerForm(OnceForm):
    text = forms.CharField(widget=forms.Textarea, required=False, label="Text (optional)")
    link = LinkField()
    files = MultipleFileField(required=False, label="Upload files (optional)")
    status = forms.ChoiceField(
        choices=AnswerStatus.choices,
        widget=forms.RadioSelect,
        label="Status of this item",
        error_messages={"required": "Select a status"},
    )
    not_held_reason = forms.CharField(
        widget=forms.Textarea,
        required=False,
        label="If not held, why not?",
        help_text="Needed when the status is “Not held”.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea, label="What does the council need to change?",
        error_messages={"required": "Enter what the council needs to change"},
    )  # fmt: skip


# The length guides people are given (a guide, not a limit: the limit is TEXT_MAX_CHARS).
THEME_GUIDE = "about 500 to 1,000 words per theme"
STATEMENT_GUIDE = "about 250 to 500 words per quality statement"


class SelfAssessmentForm(forms.Form):
    """A theme's or a statement's narrative; the GOV.UK character count shows the limit."""

    text = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=TEXT_MAX_CHARS,
        label="Your self-assessment",
        error_messages={
            "max_length": f"Your self-assessment must be {TEXT_MAX_CHARS:,} characters or fewer"
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, statement=None, **kwargs):
        super().__init__(*args, **kwargs)
        guide = STATEMENT_GUIDE if statement is not None else THEME_GUIDE
        self.fields["text"].help_text = (
            f"A guide: {guide}. Strengths, areas to improve and the evidence you rely on. "
            "Drafts are saved and only submitted when you say so."
        )


class RequestForm(OnceForm):
    title = forms.CharField(
        max_length=200, label="What is needed",
        error_messages={"required": "Enter what is needed",
                        "max_length": "What is needed must be 200 characters or fewer"},
    )  # fmt: skip
    reason = forms.CharField(
        widget=forms.Textarea, label="Why it is needed",
        error_messages={"required": "Enter why it is needed"},
    )  # fmt: skip
    statements = forms.ModelMultipleChoiceField(
        queryset=QualityStatement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Quality statements it concerns",
        error_messages={"required": "Select at least one quality statement"},
    )
    due_on = GovukDateField(label="Due date")

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statements"].queryset = QualityStatement.objects.filter(
            framework_id=assessment.framework_id
        ).order_by("number")


class ResponseForm(OnceForm):
    text = forms.CharField(widget=forms.Textarea, required=False, label="Your answer (optional)")
    link = LinkField()
    files = MultipleFileField(required=False, label="Upload files (optional)")


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("accept", "Accept the answer"),
            ("more_needed", "Ask for more"),
            ("withdraw", "Withdraw the request"),
        ],
        widget=forms.RadioSelect,
        label="What do you want to do?",
        error_messages={"required": "Select what you want to do"},
    )
    note = forms.CharField(
        widget=forms.Textarea,
        required=False,
        label="Note for the council",
        help_text="Needed when you ask for more or withdraw the request.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class AcceptEvidenceForm(OnceForm):
    """One step from a council answer to an evidence item; statements and text prefilled."""

    statements = forms.ModelMultipleChoiceField(
        queryset=QualityStatement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Quality statements",
        error_messages={"required": "Select at least one quality statement"},
    )
    category = forms.ModelChoiceField(
        queryset=EvidenceCategory.objects.none(),
        label="Evidence category",
        empty_label="Choose a category",
        error_messages={"required": "Select an evidence category"},
    )
    title = forms.CharField(
        max_length=200, label="Title",
        error_messages={"required": "Enter a title",
                        "max_length": "Title must be 200 characters or fewer"},
    )  # fmt: skip
    narrative = forms.CharField(
        widget=forms.Textarea, label="What the evidence shows",
        error_messages={"required": "Enter what the evidence shows"},
    )  # fmt: skip
    direction = forms.ChoiceField(
        choices=EvidenceDirection.choices,
        widget=forms.RadioSelect,
        initial=EvidenceDirection.NEUTRAL,
        label="Does it point to a strength or a shortfall?",
        error_messages={"required": "Select whether it points to a strength or a shortfall"},
    )
    effective_date = GovukDateField(label="Date of the evidence")

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statements"].queryset = QualityStatement.objects.filter(
            framework_id=assessment.framework_id
        ).order_by("number")
        self.fields["category"].queryset = EvidenceCategory.objects.filter(
            framework_id=assessment.framework_id, in_use=True
        ).order_by("order")


class InviteForm(OnceForm):
    full_name = forms.CharField(
        max_length=150, label="Full name", error_messages={"required": "Enter the full name"}
    )
    email = forms.CharField(
        max_length=254, label="Email address",
        error_messages={"required": "Enter an email address"},
    )  # fmt: skip
