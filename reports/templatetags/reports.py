"""The report status panel as a tag, so the assessment page needs no report code in its view."""

from django import template

register = template.Library()


@register.inclusion_tag("reports/_report_panel.html", takes_context=True)
def report_panel(context, assessment):
    from reports.views import panel_context

    return panel_context(user=context["request"].user, assessment=assessment) | {
        "csrf_token": context.get("csrf_token")
    }
