"""Reports and exports: who may request, see and retry report renderings, bulk exports and
reference data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assessments.models import AssessmentStatus
from policy.roles import acts_for_team, is_admin, is_council_lead_for

if TYPE_CHECKING:
    from assessments.models import Assessment
    from reports.models import Report


def can_request_draft_report(user, assessment: Assessment) -> bool:
    """Drafts: the team, until publication (then the published report is the one)."""
    return assessment.status != AssessmentStatus.PUBLISHED and acts_for_team(user, assessment)


def can_view_report(user, report: Report) -> bool:
    """Published reports: everyone. Drafts: the team; council leads of the council exactly
    the drafts sent to it for factual accuracy (`sent_to_council_on`: the draft made at the
    sending and any made while the check is open). A draft made after the assessment went
    back to scoring stays hidden from the council until the next sending."""
    assessment = report.assessment
    if report.kind == "published":
        return True
    if acts_for_team(user, assessment):
        return True
    return report.sent_to_council_on is not None and is_council_lead_for(
        user, assessment.council_id
    )


def can_request_published_report(user, assessment: Assessment) -> bool:
    """Render (or correct) the published report: the team and admins, once published."""
    return assessment.status == AssessmentStatus.PUBLISHED and acts_for_team(user, assessment)


def can_retry_report(user, report: Report) -> bool:
    """Queue a failed rendering again: whoever may request that kind of report."""
    if report.kind == "published":
        return can_request_published_report(user, report.assessment)
    return can_request_draft_report(user, report.assessment)


def can_export(user) -> bool:
    """Bulk exports of published reports and tables: admins."""
    return is_admin(user)


def can_manage_reference_data(user) -> bool:
    """Framework texts, imports of results and indicators: admins."""
    return is_admin(user)
