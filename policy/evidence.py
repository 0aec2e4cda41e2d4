"""Evidence: who may see it (personal data to the team only) and who may add or change it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from assessments.models import OPEN_FOR_EVIDENCE
from policy.roles import acts_for_team, is_council_lead_for

if TYPE_CHECKING:
    from assessments.models import Assessment
    from evidence.models import EvidenceItem


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
    return acts_for_team(user, assessment) and assessment.status in OPEN_FOR_EVIDENCE
