"""Template helpers for GOV.UK Frontend patterns and the product's own components."""

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from assessments import scoring

register = template.Library()


@register.filter
def rating_label(rating: str | None) -> str:
    if not rating:
        return "Not yet rated"
    return scoring.RATING_LABELS.get(rating, rating)


@register.simple_tag
def rating_tag(rating: str | None, indicative: bool = False):
    """A coloured rating badge; pilot ratings always say 'indicative'."""
    label = rating_label(rating)
    css = rating or "none"
    if indicative and rating:
        return format_html(
            '<span class="app-rating app-rating--{}">{}</span> '
            '<span class="app-indicative">(indicative)</span>',
            css,
            label,
        )
    return format_html('<span class="app-rating app-rating--{}">{}</span>', css, label)


@register.filter
def score_descriptor(score: int | None) -> str:
    return scoring.descriptor(score) if score else "Not yet scored"


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for pagination and sorting).

    A cached fragment, rendered without a request, passes its canonical query as
    `base_query` instead (a QueryDict of the filters it was rendered for)."""
    base = context.get("base_query")
    query = (base if base is not None else context["request"].GET).copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def field_type(bound_field) -> str:
    return bound_field.field.widget.__class__.__name__.lower()


@register.filter
def select_options(bound_field) -> SafeString:
    """The <option> elements of a select field, selected as Django's Select marks them (the
    widget's formatted value; one option at most unless the widget takes several).

    Built in one pass: looping over the bound field in the template builds a subwidget and
    resolves four variables per option, which on the search page's council and assessment
    filters (hundreds of options) cost more than the rest of the page."""
    widget = bound_field.field.widget
    wanted = set(widget.format_value(bound_field.value()))
    several = widget.allow_multiple_selected
    found = False

    def option(value, label) -> SafeString:
        nonlocal found
        text = "" if value is None else str(value)
        selected = text in wanted and (several or not found)
        found = found or selected
        return format_html(
            '<option value="{}"{}>{}</option>', text, " selected" if selected else "", label
        )

    parts = []
    for value, label in bound_field.field.choices:
        if isinstance(label, (list, tuple)):  # an optgroup: (group label, [(value, label), ...])
            inner = format_html_join("", "{}", ((option(*choice),) for choice in label))
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', value, inner))
        else:
            parts.append(option(value, label))
    return format_html_join("", "{}", ((part,) for part in parts))


@register.simple_tag(takes_context=True)
def error_summary_forms(context) -> list:
    """The forms an error summary lists: `form`, and `form2` when a page posts two forms
    together (one summary for the page)."""
    return [context[name] for name in ("form", "form2") if context.get(name)]


@register.filter
def error_anchor(bound_field) -> str:
    """The id an error summary link points at: the field's control; for a group of radios
    or checkboxes its first input (the group itself has no id, GOV.UK links to the first);
    for a hidden field, the form's first visible field."""
    if bound_field.is_hidden:
        return form_error_anchor(bound_field.form)
    if isinstance(bound_field.field.widget, forms.RadioSelect):  # also CheckboxSelectMultiple
        options = bound_field.subwidgets
        if options:
            return options[0].id_for_label
    return bound_field.id_for_label or bound_field.auto_id


@register.filter
def form_error_anchor(form) -> str:
    """Where an error about the whole form links to: its first visible field ("" if none)."""
    for bound_field in form.visible_fields():
        return error_anchor(bound_field)
    return ""
