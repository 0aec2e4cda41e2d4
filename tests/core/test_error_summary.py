"""The shared GOV.UK error summary: every link points at an element on the page."""

import re

from django import forms
from django.template.loader import render_to_string


class ExampleForm(forms.Form):
    name = forms.CharField()
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    tags = forms.MultipleChoiceField(
        choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Something about the whole form")


def _page(form, **extra) -> str:
    summary = render_to_string("includes/error_summary.html", {"form": form, **extra})
    fields = "".join(
        render_to_string("includes/field.html", {"field": form[name]})
        for name in ("name", "kind", "tags")
    )
    return summary + fields + str(form["version"])


def test_each_link_targets_an_id_on_the_page_and_groups_link_to_their_first_input():
    form = ExampleForm({})
    html = _page(form)
    links = re.findall(r'<a href="#([^"]*)">', html)
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert links and all(link in ids for link in links), (links, ids)
    assert 'href="#id_kind_0">This field is required.' in html  # radios: the first input
    assert 'href="#id_tags_0">This field is required.' in html  # checkboxes: the first box
    # The form-wide error and the hidden field's error link to the first visible field.
    assert '<a href="#id_name">Something about the whole form</a>' in html
    assert html.count('href="#id_name"') == 3


def test_a_second_form_posted_with_the_first_is_listed_in_the_same_summary():
    first, second = ExampleForm({"name": "x"}, prefix="one"), ExampleForm({}, prefix="two")
    first.is_valid(), second.is_valid()
    html = render_to_string("includes/error_summary.html", {"form": first, "form2": second})
    assert html.count('class="govuk-error-summary"') == 1
    assert 'href="#id_one-kind_0"' in html and 'href="#id_two-kind_0"' in html


def test_no_summary_without_errors():
    form = ExampleForm({"name": "x", "kind": "a", "tags": ["x"], "version": "1"})
    form.clean = lambda: form.cleaned_data
    assert form.is_valid()
    assert render_to_string("includes/error_summary.html", {"form": form}).strip() == ""
