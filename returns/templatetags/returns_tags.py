"""Panels the council portal adds to other apps' pages (home, assessment, evidence item, a
statement's evidence)."""

from django import template

import policy
from returns import selectors

register = template.Library()


@register.inclusion_tag("returns/_home_tasks.html", takes_context=True)
def open_tasks(context):
    """The signed-in user's open tasks with due dates (home page)."""
    user = context["request"].user
    return {"tasks": selectors.open_tasks(user)}


@register.inclusion_tag("returns/_assessment_panel.html", takes_context=True)
def return_panel(context, assessment):
    """For the team: return completion per statement and overdue requests."""
    user = context["request"].user
    if not policy.acts_for_team(user, assessment):
        return {"show": False}
    information_return = selectors.information_return_for(assessment)
    return {
        "show": True,
        "assessment": assessment,
        "information_return": information_return,
        "progress": information_return and selectors.return_progress(information_return),
        "completion": selectors.statement_completion(assessment),
        "overdue": selectors.overdue_requests(assessment),
        "can_issue": policy.can_issue_return(user, assessment),
    }


@register.inclusion_tag("returns/_evidence_source.html")
def evidence_source(item):
    """Where an evidence item accepted from the council came from."""
    source = selectors.evidence_source_for(item)
    if source is None:
        return {"source": None}
    if source.answer_id:
        label = f"Information return item {source.answer.item}"
        url = selectors.answer_url(source.answer)
    else:
        label = f"Answer to the document request “{source.response.request.title}”"
        url = source.response.request.get_absolute_url()
    return {"source": source, "label": label, "url": url}


@register.inclusion_tag("returns/_council_view.html", takes_context=True)
def council_view(context, assessment, statement):
    """Beside a statement's evidence, for the team and admins: the council's self-assessment
    of the statement's theme and of the statement itself, labelled as the council's own."""
    user = context["request"].user
    if not policy.can_see_council_view_beside_evidence(user, assessment):
        return {"show": False}
    return {
        "show": True,
        "assessment": assessment,
        "view": selectors.self_assessment_beside(assessment, statement),
        "statement": statement,
    }
