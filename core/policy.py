"""The permission policy: the one place that decides who may see or do what.

Every web view, API view, export and task asks these functions; none decides for itself.

Principles:
- Admins may see everything and do every team action.
- The assessment team is the lead assessor and the assessors named on the assessment.
- Council leads see their own councils' assessments; the draft findings and scores only from
  the factual accuracy check on; never evidence marked as personal data.
- Once published, an assessment's summary, scores, findings and published report are public.
- A user who may not even see an assessment gets 404 (its existence is not disclosed);
  one who may see it but not act gets 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.roles import Role
from assessments.models import CLOSED_STATUSES, SCORING_STATUSES, AssessmentStatus

if TYPE_CHECKING:
    from assessments.models import Assessment
    from evidence.models import EvidenceItem
    from reports.models import Report


# ---- who is who --------------------------------------------------------------------------


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.ADMIN))


def is_assessor(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.ASSESSOR))


def is_council_lead(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.COUNCIL_LEAD))


def is_council_lead_for(user, council_id: int) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.has_role(Role.COUNCIL_LEAD)
        and council_id in user.council_ids
    )


def is_team_member(user, assessment: Assessment) -> bool:
    """In the named team (lead assessor or assessor) of this assessment."""
    if not (user and user.is_authenticated and user.has_role(Role.ASSESSOR)):
        return False
    return user.pk in assessment.team_user_ids()


def acts_for_team(user, assessment: Assessment) -> bool:
    """May do the assessment team's work: a team member or an admin."""
    return is_admin(user) or is_team_member(user, assessment)


def is_lead_assessor(user, assessment: Assessment) -> bool:
    return bool(user and user.is_authenticated and assessment.lead_assessor_id == user.pk)


# ---- assessments ------------------------------------------------------------------------


def can_view_assessment(user, assessment: Assessment) -> bool:
    """Published: everyone. Otherwise the team, admins and leads of the council."""
    if assessment.status == AssessmentStatus.PUBLISHED:
        return True
    return acts_for_team(user, assessment) or is_council_lead_for(user, assessment.council_id)


def can_view_draft(user, assessment: Assessment) -> bool:
    """Scores and findings before publication: the team; the council from the FA check on."""
    if assessment.status == AssessmentStatus.PUBLISHED:
        return True
    if acts_for_team(user, assessment):
        return True
    return assessment.status == AssessmentStatus.FACTUAL_ACCURACY and is_council_lead_for(
        user, assessment.council_id
    )


def visible_assessments(user, queryset: QuerySet) -> QuerySet:
    """Restrict an Assessment queryset to what `user` may see (same rule as above)."""
    if is_admin(user):
        return queryset
    visible = Q(status=AssessmentStatus.PUBLISHED)
    if user and user.is_authenticated:
        if user.has_role(Role.ASSESSOR):
            visible |= Q(lead_assessor=user) | Q(assessors=user)
        if user.has_role(Role.COUNCIL_LEAD):
            visible |= Q(council_id__in=user.council_ids)
    return queryset.filter(visible).distinct()


def can_create_assessment(user) -> bool:
    return is_admin(user)


def can_edit_assessment(user, assessment: Assessment) -> bool:
    """Dates and team: admins and the lead assessor, while the assessment is open."""
    return assessment.status not in CLOSED_STATUSES and (
        is_admin(user) or is_lead_assessor(user, assessment)
    )


def can_view_history(user, assessment: Assessment) -> bool:
    """The audit trail of an assessment and its evidence: the team and admins."""
    return acts_for_team(user, assessment)


# ---- evidence ---------------------------------------------------------------------------


def can_view_evidence(user, assessment: Assessment) -> bool:
    """Evidence lists: the team, admins and leads of the council (never the public)."""
    return acts_for_team(user, assessment) or is_council_lead_for(user, assessment.council_id)


def can_view_personal_data(user, assessment: Assessment) -> bool:
    return acts_for_team(user, assessment)


def can_view_evidence_item(user, item: EvidenceItem) -> bool:
    if not can_view_evidence(user, item.assessment):
        return False
    return not item.contains_personal_data or can_view_personal_data(user, item.assessment)


