"""Forms for assessments. They parse input; the services decide and save."""

from __future__ import annotations

from django import forms

from accounts.models import User
from accounts.roles import GROUP_NAMES, Role
from assessments.models import AssessmentKind
from councils.models import Council

DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]


def assessor_choices():
    return User.objects.filter(groups__name=GROUP_NAMES[Role.ASSESSOR], is_active=True).order_by(
        "full_name", "username"
    )


def _date_field(label: str, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text="For example, 27/3/2024",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"{label} must be a real date, for example 27/3/2024",
        },
    )


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
