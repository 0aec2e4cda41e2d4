"""Forms for assessments: dates and team, scoring, the what-if preview and the import of
published results."""

from __future__ import annotations

import re

from django import forms
from django.forms.utils import pretty_name

from accounts.models import User
from accounts.roles import GROUP_NAMES, Role
from assessments import scoring
from assessments.models import AssessmentKind
from assessments.results_import import RESULTS_CSV_FORMAT
from core.forms import GovukDateField
from councils.models import Council

SCORE_CHOICES = [(str(n), scoring.descriptor(n)) for n in range(1, 5)]
NOT_SCORED = [("", "Not scored")]


# The same limit as the API (assessments.apis); shown by the GOV.UK character count.
RATIONALE_MAX_LENGTH = 10_000


class StatementScoreForm(forms.Form):
    """The current rule: one score for the statement, with its rationale."""

    score = forms.TypedChoiceField(
        label="Score",
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a score from 1 to 4"},
    )
    rationale = forms.CharField(
        label="Rationale",
        help_text="Why the evidence supports this score. Shown in the report.",
        widget=forms.Textarea,
        max_length=RATIONALE_MAX_LENGTH,
        error_messages={
            "required": "Enter the rationale for the score",
            "max_length": "Rationale must be 10,000 characters or fewer",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def scores_for_preview(self) -> int | None:
        value = self.data.get("score")
        return int(value) if value in {"1", "2", "3", "4"} else None


class CategoryScoreForm(forms.Form):
    """The earlier rule: one score per evidence category of the statement, and a rationale."""

    rationale = forms.CharField(
        label="Rationale",
        help_text="Why the evidence supports these scores. Shown in the report.",
        widget=forms.Textarea,
        max_length=RATIONALE_MAX_LENGTH,
        error_messages={
            "required": "Enter the rationale for the score",
            "max_length": "Rationale must be 10,000 characters or fewer",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, categories=(), **kwargs):
        """`categories`: (EvidenceCategory, required) pairs that apply to the statement."""
        super().__init__(*args, **kwargs)
        self.categories = list(categories)
        fields = {}
        for category, required in self.categories:
            fields[self.field_name(category.code)] = forms.TypedChoiceField(
                label=category.name,
                choices=SCORE_CHOICES if required else [*SCORE_CHOICES, *NOT_SCORED],
                coerce=int,
                empty_value=None,
                required=required,
                widget=forms.RadioSelect,
                help_text="Required for every statement." if required else "",
                error_messages={"required": f"Choose a score for {category.name.lower()}"},
            )
        # Category fields first, then the rationale, as the page reads.
        self.fields = {**fields, **self.fields}

    @staticmethod
    def field_name(code: str) -> str:
        return f"category_{code.replace('-', '_')}"

    def category_scores(self) -> dict[str, int | None]:
        return {
            category.code: self.cleaned_data.get(self.field_name(category.code))
            for category, _ in self.categories
        }

    def scores_for_preview(self) -> dict[str, int | None]:
        """The category scores as typed so far (for the what-if preview, before validation)."""
        given = {}
        for category, _ in self.categories:
            value = self.data.get(self.field_name(category.code))
            given[category.code] = int(value) if value in {"1", "2", "3", "4"} else None
        return given


class WhatIfForm(forms.Form):
    """Nine statement scores to preview the overall result with, before anything is saved."""

    def __init__(self, *args, statements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = list(statements)
        for statement in self.statements:
            self.fields[f"score_{statement.number}"] = forms.TypedChoiceField(
                label=str(statement),
                choices=[*NOT_SCORED, *SCORE_CHOICES],
                coerce=int,
                empty_value=None,
                required=False,
            )

    def scores(self) -> dict[int, int | None]:
        return {s.number: self.cleaned_data.get(f"score_{s.number}") for s in self.statements}


class ResultsImportForm(forms.Form):
    MAX_BYTES = 2 * 1024 * 1024

    file = forms.FileField(
        label="Results file (CSV)",
        help_text=(
            "Columns: gss_code, council (optional), published (YYYY-MM or YYYY-MM-DD), "
            "rating, score_1 to score_9."
        ),
        error_messages={"required": "Choose a CSV file of published results"},
    )

    format_help = RESULTS_CSV_FORMAT

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The file must be a CSV file")
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 2 MB")
        try:
            self.text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError("The file must be saved as UTF-8 text") from exc
        return upload


# ---- opening an assessment and changing its dates and team ---------------------------


def assessor_choices():
    return User.objects.filter(groups__name=GROUP_NAMES[Role.ASSESSOR], is_active=True).order_by(
        "full_name", "username"
    )


def _date_field(label: str, required: bool = False) -> GovukDateField:
    return GovukDateField(label=label, required=required)


class AssessmentTeamForm(forms.Form):
    """Dates and team: what an admin or the lead assessor may change."""

    notified_on = _date_field("Date the council was notified")
    site_visit_on = _date_field("Site visit date")
    lead_assessor = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        empty_label="Not assigned yet",
        label="Lead assessor",
    )
    assessors = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Assessors",
        help_text="The lead assessor is in the team whether ticked here or not.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = assessor_choices()
        self.fields["lead_assessor"].queryset = people
        self.fields["assessors"].queryset = people

    def clean(self):
        cleaned = super().clean()
        notified, visit = cleaned.get("notified_on"), cleaned.get("site_visit_on")
        if notified and visit and visit < notified:
            self.add_error(
                "site_visit_on",
                "Site visit date must be on or after the date the council was notified",
            )
        return cleaned


class AssessmentCreateForm(AssessmentTeamForm):
    council = forms.ModelChoiceField(
        queryset=Council.objects.order_by("name"),
        label="Council",
        empty_label="Choose a council",
        error_messages={"required": "Select the council to assess"},
    )
    kind = forms.ChoiceField(
        choices=AssessmentKind.choices,
        widget=forms.RadioSelect,
        label="Kind of assessment",
        initial=AssessmentKind.FORMAL,
        error_messages={"required": "Select the kind of assessment"},
    )
    field_order = ["council", "kind", "notified_on", "site_visit_on", "lead_assessor", "assessors"]


class AssessmentEditForm(AssessmentTeamForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


# ---- text limits and workflow steps ----------------------------------------------------


class ReviewForm(forms.Form):
    """GOV.UK wording for text that is too long: 'Strengths must be 20,000 characters or
    fewer' (not Django's 'Ensure this value has at most ...')."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and field.max_length:
                label = re.sub(r"\s*\(.*\)$", "", str(field.label or pretty_name(name)))
                field.error_messages["max_length"] = (
                    f"{label} must be {field.max_length:,} characters or fewer"
                )


class TransitionForm(ReviewForm):
    note = forms.CharField(widget=forms.Textarea, required=False, max_length=5000)

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["note"].label = action.note_label
        self.fields["note"].required = action.note_required
        if action.note_required:
            self.fields["note"].error_messages["required"] = action.note_missing
