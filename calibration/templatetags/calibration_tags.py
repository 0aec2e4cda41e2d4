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
    panel = selectors.panel_summary(assessment=assessment)
    return {
        "show": True,
        "assessment": assessment,
        "panel": panel,
        "changed": panel.changed if panel else 0,
        # Both exist only once the draft was sent: no query before that.
        "confirmation": review_selectors.fa_confirmation(assessment=assessment),
        "overrides": list(review_selectors.publication_overrides(assessment=assessment))
        if assessment.fa_sent_on
        else [],
    }
