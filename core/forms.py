"""Form fields every app's forms share, in the GOV.UK Design System's words.

Forms parse input; services decide and save. These fields only turn typed text and chosen
files into values, so each app's form says the same thing the same way.
"""

from __future__ import annotations

from django import forms

# What people type for a date in these forms: 27/3/2024 first (the hint), ISO for pasting.
DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]


def as_typed_date(value) -> str:
    """A date as people type it in these forms (27/3/2024), for a form's initial value."""
    return f"{value.day}/{value.month}/{value.year}" if value else ""


class GovukDateField(forms.DateField):
    """A date typed as 27/3/2024 (or 2024-03-27) in one text input with a numeric keyboard,
    with GOV.UK-style messages: "Enter the <label>" and "<label> must be a real date"."""

    def __init__(
        self,
        *,
        label: str,
        required: bool = True,
        example: str = "27/3/2024",
        input_formats: list[str] | None = None,
        **kwargs,
    ):
        kwargs.setdefault("help_text", f"For example, {example}")
        super().__init__(
            label=label,
            required=required,
            input_formats=input_formats or DATE_FORMATS,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            error_messages={
                "required": f"Enter the {label.lower()}",
                "invalid": f"{label} must be a real date, for example {example}",
            },
            **kwargs,
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input, cleaned to a list (empty when none was chosen).

    Each file is only parsed here; whether it is acceptable (empty, too large, its type) is
    decided by the one upload check, `core.uploads.validate_upload`, so an empty file gets
    that check's message rather than Django's.
    """

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_empty_file", True)
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]
