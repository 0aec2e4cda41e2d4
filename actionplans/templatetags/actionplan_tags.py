"""The panel action plans add to the assessment page (issue 16): this assessment's plan once
published, and for a reassessment the previous assessment, its plan and the change."""

from django import template

import policy
from actionplans import selectors

register = template.Library()


@register.inclusion_tag("actionplans/_assessment_panel.html", takes_context=True)
def improvement_panel(context, assessment):
    user = context["request"].user
    previous = selectors.previous_assessment(assessment=assessment)
    result = {"assessment": assessment, "previous": previous, "show": False}
    if policy.can_view_action_plan(user, assessment):
        result.update(show=True, plan=selectors.plan_outcome(
            selectors.action_plan(assessment=assessment)))  # fmt: skip
    if previous is not None and policy.can_view_draft(user, assessment):
        result.update(show=True,
                      changes=selectors.reassessment_changes(assessment=assessment,
                                                             previous=previous))  # fmt: skip
        if policy.can_view_action_plan(user, previous):
            result["previous_plan"] = selectors.plan_outcome(
                selectors.action_plan(assessment=previous)
            )
    return result
