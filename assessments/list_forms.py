"""The assessments list's search and filter form (GET): it parses, the selector decides."""

from __future__ import annotations

from django import forms

from assessments.models import AssessmentKind, AssessmentStatus
from assessments.selectors.listing import DEFAULT_SORT, SORTS, ListFilters
from councils import selectors as council_selectors


class AssessmentListForm(forms.Form):
    """Unknown or bad values are dropped rather than refused: a list link always opens."""

    q = forms.CharField(label="Council", required=False, max_length=100)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "All statuses"), *AssessmentStatus.choices]
    )
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "All kinds"), *AssessmentKind.choices]
    )
    region = forms.ChoiceField(label="Region", required=False)
    mine = forms.BooleanField(label="Only assessments assigned to me", required=False)
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for name in SORTS for key in (name, f"-{name}")],
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, offer_mine: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "All regions"), *council_selectors.region_choices()]
        if not offer_mine:
            del self.fields["mine"]

    def filters(self) -> ListFilters:
        self.is_valid()
        data = self.cleaned_data  # only the fields that were valid
        return ListFilters(
            search=data.get("q") or "",
            status=data.get("status") or "",
            kind=data.get("kind") or "",
            region=data.get("region") or "",
            assigned_to_me=bool(data.get("mine")),
            sort=data.get("sort") or DEFAULT_SORT,
        )


def sort_columns(current: str) -> list[dict]:
    """The sortable column headings: each one's sort key next time, and its aria-sort."""
    columns = []
    for key, label in LIST_COLUMNS:
        state = "ascending" if current == key else "descending" if current == f"-{key}" else "none"
        columns.append(
            {"label": label, "aria_sort": state, "sort": f"-{key}" if state == "ascending" else key}
        )
    return columns


LIST_COLUMNS = [
    ("council", "Council"),
    ("region", "Region"),
    ("kind", "Kind"),
    ("status", "Status"),
    ("lead", "Lead assessor"),
    ("deadline", "Next deadline"),
]
