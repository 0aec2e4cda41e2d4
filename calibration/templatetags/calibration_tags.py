"""The quality assurance panel calibration adds to the assessment page (issue 16)."""

from django import template

import policy
from calibration import selectors
from reviews import selectors as review_selectors

register = template.Library()


@register.inclusion_tag("calibration/_assessment_panel.html", takes_context=True)
def quality_assurance_panel(context, assessment):
    """For the team and admins: the panel's status, the council's confirmation and any
    early-publication override (with its reason)."""
    user = context["request"].user
    if not policy.can_view_calibration(user, assessment):
        return {"show": False}
    panel = selectors.panel_of(assessment=assessment)
    return {
        "show": True,
        "assessment": assessment,
        "panel": panel,
        "changed": sum(1 for row in panel.outcomes.all() if row.changed) if panel else 0,
        "confirmation": review_selectors.fa_confirmation(assessment=assessment),
        "overrides": review_selectors.publication_overrides(assessment=assessment),
    }
