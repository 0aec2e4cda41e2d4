"""The permission policy: the one place that decides who may see or do what.

A package above the apps it rules: it reads their models and roles, never their services or
views; the apps import it to ask, and `core/` never does. One module per topic; this module
re-exports every rule, so callers write `import policy` and
`policy.can_edit_evidence(user, assessment)`. The API asks it through `policy.api`.

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

from policy.accounts import (
    can_manage_token,
    can_unlock_users,
)
from policy.actionplans import (
    can_edit_action_plan,
    can_view_action_plan,
)
from policy.assessments import (
    can_create_assessment,
    can_edit_assessment,
    can_make_transition,
    can_score,
    can_view_assessment,
    can_view_draft,
    can_view_history,
    visible_assessments,
)
from policy.calibration import (
    can_manage_calibration,
    can_record_calibration_outcome,
    can_view_calibration,
    can_view_moderation,
)
from policy.enforce import (
    require,
    require_view_assessment,
)
from policy.evidence import (
    can_edit_evidence,
    can_view_evidence,
    can_view_evidence_item,
    can_view_personal_data,
    visible_evidence,
)
from policy.fieldwork import (
    CASE_LIST_STATUSES,
    can_draw_sample,
    can_override_peoples_experience,
    can_record_session_notes,
    can_schedule_sessions,
    can_track_cases,
    can_upload_case_list,
    can_view_cases,
    can_view_fieldwork,
    can_view_own_calendar,
    can_view_programme,
    can_view_session_notes,
    can_view_sufficiency,
)
from policy.national import (
    can_enter_waiting_list,
    can_import_national_data,
)
from policy.picture import (
    can_enter_for_council,
    can_load_picture_data,
    can_view_council_winter_answers,
)
from policy.reports import (
    can_export,
    can_manage_reference_data,
    can_request_draft_report,
    can_request_published_report,
    can_retry_report,
    can_view_report,
)
from policy.returns import (
    RETURN_OPEN_STATUSES,
    can_accept_as_evidence,
    can_answer_for_council,
    can_issue_return,
    can_manage_contributors,
    can_manage_requests,
    can_see_council_view_beside_evidence,
    can_submit_return,
    can_view_council_portal,
    can_view_return_template,
    is_council_contributor_for,
    is_council_member_for,
    is_council_user,
    visible_portal_assessments,
)
from policy.reviews import (
    can_confirm_factual_accuracy,
    can_decide_challenge,
    can_edit_findings,
    can_extend_deadline,
    can_manage_publication_pauses,
    can_override_publication,
    can_raise_challenge,
    can_view_challenges,
)
from policy.roles import (
    acts_for_team,
    is_admin,
    is_assessor,
    is_council_lead,
    is_council_lead_for,
    is_lead_assessor,
    is_team_member,
)
from policy.search import (
    assessments_with_visible_challenges,
    assessments_with_visible_drafts,
    assessments_with_visible_evidence,
    assessments_with_visible_personal_data,
    can_search,
    visible_search_documents,
)

__all__ = [
    "can_unlock_users",
    "acts_for_team",
    "can_create_assessment",
    "can_decide_challenge",
    "can_edit_assessment",
    "can_edit_evidence",
    "can_edit_findings",
    "can_enter_waiting_list",
    "can_export",
    "can_extend_deadline",
    "can_import_national_data",
    "can_make_transition",
    "can_manage_reference_data",
    "can_manage_token",
    "can_raise_challenge",
    "can_request_draft_report",
    "can_request_published_report",
    "can_retry_report",
    "can_score",
    "can_view_assessment",
    "can_view_challenges",
    "can_view_draft",
    "can_view_evidence",
    "can_view_evidence_item",
    "can_view_history",
    "can_view_personal_data",
    "can_view_report",
    "is_admin",
    "is_assessor",
    "is_council_lead",
    "is_council_lead_for",
    "is_lead_assessor",
    "is_team_member",
    "require",
    "require_view_assessment",
    "visible_assessments",
    "visible_evidence",
    "RETURN_OPEN_STATUSES",
    "can_accept_as_evidence",
    "can_answer_for_council",
    "can_issue_return",
    "can_manage_contributors",
    "can_manage_requests",
    "can_see_council_view_beside_evidence",
    "can_submit_return",
    "can_view_council_portal",
    "can_view_return_template",
    "is_council_contributor_for",
    "is_council_member_for",
    "is_council_user",
    "visible_portal_assessments",
    "assessments_with_visible_challenges",
    "assessments_with_visible_drafts",
    "assessments_with_visible_evidence",
    "assessments_with_visible_personal_data",
    "can_search",
    "visible_search_documents",
    "CASE_LIST_STATUSES",
    "can_draw_sample",
    "can_override_peoples_experience",
    "can_record_session_notes",
    "can_schedule_sessions",
    "can_track_cases",
    "can_upload_case_list",
    "can_view_cases",
    "can_view_fieldwork",
    "can_view_own_calendar",
    "can_view_programme",
    "can_view_session_notes",
    "can_view_sufficiency",
    # the national picture: council returns (issue 18)
    "can_enter_for_council",
    "can_load_picture_data",
    "can_view_council_winter_answers",
    # issue 16
    "can_confirm_factual_accuracy",
    "can_manage_publication_pauses",
    "can_override_publication",
    "can_manage_calibration",
    "can_record_calibration_outcome",
    "can_view_calibration",
    "can_view_moderation",
    "can_edit_action_plan",
    "can_view_action_plan",
]
