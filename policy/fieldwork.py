"""Fieldwork (issue 15): the case list, the tracked sample, the site-visit programme and
evidence sufficiency. Case data (the list, the sample, consent, contact attempts, journey
notes) is seen by the assessment team and admins only, never by the council, which only
uploads the list and sees the programme of sessions that involve it (not the notes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assessments.models import OPEN_FOR_EVIDENCE, AssessmentStatus
from policy.evidence import can_edit_evidence
from policy.returns import can_view_council_portal, is_council_member_for
from policy.roles import acts_for_team, is_admin, is_assessor, is_lead_assessor

if TYPE_CHECKING:
    from assessments.models import Assessment

# The council supplies its case list, and the team draws the sample, before scoring starts.
CASE_LIST_STATUSES = (AssessmentStatus.PLANNED, AssessmentStatus.EVIDENCE_GATHERING)


def can_view_fieldwork(user, assessment: Assessment) -> bool:
    """Whether the assessment's fieldwork pages exist for `user` at all (else 404): the team,
    admins and the council's leads and contributors (as the council portal)."""
    return can_view_council_portal(user, assessment)


def can_upload_case_list(user, assessment: Assessment) -> bool:
    """Upload the case list: the council's leads and contributors (and admins) while the
    assessment is planned or gathering evidence."""
    return assessment.status in CASE_LIST_STATUSES and (
        is_admin(user) or is_council_member_for(user, assessment.council_id)
    )


def can_view_cases(user, assessment: Assessment) -> bool:
    """The case list, the sample, consent, contact attempts and journey notes: the team and
    admins only, never the council."""
    return acts_for_team(user, assessment)


def can_draw_sample(user, assessment: Assessment) -> bool:
    """Draw or redraw the sample, add or drop a case: the team and admins before scoring."""
    return acts_for_team(user, assessment) and assessment.status in CASE_LIST_STATUSES


def can_track_cases(user, assessment: Assessment) -> bool:
    """Record consent, contact attempts and journey notes: the team and admins while the
    assessment takes evidence."""
    return acts_for_team(user, assessment) and assessment.status in OPEN_FOR_EVIDENCE


def can_view_programme(user, assessment: Assessment) -> bool:
    """The on-site programme (sessions, times, places): the team, admins and the council."""
    return can_view_council_portal(user, assessment)


def can_view_session_notes(user, assessment: Assessment) -> bool:
    """A session's notes and the evidence made from them: the team and admins only."""
    return acts_for_team(user, assessment)


def can_schedule_sessions(user, assessment: Assessment) -> bool:
    """Schedule or change sessions: the team and admins while the assessment takes evidence."""
    return acts_for_team(user, assessment) and assessment.status in OPEN_FOR_EVIDENCE


def can_record_session_notes(user, assessment: Assessment) -> bool:
    """Record a session's notes as evidence: whoever may add evidence."""
    return can_edit_evidence(user, assessment)


def can_view_sufficiency(user, assessment: Assessment) -> bool:
    """The evidence sufficiency heat-map (it counts personal-data evidence): the team and
    admins."""
    return acts_for_team(user, assessment)


def can_override_peoples_experience(user, assessment: Assessment) -> bool:
    """Record why the assessment may go to quality assurance without people's-experience
    evidence for every statement: the assessment's lead assessor, during scoring."""
    return (
        assessment.status == AssessmentStatus.SCORING
        and is_assessor(user)
        and is_lead_assessor(user, assessment)
    )


def can_view_own_calendar(user) -> bool:
    """An assessor's own calendar of sessions (and its ICS file): assessors and admins."""
    return is_assessor(user) or is_admin(user)
