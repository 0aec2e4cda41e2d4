"""The assessment page's deferred panels: the sections that cost queries over the case's
growing data (evidence counts, the return's completion, the panel, the plan, the timeline,
the change history).

The assessment page itself stays flat at national scale: it shows the facts, the scores, the
next steps and the report, and for each panel below only a heading and a link. With
JavaScript, htmx swaps each link for the panel as soon as the page has loaded; without it,
the link opens the panel as a page of its own. Both are the same view
(`assessments.views.panels.assessment_panel`) and the same template, so there is one
implementation of each panel.

A panel is shown (as a link, a fragment or a page) only to users its `visible` rule allows:
the same policy check its content makes, so nobody follows a link into a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import policy
from assessments.models import Assessment


@dataclass(frozen=True)
class DeferredPanel:
    slug: str  # in the panel's URL and its element id
    title: str  # the heading, on the assessment page and on the panel's own page
    link_text: str  # the link shown until (or instead of) the panel loading
    template: str  # renders the panel's content; gets `assessment`, `request` and `context`
    visible: Callable[[object, Assessment], bool]
    # Extra context for the template, computed only when the panel is rendered.
    context: Callable[[object, Assessment], dict] = field(default=lambda user, assessment: {})


def _evidence_context(user, assessment: Assessment) -> dict:
    from evidence import selectors as evidence_selectors

    return {
        "evidence_overview": evidence_selectors.assessment_evidence_overview(
            assessment=assessment, user=user
        ),
        "can_add_evidence": policy.can_edit_evidence(user, assessment),
    }


def _timeline_context(user, assessment: Assessment) -> dict:
    from assessments import selectors

    return {
        "can_view_timeline": True,
        "timeline": selectors.assessment_timeline(assessment=assessment),
    }


def _history_context(user, assessment: Assessment) -> dict:
    from evidence import selectors as evidence_selectors

    return {
        "assessment_history": list(evidence_selectors.object_history(assessment)),
        "assessment_field_labels": ASSESSMENT_FIELD_LABELS,
    }


ASSESSMENT_FIELD_LABELS = {
    "kind": "Kind",
    "status": "Status",
    "scoring_rule": "Scoring rule",
    "notified_on": "Notified",
    "site_visit_on": "Site visit",
    "fa_sent_on": "Factual accuracy sent",
    "fa_due_on": "Factual accuracy due",
    "published_on": "Published",
    "lead_assessor": "Lead assessor",
    "assessors": "Assessors",
    "withdrawn_reason": "Reason for withdrawal",
}


def _improvement_visible(user, assessment: Assessment) -> bool:
    # The plan once published; the change since the previous assessment to whoever may see
    # this one's scores (the panel says so when there is no earlier assessment).
    return policy.can_view_action_plan(user, assessment) or policy.can_view_draft(user, assessment)


PANELS: tuple[DeferredPanel, ...] = (
    DeferredPanel(
        slug="evidence",
        title="Evidence",
        link_text="Evidence counts per quality statement and category",
        template="assessments/panels/evidence.html",
        visible=policy.can_view_evidence,
        context=_evidence_context,
    ),
    DeferredPanel(
        slug="information-return",
        title="Information return and requests",
        link_text="The information return's completion and overdue requests",
        template="assessments/panels/information_return.html",
        visible=policy.acts_for_team,
    ),
    DeferredPanel(
        slug="quality-assurance",
        title="Quality assurance",
        link_text="The calibration panel and the council's confirmation",
        template="assessments/panels/quality_assurance.html",
        visible=policy.can_view_calibration,
    ),
    DeferredPanel(
        slug="improvement",
        title="Improvement and reassessment",
        link_text="The improvement action plan and the change since the previous assessment",
        template="assessments/panels/improvement.html",
        visible=_improvement_visible,
    ),
    DeferredPanel(
        slug="timeline",
        title="Timeline",
        link_text="Every step of the assessment, with its notes",
        template="assessments/_assessment_timeline.html",
        visible=policy.can_view_history,
        context=_timeline_context,
    ),
    DeferredPanel(
        slug="history",
        title="Change history",
        link_text="Every change to the assessment's dates, team and status",
        template="assessments/_assessment_history.html",
        visible=policy.can_view_history,
        context=_history_context,
    ),
)
BY_SLUG = {panel.slug: panel for panel in PANELS}


def visible_panels(user, assessment: Assessment) -> list[DeferredPanel]:
    """The deferred panels `user` may open on this assessment, in page order."""
    return [panel for panel in PANELS if panel.visible(user, assessment)]
