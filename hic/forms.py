"""The self-assessment form: the date, then a maturity level and a note for each change."""

from __future__ import annotations

from django import forms

from core.forms import GovukDateField


class SelfAssessmentForm(forms.Form):
    def __init__(self, *args, changes, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.changes = list(changes)
        self.fields["assessed_on"] = GovukDateField(
            label="Date of the self-assessment", help_text="For example, 27 11 2026"
        )
        choices = [("", "Choose a level")] + [
            (str(level.number), f"{level.number}: {level.name}") for level in levels
        ]
        for change in self.changes:
            self.fields[f"level_{change.number}"] = forms.ChoiceField(
                label=f"Change {change.number}: {change.name}",
                choices=choices,
                error_messages={
                    "required": f"Choose the maturity level of change {change.number}",
                    "invalid_choice": f"Choose the maturity level of change {change.number}",
                },
            )
            self.fields[f"note_{change.number}"] = forms.CharField(
                label=f"Note on change {change.number}",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": "The note must be 2,000 characters or fewer"},
            )

    def ratings(self) -> dict:
        data = self.cleaned_data
        return {
            c: (int(data[f"level_{c.number}"]), data.get(f"note_{c.number}", ""))
            for c in self.changes
        }
