"""The GOV.UK date input (core.forms): one field for every date the service asks for."""

import datetime
import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse

from core.forms import DateParts, GovukDateField


class WhenForm(forms.Form):
    when = GovukDateField(label="Date of the visit")


def _post(**parts) -> WhenForm:
    return WhenForm({f"when-{name}": value for name, value in parts.items()})


def test_three_boxes_make_a_date():
    form = _post(day="7", month="03", year="2025")
    assert form.is_valid()
    assert form.cleaned_data["when"] == datetime.date(2025, 3, 7)


@pytest.mark.parametrize(
    ("parts", "error"),
    [
        ({}, "Enter the date of the visit"),
        ({"day": "7", "year": "2025"}, "Date of the visit must include a month"),
        ({"day": "7"}, "Date of the visit must include a month and a year"),
        ({"day": "31", "month": "2", "year": "2025"}, "Date of the visit must be a real date"),
        ({"day": "1", "month": "2", "year": "25"}, "Date of the visit must be a real date"),
        ({"day": "one", "month": "2", "year": "2025"}, "Date of the visit must be a real date"),
    ],
)
def test_govuk_error_messages(parts, error):
    form = _post(**parts)
    assert not form.is_valid()
    assert form.errors["when"] == [error]


def test_what_was_typed_is_shown_again():
    form = _post(day="31", month="2", year="2025")
    form.is_valid()
    assert form["when"].value() == DateParts("31", "2", "2025")


def test_a_date_or_a_typed_date_fills_the_boxes():
    assert WhenForm(initial={"when": datetime.date(2024, 3, 27)})["when"].value() == DateParts(
        "27", "3", "2024"
    )
    assert WhenForm(initial={"when": "27/3/2024"})["when"].value() == DateParts("27", "3", "2024")


def test_one_typed_value_is_accepted_from_older_clients():
    form = WhenForm({"when": "2024-03-27"})
    assert form.is_valid() and form.cleaned_data["when"] == datetime.date(2024, 3, 27)


def test_the_error_summary_links_to_the_day_box():
    form = _post(day="", month="", year="")
    form.is_valid()
    assert form["when"].id_for_label == "id_when-day"


def _project_forms():
    """Every Form class defined in the project's apps."""
    root = Path(settings.BASE_DIR)
    for path in sorted(root.glob("*/*forms*.py")):
        if path.parts[-2] in {".venv", "node_modules", "tests"}:
            continue
        module = importlib.import_module(f"{path.parts[-2]}.{path.stem}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_date_in_every_form_uses_the_govuk_date_input():
    found = list(_project_forms())
    assert len(found) > 10
    offenders = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in found
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField) or getattr(field.widget, "input_type", "") == "date"
    ]
    assert offenders == []


def test_no_template_uses_a_browser_date_picker():
    templates = Path(settings.BASE_DIR) / "templates"
    assert [p.name for p in templates.rglob("*.html") if 'type="date"' in p.read_text()] == []


@pytest.mark.django_db
def test_exports_use_the_govuk_date_input(client, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse("reports:exports")).content.decode()
    assert 'type="date"' not in html
    for name in ("published_from", "published_to"):
        for part in ("day", "month", "year"):
            assert f'name="{name}-{part}"' in html
    assert html.count('class="govuk-date-input"') == 2


@pytest.mark.django_db
def test_a_bulk_export_reads_its_dates_from_the_boxes(client, admin_user):
    client.force_login(admin_user)
    data = {"region": ""}
    for name, typed in {"published_from": "1 6 2025", "published_to": "1 1 2025"}.items():
        d, m, y = typed.split()
        data |= {f"{name}-day": d, f"{name}-month": m, f"{name}-year": y}
    html = client.post(reverse("reports:exports"), data).content.decode()
    assert "must be on or after the other" in html
