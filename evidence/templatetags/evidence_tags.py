"""Template helpers for evidence pages and change history."""

import datetime

from django import template
from django.template.defaultfilters import filesizeformat
from django.urls import get_script_prefix, reverse

from assessments.models import AssessmentKind, AssessmentStatus
from evidence.models import EvidenceDirection, Route, SourceType

register = template.Library()

ACTION_LABELS = {
    "evidence.create": "Recorded",
    "evidence.update": "Changed",
    "evidence.withdraw": "Withdrawn",
    "assessment.create": "Assessment created",
    "assessment.update": "Assessment changed",
}


@register.filter
def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action.replace(".", " ").replace("_", " ").capitalize())


# Recorded values of choice fields are codes; history shows their labels.
CHOICE_LABELS = {
    "route": dict(Route.choices),
    "source_type": dict(SourceType.choices),
    "direction": dict(EvidenceDirection.choices),
    "kind": dict(AssessmentKind.choices),
    "status": dict(AssessmentStatus.choices),
}


@register.filter
def history_value(value, field_name: str = "") -> str:
    """A recorded before/after value as text (lists joined, empty shown as a dash, codes of
    choice fields as their labels)."""
    if value is None or value == "" or value == []:
        return "–"
    labels = CHOICE_LABELS.get(field_name)
    if labels and isinstance(value, str):
        return str(labels.get(value, value))
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, str) and len(value) == 10:
        try:  # dates are recorded in ISO form; show them as people write them
            return datetime.date.fromisoformat(value).strftime("%-d %B %Y")
        except ValueError:
            pass
    return str(value)


@register.filter
def field_label(name: str, labels: dict | None = None) -> str:
    if labels and name in labels:
        return labels[name]
    return name.replace("_", " ").capitalize()


@register.filter
def file_size(size: int) -> str:
    return filesizeformat(size)


_PLACEHOLDER = 987654321
_detail_url_patterns: dict[str, str] = {}


@register.filter
def evidence_url(pk: int) -> str:
    """The detail URL of an evidence item by its id, reversing the route once per prefix
    (long lists would otherwise resolve the same pattern for every row)."""
    prefix = get_script_prefix()
    pattern = _detail_url_patterns.get(prefix)
    if pattern is None:
        pattern = reverse("evidence:detail", args=[_PLACEHOLDER]).replace(str(_PLACEHOLDER), "{}")
        _detail_url_patterns[prefix] = pattern
    return pattern.format(int(pk))


@register.filter
def short_date(value) -> str:
    """A date as "3 Feb 2025" (GOV.UK style). Cheaper than the `date` filter in long lists."""
    if not value:
        return ""
    return f"{value.day} {value:%b %Y}"