def visible_evidence(user, assessment: Assessment, queryset: QuerySet) -> QuerySet:
    """Restrict an EvidenceItem queryset of one assessment to what `user` may see."""
    if not can_view_evidence(user, assessment):
        return queryset.none()
    if can_view_personal_data(user, assessment):
        return queryset
    return queryset.filter(contains_personal_data=False)


def can_edit_evidence(user, assessment: Assessment) -> bool:
    """Add, change or withdraw evidence: the team and admins, while the assessment is open
    and before the draft goes to the council."""
    return acts_for_team(user, assessment) and assessment.status in (
        AssessmentStatus.PLANNED,
        AssessmentStatus.EVIDENCE_GATHERING,
        AssessmentStatus.SCORING,
        AssessmentStatus.QUALITY_ASSURANCE,
    )


# ---- scoring and findings ---------------------------------------------------------------


def can_score(user, assessment: Assessment) -> bool:
    """Scores are set only in scoring and drafting or quality assurance, by the team."""
    return acts_for_team(user, assessment) and assessment.status in SCORING_STATUSES


def can_edit_findings(user, assessment: Assessment) -> bool:
    """Findings: the team, from scoring until publication (accepted challenges change them)."""
    return acts_for_team(user, assessment) and assessment.status in (
        *SCORING_STATUSES,
        AssessmentStatus.FACTUAL_ACCURACY,
    )


# ---- factual accuracy -------------------------------------------------------------------


def can_raise_challenge(user, assessment: Assessment) -> bool:
    """Council leads of the council, during the factual accuracy check (deadline checked by
    the service, which gives the reason)."""
    return assessment.status == AssessmentStatus.FACTUAL_ACCURACY and is_council_lead_for(
        user, assessment.council_id
    )


def can_view_challenges(user, assessment: Assessment) -> bool:
    return acts_for_team(user, assessment) or is_council_lead_for(user, assessment.council_id)


def can_decide_challenge(user, assessment: Assessment) -> bool:
    return assessment.status == AssessmentStatus.FACTUAL_ACCURACY and acts_for_team(
        user, assessment
    )


def can_extend_deadline(user, assessment: Assessment) -> bool:
    return assessment.status == AssessmentStatus.FACTUAL_ACCURACY and is_admin(user)


# ---- workflow ---------------------------------------------------------------------------


def can_make_transition(user, assessment: Assessment, allowed_roles: frozenset[str]) -> bool:
    """Whether `user` holds one of the roles a workflow transition allows.

    Roles in the transition map: "admin", "team" (any team member), "lead_assessor".
    """
    if "admin" in allowed_roles and is_admin(user):
        return True
    if "lead_assessor" in allowed_roles and (
        is_lead_assessor(user, assessment) and is_assessor(user)
    ):
        return True
    return "team" in allowed_roles and is_team_member(user, assessment)


# ---- reports and exports ----------------------------------------------------------------


def can_request_draft_report(user, assessment: Assessment) -> bool:
    return acts_for_team(user, assessment)


def can_view_report(user, report: Report) -> bool:
    """Published reports: everyone. Drafts: the team; the council once the draft is sent."""
    assessment = report.assessment
    if report.kind == "published":
        return True
    if acts_for_team(user, assessment):
        return True
    return assessment.fa_sent_on is not None and is_council_lead_for(user, assessment.council_id)


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


# ---- API tokens -------------------------------------------------------------------------


def can_manage_token(user, owner) -> bool:
    """Create or revoke `owner`'s API token: the owner; admins may revoke anyone's."""
    return bool(user and user.is_authenticated) and (user.pk == owner.pk or is_admin(user))


# ---- the national picture -------------------------------------------------------------


def can_enter_waiting_list(user) -> bool:
    """Waiting-list counts entered by form: admins and assessors."""
    return is_admin(user) or is_assessor(user)


def can_import_national_data(user) -> bool:
    """Indicator, spend and waiting-list files, indicator weights and pressure thresholds."""
    return can_manage_reference_data(user)


# ---- enforcing --------------------------------------------------------------------------


