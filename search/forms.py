"""The advanced search form: the words, and the filters (each optional)."""

from __future__ import annotations

from django import forms

from core.forms import GovukDateField
from councils.models import Council
from search import registry
from search.selectors import SearchFilters


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search for",
        max_length=200,
        required=False,
        help_text='All words must match. Put a phrase in quotes ("carers\' assessments"); end a '
        "word with * to match its start (assess*).",
    )
    kind = forms.ChoiceField(label="Type", required=False)
    council = forms.ModelChoiceField(
        Council.objects.all(), label="Council", required=False, to_field_name="gss_code"
    )
    assessment = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    statement = forms.IntegerField(
        label="Quality statement number", required=False, min_value=1, max_value=99
    )
    category = forms.CharField(label="Evidence category", required=False, max_length=100)
    date_from = GovukDateField(label="From", required=False)
    date_to = GovukDateField(label="To", required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Any type"), *registry.choices()]
        self.fields["council"].empty_label = "Any council"

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return cleaned

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        council = data.get("council")
        return SearchFilters(
            council_id=council.pk if council else None,
            assessment_id=data.get("assessment"),
            statement_number=data.get("statement"),
            kind=data.get("kind") or "",
            category=data.get("category") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )

    def filters_used(self) -> bool:
        names = ("kind", "council", "statement", "category", "date_from", "date_to")
        return any(self.cleaned_data.get(name) for name in names)
