"""Form fields every app's forms share, in the GOV.UK Design System's words.

Forms parse input; services decide and save. These fields only turn typed text and chosen
files into values, so each app's form says the same thing the same way.

Dates: every form asks for a date with `GovukDateField`, the GOV.UK date input (day, month
and year in three boxes, rendered by `templates/includes/date_input.html` through
`includes/field.html`), so dates look and behave the same everywhere: no browser date picker,
no free-text box, GOV.UK's error messages. The boxes are posted as `<name>-day`,
`<name>-month` and `<name>-year`. A single typed value under `<name>` (27/3/2024 or
2024-03-27) is accepted too, for clients and tests that post one.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")
# The single-value forms accepted alongside the three boxes: 27/3/2024 first, ISO for pasting.
TYPED_FORMATS = ("%d/%m/%Y", "%d %m %Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")


def as_typed_date(value) -> str:
    """A date as people type it (27/3/2024), for a form's initial value; the date input
    splits it into its three boxes."""
    return f"{value.day}/{value.month}/{value.year}" if value else ""


class DateParts(NamedTuple):
    """What the three boxes show: as typed when the form is re-shown, else from a date."""

    day: str = ""
    month: str = ""
    year: str = ""


def parse_typed_date(value: str) -> datetime.date | None:
    """A date typed in one box (27/3/2024, 2024-03-27...), or None if it is not one."""
    for fmt in TYPED_FORMATS:
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def date_parts(value) -> DateParts:
    """The boxes' contents for a date, a typed string, or the posted parts."""
    if isinstance(value, DateParts):
        return value
    if isinstance(value, datetime.date):
        return DateParts(str(value.day), str(value.month), str(value.year))
    if isinstance(value, tuple | list) and len(value) == 3:
        return DateParts(*(str(part) for part in value))
    if isinstance(value, str) and value:
        parsed = parse_typed_date(value)
        return date_parts(parsed) if parsed else DateParts(day=value)
    return DateParts()


class GovukDateInput(forms.Widget):
    """Three boxes (day, month, year). Rendered by the GOV.UK include, not by Django."""

    def value_from_datadict(self, data, files, name):
        parts = DateParts(*(data.get(f"{name}-{part}", "") for part in PARTS))
        if not any(parts) and data.get(name):
            return data.get(name)  # one typed value
        return parts

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}-{part}" in data for part in PARTS)

    def id_for_label(self, id_):
        # The label of the group is a legend; an error summary link goes to the day box.
        return f"{id_}-day" if id_ else ""


class GovukDateField(forms.Field):
    """A date from the GOV.UK date input, with the Design System's error messages:
    "Enter the date of ...", "... must include a month", "... must be a real date"."""

    widget = GovukDateInput

    def __init__(
        self,
        *,
        label: str,
        required: bool = True,
        help_text: str = "For example, 27 3 2024",
        **kwargs,
    ):
        self.name_in_errors = label
        kwargs.setdefault(
            "error_messages",
            {
                "required": f"Enter the {label[0].lower()}{label[1:]}",
                "invalid": f"{label} must be a real date",
            },
        )
        super().__init__(label=label, required=required, help_text=help_text, **kwargs)

    def to_python(self, value):
        if value in (None, "") or value == DateParts():
            return None
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            parsed = parse_typed_date(value)
            if parsed is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            return parsed
        parts = DateParts(*(str(part).strip() for part in value))
        if not any(parts):
            return None
        missing = [name for name, part in zip(PARTS, parts, strict=True) if not part]
        if missing:
            raise ValidationError(
                f"{self.name_in_errors} must include a {' and a '.join(missing)}",
                code="incomplete",
            )
        if not all(part.isdigit() for part in parts) or len(parts.year) != 4:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return datetime.date(int(parts.year), int(parts.month), int(parts.day))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value) -> DateParts:
        return date_parts(value)


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
