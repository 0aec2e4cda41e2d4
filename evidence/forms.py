"""Forms for evidence. They parse input; the services decide and save."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from assessments.models import Assessment, EvidenceCategory, QualityStatement
from core.forms import GovukDateField, MultipleFileField
from core.idempotency import IdempotencyKeyField
from evidence import selectors
from evidence.models import EvidenceDirection, Route, SourceType

# Shared with the API (evidence.apis), shown by the GOV.UK character count. Long source
# documents are attached as files, not pasted.
NARRATIVE_MAX_LENGTH = 20_000


class EvidenceForm(forms.Form):
    """Create or edit an evidence item. The category must apply to every chosen statement."""

    statements = forms.ModelMultipleChoiceField(
        queryset=QualityStatement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Quality statements",
        help_text="Select every quality statement this evidence informs.",
        error_messages={"required": "Select at least one quality statement"},
    )
    category = forms.ModelChoiceField(
        queryset=EvidenceCategory.objects.none(),
        label="Evidence category",
        empty_label="Choose a category",
        help_text="Only categories that apply to all the selected statements are offered.",
        error_messages={
            "required": "Select an evidence category",
            "invalid_choice": "Select a category that applies to the selected statements",
        },
    )
    route = forms.ChoiceField(
        choices=Route.choices,
        widget=forms.RadioSelect,
        label="How the evidence was obtained",
        error_messages={"required": "Select how the evidence was obtained"},
    )
    source_type = forms.ChoiceField(
        choices=[("", "Choose a source"), *SourceType.choices],
        label="Source",
        error_messages={"required": "Select the source of the evidence"},
    )
    title = forms.CharField(
        max_length=200,
        label="Title",
        error_messages={
            "required": "Enter a title",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    narrative = forms.CharField(
        widget=forms.Textarea,
        label="What the evidence shows",
        max_length=NARRATIVE_MAX_LENGTH,
        error_messages={
            "required": "Enter what the evidence shows",
            "max_length": "What the evidence shows must be 20,000 characters or fewer",
        },
    )
    direction = forms.ChoiceField(
        choices=EvidenceDirection.choices,
        widget=forms.RadioSelect,
        label="Does it point to a strength or a shortfall?",
        error_messages={"required": "Select whether it points to a strength or a shortfall"},
    )
    effective_date = GovukDateField(
        label="Date of the evidence",
        help_text="When the evidence is from, not today's date. For example, 27 3 2024",
    )
    contains_personal_data = forms.BooleanField(
        required=False,
        label="Contains personal data",
        help_text="Only the assessment team will see it; council leads will not.",
    )
    attachments = MultipleFileField(
        required=False,
        label="Attach files",
        help_text="",
    )
    upload_tokens = forms.CharField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # A double click or a second tab posting the same form records one item (core.idempotency).
    idempotency_key = IdempotencyKeyField()

    def __init__(self, *args, assessment: Assessment, size_limit_text: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        self.fields["statements"].queryset = QualityStatement.objects.filter(
            framework_id=assessment.framework_id
        ).order_by("number")
        chosen = self._chosen_statement_ids()
        self.fields["category"].queryset = selectors.categories_for_statements(
            framework_id=assessment.framework_id, statement_ids=chosen
        )
        self.fields["attachments"].help_text = (
            f"PDF, DOCX, XLSX, CSV, PNG or JPEG. Each file must be smaller than "
            f"{size_limit_text}. You can choose several."
        )

    def _chosen_statement_ids(self) -> list:
        if self.is_bound:
            return self.data.getlist(self.add_prefix("statements"))
        initial = self.initial.get("statements") or []
        return [getattr(s, "pk", s) for s in initial]

    def clean_effective_date(self):
        value = self.cleaned_data["effective_date"]
        if value and value > timezone.localdate():
            raise forms.ValidationError("Date of the evidence must be today or in the past")
        return value

    def tokens(self) -> list[str]:
        raw = self.data.get(self.add_prefix("upload_tokens"), "") if self.is_bound else ""
        return [token for token in raw.split(",") if token.strip()]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea,
        label="Why is this evidence being withdrawn?",
        help_text="The item stays in the record, marked as withdrawn.",
        max_length=5000,
        error_messages={
            "required": "Enter why the evidence is being withdrawn",
            "max_length": "The reason must be 5,000 characters or fewer",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class StatementFilterForm(forms.Form):
    """Filters of a statement's evidence list (GET)."""

    q = forms.CharField(required=False, label="Search title and narrative", max_length=200)
    category = forms.ModelChoiceField(
        queryset=EvidenceCategory.objects.none(), required=False, empty_label="All categories"
    )
    route = forms.ChoiceField(choices=[("", "All routes"), *Route.choices], required=False)
    source_type = forms.ChoiceField(
        choices=[("", "All sources"), *SourceType.choices], required=False, label="Source"
    )
    direction = forms.ChoiceField(
        choices=[("", "Any direction"), *EvidenceDirection.choices], required=False
    )
    withdrawn = forms.BooleanField(required=False, label="Include withdrawn evidence")

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories

    def select_options(self) -> list[dict]:
        """The select filters as plain values for the template: name, label, options and the
        current value (strings, so the template compares like with like)."""
        selects = []
        for name in ("category", "route", "source_type", "direction"):
            bound = self[name]
            current = bound.value()
            selects.append(
                {
                    "name": name,
                    "label": bound.label,
                    "options": [(str(value), text) for value, text in bound.field.choices],
                    "current": "" if current is None else str(current),
                }
            )
        return selects
