"""The panel fieldwork adds to the assessment page: links to the case tracking, the
programme and (for the team) the evidence sufficiency heat-map. It makes no query of its own
(the page's query budget is fixed); the lead assessor's override of the people's-experience
rule shows in the page's change history, with its reason, and on the heat-map."""

from django import template

import policy

register = template.Library()


@register.inclusion_tag("fieldwork/_assessment_panel.html", takes_context=True)
def fieldwork_panel(context, assessment):
    user = context["request"].user
    if not policy.can_view_fieldwork(user, assessment):
        return {"show": False}
    return {"show": True, "team": policy.can_view_cases(user, assessment), "assessment": assessment}
