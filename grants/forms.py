"""The spending plan form: planned and actual pounds for each condition of the grant."""

from __future__ import annotations

from decimal import Decimal

from django import forms


def _pounds(label: str, *, required: bool) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"The {label.lower()} must be an amount in pounds, like 1250000",
            "min_value": f"The {label.lower()} must be £0 or more",
            "max_digits": f"The {label.lower()} is too large",
            "max_decimal_places": f"The {label.lower()} can have at most 2 decimal places",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )


class SpendingPlanForm(forms.Form):
    def __init__(self, *args, conditions, **kwargs):
        super().__init__(*args, **kwargs)
        self.conditions = list(conditions)
        for condition in self.conditions:
            self.fields[f"planned_{condition.number}"] = _pounds(
                f"Planned spend on condition {condition.number}", required=True
            )
            self.fields[f"planned_{condition.number}"].help_text = condition.wording
            self.fields[f"actual_{condition.number}"] = _pounds(
                f"Actual spend on condition {condition.number}", required=False
            )
            self.fields[f"actual_{condition.number}"].help_text = "Leave empty until known."

    def amounts(self) -> dict:
        data = self.cleaned_data
        return {
            c: (data[f"planned_{c.number}"], data.get(f"actual_{c.number}"))
            for c in self.conditions
        }

    @staticmethod
    def initial_from(plan) -> dict:
        initial = {}
        for line in plan.lines.all():
            initial[f"planned_{line.condition.number}"] = line.planned
            if line.actual is not None:
                initial[f"actual_{line.condition.number}"] = line.actual
        return initial
