"""Quality assurance (issue 16): who may see and run an assessment's calibration panel, and
who sees the national moderation view.

- The panel is the team's and admins' business (never the council's: CQC validates its scores
  before the draft goes to the council), plus its chair when the chair is outside the team.
- The lead assessor (or an admin) prepares the panel and proposes the scores, while the
  assessment is at quality assurance and the panel is not signed off.
- The chair (or an admin) records the outcome per statement and signs the panel off, at
  quality assurance, once the scores are proposed.
- The national moderation view (how often panels changed scores): admins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assessments.models import AssessmentStatus
from policy.roles import acts_for_team, is_admin, is_lead_assessor

if TYPE_CHECKING:
    from assessments.models import Assessment


def _is_chair(user, assessment: Assessment) -> bool:
    # No panel yet: the reverse one-to-one raises an AttributeError subclass, so None.
    panel = getattr(assessment, "calibration_panel", None)
    chair_id = panel.chair_id if panel is not None else None
    return bool(user and user.is_authenticated and chair_id and chair_id == user.pk)


def can_view_calibration(user, assessment: Assessment) -> bool:
    """The panel page: the team, admins and the panel's chair."""
    return acts_for_team(user, assessment) or _is_chair(user, assessment)


def can_manage_calibration(user, assessment: Assessment) -> bool:
    """Members, meeting date, chair and the proposal: the lead assessor or an admin, at
    quality assurance (the service refuses once the panel is signed off)."""
    return assessment.status == AssessmentStatus.QUALITY_ASSURANCE and (
        is_admin(user) or is_lead_assessor(user, assessment)
    )


def can_record_calibration_outcome(user, assessment: Assessment) -> bool:
    """The agreed scores and the sign-off: the panel's chair or an admin, at quality
    assurance."""
    return assessment.status == AssessmentStatus.QUALITY_ASSURANCE and (
        is_admin(user) or _is_chair(user, assessment)
    )


def can_view_moderation(user) -> bool:
    """The national moderation view and its CSV: admins."""
    return is_admin(user)
