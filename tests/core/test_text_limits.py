"""Every free-text box has a limit, shown with the GOV.UK character count; text over the limit
is refused with the form re-shown holding everything typed."""

import importlib

import pytest
from django import forms
from django.urls import reverse

from evidence.models import EvidenceItem

FORM_MODULES = [
    "accounts.forms",
    "assessments.forms",
    "reviews.forms",
    "evidence.forms",
    "national.forms",
    "reports.forms",
]


def _all_form_classes() -> list[type[forms.BaseForm]]:
    for name in FORM_MODULES:
        importlib.import_module(name)
    seen, todo = [], [forms.Form]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.split(".")[0] in {m.split(".")[0] for m in FORM_MODULES}:
                seen.append(sub)
    return seen


def test_every_free_text_box_in_every_form_has_a_limit():
    classes = _all_form_classes()
    assert len(classes) > 10
    unlimited = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in classes
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field.widget, forms.HiddenInput | forms.PasswordInput)
        and field.max_length is None
    ]
    assert unlimited == []


@pytest.mark.django_db
def test_the_narrative_box_shows_the_govuk_character_count(client, assessment, assessor):
    client.force_login(assessor)
    html = client.get(reverse("evidence:create", args=[assessment.pk])).content.decode()
    assert 'class="govuk-form-group govuk-character-count" data-module="govuk-character-count" ' \
        'data-maxlength="20000"' in html  # fmt: skip
    assert 'class="govuk-textarea govuk-js-character-count"' in html
    assert 'id="id_narrative-info"' in html and "You can enter up to 20,000 characters" in html
    assert 'aria-describedby="id_narrative-info' in html
    # The count runs from govuk-frontend's own module, loaded from a file (no inline script).
    assert '<script type="module" src="/static/js/app.mjs"></script>' in html


@pytest.mark.django_db
def test_a_narrative_over_the_limit_is_refused_and_everything_typed_is_kept(
    client, assessment, assessor
):
    from assessments.models import EvidenceCategory

    client.force_login(assessor)
    statement = assessment.framework.quality_statements.get(number=1)
    category = EvidenceCategory.objects.get(
        framework=assessment.framework, code="peoples-experience"
    )
    typed = "Waiting lists grew. " * 16_000  # 320,000 characters, as the issue found
    response = client.post(
        reverse("evidence:create", args=[assessment.pk]),
        {
            "statements": [statement.pk],
            "category": category.pk,
            "route": "requested",
            "source_type": "survey",
            "title": "A long survey",
            "narrative": typed,
            "direction": "neutral",
            "effective_date": "31/3/2025",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "What the evidence shows must be 20,000 characters or fewer" in html
    assert typed in html and 'value="A long survey"' in html
    assert EvidenceItem.objects.count() == 0


@pytest.mark.django_db
def test_the_api_refuses_a_narrative_over_the_limit_with_a_field_error(
    token_client, assessment, assessor
):
    response = token_client(assessor).post(
        reverse("api:evidence-list", args=[assessment.pk]),
        {
            "statements": [1],
            "category": "peoples-experience",
            "route": "requested",
            "source_type": "survey",
            "title": "Survey",
            "narrative": "x" * 20_001,
            "direction": "neutral",
            "effective_date": "2025-03-31",
        },
        format="json",
    )
    assert response.status_code == 400 and "narrative" in response.json()