def require(allowed: bool, *, hide: bool = False, message: str = "") -> None:
    """Raise 404 when `hide` (the object must not be disclosed), else 403, unless allowed."""
    if allowed:
        return
    if hide:
        raise Http404
    raise PermissionDenied(message or "You do not have permission to do that.")


def require_view_assessment(user, assessment: Assessment) -> None:
    require(can_view_assessment(user, assessment), hide=True)


# ---- council portal (returns) ----
# The council's side of an assessment (issue 14): the information return, the
# self-assessment, document requests, contributors and notifications. Council users (leads
# and contributors of the council) see only their own council's requests, answers and
# self-assessment, never the team's evidence or notes; a council lead may do everything a
# contributor may, and admins everything.

RETURN_OPEN_STATUSES = (
    AssessmentStatus.PLANNED,
    AssessmentStatus.EVIDENCE_GATHERING,
    AssessmentStatus.SCORING,
    AssessmentStatus.QUALITY_ASSURANCE,
)


def is_council_contributor_for(user, council_id: int) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.has_role(Role.COUNCIL_CONTRIBUTOR)
        and council_id in user.council_ids
    )


def is_council_member_for(user, council_id: int) -> bool:
    """A lead or a contributor of the council."""
    return is_council_lead_for(user, council_id) or is_council_contributor_for(user, council_id)


def is_council_user(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and (user.has_role(Role.COUNCIL_LEAD) or user.has_role(Role.COUNCIL_CONTRIBUTOR))
    )


def can_view_council_portal(user, assessment: Assessment) -> bool:
    """The return, requests and self-assessment of an assessment: the team, admins and the
    council's leads and contributors."""
    return acts_for_team(user, assessment) or is_council_member_for(user, assessment.council_id)


def visible_portal_assessments(user, queryset: QuerySet) -> QuerySet:
    """Restrict an Assessment queryset to those whose council portal `user` may see."""
    if is_admin(user):
        return queryset
    if not (user and user.is_authenticated):
        return queryset.none()
    visible = Q(pk__in=[])
    if user.has_role(Role.ASSESSOR):
        visible |= Q(lead_assessor=user) | Q(assessors=user)
    if is_council_user(user):
        visible |= Q(council_id__in=user.council_ids)
    return queryset.filter(visible).distinct()


def can_issue_return(user, assessment: Assessment) -> bool:
    """Issue the information return: the lead assessor (or an admin) before scoring."""
    return assessment.status in (
        AssessmentStatus.PLANNED,
        AssessmentStatus.EVIDENCE_GATHERING,
    ) and (is_admin(user) or (is_assessor(user) and is_lead_assessor(user, assessment)))


def can_answer_for_council(user, assessment: Assessment) -> bool:
    """Answer return items, requests and write the self-assessment: the council's leads and
    contributors (and admins) while the assessment gathers evidence (planned to QA). Whether
    the return is still open is the service's rule, which gives the reason."""
    return assessment.status in RETURN_OPEN_STATUSES and (
        is_admin(user) or is_council_member_for(user, assessment.council_id)
    )


def can_submit_return(user, assessment: Assessment) -> bool:
    """Submit the whole return (or the self-assessment): the council's leads and admins."""
    return assessment.status in RETURN_OPEN_STATUSES and (
        is_admin(user) or is_council_lead_for(user, assessment.council_id)
    )


def can_manage_requests(user, assessment: Assessment) -> bool:
    """Raise, accept, ask for more on or withdraw document requests, and reopen the return:
    the team and admins while the assessment gathers evidence (planned to QA)."""
    return assessment.status in RETURN_OPEN_STATUSES and acts_for_team(user, assessment)


def can_accept_as_evidence(user, assessment: Assessment) -> bool:
    """Turn a council answer into evidence: whoever may add evidence."""
    return can_edit_evidence(user, assessment)


def can_view_return_template(user) -> bool:
    """The information return template: every signed-in user (it is what councils are asked)."""
    return bool(user and user.is_authenticated)


def can_manage_contributors(user, council_id: int) -> bool:
    """Invite or remove a council's contributors: its leads and admins."""
    return is_admin(user) or is_council_lead_for(user, council_id)
