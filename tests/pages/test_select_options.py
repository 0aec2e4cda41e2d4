"""A select's options (pages.templatetags.govuk.select_options) are the ones Django's own
Select widget renders: same values, same labels, escaped, and the same option selected."""

import re

import pytest
from django import forms

from councils.models import Council
from pages.templatetags.govuk import select_options

SIZES = [("", "Any size"), ("s", "Small <1k"), ("m", "Medium & up")]
GROUPED = [("", "Any"), ("North", [("ne", "North East"), ("nw", "North West")]), ("x", "Other")]


class FilterForm(forms.Form):
    size = forms.ChoiceField(choices=SIZES, required=False)
    region = forms.ChoiceField(choices=GROUPED, required=False)
    several = forms.MultipleChoiceField(choices=SIZES[1:], required=False)


def django_options(bound_field) -> list[tuple[str, str, bool]]:
    """(value, label, selected) of each option as Django's widget renders it."""
    return [
        (str(option.data["value"]), option.choice_label, option.data["selected"])
        for option in bound_field
    ]


def our_options(bound_field) -> list[tuple[str, str, bool]]:
    html = str(select_options(bound_field))
    return [
        (value, label.replace("&lt;", "<").replace("&amp;", "&"), bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html
        )
    ]


@pytest.mark.parametrize(
    "data",
    [None, {}, {"size": "s", "region": "nw", "several": ["s", "m"]}, {"size": "nope"}],
)
def test_options_match_djangos_own(data):
    form = FilterForm(data) if data is not None else FilterForm(initial={"size": "m"})
    for name in ("size", "several"):
        assert our_options(form[name]) == django_options(form[name]), name
    # The optgroup keeps its label and its options' order.
    html = str(select_options(form["region"]))
    assert '<optgroup label="North"><option value="ne"' in html
    assert [value for value, *_ in our_options(form["region"])] == ["", "ne", "nw", "x"]


def test_labels_are_escaped_and_the_value_selected():
    form = FilterForm({"size": "s", "region": "nw"})
    html = str(select_options(form["size"]))
    assert '<option value="s" selected>Small &lt;1k</option>' in html
    assert '<option value="m">Medium &amp; up</option>' in html
    assert html.count(" selected") == 1
    assert '<option value="nw" selected>North West</option>' in str(select_options(form["region"]))


@pytest.mark.django_db
def test_a_model_choice_selects_its_instance():
    first, second = Council.objects.order_by("pk")[:2]

    class CouncilForm(forms.Form):
        council = forms.ModelChoiceField(Council.objects.order_by("pk"), required=False)

    form = CouncilForm(initial={"council": second})
    options = our_options(form["council"])
    assert options == django_options(form["council"])
    assert (str(second.pk), second.name, True) in options
    assert (str(first.pk), first.name, False) in options
