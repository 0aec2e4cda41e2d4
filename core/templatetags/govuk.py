"""Template helpers for GOV.UK Frontend patterns and the product's own components."""

from django import template
from django.utils.html import format_html

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
