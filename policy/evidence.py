"""Evidence: who may see it (personal data to the team only) and who may add or change it.

Council leads and evidence (issue 16), from CQC's practice for local authority assessments:
CQC sends the draft report to the council so it can "check the factual accuracy and
completeness of the information we have used as evidence to reach our judgements and ratings"
(cqc.org.uk, "How we report and share", factual accuracy check). So:
- before the draft is sent (planned, evidence gathering, scoring, quality assurance, and
  after a return to scoring) a council lead sees no evidence list, item or file of the
  assessment: the judgements are not formed yet and the sources are the team's;
- from the sending, during the factual accuracy check and once published, a council lead of
  the council sees the evidence the draft relies on: items not withdrawn;
- never an item marked as containing personal data (nor its files), at any stage;
- the team and admins see everything; nobody else sees evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from assessments.models import OPEN_FOR_EVIDENCE, AssessmentStatus
from policy.roles import acts_for_team, is_council_lead_for

if TYPE_CHECKING:
    from assessments.models import Assessment
    from evidence.models import EvidenceItem


# The statuses in which the draft is with the council or published (see the docstring).
COUNCIL_EVIDENCE_STATUSES = (AssessmentStatus.FACTUAL_ACCURACY, AssessmentStatus.PUBLISHED)


def can_view_evidence(user, assessment: Assessment) -> bool:
    """Evidence lists: the team and admins; leads of the council only from the sending of
    the draft for factual accuracy (never the public)."""
    if acts_for_team(user, assessment):
        return True
    return assessment.status in COUNCIL_EVIDENCE_STATUSES and is_council_lead_for(
        user, assessment.council_id
    )


def can_view_personal_data(user, assessment: Assessment) -> bool:
    return acts_for_team(user, assessment)


def can_view_evidence_item(user, item: EvidenceItem) -> bool:
    if not can_view_evidence(user, item.assessment):
        return False
    if can_view_personal_data(user, item.assessment):
        return True
    return not item.contains_personal_data and item.withdrawn_at is None


def visible_evidence(user, assessment: Assessment, queryset: QuerySet) -> QuerySet:
    """Restrict an EvidenceItem queryset of one assessment to what `user` may see."""
    if not can_view_evidence(user, assessment):
        return queryset.none()
    if can_view_personal_data(user, assessment):
        return queryset
    return queryset.filter(contains_personal_data=False, withdrawn_at__isnull=True)


def can_edit_evidence(user, assessment: Assessment) -> bool:
    """Add, change or withdraw evidence: the team and admins, while the assessment is open
    and before the draft goes to the council."""
    return acts_for_team(user, assessment) and assessment.status in OPEN_FOR_EVIDENCE
